import { memo, useMemo } from 'react';
import type { Annotation } from '../domain/annotation';
import { labelById, type Label } from '../domain/labels';
import { relationChains, type Relation } from '../domain/relations';
import { useI18n } from '../i18n/context';
import { LabelChip, shortQuote } from './LabelChip';
import { labelName, relationTypeName } from '../i18n/messages';


interface Props {
  annotations: readonly Annotation[];
  /** The annotation with this id (the session's index: no map is rebuilt per change). */
  find(id: string): Annotation | undefined;
  labels: readonly Label[];
  onPick(id: string): void;
}

/** The record's relations as chains problem → recommendation → response, each relation once. */
export const RelationList = memo(function RelationList({ annotations, find, labels, onPick }: Props) {
  const { t, language } = useI18n();
  const { chains, others } = useMemo(() => relationChains(annotations, (id) => find(id) !== undefined), [annotations, find]);
  const count = chains.reduce((n, c) => n + c.steps.reduce((m, s) => m + (s.addresses ? 1 : 0) + s.responses.length, 0), 0) + others.length;

  const span = (id: string) => {
    const a = find(id);
    const label = a && labelById(labels, a.label);
    return (
      <button type="button" className="yi-relation-span" onClick={() => onPick(id)} title={a?.text}>
        <LabelChip label={label} fallback={a?.label ?? '?'} /> {shortQuote(a?.text ?? '', 40)}
      </button>
    );
  };
  const typeName = (id: string) => relationTypeName(id, language);
  /** A chain's step whose type reads as its span's label ("回应" responds with a "回应") names it once. */
  const sameName = (type: string, id: string) => {
    const label = labelById(labels, find(id)?.label ?? '');
    return label !== undefined && labelName(label, language) === typeName(type);
  };
  /** One relation: its type and the span it adds to the chain (both ends when out of a chain). */
  const item = (r: Relation, shown: string | null) => (
    <li key={r.id} data-testid="relation-item" data-from={r.from} data-to={r.to} data-type={r.type} data-relation-id={r.id}>
      {shown === null && span(r.from)}
      <span className="yi-relation-type" title={typeName(r.type)}>
        {shown === null ? `${typeName(r.type)} →` : sameName(r.type, shown) ? '↳' : `↳ ${typeName(r.type)}`}
      </span>
      {span(shown ?? r.to)}
    </li>
  );

  return (
    <section className="yi-relations" aria-label={t('relations.heading')}>
      <h2>
        {t('relations.heading')} <span className="yi-count" data-testid="relation-count">{count}</span>
      </h2>
      {/* Focusable: a region that scrolls must be reachable by keyboard (axe: scrollable-region-focusable). */}
      <div className="yi-relations-scroll" tabIndex={0} role="region" aria-label={t('relations.heading')}>
        {count === 0 && <p className="yi-muted">{t('relations.none')}</p>}
        <ul className="yi-relation-list" data-testid="relation-list">
          {chains.map((c, i) => (
            <li key={c.problem ?? `loose-${i}`} className="yi-chain">
              {c.problem ? span(c.problem) : <span className="yi-muted">{t('relations.noProblem')}</span>}
              <ul>
                {c.steps.flatMap((s) => [
                  s.addresses ? item(s.addresses, s.measure) : <li key={s.measure}>{span(s.measure)}</li>,
                  ...(s.responses.length > 0
                    ? [
                        <li key={`${s.measure}-responses`}>
                          <ul>{s.responses.map((r) => item(r, r.from))}</ul>
                        </li>,
                      ]
                    : []),
                ])}
              </ul>
            </li>
          ))}
          {others.length > 0 && (
            <li className="yi-chain">
              <span className="yi-muted">{t('relations.others')}</span>
              <ul>{others.map((r) => item(r, null))}</ul>
            </li>
          )}
        </ul>
      </div>
    </section>
  );
});
