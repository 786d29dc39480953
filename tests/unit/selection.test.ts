import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { annotationFromSelection } from '../../src/domain/edits';
import { normaliseSelection } from '../../src/domain/selection';
import { TextIndex } from '../../src/domain/textIndex';
import { u16 } from '../../src/domain/units';

// ---------------------------------------------------------------------------------------------
// Independent helpers.

/** Python's text[start:end] on code points. */
const pySlice = (text: string, start: number, end: number): string =>
  Array.from(text).slice(start, end).join('');

/** Every grapheme-cluster boundary of the whole text (segmented in one go, no windowing). */
function clusterBoundaries(text: string): number[] {
  const seg = new Intl.Segmenter('und', { granularity: 'grapheme' });
  const out = [...seg.segment(text)].map((s) => s.index);
  out.push(text.length);
  return out;
}

/** What normaliseSelection should return, computed from whole-text clusters. */
function expectedSelection(text: string, x: number, y: number): { start: number; end: number } | null {
  let s = Math.max(0, Math.min(x, y, text.length));
  let e = Math.min(text.length, Math.max(x, y, 0));
  if (s === e) return null;
  const bounds = clusterBoundaries(text);
  s = Math.max(...bounds.filter((b) => b <= s));
  e = Math.min(...bounds.filter((b) => b >= e));
  const clusters: [number, number][] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    if (bounds[k]! >= s && bounds[k + 1]! <= e) clusters.push([bounds[k]!, bounds[k + 1]!]);
  }
  const blank = ([a, b]: [number, number]) => /^[\s\u200b\ufeff]+$/u.test(text.slice(a, b));
  while (clusters.length && blank(clusters[0]!)) clusters.shift();
  while (clusters.length && blank(clusters[clusters.length - 1]!)) clusters.pop();
  if (!clusters.length) return null;
  return { start: clusters[0]![0], end: clusters[clusters.length - 1]![1] };
}

const sel = (text: string, start: number, end: number) => normaliseSelection(text, u16(start), u16(end));
const textOf = (text: string, r: { start: number; end: number } | null) => (r ? text.slice(r.start, r.end) : null);

const JI = '𠮷';
const CODER = '👩‍💻';
const FAMILY = '👨‍👩‍👧';
const NOW = '2024-05-01T08:00:00.000Z';

describe('normaliseSelection: whitespace', () => {
  it('trims ASCII spaces, U+3000 and line breaks from both ends', () => {
    const text = '主持人：\n　 张三提议增加预算 　\n\n李四';
    const at = text.indexOf('张');
    const r = sel(text, 4, text.indexOf('李'));
    expect(r).toEqual({ start: at, end: at + '张三提议增加预算'.length });
    expect(textOf(text, r)).toBe('张三提议增加预算');
  });

  it('trims U+3000 full-width spaces alone', () => {
    const text = '　　发言　　';
    expect(sel(text, 0, text.length)).toEqual({ start: 2, end: 4 });
  });

  it('keeps whitespace inside the selection', () => {
    const text = ' 张 三　李四 ';
    expect(textOf(text, sel(text, 0, text.length))).toBe('张 三　李四');
  });

  it('returns null for an all-whitespace or empty selection', () => {
    const text = '甲 　\n\n\t乙';
    expect(sel(text, 1, 6)).toBeNull();
    expect(sel(text, 6, 1)).toBeNull();
    expect(sel(text, 3, 3)).toBeNull();
    expect(sel('', 0, 0)).toBeNull();
    expect(sel('　　', 0, 2)).toBeNull();
  });

  it('clamps offsets outside the text', () => {
    const text = ' 议事 ';
    expect(sel(text, -5, 999)).toEqual({ start: 1, end: 3 });
    expect(sel(text, 999, -5)).toEqual({ start: 1, end: 3 });
    expect(sel(text, 10, 20)).toBeNull();
  });
});

describe('normaliseSelection: never splits a character', () => {
  const text = `甲${JI}乙`; // 甲 0, 𠮷 1..3, 乙 3

  it('widens a selection ending between the surrogates of 𠮷 to include it', () => {
    expect(sel(text, 0, 2)).toEqual({ start: 0, end: 3 });
    expect(textOf(text, sel(text, 0, 2))).toBe(`甲${JI}`);
  });

  it('widens a selection starting between the surrogates back to include it', () => {
    expect(sel(text, 2, 4)).toEqual({ start: 1, end: 4 });
    expect(textOf(text, sel(text, 2, 4))).toBe(`${JI}乙`);
  });

  it('widens a selection entirely inside one surrogate pair to the character', () => {
    // An empty selection stays empty, but a half character becomes the character.
    expect(sel(text, 1, 2)).toEqual({ start: 1, end: 3 });
    expect(sel(text, 2, 3)).toEqual({ start: 1, end: 3 });
  });

  it('includes the whole ZWJ sequence 👩‍💻 when the selection cuts it', () => {
    const t = `我是${CODER}。`; // 👩‍💻 at 2..7
    expect(CODER.length).toBe(5);
    for (let cut = 3; cut < 7; cut++) {
      expect(sel(t, 0, cut)).toEqual({ start: 0, end: 7 });
      expect(sel(t, cut, 8)).toEqual({ start: 2, end: 8 });
    }
    expect(textOf(t, sel(t, 4, 5))).toBe(CODER);
  });

  it('includes the whole family 👨‍👩‍👧 when the selection cuts it', () => {
    const t = `家庭${FAMILY}成员`; // 2..10
    expect(FAMILY.length).toBe(8);
    expect(sel(t, 5, 6)).toEqual({ start: 2, end: 10 });
    expect(sel(t, 0, 3)).toEqual({ start: 0, end: 10 });
    expect(sel(t, 9, 12)).toEqual({ start: 2, end: 12 });
    expect(textOf(t, sel(t, 9, 12))).toBe(`${FAMILY}成员`);
  });

  it('handles reversed start and end', () => {
    const t = `我是${CODER}。`;
    expect(sel(t, 4, 0)).toEqual(sel(t, 0, 4));
    expect(sel(t, 4, 0)).toEqual({ start: 0, end: 7 });
  });

  it('keeps a combining accent with its letter', () => {
    const t = 'cafe\u0301!';
    expect(sel(t, 0, 4)).toEqual({ start: 0, end: 5 });
  });

  it('does not split a flag inside a long run of flags', () => {
    // Regional-indicator pairs are counted from the start of the run, far beyond a small window.
    const flags = '🇨🇳'.repeat(40);
    for (const k of [2, 20, 33, 39]) {
      const mid = 4 * k + 2; // between the two regional indicators of flag k
      const r = sel(flags, mid, mid + 1);
      expect(r).toEqual({ start: 4 * k, end: 4 * k + 4 });
      expect(textOf(flags, r)).toBe('🇨🇳');
    }
  });
});

describe('annotationFromSelection', () => {
  const text = `　${JI}野家的${CODER}说：预算不够。\n`;
  const index = new TextIndex(text);

  it('creates an annotation whose offsets are code points and whose text is the code-point slice', () => {
    // Select from the middle of 𠮷 to the middle of 👩‍💻.
    const a = annotationFromSelection(index, u16(2), u16(9), 'problem', NOW, 'id-1');
    expect(a).not.toBeNull();
    expect(a!.id).toBe('id-1');
    expect(a!.label).toBe('problem');
    expect(a!.start).toBe(1);
    expect(a!.end).toBe(1 + 1 + 3 + 3); // 𠮷 野家的 👩‍💻
    expect(a!.text).toBe(`${JI}野家的${CODER}`);
    expect(a!.text).toBe(pySlice(text, a!.start, a!.end));
    expect(a!.createdAt).toBe(NOW);
    expect(a!.updatedAt).toBe(NOW);
  });

  it('trims and converts to code points after an astral character', () => {
    const u = text.indexOf('预算');
    const a = annotationFromSelection(index, u16(text.length), u16(u), 'proposal', NOW, 'id-2');
    expect(a!.text).toBe('预算不够。');
    expect(a!.start).toBe(Array.from(text.slice(0, u)).length);
    expect(a!.text).toBe(pySlice(text, a!.start, a!.end));
  });

  it('returns null for whitespace only', () => {
    expect(annotationFromSelection(index, u16(0), u16(1), 'proposal', NOW)).toBeNull();
    expect(annotationFromSelection(index, u16(text.length - 1), u16(text.length), 'proposal', NOW)).toBeNull();
    expect(annotationFromSelection(index, u16(5), u16(5), 'proposal', NOW)).toBeNull();
  });

  it('gives a fresh id when none is passed', () => {
    const a = annotationFromSelection(index, u16(1), u16(3), 'proposal', NOW);
    const b = annotationFromSelection(index, u16(1), u16(3), 'proposal', NOW);
    expect(a!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(a!.id).not.toBe(b!.id);
  });
});

// ---------------------------------------------------------------------------------------------
// Property: against a whole-text segmentation.

const PIECES = [
  '会', '议', '。', '，', 'a', ' ', '　', '\n', '\n\n', '\t', '\u200b',
  JI, '𪚥', '😀', '👍🏽', CODER, FAMILY, '🏳️‍🌈', '🇨🇳', '🇺🇸', 'e\u0301',
  '🇨🇳'.repeat(18), // a run of flags longer than the segmentation window
];

const caseArb = fc
  .array(fc.constantFrom(...PIECES), { maxLength: 80 })
  .map((parts) => parts.join(''))
  .chain((text) =>
    fc.record({
      text: fc.constant(text),
      x: fc.integer({ min: -2, max: text.length + 2 }),
      y: fc.integer({ min: -2, max: text.length + 2 }),
    }),
  );

describe('normaliseSelection properties', () => {
  it('matches a whole-text cluster model, and annotations slice like Python', () => {
    fc.assert(
      fc.property(caseArb, ({ text, x, y }) => {
        const expected = expectedSelection(text, x, y);
        const r = sel(text, x, y);
        expect(r).toEqual(expected);
        const a = annotationFromSelection(new TextIndex(text), u16(x), u16(y), 'proposal', NOW, 'p');
        if (!expected) {
          expect(a).toBeNull();
        } else {
          expect(a!.text).toBe(text.slice(expected.start, expected.end));
          expect(a!.text).toBe(pySlice(text, a!.start, a!.end));
          expect(a!.start).toBe(Array.from(text.slice(0, expected.start)).length);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
