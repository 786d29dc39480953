/**
 * Hard-wrapped plain text: a record wrapped at a fixed width (a legislature's transcript, a text
 * copied from a PDF) has a line break in the middle of a sentence, often between two ideographs.
 * Since the text is fixed once spans point into it, the import only *detects* this and offers the
 * joined text as a preview; nothing is changed unless the analyst chooses it.
 *
 * A break is a wrap when the line before it reaches the block's wrap width (the most common
 * width among the long lines, in columns: a wide CJK character counts two) and the next line does
 * not start a paragraph (indent, list or heading mark). A text is suspected when it has at least
 * three wraps between two CJK characters and those are most of its single line breaks.
 */
import { isHan, isWide, joinLines } from './cjk';

export interface HardWrapPreview {
  suspected: boolean;
  /** The wrap width, in columns (a CJK character counts two). 0 when none was found. */
  width: number;
  /** Single line breaks (not blank lines) in the text. */
  breaks: number;
  /** The breaks the joined version removes. */
  joins: number;
  /** The text with wrapped lines joined (no space between CJK characters); `text` itself when not suspected. */
  joined: string;
}

/** A line's width in columns: wide characters count two. */
export function columns(line: string): number {
  let width = 0;
  for (const ch of line) width += isWide(ch) ? 2 : 1;
  return width;
}

const PARAGRAPH_START = /^(?:[\u3000\t]|\s{2,}|#|[-*•]\s|[（(]?[一二三四五六七八九十\d]+[）)、.．]|第[一二三四五六七八九十百\d]+[章节条])/u;

/** The most common width among lines at least half as wide as the widest (ties: the wider). */
function wrapWidth(lines: readonly string[]): number {
  const widths = lines.map(columns);
  const widest = Math.max(0, ...widths);
  const counts = new Map<number, number>();
  for (const w of widths) if (w >= widest / 2 && w > 10) counts.set(w, (counts.get(w) ?? 0) + 1);
  let best = 0;
  let bestCount = 1;
  for (const [w, n] of counts) if (n > bestCount || (n === bestCount && w > best && n > 1)) [best, bestCount] = [w, n];
  return best;
}

/** Detects hard wrapping and builds the joined version. Pure; `text` uses LF line breaks. */
export function detectHardWrap(text: string): HardWrapPreview {
  const lines = text.split('\n');
  const width = wrapWidth(lines);
  const wraps: boolean[] = [];
  let breaks = 0;
  let hanWraps = 0;
  for (let i = 0; i + 1 < lines.length; i++) {
    const line = lines[i]!;
    const next = lines[i + 1]!;
    if (line.trim() === '' || next.trim() === '') {
      wraps.push(false);
      continue;
    }
    breaks++;
    // A wide character that does not fit in the last column wraps one column early.
    const wrap = width > 0 && columns(line) >= width - 1 && !PARAGRAPH_START.test(next);
    wraps.push(wrap);
    if (wrap && isHan(Array.from(line).at(-1) ?? '') && isHan(Array.from(next)[0] ?? '')) hanWraps++;
  }
  const joins = wraps.filter(Boolean).length;
  const suspected = hanWraps >= 3 && joins * 2 > breaks;
  if (!suspected) return { suspected: false, width, breaks, joins: 0, joined: text };
  const out: string[] = [];
  let current: string[] = [];
  lines.forEach((line, i) => {
    current.push(line);
    if (!wraps[i]) {
      out.push(joinLines(current));
      current = [];
    }
  });
  return { suspected, width, breaks, joins, joined: out.join('\n') };
}
