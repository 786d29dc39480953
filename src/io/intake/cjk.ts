/**
 * Which characters are "wide" (CJK) for joining lines: a line break between two of them, or
 * between one of them and anything, is removed without a space; between two narrow characters
 * (Latin letters, digits) it becomes one space.
 */

const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u2E80-\u2FDF\u3000-\u303F\uFF00-\uFFEF\u2014\u2026\u201C\u201D\u2018\u2019\u00B7]/u;

/** Whether a (single) character is wide: Han, kana, Hangul, CJK punctuation, full-width forms. */
export function isWide(char: string): boolean {
  return WIDE.test(char);
}

/** Whether a character is a Han ideograph (or a radical standing for one). */
export function isHan(char: string): boolean {
  return /[\p{Script=Han}\u2E80-\u2FDF]/u.test(char);
}

const lastChar = (s: string): string => Array.from(s.slice(-2)).at(-1) ?? '';
const firstChar = (s: string): string => String.fromCodePoint(s.codePointAt(0) ?? 0x20);

/** What goes between two pieces of one paragraph that a line break separated. */
export function joiner(before: string, after: string): string {
  if (before === '' || after === '') return '';
  const a = lastChar(before);
  const b = firstChar(after);
  if (/\s/.test(a) || /\s/.test(b)) return '';
  if (isWide(a) || isWide(b)) return '';
  if (a === '-' && /\p{L}/u.test(b)) return '';
  return ' ';
}

/** Joins the lines of one paragraph: no space next to a CJK character, one space between words. */
export function joinLines(lines: readonly string[]): string {
  let out = '';
  for (const line of lines) out += joiner(out, line) + line;
  return out;
}
