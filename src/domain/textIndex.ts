import { cp, u16, type CodePointOffset, type Utf16Offset } from './units';

/**
 * The one place where code-point offsets and UTF-16 offsets are converted.
 *
 * Built once per document text in O(n); each conversion is a binary search over the positions of
 * astral characters (none at all in most Chinese records, so conversion is then the identity).
 */
export class TextIndex {
  readonly text: string;
  /** UTF-16 offsets of the high surrogate of every astral character, ascending. */
  private readonly astralUtf16: number[] = [];
  readonly lengthUtf16: Utf16Offset;
  readonly lengthCodePoints: CodePointOffset;

  constructor(text: string) {
    this.text = text;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          this.astralUtf16.push(i);
          i++;
        }
      }
    }
    this.lengthUtf16 = u16(text.length);
    this.lengthCodePoints = cp(text.length - this.astralUtf16.length);
  }

  get hasAstral(): boolean {
    return this.astralUtf16.length > 0;
  }

  /** Converts a code-point offset to UTF-16. Throws RangeError outside [0, lengthCodePoints]. */
  toUtf16(offset: CodePointOffset): Utf16Offset {
    if (!Number.isInteger(offset) || offset < 0 || offset > this.lengthCodePoints) {
      throw new RangeError(
        `code-point offset ${offset} is outside the text (0..${this.lengthCodePoints})`,
      );
    }
    // Number of astral characters whose code-point index is below `offset`. The astral character
    // at UTF-16 position p has code-point index p - (its rank in astralUtf16).
    let lo = 0;
    let hi = this.astralUtf16.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.astralUtf16[mid]! - mid < offset) lo = mid + 1;
      else hi = mid;
    }
    return u16(offset + lo);
  }

  /**
   * Converts a UTF-16 offset to code points. An offset that falls between the two halves of a
   * surrogate pair is refused with a RangeError: such an offset cannot be expressed in code points.
   */
  toCodePoint(offset: Utf16Offset): CodePointOffset {
    if (!Number.isInteger(offset) || offset < 0 || offset > this.lengthUtf16) {
      throw new RangeError(`UTF-16 offset ${offset} is outside the text (0..${this.lengthUtf16})`);
    }
    const before = this.astralBeforeUtf16(offset);
    if (before > 0 && this.astralUtf16[before - 1]! + 1 === offset) {
      throw new RangeError(`UTF-16 offset ${offset} splits a surrogate pair`);
    }
    return cp(offset - before);
  }

  /** Number of astral characters that start before the UTF-16 offset. */
  private astralBeforeUtf16(offset: number): number {
    let lo = 0;
    let hi = this.astralUtf16.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.astralUtf16[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The text between two code-point offsets (half-open). */
  sliceCodePoints(start: CodePointOffset, end: CodePointOffset): string {
    if (end < start) throw new RangeError(`range end ${end} is before start ${start}`);
    return this.text.slice(this.toUtf16(start), this.toUtf16(end));
  }
}

/** Number of code points in a string (astral characters count once). */
export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}
