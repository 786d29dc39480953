import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { DOCUMENT_STATUSES, type DocumentStatus } from '../domain/document';
import type { Label } from '../domain/labels';
import type { DocumentSummary } from '../app/workbench';
import { errorText } from './noticeText';
import { useI18n } from '../i18n/context';
import { labelName, type Language } from '../i18n/messages';
import { DocumentDetailsDialog, type DetailsPatch } from './DocumentDetailsDialog';
import { keyHandler } from '../editor/keymap';

interface Props {
  documents: readonly DocumentSummary[];
  openId: string | null;
  onOpen(id: string): void;
  onDelete(id: string): void;
  /** The label set, for the filter by label counts. */
  labels: readonly Label[];
  /** Ids of the records whose title, details or text contain every word of the query. */
  search(query: string): Promise<Set<string>>;
  /** Spans per label per record (read when a label filter is first used, and after changes). */
  loadLabelCounts(): Promise<Map<string, Map<string, number>>>;
  /** Stores a record's details; throws if they were not stored. */
  onSaveDetails(id: string, patch: DetailsPatch): Promise<void>;
  /** Changes a record's status from the list. */
  onStatus(id: string, status: DocumentStatus): void;
  /** Deletes the records chosen with their check boxes (asked once, with the count). */
  onDeleteMany(ids: readonly string[]): void;
  /** Sets the status of the records chosen with their check boxes. */
  onStatusMany(ids: readonly string[], status: DocumentStatus): void;
}

export type SortKey = 'updated' | 'title' | 'date' | 'spans';
const SORT_KEYS: readonly SortKey[] = ['updated', 'title', 'date', 'spans'];

/** How long typing must pause before the library is searched. */
const SEARCH_DELAY_MS = 200;
/** How long after a change the label counts are read again (a burst of tagging reads once). */
const COUNTS_DELAY_MS = 300;

/** One formatter per language for every row: `toLocaleString` builds a new one per call (~1 ms each). */
const DATE_TIME = new Map<Language, Intl.DateTimeFormat>();

function when(iso: string, language: Language): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  let format = DATE_TIME.get(language);
  if (!format) DATE_TIME.set(language, (format = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' })));
  return format.format(d);
}

export function statusOf(d: DocumentSummary): DocumentStatus {
  const s = d.meta.status;
  return s && DOCUMENT_STATUSES.includes(s) ? s : 'not_started';
}

function tagsOf(d: DocumentSummary): string[] {
  return Array.isArray(d.meta.tags) ? d.meta.tags.filter((t): t is string => typeof t === 'string') : [];
}

function dateOf(d: DocumentSummary): string {
  return typeof d.meta.date === 'string' ? d.meta.date : '';
}

const byUpdated = (a: DocumentSummary, b: DocumentSummary) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0);

/** The records in the chosen order; ties go to the most recently changed. */
export function sortDocuments(docs: DocumentSummary[], key: SortKey, collator: Intl.Collator): DocumentSummary[] {
  const compare: (a: DocumentSummary, b: DocumentSummary) => number =
    key === 'title'
      ? (a, b) => collator.compare(a.title, b.title)
      : key === 'spans'
        ? (a, b) => b.annotationCount - a.annotationCount
        : key === 'date'
          ? // Newest meeting first; records without a date last.
            (a, b) => {
              const x = dateOf(a);
              const y = dateOf(b);
              return x === y ? 0 : !x ? 1 : !y ? -1 : x < y ? 1 : -1;
            }
          : () => 0;
  return docs.sort((a, b) => compare(a, b) || byUpdated(a, b));
}

/**
 * The library: every stored record with its span count, status and last change; searched,
 * filtered and sorted here (filtered-out records are not in the list).
 */
export const DocumentList = memo(function DocumentList({
  documents,
  openId,
  onOpen,
  onDelete,
  labels,
  search,
  loadLabelCounts,
  onSaveDetails,
  onStatus,
  onDeleteMany,
  onStatusMany,
}: Props) {
  const { t, language } = useI18n();
  const [confirming, setConfirming] = useState<string | null>(null);
  // Records chosen for a bulk change; a record that left the library leaves the choice.
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [confirmingBulk, setConfirmingBulk] = useState(false);
  const chosen = useMemo(() => documents.filter((d) => picked.has(d.id)), [documents, picked]);
  const pick = (id: string, on: boolean) =>
    setPicked((p) => {
      const next = new Set(p);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const clearPicked = () => {
    setPicked(new Set());
    setConfirmingBulk(false);
  };
  const [detailsFor, setDetailsFor] = useState<string | null>(null);

  // Search: debounced; a response to anything but the latest request is dropped.
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ query: string; ids: Set<string> } | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const searchRequest = useRef(0);
  // Searched again when a title, detail or record changes (not when a span count does).
  const searchKey = useMemo(() => documents.map((d) => `${d.id}\u0001${d.title}\u0001${JSON.stringify(d.meta)}`).join('\u0002'), [documents]);
  const trimmed = query.trim();
  useEffect(() => {
    const request = ++searchRequest.current;
    if (!trimmed) {
      setFound(null);
      setSearchError(null);
      return;
    }
    const timer = setTimeout(() => {
      search(trimmed).then(
        (ids) => {
          if (request !== searchRequest.current) return;
          setFound({ query: trimmed, ids });
          setSearchError(null);
        },
        (e: unknown) => request === searchRequest.current && setSearchError(errorText(language, e)),
      );
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [trimmed, searchKey, search]);

  const [status, setStatus] = useState<DocumentStatus | ''>('');
  const [tag, setTag] = useState('');
  /** '' any, 'none' / 'some' spans at all, or `with:<label>` / `without:<label>`. */
  const [spanFilter, setSpanFilter] = useState('');
  const [sort, setSort] = useState<SortKey>('updated');

  // Label counts: read only while a label filter is chosen, again after each change of the list.
  const byLabel = /^(with|without):(.+)$/.exec(spanFilter);
  const needsCounts = byLabel !== null;
  const [counts, setCounts] = useState<Map<string, Map<string, number>> | null>(null);
  const [countsError, setCountsError] = useState<string | null>(null);
  const countsRequest = useRef(0);
  const haveCounts = counts !== null;
  useEffect(() => {
    const request = ++countsRequest.current;
    if (!needsCounts) {
      setCounts(null);
      return;
    }
    const timer = setTimeout(
      () =>
        loadLabelCounts().then(
          (c) => {
            if (request !== countsRequest.current) return;
            setCounts(c);
            setCountsError(null);
          },
          (e: unknown) => request === countsRequest.current && setCountsError(errorText(language, e)),
        ),
      haveCounts ? COUNTS_DELAY_MS : 0,
    );
    return () => clearTimeout(timer);
    // `haveCounts` only picks the delay: a first read at once, later ones after a pause.
  }, [needsCounts, documents, loadLabelCounts]);

  const tagsInUse = useMemo(() => {
    const collator = new Intl.Collator('zh-CN');
    return [...new Set(documents.flatMap(tagsOf))].sort(collator.compare);
  }, [documents]);
  // A tag no record carries any more is no filter.
  const activeTag = tag && tagsInUse.includes(tag) ? tag : '';

  const collator = useMemo(() => new Intl.Collator(language, { numeric: true }), [language]);
  const visible = useMemo(() => {
    const ids = trimmed && found ? found.ids : null;
    const filtered = documents.filter((d) => {
      if (ids && !ids.has(d.id)) return false;
      if (status && statusOf(d) !== status) return false;
      if (activeTag && !tagsOf(d).includes(activeTag)) return false;
      if (spanFilter === 'none' && d.annotationCount > 0) return false;
      if (spanFilter === 'some' && d.annotationCount === 0) return false;
      if (byLabel && counts) {
        const n = counts.get(d.id)?.get(byLabel[2]!) ?? 0;
        if (byLabel[1] === 'with' ? n === 0 : n > 0) return false;
      }
      return true;
    });
    return sortDocuments(filtered, sort, collator);
    // byLabel is derived from spanFilter.
  }, [documents, trimmed, found, status, activeTag, spanFilter, counts, sort, collator]);

  const activeFilters = [status, activeTag, spanFilter].filter(Boolean).length + (sort === 'updated' ? 0 : 1);
  const searching = trimmed !== '' && found?.query !== trimmed;
  const detailsRecord = detailsFor ? (documents.find((d) => d.id === detailsFor) ?? null) : null;

  return (
    <nav className="yi-doclist" aria-labelledby="doclist-heading">
      <h2 id="doclist-heading">{t('docs.heading')}</h2>
      <div className="yi-doc-tools">
        <input
          type="search"
          data-testid="doc-search"
          aria-label={t('library.search')}
          placeholder={t('library.searchPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          onKeyDown={keyHandler(['field'], { 'field-cancel': () => query !== '' && void setQuery('') })}
        />
        <details className="yi-doc-filters" data-testid="doc-filters">
          <summary>{activeFilters ? t('library.filtersActive', { count: activeFilters }) : t('library.filters')}</summary>
          <label>
            <span>{t('library.status')}</span>
            <select data-testid="doc-filter-status" value={status} onChange={(e) => setStatus(e.currentTarget.value as DocumentStatus | '')}>
              <option value="">{t('library.anyStatus')}</option>
              {DOCUMENT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('library.tag')}</span>
            <select data-testid="doc-filter-tag" value={activeTag} onChange={(e) => setTag(e.currentTarget.value)}>
              <option value="">{t('library.anyTag')}</option>
              {tagsInUse.map((x) => (
                <option key={x} value={x} className="yi-data">
                  {x}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('library.spans')}</span>
            <select data-testid="doc-filter-spans" value={spanFilter} onChange={(e) => setSpanFilter(e.currentTarget.value)}>
              <option value="">{t('library.anySpans')}</option>
              <option value="some">{t('library.someSpans')}</option>
              <option value="none">{t('library.noSpans')}</option>
              {labels.map((l) => (
                <option key={`with:${l.id}`} value={`with:${l.id}`}>
                  {t('library.withLabel', { label: labelName(l, language) })}
                </option>
              ))}
              {labels.map((l) => (
                <option key={`without:${l.id}`} value={`without:${l.id}`}>
                  {t('library.withoutLabel', { label: labelName(l, language) })}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('library.sort')}</span>
            <select data-testid="doc-sort" value={sort} onChange={(e) => setSort(e.currentTarget.value as SortKey)}>
              {SORT_KEYS.map((k) => (
                <option key={k} value={k}>
                  {t(`library.sort.${k}`)}
                </option>
              ))}
            </select>
          </label>
        </details>
        <p className="yi-doc-count yi-muted" role="status">
          <span data-testid="doc-count" data-shown={visible.length} data-total={documents.length}>
            {t('library.count', { shown: visible.length, total: documents.length })}
          </span>
          {needsCounts && !counts && !countsError && <span> {t('library.counting')}</span>}
        </p>
        {(searchError || countsError) && (
          <p role="alert" className="yi-doc-error">
            {searchError ?? countsError}
          </p>
        )}
        {(trimmed || activeFilters > 0) && (
          <button
            type="button"
            className="yi-doc-clear"
            data-testid="doc-clear-filters"
            onClick={() => {
              setQuery('');
              setStatus('');
              setTag('');
              setSpanFilter('');
              setSort('updated');
            }}
          >
            {t('library.clear')}
          </button>
        )}
      </div>
      {chosen.length > 0 && (
        <BulkBar
          chosen={chosen}
          confirming={confirmingBulk}
          onConfirm={setConfirmingBulk}
          onDelete={() => {
            onDeleteMany(chosen.map((d) => d.id));
            clearPicked();
          }}
          onStatus={(x) => onStatusMany(chosen.map((d) => d.id), x)}
          onSelectAll={() => setPicked(new Set([...picked, ...visible.map((d) => d.id)]))}
          allShown={visible.every((d) => picked.has(d.id))}
          onClear={clearPicked}
        />
      )}
      <ul data-testid="doc-list" aria-busy={searching}>
        {visible.map((d) => {
          const s = statusOf(d);
          const tags = tagsOf(d);
          const date = dateOf(d);
          return (
            <li
              key={d.id}
              data-testid="doc-item"
              data-doc-id={d.id}
              data-status={s}
              className={d.id === openId ? 'is-open' : undefined}
              // A click anywhere on the item opens it, except on its own controls.
              onClick={(e) => {
                if (!(e.target as Element).closest('.yi-doc-delete, .yi-confirm, .yi-doc-details, .yi-doc-status, .yi-doc-pick')) onOpen(d.id);
              }}
            >
              <input
                type="checkbox"
                className="yi-doc-pick"
                data-testid="doc-pick"
                checked={picked.has(d.id)}
                aria-label={t('library.pick', { title: d.title })}
                onChange={(e) => pick(d.id, e.currentTarget.checked)}
              />
              <button type="button" className="yi-doc-open" aria-current={d.id === openId}>
                <span className="yi-doc-title">{d.title}</span>
                <span className="yi-muted">
                  {t('docs.meta', { count: d.annotationCount, when: when(d.updatedAt, language) })}
                </span>
              </button>
              <button
                type="button"
                className="yi-doc-details"
                data-testid="doc-details"
                title={t('library.detailsOf', { title: d.title })}
                aria-label={t('library.detailsOf', { title: d.title })}
                onClick={() => setDetailsFor(d.id)}
              >
                ✎
              </button>
              {confirming === d.id ? (
                <span className="yi-confirm" role="group" aria-label={t('docs.confirmLabel', { title: d.title })}>
                  {t('docs.confirmText', { count: d.annotationCount })}
                  <button type="button" data-testid="confirm-delete" onClick={() => { setConfirming(null); onDelete(d.id); }}>
                    {t('docs.delete')}
                  </button>
                  <button type="button" onClick={() => setConfirming(null)}>
                    {t('docs.keep')}
                  </button>
                </span>
              ) : (
                <button type="button" className="yi-doc-delete" data-testid="delete-doc" title={t('docs.deleteTitle', { title: d.title })} aria-label={t('docs.deleteTitle', { title: d.title })} onClick={() => setConfirming(d.id)}>
                  ×
                </button>
              )}
              <div className="yi-doc-extra">
                <select
                  className={`yi-doc-status is-${s}`}
                  data-testid="doc-status"
                  aria-label={t('library.statusOf', { title: d.title })}
                  value={s}
                  onChange={(e) => onStatus(d.id, e.currentTarget.value as DocumentStatus)}
                >
                  {DOCUMENT_STATUSES.map((x) => (
                    <option key={x} value={x}>
                      {t(`status.${x}`)}
                    </option>
                  ))}
                </select>
                {date && <span className="yi-doc-date yi-data">{date}</span>}
                {tags.map((x) => (
                  <span key={x} className="yi-doc-tag yi-data">
                    {x}
                  </span>
                ))}
              </div>
            </li>
          );
        })}
      </ul>
      {documents.length === 0 && <p className="yi-muted">{t('docs.empty')}</p>}
      {documents.length > 0 && visible.length === 0 && <p className="yi-muted">{t('library.noMatch')}</p>}
      <DocumentDetailsDialog record={detailsRecord} onClose={() => setDetailsFor(null)} onSave={onSaveDetails} />
    </nav>
  );
});

interface BulkBarProps {
  chosen: readonly DocumentSummary[];
  confirming: boolean;
  onConfirm(on: boolean): void;
  onDelete(): void;
  onStatus(status: DocumentStatus): void;
  onSelectAll(): void;
  allShown: boolean;
  onClear(): void;
}

/** "N selected": a status for all of them, delete them (asked once, with the counts), or clear the choice. */
function BulkBar({ chosen, confirming, onConfirm, onDelete, onStatus, onSelectAll, allShown, onClear }: BulkBarProps) {
  const { t } = useI18n();
  const spans = chosen.reduce((n, d) => n + d.annotationCount, 0);
  return (
    <div className="yi-bulk" role="group" aria-label={t('library.selected', { count: chosen.length })} data-testid="bulk-bar">
      <span data-testid="bulk-count" data-count={chosen.length}>
        {t('library.selected', { count: chosen.length })}
      </span>
      {!allShown && (
        <button type="button" data-testid="bulk-select-all" onClick={onSelectAll}>
          {t('library.selectAll')}
        </button>
      )}
      <select
        data-testid="bulk-status"
        aria-label={t('library.bulkStatus')}
        value=""
        onChange={(e) => e.currentTarget.value && onStatus(e.currentTarget.value as DocumentStatus)}
      >
        <option value="">{t('library.bulkStatus')}</option>
        {DOCUMENT_STATUSES.map((x) => (
          <option key={x} value={x}>
            {t(`status.${x}`)}
          </option>
        ))}
      </select>
      {confirming ? (
        <span className="yi-confirm" role="alertdialog" aria-label={t('library.bulkConfirm', { count: chosen.length, spans })}>
          {t('library.bulkConfirm', { count: chosen.length, spans })}
          <button type="button" data-testid="bulk-confirm-delete" onClick={onDelete}>
            {t('docs.delete')}
          </button>
          <button type="button" onClick={() => onConfirm(false)}>
            {t('docs.keep')}
          </button>
        </span>
      ) : (
        <button type="button" data-testid="bulk-delete" onClick={() => onConfirm(true)}>
          {t('library.bulkDelete')}
        </button>
      )}
      <button type="button" data-testid="bulk-clear" onClick={onClear}>
        {t('library.clearPicked')}
      </button>
    </div>
  );
}
