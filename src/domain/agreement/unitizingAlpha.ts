/**
 * Krippendorff's unitizing alpha α_u (Krippendorff 1995, "On the reliability of unitizing
 * contiguous data"; the formulas of Krippendorff 2004, "Measuring the reliability of qualitative
 * text analysis data", as DKPro Statistics implements and tests them).
 *
 * The continuum is [begin, begin + length) (for a record: its code points). Each rater's units of
 * one category, with the gaps between them, cover the continuum. For category c:
 *
 *   D_o(c) = 2 / (m (m − 1) L²) · Σ over rater pairs i < j · Σ over overlapping sections g of i and
 *            h of j of δ²(g, h), where δ² is (b_g − b_h)² + (e_g − e_h)² for two units, l_g² for a
 *            unit g lying inside a gap h (and the mirror case), and 0 otherwise;
 *   D_e(c) = (2 / L) · Σ over units u of c [ (N_c − 1)(2l³ − 3l² + l) / 3 + l² Σ over gaps g ≥ l of
 *            (g − l + 1) ] / ( mL (mL − 1) − Σ over units u of c of l (l − 1) ),
 *
 * with m raters, L the continuum's length, N_c the number of units of c, l a unit's length.
 * α_c = 1 − D_o(c) / D_e(c); over all categories α_u = 1 − Σ D_o / Σ D_e.
 *
 * The model wants the units of one rater and one category not to overlap: a layer's overlapping or
 * nested spans of the same label are merged into their union first (touching spans stay two units).
 * A measure that cannot be computed (one rater, an empty continuum, nothing of that category
 * anywhere, D_e = 0) is `null`, with the reason.
 */

export interface Unit {
  /** Index of the rater (0 … raters − 1). */
  readonly rater: number;
  readonly category: string;
  readonly start: number;
  readonly end: number;
}

export interface UnitizingStudy {
  readonly raters: number;
  readonly begin: number;
  readonly length: number;
  readonly units: readonly Unit[];
}

export type Undefined = 'one-rater' | 'empty-continuum' | 'no-units' | 'no-expected-disagreement';

export interface CategoryAlpha {
  readonly category: string;
  readonly observed: number;
  readonly expected: number;
  readonly alpha: number | null;
  readonly undefinedBecause?: Undefined;
}

export interface AlphaResult {
  readonly alpha: number | null;
  readonly undefinedBecause?: Undefined;
  readonly categories: readonly CategoryAlpha[];
}

interface Section {
  readonly start: number;
  readonly end: number;
  readonly unit: boolean;
}

/** A rater's units of one category, merged where they overlap, sorted, clipped to the continuum. */
function ratersUnits(study: UnitizingStudy, rater: number, category: string): [number, number][] {
  const lo = study.begin;
  const hi = study.begin + study.length;
  const spans = study.units
    .filter((u) => u.rater === rater && u.category === category)
    .map((u): [number, number] => [Math.max(lo, u.start), Math.min(hi, u.end)])
    .filter(([s, e]) => e > s)
    .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const merged: [number, number][] = [];
  for (const [s, e] of spans) {
    const last = merged[merged.length - 1];
    if (last && s < last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

/** Units and the gaps between them, covering the continuum (gaps of length 0 left out). */
function sections(units: readonly [number, number][], begin: number, end: number): Section[] {
  const out: Section[] = [];
  let pos = begin;
  for (const [s, e] of units) {
    if (s > pos) out.push({ start: pos, end: s, unit: false });
    out.push({ start: s, end: e, unit: true });
    pos = e;
  }
  if (end > pos) out.push({ start: pos, end, unit: false });
  return out;
}

function delta2(g: Section, h: Section): number {
  if (g.unit && h.unit) return (g.start - h.start) ** 2 + (g.end - h.end) ** 2;
  if (g.unit && !h.unit) return h.start <= g.start && g.end <= h.end ? (g.end - g.start) ** 2 : 0;
  if (!g.unit && h.unit) return g.start <= h.start && h.end <= g.end ? (h.end - h.start) ** 2 : 0;
  return 0;
}

/** Σ δ² over the overlapping sections of two raters (both cover the continuum: one merge sweep). */
function pairDisagreement(x: readonly Section[], y: readonly Section[]): number {
  let sum = 0;
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const g = x[i]!;
    const h = y[j]!;
    if (Math.min(g.end, h.end) > Math.max(g.start, h.start)) sum += delta2(g, h);
    if (g.end < h.end) i++;
    else if (h.end < g.end) j++;
    else {
      i++;
      j++;
    }
  }
  return sum;
}

function categoryAlpha(study: UnitizingStudy, category: string): CategoryAlpha {
  const m = study.raters;
  const L = study.length;
  const end = study.begin + L;
  const perRater = Array.from({ length: m }, (_, r) => ratersUnits(study, r, category));
  const secs = perRater.map((units) => sections(units, study.begin, end));

  let observedSum = 0;
  for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) observedSum += pairDisagreement(secs[i]!, secs[j]!);
  const observed = (2 * observedSum) / (m * (m - 1) * L * L);

  const lengths = perRater.flat().map(([s, e]) => e - s);
  const gaps = secs
    .flat()
    .filter((s) => !s.unit)
    .map((s) => s.end - s.start)
    .sort((x, y) => y - x);
  // prefix[k] = sum of the k largest gaps: Σ over gaps g ≥ l of (g − l + 1) = S − k (l − 1).
  const prefix = [0];
  for (const g of gaps) prefix.push(prefix[prefix.length - 1]! + g);
  const gapsAtLeast = (l: number): number => {
    let lo = 0;
    let hi = gaps.length; // gaps is descending: find the first index with gaps[i] < l
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (gaps[mid]! >= l) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const N = lengths.length;
  let numerator = 0;
  let squared = 0;
  for (const l of lengths) {
    const k = gapsAtLeast(l);
    numerator += ((N - 1) * (2 * l ** 3 - 3 * l ** 2 + l)) / 3 + l * l * (prefix[k]! - k * (l - 1));
    squared += l * (l - 1);
  }
  numerator *= 2 / L;
  const denominator = m * L * (m * L - 1) - squared;
  const expected = denominator > 0 ? numerator / denominator : 0;

  if (N === 0) return { category, observed, expected, alpha: null, undefinedBecause: 'no-units' };
  if (expected === 0) return { category, observed, expected, alpha: null, undefinedBecause: 'no-expected-disagreement' };
  return { category, observed, expected, alpha: 1 - observed / expected };
}

/** α_u per category and over all categories (1 − Σ D_o / Σ D_e). */
export function unitizingAlpha(study: UnitizingStudy, categories?: readonly string[]): AlphaResult {
  const cats = categories ?? [...new Set(study.units.map((u) => u.category))].sort();
  if (study.raters < 2) {
    return { alpha: null, undefinedBecause: 'one-rater', categories: cats.map((category) => ({ category, observed: 0, expected: 0, alpha: null, undefinedBecause: 'one-rater' as const })) };
  }
  if (study.length <= 0) {
    return { alpha: null, undefinedBecause: 'empty-continuum', categories: cats.map((category) => ({ category, observed: 0, expected: 0, alpha: null, undefinedBecause: 'empty-continuum' as const })) };
  }
  const results = cats.map((c) => categoryAlpha(study, c));
  const used = results.filter((r) => r.undefinedBecause !== 'no-units');
  if (used.length === 0) return { alpha: null, undefinedBecause: 'no-units', categories: results };
  const observed = used.reduce((s, r) => s + r.observed, 0);
  const expected = used.reduce((s, r) => s + r.expected, 0);
  if (expected === 0) return { alpha: null, undefinedBecause: 'no-expected-disagreement', categories: results };
  return { alpha: 1 - observed / expected, categories: results };
}
