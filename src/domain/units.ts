/**
 * Offset units. Every offset in Yishi says what it counts.
 *
 * - `CodePointOffset`: Unicode code points, what Python's `str`, brat, Label Studio, spaCy and the
 *   W3C Web Annotation model count. Stored annotations and the native JSON use this unit.
 * - `Utf16Offset`: UTF-16 code units, what JavaScript strings, the DOM and ProseMirror count.
 *
 * The two differ only after an astral character (e.g. 𠮷 U+20BB7, most emoji). Conversion between
 * them happens in one place: `TextIndex` in `./textIndex`.
 */
export type CodePointOffset = number & { readonly __unit: 'codepoint' };
export type Utf16Offset = number & { readonly __unit: 'utf16' };

export const cp = (n: number): CodePointOffset => n as CodePointOffset;
export const u16 = (n: number): Utf16Offset => n as Utf16Offset;

/** A half-open range [start, end) in UTF-16 code units. */
export interface Utf16Range {
  start: Utf16Offset;
  end: Utf16Offset;
}
