import { u16, type Utf16Offset, type Utf16Range } from './units';

/**
 * Where a new span's ends go: as selected, out to the clause around them, or out to whole words.
 * Snapping only widens, and never past a line break: a span never grows into another paragraph.
 */
export type SnapMode = 'none' | 'clause' | 'word';

/** Clause ends in Chinese deliberative text; a span snapped to clauses excludes them. */
export const CLAUSE_DELIMITERS = '，。；：！？,;:!?';
const isClauseEnd = (ch: string) => CLAUSE_DELIMITERS.includes(ch) || ch === '\n';

/** Above this many UTF-16 units of a line, word snapping looks only this far around the ends. */
const WORD_WINDOW = 64;

export function snapRange(text: string, start: Utf16Offset, end: Utf16Offset, mode: SnapMode): Utf16Range {
  if (start > end) [start, end] = [end, start];
  if (mode === 'none' || start === end) return { start, end };
  if (mode === 'clause') {
    let a: number = start;
    // A selection that starts on a delimiter (or ends on one) is moved inside the clause.
    while (a < end && isClauseEnd(text[a]!)) a++;
    let b: number = end;
    while (b > a && isClauseEnd(text[b - 1]!)) b--;
    if (a === b) return { start, end };
    while (a > 0 && !isClauseEnd(text[a - 1]!)) a--;
    while (b < text.length && !isClauseEnd(text[b]!)) b++;
    return { start: u16(a), end: u16(b) };
  }
  return { start: u16(wordStartAtOrBefore(text, start)), end: u16(wordEndAtOrAfter(text, end)) };
}

function segmenter(): Intl.Segmenter {
  return new Intl.Segmenter('zh', { granularity: 'word' });
}

function lineAround(text: string, at: number): [number, number] {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const nl = text.indexOf('\n', at);
  return [Math.max(lineStart, at - WORD_WINDOW), Math.min(nl < 0 ? text.length : nl, at + WORD_WINDOW)];
}

function wordStartAtOrBefore(text: string, at: number): number {
  const [lo, hi] = lineAround(text, at);
  let best = at;
  for (const seg of segmenter().segment(text.slice(lo, hi))) {
    const s = lo + seg.index;
    const e = s + seg.segment.length;
    if (s < at && at < e) best = s;
  }
  return best;
}

function wordEndAtOrAfter(text: string, at: number): number {
  const [lo, hi] = lineAround(text, at);
  let best = at;
  for (const seg of segmenter().segment(text.slice(lo, hi))) {
    const s = lo + seg.index;
    const e = s + seg.segment.length;
    if (s < at && at < e) best = e;
  }
  return best;
}
