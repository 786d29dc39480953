import { useEffect, useMemo, useRef, useState } from 'react';
import type { DocumentSession } from '../app/documentSession';
import { findAll, MAX_MATCHES } from '../domain/find';
import { activeLabels, type Label } from '../domain/labels';
import type { Utf16Range } from '../domain/units';
import { keyHandler } from '../editor/keymap';
import { useI18n } from '../i18n/context';
import { labelName } from '../i18n/messages';


interface Props {
  /** Changes when Ctrl+F is pressed again: the field takes the focus back. */
  focusSignal: number;
  session: DocumentSession;
  labels: readonly Label[];
  show(matches: readonly Utf16Range[], current: number): void;
  onClose(): void;
  onInfo(message: string): void;
}

/** Find in the record with highlighted matches, and "tag all matches" with a chosen label. */
export function FindBar({ focusSignal, session, labels, show, onClose, onInfo }: Props) {
  const { t, language } = useI18n();
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(0);
  const offered = activeLabels(labels);
  const [labelId, setLabelId] = useState(offered[0]?.id ?? '');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [focusSignal]);

  const matches = useMemo(() => findAll(session.document.text, query, MAX_MATCHES), [session, query]);
  const ranges = useMemo(
    () => matches.map((m) => ({ start: session.index.toUtf16(m.start), end: session.index.toUtf16(m.end) })),
    [matches, session],
  );
  const at = matches.length === 0 ? -1 : Math.min(current, matches.length - 1);
  useEffect(() => show(ranges, at), [ranges, at, show]);
  useEffect(() => () => show([], -1), [show]);

  const step = (by: number) => setCurrent((c) => (matches.length === 0 ? 0 : (c + by + matches.length) % matches.length));
  const tagAll = () => {
    const n = session.tagAll(matches, labelId);
    const label = labels.find((l) => l.id === labelId);
    onInfo(n > 0 ? t('find.tagged', { count: n, label: label ? labelName(label, language) : labelId }) : t('find.nothingNew'));
  };

  return (
    <div
      className="yi-findbar"
      role="search"
      aria-label={t('find.label')}
      onKeyDown={(e) =>
        keyHandler(['find'], {
          // Enter in the field steps through the matches (elsewhere it presses a button).
          'find-step': (hit) => e.target === input.current && void step(hit.dir),
          // Esc anywhere in the bar closes it (the field, a button, the label menu).
          'find-close': () => !e.defaultPrevented && void onClose(),
        })(e)
      }
    >
      <input
        ref={input}
        type="search"
        data-testid="find-in-doc"
        aria-label={t('find.label')}
        placeholder={t('find.placeholder')}
        value={query}
        onChange={(e) => {
          setQuery(e.currentTarget.value);
          setCurrent(0);
        }}
      />
      <span className="yi-find-count" data-testid="find-count" data-count={matches.length} aria-live="polite">
        {!query.trim()
          ? ''
          : matches.length === 0
            ? t('find.none')
            : t('find.count', { current: at + 1, total: `${matches.length}${matches.length >= MAX_MATCHES ? '+' : ''}` })}
      </span>
      <button type="button" aria-label={t('find.previous')} title={t('find.previous')} onClick={() => step(-1)} disabled={matches.length === 0}>
        ↑
      </button>
      <button type="button" aria-label={t('find.next')} title={t('find.next')} onClick={() => step(1)} disabled={matches.length === 0}>
        ↓
      </button>
      <label className="yi-find-tag">
        <span>{t('find.tagAllAs')}</span>
        <select data-testid="find-label" value={labelId} onChange={(e) => setLabelId(e.currentTarget.value)}>
          {offered.map((l) => (
            <option key={l.id} value={l.id}>
              {labelName(l, language)}
            </option>
          ))}
        </select>
      </label>
      <button type="button" data-testid="find-tag-all" onClick={tagAll} disabled={matches.length === 0}>
        {t('find.tagAll')}
      </button>
      <button type="button" aria-label={t('find.close')} title={t('find.close')} onClick={onClose}>
        ×
      </button>
    </div>
  );
}
