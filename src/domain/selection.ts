import { graphemeCeil, graphemeFloor, nextGrapheme, previousGrapheme } from './graphemes';
import { u16, type Utf16Offset, type Utf16Range } from './units';

/** Whitespace that a selection is trimmed of: ASCII and Unicode spaces, U+3000, line breaks. */
const WHITESPACE = /^[\s\u200b\ufeff]$/u;

function isWhitespaceAt(text: string, offset: number): boolean {
  return WHITESPACE.test(text.charAt(offset));
}

/**
 * Turns what the analyst selected into the range an annotation covers: widened to whole grapheme
 * clusters (a surrogate pair or a ZWJ sequence is never split), then trimmed of surrounding
 * whitespace. Returns null when nothing but whitespace (or nothing at all) was selected.
 */
export function normaliseSelection(
  text: string,
  start: Utf16Offset,
  end: Utf16Offset,
): Utf16Range | null {
  let a = Math.max(0, Math.min(start, end, text.length));
  let b = Math.min(text.length, Math.max(start, end, 0));
  if (a === b) return null;
  a = graphemeFloor(text, a);
  b = graphemeCeil(text, b);
  while (a < b && isWhitespaceAt(text, a)) a = nextGrapheme(text, a);
  while (b > a && isWhitespaceAt(text, b - 1)) b = previousGrapheme(text, b);
  if (a >= b) return null;
  return { start: u16(a), end: u16(b) };
}
