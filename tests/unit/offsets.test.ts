import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { TextIndex, codePointLength } from '../../src/domain/textIndex';
import { cp, u16 } from '../../src/domain/units';

// ---------------------------------------------------------------------------------------------
// Independent helpers (deliberately not using TextIndex): Python-like code-point arithmetic.

/** Python's text[start:end] on code points. */
const pySlice = (text: string, start: number, end: number): string =>
  Array.from(text).slice(start, end).join('');

/** Python's len(text). */
const pyLen = (text: string): number => Array.from(text).length;

/** The UTF-16 offset of code point `c` (what JS `text.slice` needs for Python's text[:c]). */
const utf16OfCodePoint = (text: string, c: number): number => pySlice(text, 0, c).length;

/** The code-point offset of a UTF-16 offset that does not split a surrogate pair. */
const codePointOfUtf16 = (text: string, u: number): number => pyLen(text.slice(0, u));

/** Every UTF-16 offset in text that falls between a high and a low surrogate. */
function splitOffsets(text: string): number[] {
  const out: number[] = [];
  for (let i = 1; i < text.length; i++) {
    const hi = text.charCodeAt(i - 1);
    const lo = text.charCodeAt(i);
    if (hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff) out.push(i);
  }
  return out;
}

const JI = '𠮷'; // U+20BB7, one code point, two UTF-16 units
const CODER = '👩‍💻'; // woman + ZWJ + laptop: 3 code points, 5 UTF-16 units, one grapheme

describe('TextIndex on BMP-only Chinese text', () => {
  const text = '主持人：现在开会。\n　　张三：我提议增加预算，理由如下。\n\n李四：反对！';
  const index = new TextIndex(text);

  it('is the identity in both directions', () => {
    expect(index.hasAstral).toBe(false);
    expect(index.lengthUtf16).toBe(text.length);
    expect(index.lengthCodePoints).toBe(text.length);
    for (let i = 0; i <= text.length; i++) {
      expect(index.toUtf16(cp(i))).toBe(i);
      expect(index.toCodePoint(u16(i))).toBe(i);
    }
  });

  it('slices exactly like String.prototype.slice', () => {
    expect(index.sliceCodePoints(cp(4), cp(8))).toBe('现在开会');
    expect(index.sliceCodePoints(cp(0), cp(text.length))).toBe(text);
    expect(index.sliceCodePoints(cp(3), cp(3))).toBe('');
  });
});

describe('TextIndex with astral characters and ZWJ sequences', () => {
  // 𠮷 and 👩‍💻 before, inside and after the span "山田说：𠮷野家👩‍💻很好".
  const text = `${JI}${CODER}开头。山田说：${JI}野家${CODER}很好。结尾${JI}${CODER}`;
  const index = new TextIndex(text);

  it('knows the lengths in both units', () => {
    expect(index.hasAstral).toBe(true);
    expect(index.lengthUtf16).toBe(text.length);
    expect(index.lengthCodePoints).toBe(pyLen(text));
    // 3 × 𠮷 (1 cp, 2 units) and 3 × 👩‍💻 (3 cp, 5 units) on top of 14 BMP characters.
    expect(index.lengthCodePoints).toBe(14 + 3 * 1 + 3 * 3);
    expect(index.lengthUtf16).toBe(14 + 3 * 2 + 3 * 5);
    expect(codePointLength(text)).toBe(pyLen(text));
  });

  it('toUtf16 agrees with the independent slicer at every code point', () => {
    for (let c = 0; c <= pyLen(text); c++) {
      expect(index.toUtf16(cp(c))).toBe(utf16OfCodePoint(text, c));
    }
  });

  it('toCodePoint agrees with the independent slicer at every valid UTF-16 offset', () => {
    const split = new Set(splitOffsets(text));
    let checked = 0;
    for (let u = 0; u <= text.length; u++) {
      if (split.has(u)) continue;
      expect(index.toCodePoint(u16(u))).toBe(codePointOfUtf16(text, u));
      checked++;
    }
    expect(checked).toBe(pyLen(text) + 1);
  });

  it('slices a span with astral characters before, inside and after it like Python', () => {
    const needle = `山田说：${JI}野家${CODER}很好`;
    const u = text.indexOf(needle);
    const s = codePointOfUtf16(text, u);
    const e = s + pyLen(needle);
    expect(s).toBe(1 + 3 + 3); // 𠮷, 👩‍💻 (3 code points), 开头。
    expect(e - s).toBe(4 + 1 + 2 + 3 + 2);
    expect(index.sliceCodePoints(cp(s), cp(e))).toBe(needle);
    expect(index.sliceCodePoints(cp(s), cp(e))).toBe(pySlice(text, s, e));
    // Cutting a ZWJ sequence by code points is allowed here (this is a converter, not a selection):
    // the woman alone, then ZWJ + laptop.
    expect(index.sliceCodePoints(cp(1), cp(2))).toBe('👩');
    expect(index.sliceCodePoints(cp(2), cp(4))).toBe('\u200d💻');
  });

  it('round-trips every code-point offset', () => {
    for (let c = 0; c <= index.lengthCodePoints; c++) {
      expect(index.toCodePoint(index.toUtf16(cp(c)))).toBe(c);
    }
  });
});

describe('TextIndex errors', () => {
  const text = `甲${JI}乙${CODER}丙`;
  const index = new TextIndex(text);

  it('refuses a UTF-16 offset between the halves of a surrogate pair', () => {
    const split = splitOffsets(text);
    // 𠮷 at 1..3, 👩 at 4..6, 💻 at 7..9.
    expect(split).toEqual([2, 5, 8]);
    for (const u of split) {
      expect(() => index.toCodePoint(u16(u))).toThrow(RangeError);
      expect(() => index.toCodePoint(u16(u))).toThrow(`UTF-16 offset ${u} splits a surrogate pair`);
    }
    // Just before and after the pair are fine.
    expect(index.toCodePoint(u16(1))).toBe(1);
    expect(index.toCodePoint(u16(3))).toBe(2);
  });

  it('refuses out-of-range offsets and names the value', () => {
    const cpLen = pyLen(text);
    expect(() => index.toUtf16(cp(-1))).toThrow(RangeError);
    expect(() => index.toUtf16(cp(-1))).toThrow(/-1/);
    expect(() => index.toUtf16(cp(cpLen + 1))).toThrow(RangeError);
    expect(() => index.toUtf16(cp(cpLen + 1))).toThrow(new RegExp(`offset ${cpLen + 1} is outside`));
    expect(() => index.toUtf16(cp(1.5))).toThrow(/1\.5/);
    expect(() => index.toUtf16(cp(Number.NaN))).toThrow(RangeError);
    expect(() => index.toCodePoint(u16(-3))).toThrow(RangeError);
    expect(() => index.toCodePoint(u16(-3))).toThrow(/-3/);
    expect(() => index.toCodePoint(u16(text.length + 1))).toThrow(RangeError);
    expect(() => index.toCodePoint(u16(text.length + 1))).toThrow(
      new RegExp(`offset ${text.length + 1} is outside`),
    );
    // The ends themselves are fine.
    expect(index.toUtf16(cp(cpLen))).toBe(text.length);
    expect(index.toCodePoint(u16(text.length))).toBe(cpLen);
  });

  it('refuses a reversed or out-of-range slice', () => {
    expect(() => index.sliceCodePoints(cp(3), cp(2))).toThrow(RangeError);
    expect(() => index.sliceCodePoints(cp(3), cp(2))).toThrow(/3/);
    expect(() => index.sliceCodePoints(cp(0), cp(99))).toThrow(/99/);
  });

  it('handles the empty text', () => {
    const empty = new TextIndex('');
    expect(empty.lengthCodePoints).toBe(0);
    expect(empty.toUtf16(cp(0))).toBe(0);
    expect(empty.toCodePoint(u16(0))).toBe(0);
    expect(() => empty.toUtf16(cp(1))).toThrow(RangeError);
  });

  it('counts a lone surrogate as one code point, as Array.from does', () => {
    const broken = `a\ud842b\udfb7c${JI}`;
    const idx = new TextIndex(broken);
    expect(idx.lengthCodePoints).toBe(pyLen(broken));
    for (let c = 0; c <= pyLen(broken); c++) expect(idx.toUtf16(cp(c))).toBe(utf16OfCodePoint(broken, c));
  });
});

// ---------------------------------------------------------------------------------------------
// Property: sliceCodePoints is Python's slice.

const PIECES = [
  '会', '议', '记', '录', '，', '。', '　', ' ', 'a', 'Z', '1',
  JI, '𪚥', '𡃁', // astral CJK (Ext B)
  '😀', '🎉', '👍🏽', // emoji, one with a skin-tone modifier
  CODER, '👨‍👩‍👧', '🏳️‍🌈', // ZWJ sequences
  '🇨🇳', // regional-indicator pair
  'e\u0301', // combining accent
  '\n', '\r\n', '\n\n',
];

const textArb = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((parts) => parts.join(''));

const textAndRange = textArb.chain((text) => {
  const n = pyLen(text);
  return fc
    .tuple(fc.integer({ min: 0, max: n }), fc.integer({ min: 0, max: n }))
    .map(([x, y]) => ({ text, start: Math.min(x, y), end: Math.max(x, y) }));
});

describe('TextIndex properties', () => {
  it('sliceCodePoints(s, e) equals Array.from(text).slice(s, e).join("")', () => {
    fc.assert(
      fc.property(textAndRange, ({ text, start, end }) => {
        const index = new TextIndex(text);
        expect(index.sliceCodePoints(cp(start), cp(end))).toBe(pySlice(text, start, end));
      }),
      { numRuns: 500 },
    );
  });

  it('conversions agree with the independent slicer and round-trip', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const index = new TextIndex(text);
        expect(index.lengthCodePoints).toBe(pyLen(text));
        expect(index.hasAstral).toBe(splitOffsets(text).length > 0);
        const split = new Set(splitOffsets(text));
        for (let c = 0; c <= pyLen(text); c++) {
          const u = index.toUtf16(cp(c));
          expect(u).toBe(utf16OfCodePoint(text, c));
          expect(index.toCodePoint(u)).toBe(c);
        }
        for (let u = 0; u <= text.length; u++) {
          if (split.has(u)) expect(() => index.toCodePoint(u16(u))).toThrow(RangeError);
          else expect(index.toCodePoint(u16(u))).toBe(codePointOfUtf16(text, u));
        }
      }),
      { numRuns: 300 },
    );
  });
});
