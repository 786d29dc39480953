import { useEffect, useMemo, useState } from 'react';
import { agreementCsv, measureAgreement, OWN_LAYER } from '../app/agreement';
import { ALL_LABELS, ALL_LAYERS, type AgreementRow } from '../domain/agreement/report';
import type { Label } from '../domain/labels';
import type { AnnotatedRecord } from '../domain/record';
import { useI18n } from '../i18n/context';
import { labelName, type MessageKey } from '../i18n/messages';
import { downloadBytes, safeFileName } from './download';
import { useModalDialog } from './useModalDialog';

export type AgreementScope = 'record' | 'library';

interface Props {
  open: boolean;
  onClose(): void;
  /** Whether a record is open (the record scope is offered only then). */
  hasRecord: boolean;
  labels: readonly Label[];
  load(scope: AgreementScope): Promise<AnnotatedRecord[]>;
  onError(message: string): void;
}

/**
 * The Agreement view: span F1 (exact, overlap) and Krippendorff's α_u between every pair of
 * layers, per label and over all labels, and α_u for all layers together; a matrix for three or
 * more layers; CSV. Numbers are shown rounded, kept whole in `data-value` for scripts.
 */
export function AgreementDialog({ open, onClose, hasRecord, labels, load, onError }: Props) {
  const { t, language } = useI18n();
  const ref = useModalDialog(open);
  const [scope, setScope] = useState<AgreementScope>(hasRecord ? 'record' : 'library');
  const [records, setRecords] = useState<AnnotatedRecord[] | null>(null);
  useEffect(() => {
    if (!open) return;
    let live = true;
    setRecords(null);
    load(scope).then(
      (r) => live && setRecords(r),
      (e: unknown) => live && onError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [open, scope, load, onError]);
  const labelIds = useMemo(() => labels.map((l) => l.id), [labels]);
  const table = useMemo(() => (records ? measureAgreement(records, labelIds) : null), [records, labelIds]);
  const layerName = (l: string) => (l === OWN_LAYER ? t('agreement.ownLayer') : l === ALL_LAYERS ? t('agreement.allLayers') : l);
  const labelText = (id: string) => {
    if (id === ALL_LABELS) return t('agreement.allLabels');
    const l = labels.find((x) => x.id === id);
    return l ? labelName(l, language) : id;
  };
  const pairs = table ? [...new Set(table.rows.map((r) => `${r.a}\u0000${r.b}`))].map((k) => k.split('\u0000') as [string, string]) : [];
  const downloadCsv = () => {
    if (!table) return;
    downloadBytes(safeFileName(`yishi-agreement-${scope}`) + '.csv', agreementCsv(table, t('agreement.ownLayer')), 'text/csv;charset=utf-8');
  };

  return (
    <dialog ref={ref} className="yi-dialog yi-agreement" data-testid="agreement-dialog" onCancel={onClose} onClose={onClose} aria-labelledby="agreement-heading">
      <div className="yi-dialog-head">
        <h2 id="agreement-heading">{t('agreement.heading')}</h2>
        <button type="button" onClick={onClose} data-testid="agreement-close">
          {t('common.close')}
        </button>
      </div>
      <div className="yi-agreement-bar">
        <label>
          <span>{t('agreement.scope')}</span>
          <select data-testid="agreement-scope" value={scope} onChange={(e) => setScope(e.currentTarget.value as AgreementScope)}>
            {hasRecord && <option value="record">{t('agreement.scopeRecord')}</option>}
            <option value="library">{t('agreement.scopeLibrary')}</option>
          </select>
        </label>
        <button type="button" data-testid="agreement-csv" onClick={downloadCsv} disabled={!table || table.rows.length === 0}>
          {t('agreement.csv')}
        </button>
      </div>
      {!table && <p className="yi-muted">{t('agreement.loading')}</p>}
      {table && (
        <p className="yi-muted" data-testid="agreement-layers">
          {table.layers.length === 0 ? t('agreement.noLayers') : t('agreement.layers', { layers: table.layers.map(layerName).join(t('common.listSeparator')) })}
        </p>
      )}
      {table && table.layers.length < 2 && (
        <p data-testid="agreement-undefined" className="yi-agreement-undefined">
          {t('agreement.notDefined')}: {t('agreement.needTwoLayers')}
        </p>
      )}
      {table && table.layers.length >= 3 && <Matrix rows={table.rows} layers={table.layers} name={layerName} />}
      {table && table.rows.length > 0 && (
        <div className="yi-agreement-scroll">
          <table data-testid="agreement-table" className="yi-agreement-table">
            <thead>
              <tr>
                <th scope="col">{t('agreement.pair')}</th>
                <th scope="col">{t('agreement.label')}</th>
                <th scope="col">{t('agreement.f1Exact')}</th>
                <th scope="col">{t('agreement.f1Overlap')}</th>
                <th scope="col">{t('agreement.alpha')}</th>
                <th scope="col">{t('agreement.counts')}</th>
              </tr>
            </thead>
            {pairs.map(([a, b]) => (
              <tbody key={`${a}/${b}`}>
                {table.rows
                  .filter((r) => r.a === a && r.b === b)
                  .map((r) => (
                    <tr key={r.label} data-testid="agreement-row" data-label={r.label} data-a={r.a === OWN_LAYER ? t('agreement.ownLayer') : r.a} data-b={r.b === OWN_LAYER ? t('agreement.ownLayer') : r.b} className={r.label === ALL_LABELS ? 'is-total' : undefined}>
                      <th scope="row">
                        {layerName(r.a)} · {layerName(r.b)}
                      </th>
                      <td>{labelText(r.label)}</td>
                      <Metric metric="f1-exact" value={r.exact?.f1} why={r.counts && r.counts.a + r.counts.b === 0 ? 'agreement.why.noSpans' : undefined} />
                      <Metric metric="f1-overlap" value={r.overlap?.f1} why={r.counts && r.counts.a + r.counts.b === 0 ? 'agreement.why.noSpans' : undefined} />
                      <Metric metric="alpha-u" value={r.alpha} why={r.alphaUndefined ? (`agreement.why.${r.alphaUndefined}` as MessageKey) : undefined} />
                      <td className="yi-agreement-counts">{r.counts ? `${r.counts.onlyA} / ${r.counts.onlyB} / ${r.counts.exact} / ${r.counts.overlapOnly} / ${r.counts.labelDisagreements}` : ''}</td>
                    </tr>
                  ))}
              </tbody>
            ))}
          </table>
        </div>
      )}
      <p className="yi-muted yi-agreement-explain">{t('agreement.explain')}</p>
    </dialog>
  );
}

/** One measure: rounded on screen, whole in data-value; "not defined" with its reason. */
function Metric({ metric, value, why }: { metric: string; value: number | null | undefined; why?: MessageKey | undefined }) {
  const { t } = useI18n();
  if (value === null || value === undefined) {
    if (value === undefined && !why) return <td />;
    const reason = why ? t(why as never) : '';
    return (
      <td data-metric={metric} data-value="" title={reason} className="yi-agreement-na">
        {t('agreement.notDefined')}
        {reason && <span className="yi-visually-hidden">: {reason}</span>}
      </td>
    );
  }
  return (
    <td data-metric={metric} data-value={String(value)}>
      {value.toFixed(3)}
    </td>
  );
}

/** F1 (overlap, all labels) of every pair, for three or more layers. */
function Matrix({ rows, layers, name }: { rows: readonly AgreementRow[]; layers: readonly string[]; name(l: string): string }) {
  const { t } = useI18n();
  const f1 = (a: string, b: string) => rows.find((r) => r.label === ALL_LABELS && ((r.a === a && r.b === b) || (r.a === b && r.b === a)))?.overlap?.f1;
  return (
    <table className="yi-agreement-matrix" data-testid="agreement-matrix" aria-label={t('agreement.matrix')}>
      <caption>{t('agreement.matrix')}</caption>
      <thead>
        <tr>
          <td />
          {layers.map((l) => (
            <th key={l} scope="col">
              {name(l)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {layers.map((a) => (
          <tr key={a}>
            <th scope="row">{name(a)}</th>
            {layers.map((b) => {
              const v = a === b ? 1 : f1(a, b);
              return <td key={b}>{v === null || v === undefined ? t('agreement.notDefined') : v.toFixed(3)}</td>;
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
