import { memo, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Annotation } from '../domain/annotation';
import { labelById, type Label } from '../domain/labels';
import { LabelChip, shortQuote } from './LabelChip';
import { countLabels, updateLabelCounts } from './labelCounts';
import { useFixedRows } from './useFixedRows';
import { useI18n } from '../i18n/context';
import { labelName } from '../i18n/messages';

interface Props {
  annotations: readonly Annotation[];
  labels: readonly Label[];
  selectedId: string | null;
  onPick(id: string): void;
  /**
   * Tabs above the list (assisted tagging): `tabs` is the tab list; while `listHidden` the
   * annotation list and its filter are hidden (kept in the DOM, the count included) and
   * `children` (the other tab's panel) shows in their place.
   */
  tabs?: ReactNode;
  listHidden?: boolean;
  children?: ReactNode;
}

const EXCERPT = 80;
/** Every row has the same height (the quote is clamped to two lines), so scrolling to row i is exact. */
const ROW_HEIGHT = 66;


/** The open record's annotations in text order, with counts per label and a filter by label. */
export const AnnotationSidebar = memo(function AnnotationSidebar({ annotations, labels, selectedId, onPick, tabs, listHidden = false, children }: Props) {
  const { t, language } = useI18n();
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  // Counted from the previous list's counts: a change touches a few of up to 20,000 annotations.
  const counted = useRef<{ list: readonly Annotation[]; counts: ReadonlyMap<string, number> } | null>(null);
  const counts = useMemo(() => {
    const before = counted.current;
    const c = before ? updateLabelCounts(before.list, before.counts, annotations) : countLabels(annotations);
    counted.current = { list: annotations, counts: c };
    return c;
  }, [annotations]);
  const shown = useMemo(
    () => (hidden.size === 0 ? annotations : annotations.filter((a) => !hidden.has(a.label))),
    [annotations, hidden],
  );
  const scrollRef = useRef<HTMLDivElement>(null);
  // Only the rows in view are rendered: a record can carry 20,000 annotations.
  const rows = useFixedRows(scrollRef, shown.length, ROW_HEIGHT);
  // Keep the selected annotation in view, wherever it was selected.
  // Only when the selection changes, or when the selected span first appears in the list (a span
  // just tagged is selected before it is stored): a change from elsewhere never moves the list.
  const { scrollToRow } = rows;
  const scrolledTo = useRef<string | null>(null);
  useEffect(() => {
    if (!selectedId || scrolledTo.current === selectedId) return;
    const at = shown.findIndex((a) => a.id === selectedId);
    if (at < 0) return;
    scrolledTo.current = selectedId;
    // In the next frame, with the frame's own layout: setting scrollTop now would lay the page out
    // once more in the middle of the change.
    let frame = requestAnimationFrame(() => {
      frame = 0;
      scrollToRow(at);
    });
    return () => {
      if (!frame) return;
      // Not scrolled yet (the list changed first): the next run of this effect scrolls instead.
      cancelAnimationFrame(frame);
      scrolledTo.current = null;
    };
  }, [selectedId, shown]);
  const toggle = (id: string) =>
    setHidden((h) => {
      const next = new Set(h);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const offsetsTitle = t('sidebar.offsets');

  return (
    <aside className="yi-sidebar" aria-labelledby="sidebar-heading">
      {tabs}
      <div className="yi-sidebar-head" id="annotation-panel" hidden={listHidden}>
        <h2 id="sidebar-heading">
          {t('sidebar.heading')} <span className="yi-count" data-testid="annotation-count">{annotations.length}</span>
        </h2>
        <div className="yi-filter" role="group" aria-label={t('sidebar.filter')} data-testid="label-filter">
          {labels.map((l) => (
            <button
              key={l.id}
              type="button"
              className="yi-filter-chip"
              aria-pressed={!hidden.has(l.id)}
              data-testid={`filter-${l.id}`}
              onClick={() => toggle(l.id)}
              title={t(hidden.has(l.id) ? 'sidebar.show' : 'sidebar.hide', { label: labelName(l, language) })}
            >
              <span className="yi-swatch" style={{ background: l.color }} aria-hidden="true" />
              {labelName(l, language)} <span className="yi-count">{counts.get(l.id) ?? 0}</span>
            </button>
          ))}
        </div>
        {hidden.size > 0 && (
          <p className="yi-muted">
            {t('sidebar.showing', { shown: shown.length, total: annotations.length })}
          </p>
        )}
      </div>
      <div className="yi-annotation-scroll" ref={scrollRef} hidden={listHidden}>
        <ol className="yi-annotation-list" data-testid="annotation-list" style={{ height: rows.totalHeight }}>
          {shown.slice(rows.first, rows.last).map((a, k) => (
            <AnnotationRow
              key={a.id}
              annotation={a}
              label={labelById(labels, a.label)}
              selected={a.id === selectedId}
              top={(rows.first + k) * ROW_HEIGHT}
              onPick={onPick}
              offsetsTitle={offsetsTitle}
            />
          ))}
        </ol>
      </div>
      {annotations.length === 0 && !listHidden && (
        <p className="yi-muted yi-hint">
          {t('sidebar.emptyHint')}
        </p>
      )}
      {children}
    </aside>
  );
});

interface RowProps {
  annotation: Annotation;
  label: Label | undefined;
  selected: boolean;
  /** The row's offset in the list, px. */
  top: number;
  onPick(id: string): void;
  offsetsTitle: string;
}

/**
 * One row of the list. Memoised, with its content memoised apart: a change renders the changed
 * span's row only; the rows below an added or deleted one move (their offset changes) without
 * rendering their content again, and a scroll renders only the rows coming into view.
 */
const AnnotationRow = memo(function AnnotationRow({ annotation: a, label, selected, top, onPick, offsetsTitle }: RowProps) {
  return (
    <li
      data-testid="annotation-item"
      data-annotation-id={a.id}
      data-label={a.label}
      aria-current={selected ? 'true' : undefined}
      className={selected ? 'is-selected' : undefined}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
    >
      <RowButton annotation={a} label={label} onPick={onPick} offsetsTitle={offsetsTitle} />
    </li>
  );
});

const RowButton = memo(function RowButton({ annotation: a, label, onPick, offsetsTitle }: Omit<RowProps, 'selected' | 'top'>) {
  return (
    <button type="button" onClick={() => onPick(a.id)} title={a.text}>
      <LabelChip label={label} fallback={a.label} />
      <span className="yi-excerpt">{shortQuote(a.text, EXCERPT)}</span>
      <span className="yi-offsets" title={offsetsTitle}>
        {a.start}–{a.end}
      </span>
    </button>
  );
});
