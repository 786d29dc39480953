/**
 * Units a text is cut into for datasets: paragraphs (the blocks of `layout.ts`) and sentences.
 * All ranges are half-open code-point ranges into the document's canonical text.
 */
import type { MeetingDocument } from '../../domain/document';
import { layoutBlocks } from '../../domain/layout';
import type { TextIndex } from '../../domain/textIndex';
import { u16, type CodePointOffset } from '../../domain/units';

export interface TextUnit {
  kind: 'paragraph' | 'sentence';
  /** 1-based, in text order, over the whole document ("p3" is the third paragraph). */
  index: number;
  start: CodePointOffset;
  end: CodePointOffset;
}

/** JavaScript's \s: includes U+3000 (full-width space), NBSP and the BOM. */
const WHITE = /\s/;

/** Trims white space off a UTF-16 range of `text`; null if nothing is left. */
function trimRange(text: string, start: number, end: number): [number, number] | null {
  let s = start;
  let e = end;
  while (s < e && WHITE.test(text[s]!)) s++;
  while (e > s && WHITE.test(text[e - 1]!)) e--;
  return s < e ? [s, e] : null;
}

/** UTF-16 ranges of the paragraphs and headings (the layout's blocks), trimmed of white space. */
function blockRanges(doc: Pick<MeetingDocument, 'text' | 'format'>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const b of layoutBlocks(doc.text, doc.format)) {
    const r = trimRange(doc.text, b.start, b.end);
    if (r) out.push(r);
  }
  return out;
}

/**
 * Paragraph units: every block of the layout (headings included, as the reader sees them),
 * trimmed of surrounding white space; blocks of white space only are skipped.
 */
export function paragraphUnits(doc: Pick<MeetingDocument, 'text' | 'format'>, index: TextIndex): TextUnit[] {
  return blockRanges(doc).map(([s, e], i) => ({
    kind: 'paragraph',
    index: i + 1,
    start: index.toCodePoint(u16(s)),
    end: index.toCodePoint(u16(e)),
  }));
}

/** Characters that end a sentence. A line break ends one too. */
const TERMINATORS = new Set(['。', '！', '？', '；', '\n']);
/** Characters that stay with the sentence they close: terminators in a row, closing quotes and brackets. */
const CLOSERS = new Set(['。', '！', '？', '；', '”', '’', '」', '』', '）', ')', '》', '〉', '】', '〕', '"', "'", '…']);

/**
 * UTF-16 sentence ranges inside [start, end) of `text`: a sentence ends after 。！？； or a line
 * break, taking along the terminators and closing quotes/brackets that follow it
 * (“要加强。”下一句 → “要加强。” | 下一句). Trimmed of white space; empty ones are skipped.
 */
export function sentenceRangesIn(text: string, start: number, end: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let from = start;
  let i = start;
  while (i < end) {
    const ch = text[i]!;
    i++;
    if (TERMINATORS.has(ch)) {
      while (i < end && CLOSERS.has(text[i]!)) i++;
      const r = trimRange(text, from, i);
      if (r) out.push(r);
      from = i;
    }
  }
  const r = trimRange(text, from, end);
  if (r) out.push(r);
  return out;
}

/** Sentence units: the sentences of every paragraph unit (a sentence never crosses a block). */
export function sentenceUnits(doc: Pick<MeetingDocument, 'text' | 'format'>, index: TextIndex): TextUnit[] {
  const out: TextUnit[] = [];
  for (const [bs, be] of blockRanges(doc)) {
    for (const [s, e] of sentenceRangesIn(doc.text, bs, be)) {
      out.push({
        kind: 'sentence',
        index: out.length + 1,
        start: index.toCodePoint(u16(s)),
        end: index.toCodePoint(u16(e)),
      });
    }
  }
  return out;
}

/** The unit whose range contains the code-point offset (binary search), or undefined. */
export function unitAt(units: readonly TextUnit[], offset: number): TextUnit | undefined {
  let lo = 0;
  let hi = units.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (units[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  const u = units[lo];
  return u && u.start <= offset && offset < u.end ? u : undefined;
}

