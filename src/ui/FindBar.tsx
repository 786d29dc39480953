import { useEffect, useMemo, useRef, useState } from 'react';
import type { DocumentSession } from '../app/documentSession';
import { findAll, MAX_MATCHES } from '../domain/find';
import { activeLabels, type Label } from '../domain/labels';
import type { Utf16Range } from '../domain/units';

const TEXT = {
  label: 'Find in the record',
  placeholder: 'Find in this record (Ctrl+F)',
  count: (current: number, total: number, capped: boolean) =>
    total === 0 ? 'no match' : `${current + 1} / ${total}${capped ? '+' : ''}`,
  previous: 'Previous match (Shift+Enter)',
  next: 'Next match (Enter)',
  tagAllAs: 'Tag all matches as',
  tagAll: 'Tag all',
  close: 'Close (Esc)',
  tagged: (n: number, label: string) => `Tagged ${n} match${n === 1 ? '' : 'es'} as ${label}.`,
  nothingNew: 'Every match is tagged with that label already.',
};

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
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(0);
  const offered = activeLabels(labels);
  const [labelId, setLabelId] = useState(offered[0]?.id ?? '');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [focusSignal]);

  const matches = useMemo(() => findAll(session.document.text, query, MAX_MATCHES, session.index), [session, query]);
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
    onInfo(n > 0 ? TEXT.tagged(n, label?.name ?? labelId) : TEXT.nothingNew);
  };

  return (
    <div
      className="yi-findbar"
      role="search"
      aria-label={TEXT.label}
      onKeyDown={(e) => {
        // Esc anywhere in the bar closes it (the field, a button, the label menu).
        if (e.key === 'Escape' && !e.defaultPrevented) {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <input
        ref={input}
        type="search"
        data-testid="find-in-doc"
        aria-label={TEXT.label}
        placeholder={TEXT.placeholder}
        value={query}
        onChange={(e) => {
          setQuery(e.currentTarget.value);
          setCurrent(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            step(e.shiftKey ? -1 : 1);
          }
        }}
      />
      <span className="yi-find-count" data-testid="find-count" data-count={matches.length} aria-live="polite">
        {query.trim() ? TEXT.count(at, matches.length, matches.length >= MAX_MATCHES) : ''}
      </span>
      <button type="button" aria-label={TEXT.previous} title={TEXT.previous} onClick={() => step(-1)} disabled={matches.length === 0}>
        ↑
      </button>
      <button type="button" aria-label={TEXT.next} title={TEXT.next} onClick={() => step(1)} disabled={matches.length === 0}>
        ↓
      </button>
      <label className="yi-find-tag">
        <span>{TEXT.tagAllAs}</span>
        <select data-testid="find-label" value={labelId} onChange={(e) => setLabelId(e.currentTarget.value)}>
          {offered.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name} {l.nameEn}
            </option>
          ))}
        </select>
      </label>
      <button type="button" data-testid="find-tag-all" onClick={tagAll} disabled={matches.length === 0}>
        {TEXT.tagAll}
      </button>
      <button type="button" aria-label={TEXT.close} title={TEXT.close} onClick={onClose}>
        ×
      </button>
    </div>
  );
}
