import { useState } from 'react';
import { EXPORT_FORMATS, runExport, type FormatId, type FormatOptions } from '../app/exportClient';
import type { DocumentSummary, ExportScope } from '../app/workbench';
import type { Label } from '../domain/labels';
import { errorText } from './noticeText';
import { downloadBytes, safeFileName } from './download';
import { useModalDialog } from './useModalDialog';
import { useI18n } from '../i18n/context';
import { labelName } from '../i18n/messages';
import type { AnnotatedRecord } from '../domain/record';

export type { ExportScope } from '../app/workbench';

interface Props {
  open: boolean;
  onClose(): void;
  documents: readonly DocumentSummary[];
  openTitle: string | null;
  labels: readonly Label[];
  /** Reads the stored model for a scope (never the screen), with the labels it uses. */
  load(scope: ExportScope): Promise<{ documents: AnnotatedRecord[]; labels: Label[] }>;
  /** Called with the reason an export was refused, in the interface language (the caller says that it was). */
  onError(message: string): void;
}

/** Choose formats, scope and options; the export runs in a worker and downloads one file or a zip. */
export function ExportDialog({ open, onClose, documents, openTitle, labels, load, onError }: Props) {
  const { t, language } = useI18n();
  const [formats, setFormats] = useState<ReadonlySet<FormatId>>(new Set(['json']));
  const [scope, setScope] = useState<'open' | 'chosen' | 'all'>(openTitle ? 'open' : 'all');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [unit, setUnit] = useState<NonNullable<FormatOptions['unit']>>('document');
  const [split, setSplit] = useState(false);
  const [ratios, setRatios] = useState({ train: 80, dev: 10, test: 10, seed: 13 });
  const [bioLayer, setBioLayer] = useState('outermost');
  /** null: idle; total 0: reading the records from the library (no measure yet). */
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [report, setReport] = useState<string[] | null>(null);

  const ref = useModalDialog(open, () => {
    setScope(openTitle ? 'open' : 'all');
    setReport(null);
  });

  const toggle = <T,>(set: ReadonlySet<T>, value: T): Set<T> => {
    const next = new Set(set);
    if (next.has(value)) next.delete(value);
    else next.add(value);
    return next;
  };

  const start = async () => {
    setReport(null);
    setProgress({ done: 0, total: 0 });
    try {
      const target: ExportScope = scope === 'chosen' ? { kind: 'chosen', ids: [...chosen] } : { kind: scope };
      const { documents: docs, labels: exportLabels } = await load(target);
      if (docs.length === 0) throw new Error(t('export.nothing'));
      const single = docs.length === 1 ? docs[0]!.document.title : null;
      const baseName = safeFileName(single ?? `yishi-${new Date().toISOString().slice(0, 10)}`);
      const options: FormatOptions = {
        unit,
        split: split ? { seed: ratios.seed, train: ratios.train / 100, dev: ratios.dev / 100, test: ratios.test / 100 } : null,
        bioLayer,
      };
      const download = await runExport(
        { formats: [...formats], input: { documents: docs, labels: exportLabels, exportedAt: new Date().toISOString() }, options, baseName },
        (done, total) => setProgress({ done, total }),
      );
      downloadBytes(download.fileName, download.content, download.mime);
      setReport(download.report);
    } catch (e) {
      onError(errorText(language, e));
    } finally {
      setProgress(null);
    }
  };

  const splitSum = ratios.train + ratios.dev + ratios.test;
  return (
    <dialog ref={ref} className="yi-dialog yi-export" data-testid="export-dialog-panel" onCancel={onClose} aria-labelledby="export-heading">
      <form method="dialog" onSubmit={(e) => { e.preventDefault(); void start(); }}>
        <h2 id="export-heading">{t('export.heading')}</h2>
        <fieldset>
          <legend>{t('export.records')}</legend>
          <label>
            <input type="radio" name="scope" checked={scope === 'open'} disabled={!openTitle} onChange={() => setScope('open')} data-testid="export-scope-open" />
            {openTitle ? t('export.scopeOpenNamed', { title: openTitle }) : t('export.scopeOpen')}
          </label>
          <label>
            <input type="radio" name="scope" checked={scope === 'chosen'} onChange={() => setScope('chosen')} data-testid="export-scope-chosen" /> {t('export.scopeChosen')}
          </label>
          {scope === 'chosen' && (
            <ul className="yi-export-docs">
              {documents.map((d) => (
                <li key={d.id}>
                  <label>
                    <input type="checkbox" checked={chosen.has(d.id)} onChange={() => setChosen((c) => toggle(c, d.id))} data-testid="export-choose-doc" /> {d.title}{' '}
                    <span className="yi-muted">({d.annotationCount})</span>
                  </label>
                </li>
              ))}
            </ul>
          )}
          <label>
            <input type="radio" name="scope" checked={scope === 'all'} onChange={() => setScope('all')} data-testid="export-scope-all" /> {t('export.scopeAll', { count: documents.length })}
          </label>
        </fieldset>
        <fieldset>
          <legend>{t('export.formats')}</legend>
          <div className="yi-export-formats">
            {EXPORT_FORMATS.map((f) => (
              <label key={f.id}>
                <input type="checkbox" checked={formats.has(f.id)} onChange={() => setFormats((s) => toggle(s, f.id))} data-testid={`export-format-${f.id}`} />{' '}
                <span>
                  {t(`format.${f.id}`)}{' '}
                  {f.offsetUnit && <span className="yi-muted">{t('export.offsetsIn', { unit: t(`export.unit.${f.offsetUnit}`) })}</span>}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        {(formats.has('jsonl') || formats.has('bio')) && (
          <fieldset>
            <legend>{t('export.options')}</legend>
            {formats.has('jsonl') && (
              <>
                <label>
                  {t('export.jsonlUnit')}{' '}
                  <select value={unit} onChange={(e) => setUnit(e.target.value as typeof unit)} data-testid="export-jsonl-unit">
                    <option value="document">{t('export.jsonlUnit.document')}</option>
                    <option value="paragraph">{t('export.jsonlUnit.paragraph')}</option>
                    <option value="sentence">{t('export.jsonlUnit.sentence')}</option>
                  </select>
                </label>
                <label>
                  <input type="checkbox" checked={split} onChange={() => setSplit((v) => !v)} data-testid="export-split" /> {t('export.split')}
                </label>
                {split && (
                  <div className="yi-export-split">
                    {(['train', 'dev', 'test', 'seed'] as const).map((k) => (
                      <label key={k}>
                        {t(`export.split.${k}`)}
                        <input type="number" min={0} max={k === 'seed' ? undefined : 100} value={ratios[k]} onChange={(e) => setRatios((r) => ({ ...r, [k]: Number(e.target.value) }))} data-testid={`export-split-${k}`} />
                      </label>
                    ))}
                    {splitSum !== 100 && <span className="yi-warning">{t('export.ratioSum', { sum: splitSum })}</span>}
                  </div>
                )}
              </>
            )}
            {formats.has('bio') && (
              <label>
                {t('export.bioKeeps')}{' '}
                <select value={bioLayer} onChange={(e) => setBioLayer(e.target.value)} data-testid="export-bio-layer">
                  <option value="outermost">{t('export.bioOutermost')}</option>
                  {labels.map((l) => (
                    <option key={l.id} value={l.id}>
                      {t('export.bioOnly', { label: labelName(l, language) })}
                    </option>
                  ))}
                </select>{' '}
                <span className="yi-muted">{t('export.bioNote')}</span>
              </label>
            )}
          </fieldset>
        )}
        {progress &&
          (progress.total === 0 ? (
            <progress data-testid="export-progress" aria-label={t('export.reading')} />
          ) : (
            <progress data-testid="export-progress" value={progress.done} max={progress.total} aria-label={t('export.writing')} />
          ))}
        {report && (
          <div role="status" className="yi-export-report" data-testid="export-report">
            {report.length === 0 ? <p>{t('export.done')}</p> : (
              <>
                <p>{t('export.doneNotes', { count: report.length })}</p>
                <ul>{report.slice(0, 200).map((line, i) => <li key={i}>{line}</li>)}</ul>
              </>
            )}
          </div>
        )}
        <div className="yi-dialog-actions">
          <button type="button" onClick={onClose}>{t('common.close')}</button>
          <button type="submit" data-testid="export-download" disabled={formats.size === 0 || progress !== null || (split && splitSum !== 100)}>
            {t('export.download')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
