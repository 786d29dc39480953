/**
 * Pairwise span agreement between two layers A and B of the same text: one-to-one matchings and
 * the F1 they give. Offsets are code points (the stored unit); a span is [start, end).
 *
 * - exact: same label, start and end. Identical spans within one layer are matched one each.
 * - overlap: same label and at least one shared code point, matched one to one, the pair with
 *   the largest overlap first, ties by the earliest start in A, then in B, then the shorter span.
 * F1 = 2|M| / (|A| + |B|); precision and recall take A as the reference (P = |M| / |B|,
 * R = |M| / |A|). A measure with nothing to measure is `null` ("not defined"), never 1 or NaN.
 */
import type { CodePointOffset } from '../units';

export interface AgreementSpan {
  readonly label: string;
  readonly start: CodePointOffset | number;
  readonly end: CodePointOffset | number;
}

export interface MatchCounts {
  /** |A| and |B|. */
  readonly a: number;
  readonly b: number;
  /** Pairs with the same label and extent. */
  readonly exact: number;
  /** Pairs with the same label sharing a code point (the exact pairs included). */
  readonly overlap: number;
}

export interface PairCounts extends MatchCounts {
  /** A's spans that no span of B overlaps with the same label. */
  readonly onlyA: number;
  /** B's spans that no span of A overlaps with the same label. */
  readonly onlyB: number;
  /** Overlap pairs that are not exact. */
  readonly overlapOnly: number;
  /** Spans of A and B with the same extent but another label, paired one to one among those not exactly matched. */
  readonly labelDisagreements: number;
}

export interface Scores {
  readonly precision: number | null;
  readonly recall: number | null;
  readonly f1: number | null;
}

const key = (s: AgreementSpan): string => `${s.start}:${s.end}`;

/** The number of exact one-to-one matches (same label and extent). */
export function exactMatches(a: readonly AgreementSpan[], b: readonly AgreementSpan[]): number {
  const pool = new Map<string, number>();
  for (const s of b) {
    const k = `${s.label}\u0000${key(s)}`;
    pool.set(k, (pool.get(k) ?? 0) + 1);
  }
  let m = 0;
  for (const s of a) {
    const k = `${s.label}\u0000${key(s)}`;
    const left = pool.get(k) ?? 0;
    if (left > 0) {
      pool.set(k, left - 1);
      m++;
    }
  }
  return m;
}

interface Candidate {
  readonly i: number;
  readonly j: number;
  readonly shared: number;
  readonly aStart: number;
  readonly bStart: number;
  readonly length: number;
}

/**
 * The overlap matching: pairs (index in A, index in B) of spans with the same label sharing at
 * least one code point, chosen greedily, largest overlap first (ties: earliest start in A, then in
 * B, then the shorter pair). Each span is used at most once.
 */
export function overlapMatching(a: readonly AgreementSpan[], b: readonly AgreementSpan[]): [number, number][] {
  const byLabel = new Map<string, number[]>();
  b.forEach((s, j) => {
    const list = byLabel.get(s.label);
    if (list) list.push(j);
    else byLabel.set(s.label, [j]);
  });
  for (const list of byLabel.values()) list.sort((x, y) => b[x]!.start - b[y]!.start || b[x]!.end - b[y]!.end);
  const candidates: Candidate[] = [];
  a.forEach((s, i) => {
    const list = byLabel.get(s.label);
    if (!list) return;
    for (const j of list) {
      const t = b[j]!;
      if (t.start >= s.end) break; // sorted by start: no later span of B reaches back into s
      const shared = Math.min(s.end, t.end) - Math.max(s.start, t.start);
      if (shared > 0) {
        candidates.push({ i, j, shared, aStart: s.start, bStart: t.start, length: s.end - s.start + (t.end - t.start) });
      }
    }
  });
  candidates.sort((x, y) => y.shared - x.shared || x.aStart - y.aStart || x.bStart - y.bStart || x.length - y.length || x.i - y.i || x.j - y.j);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const pairs: [number, number][] = [];
  for (const c of candidates) {
    if (usedA.has(c.i) || usedB.has(c.j)) continue;
    usedA.add(c.i);
    usedB.add(c.j);
    pairs.push([c.i, c.j]);
  }
  return pairs;
}

/** Every count of one pair of layers (all labels, or filter the spans first for one label). */
export function pairCounts(a: readonly AgreementSpan[], b: readonly AgreementSpan[]): PairCounts {
  const exact = exactMatches(a, b);
  const overlap = overlapMatching(a, b).length;
  // Same extent, other label: among the spans not matched exactly, paired one to one by extent.
  const exactA = unmatchedExactly(a, b);
  const exactB = unmatchedExactly(b, a);
  const byExtent = new Map<string, string[]>();
  for (const s of exactB) {
    const list = byExtent.get(key(s));
    if (list) list.push(s.label);
    else byExtent.set(key(s), [s.label]);
  }
  let labelDisagreements = 0;
  for (const s of exactA) {
    const list = byExtent.get(key(s));
    if (!list) continue;
    const at = list.findIndex((l) => l !== s.label);
    if (at >= 0) {
      list.splice(at, 1);
      labelDisagreements++;
    }
  }
  return {
    a: a.length,
    b: b.length,
    exact,
    overlap,
    onlyA: a.length - overlap,
    onlyB: b.length - overlap,
    overlapOnly: overlap - exact,
    labelDisagreements,
  };
}

/** The spans of `x` left over after the exact matching against `y`. */
function unmatchedExactly(x: readonly AgreementSpan[], y: readonly AgreementSpan[]): AgreementSpan[] {
  const pool = new Map<string, number>();
  for (const s of y) {
    const k = `${s.label}\u0000${key(s)}`;
    pool.set(k, (pool.get(k) ?? 0) + 1);
  }
  const rest: AgreementSpan[] = [];
  for (const s of x) {
    const k = `${s.label}\u0000${key(s)}`;
    const left = pool.get(k) ?? 0;
    if (left > 0) pool.set(k, left - 1);
    else rest.push(s);
  }
  return rest;
}

/** Precision, recall (A as the reference) and F1 of `matched` pairs between |A| = a and |B| = b spans. */
export function scores(matched: number, a: number, b: number): Scores {
  return {
    precision: b === 0 ? null : matched / b,
    recall: a === 0 ? null : matched / a,
    f1: a + b === 0 ? null : (2 * matched) / (a + b),
  };
}

/** Adds counts (micro-averaging: over labels, over records). */
export function addCounts(x: PairCounts, y: PairCounts): PairCounts {
  return {
    a: x.a + y.a,
    b: x.b + y.b,
    exact: x.exact + y.exact,
    overlap: x.overlap + y.overlap,
    onlyA: x.onlyA + y.onlyA,
    onlyB: x.onlyB + y.onlyB,
    overlapOnly: x.overlapOnly + y.overlapOnly,
    labelDisagreements: x.labelDisagreements + y.labelDisagreements,
  };
}

export const NO_COUNTS: PairCounts = { a: 0, b: 0, exact: 0, overlap: 0, onlyA: 0, onlyB: 0, overlapOnly: 0, labelDisagreements: 0 };
