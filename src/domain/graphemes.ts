/**
 * Grapheme-cluster boundaries (what a reader calls one character: 𠮷, 👩‍💻, é as e + accent) near an
 * offset, found by segmenting a small window so the cost does not grow with the text.
 * Offsets here are UTF-16 code units.
 */
const segmenter = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/** Window half-width in UTF-16 units; longer clusters than this are not expected in real text. */
const WINDOW = 64;

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Whether the two UTF-16 units before `offset` are a regional indicator (half of a flag). */
function regionalIndicatorBefore(text: string, offset: number): boolean {
  if (offset < 2) return false;
  const c = text.codePointAt(offset - 2)!;
  return c >= 0x1f1e6 && c <= 0x1f1ff;
}

/** Sorted cluster boundaries inside [lo, hi] of text, lo and hi included when they are boundaries. */
function boundariesAround(text: string, offset: number): number[] {
  let lo = Math.max(0, offset - WINDOW);
  while (lo > 0 && isLowSurrogate(text.charCodeAt(lo))) lo--;
  // Regional indicators pair into flags counted from the start of their run, however far back:
  // start the window on a pair boundary, or a long run of flags is cut between the halves.
  let indicators = 0;
  for (let i = lo; regionalIndicatorBefore(text, i); i -= 2) indicators++;
  if (indicators % 2 === 1) lo -= 2;
  const hi = Math.min(text.length, offset + WINDOW);
  const result: number[] = [];
  for (const s of segmenter.segment(text.slice(lo, hi))) result.push(lo + s.index);
  result.push(hi);
  return result;
}

/** The last cluster boundary at or before offset. */
export function graphemeFloor(text: string, offset: number): number {
  if (offset <= 0) return 0;
  if (offset >= text.length) return text.length;
  let best = 0;
  for (const b of boundariesAround(text, offset)) {
    if (b <= offset) best = b;
    else break;
  }
  return best;
}

/** The first cluster boundary at or after offset. */
export function graphemeCeil(text: string, offset: number): number {
  if (offset <= 0) return 0;
  if (offset >= text.length) return text.length;
  for (const b of boundariesAround(text, offset)) if (b >= offset) return b;
  return text.length;
}

/** The boundary one cluster after offset (offset itself assumed to be a boundary). */
export function nextGrapheme(text: string, offset: number): number {
  if (offset >= text.length) return text.length;
  for (const b of boundariesAround(text, offset)) if (b > offset) return b;
  return text.length;
}

/** The boundary one cluster before offset (offset itself assumed to be a boundary). */
export function previousGrapheme(text: string, offset: number): number {
  if (offset <= 0) return 0;
  let best = 0;
  for (const b of boundariesAround(text, offset)) {
    if (b < offset) best = b;
    else break;
  }
  return best;
}
