import { describe, expect, it } from 'vitest';
import { unitizingAlpha, type Unit, type UnitizingStudy } from '../../src/domain/agreement/unitizingAlpha';

// Krippendorff (2004), p. 254, as DKPro Statistics' Krippendorff2004Test asserts it: continuum
// begin 150, length 300, two raters. (rater, category, begin, length)
const K2004: [number, string, number, number][] = [
  [0, 'c', 225, 70], [0, 'c', 370, 30], [1, 'c', 220, 80], [1, 'c', 355, 20], [1, 'c', 400, 20],
  [0, 'k', 180, 60], [0, 'k', 300, 50], [1, 'k', 180, 60], [1, 'k', 300, 50],
];

function study(rows: [number, string, number, number][], begin: number, length: number): UnitizingStudy {
  const units: Unit[] = rows.map(([rater, category, b, l]) => ({ rater, category, start: b, end: b + l }));
  return { raters: 2, begin, length, units };
}

// Krippendorff (1995), p. 57, as DKPro's Krippendorff1995Test.createExample builds it.
function k1995(stretch: number): UnitizingStudy {
  const s = (n: number) => Math.trunc(n * stretch);
  const rows: [number, string, number, number][] = [
    [0, 'A', 2, 8], [0, 'A', 14, 6], [1, 'A', 4, 4], [1, 'A', 15, 2],
    [0, 'B', 0, 18], [1, 'B', 0, 2], [1, 'B', 2, 1], [1, 'B', 3, 1], [1, 'B', 4, 1], [1, 'B', 5, 1], [1, 'B', 6, 3], [1, 'B', 9, 1],
    [0, 'C', 2, 6], [0, 'C', 10, 2], [0, 'C', 14, 4], [0, 'C', 20, 2], [1, 'C', 0, 2], [1, 'C', 4, 4], [1, 'C', 10, 4], [1, 'C', 16, 2], [1, 'C', 20, 2],
    [0, 'D', 0, 2], [0, 'D', 2, 8], [0, 'D', 10, 4], [0, 'D', 14, 6], [0, 'D', 20, 4], [1, 'D', 0, 4], [1, 'D', 4, 4], [1, 'D', 8, 7], [1, 'D', 15, 2], [1, 'D', 17, 7],
  ];
  return study(rows.map(([r, c, b, l]) => [r, c, s(b), s(l)]), 0, s(24));
}

describe("Krippendorff's unitizing alpha", () => {
  it('reproduces the 2004 worked example (DKPro: c 0.0144 / 0.0532 / 0.7286, k 0 / 0.0490 / 1, α_u 0.8591 ± 0.0005)', () => {
    const r = unitizingAlpha(study(K2004, 150, 300));
    const c = r.categories.find((x) => x.category === 'c')!;
    const k = r.categories.find((x) => x.category === 'k')!;
    expect(c.observed).toBeCloseTo(0.0144, 4);
    expect(c.expected).toBeCloseTo(0.0532, 4);
    expect(c.alpha!).toBeCloseTo(0.7286, 3);
    expect(k.observed).toBe(0);
    expect(k.expected).toBeCloseTo(0.049, 4);
    expect(k.alpha).toBe(1);
    expect(Math.abs(r.alpha! - 0.8591)).toBeLessThanOrEqual(0.0005);
  });

  it('the δ² of the overlapping c sections are 50, 850 and 400 (the 2004 paper)', () => {
    // D_o(c) · m(m−1)L² / 2 = Σ δ² over the overlapping sections: [225,295) against [220,300) is
    // 5² + 5²; [370,400) against [355,375) is 15² + 25²; rater 2's [400,420) lies in a gap of
    // rater 1: 20².
    const r = unitizingAlpha(study(K2004, 150, 300));
    const c = r.categories.find((x) => x.category === 'c')!;
    const sum = (c.observed * 2 * 1 * 300 * 300) / 2;
    expect(sum).toBeCloseTo(50 + 850 + 400, 6);
  });

  it('reproduces the 1995 worked example: observed disagreement exactly, expected and α at a large stretch', () => {
    const r1 = unitizingAlpha(k1995(1));
    const o = Object.fromEntries(r1.categories.map((x) => [x.category, x.observed]));
    expect(o.A).toBeCloseTo(0.03125, 5);
    expect(o.B).toBeCloseTo(2.26736, 5);
    expect(o.C).toBeCloseTo(0.02777, 4);
    expect(o.D).toBeCloseTo(0.38715, 5);
    const big = unitizingAlpha(k1995(1_200_000 / 24));
    const e = Object.fromEntries(big.categories.map((x) => [x.category, x]));
    expect(Math.abs(e.A!.expected - 0.0699)).toBeLessThan(0.005);
    expect(Math.abs(e.B!.expected - 1.17731)).toBeLessThan(0.005);
    expect(Math.abs(e.C!.expected - 0.08642)).toBeLessThan(0.005);
    expect(Math.abs(e.D!.expected - 0.41445)).toBeLessThan(0.005);
    expect(Math.abs(e.A!.alpha! - 0.553)).toBeLessThan(0.02);
    expect(Math.abs(e.B!.alpha! - -0.926)).toBeLessThan(0.02);
    expect(Math.abs(e.C!.alpha! - 0.679)).toBeLessThan(0.02);
    expect(Math.abs(e.D!.alpha! - 0.066)).toBeLessThan(0.02);
  });

  it('is 1 for identical raters and undefined (never 1 or NaN) for one rater, an empty text or no units', () => {
    const same = unitizingAlpha({ raters: 2, begin: 0, length: 100, units: [
      { rater: 0, category: 'p', start: 10, end: 20 }, { rater: 1, category: 'p', start: 10, end: 20 },
    ] });
    expect(same.alpha).toBe(1);
    expect(unitizingAlpha({ raters: 1, begin: 0, length: 100, units: [{ rater: 0, category: 'p', start: 1, end: 2 }] }).undefinedBecause).toBe('one-rater');
    expect(unitizingAlpha({ raters: 2, begin: 0, length: 0, units: [] }).undefinedBecause).toBe('empty-continuum');
    const none = unitizingAlpha({ raters: 2, begin: 0, length: 50, units: [] }, ['p']);
    expect(none.alpha).toBeNull();
    expect(none.categories[0]!.undefinedBecause).toBe('no-units');
  });

  it("merges a rater's overlapping spans of one category and is symmetric in the raters", () => {
    const nested = unitizingAlpha({ raters: 2, begin: 0, length: 100, units: [
      { rater: 0, category: 'p', start: 10, end: 30 }, { rater: 0, category: 'p', start: 15, end: 20 },
      { rater: 1, category: 'p', start: 10, end: 30 },
    ] });
    expect(nested.alpha).toBe(1);
    const a: Unit[] = [{ rater: 0, category: 'p', start: 5, end: 25 }, { rater: 1, category: 'p', start: 10, end: 30 }, { rater: 1, category: 'q', start: 40, end: 50 }];
    const swapped = a.map((u) => ({ ...u, rater: 1 - u.rater }));
    expect(unitizingAlpha({ raters: 2, begin: 0, length: 100, units: a }).alpha).toBeCloseTo(unitizingAlpha({ raters: 2, begin: 0, length: 100, units: swapped }).alpha!, 12);
  });
});
