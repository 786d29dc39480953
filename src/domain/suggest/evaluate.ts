/**
 * Precision, recall and F1 of suggested spans against gold spans, per label and overall (micro).
 *
 * - exact: a suggestion matches a gold span with the same label, start and end.
 * - overlap: a suggestion matches a gold span with the same label when they overlap by at least
 *   half of the shorter of the two.
 * In both modes each gold span and each suggestion is matched at most once, and the matching is a
 * maximum one (augmenting paths), so the counts do not depend on the order of the lists.
 * With no suggestions precision is 0; with no gold spans recall is 0; F1 is 0 when both are 0.
 */

export interface Span {
  label: string;
  start: number;
  end: number;
}

export type MatchMode = 'exact' | 'overlap';

export interface Counts {
  /** Suggestions matched to a gold span (= gold spans matched). */
  matched: number;
  suggested: number;
  gold: number;
}

export interface Scores extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export interface Evaluation {
  mode: MatchMode;
  perLabel: Record<string, Scores>;
  overall: Scores;
}

/** True when two spans of the same label match under the mode. */
export function spansMatch(a: Span, b: Span, mode: MatchMode): boolean {
  if (a.label !== b.label) return false;
  if (mode === 'exact') return a.start === b.start && a.end === b.end;
  const overlap = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  const shorter = Math.min(a.end - a.start, b.end - b.start);
  return overlap > 0 && overlap * 2 >= shorter;
}

/** Size of a maximum matching between suggestions and gold spans (Kuhn's augmenting paths). */
export function countMatches(gold: readonly Span[], suggested: readonly Span[], mode: MatchMode): number {
  const edges = suggested.map((s) => gold.flatMap((g, j) => (spansMatch(s, g, mode) ? [j] : [])));
  const goldTo = new Int32Array(gold.length).fill(-1);
  let matched = 0;
  for (let i = 0; i < suggested.length; i++) {
    const seen = new Uint8Array(gold.length);
    const augment = (u: number): boolean => {
      for (const j of edges[u]!) {
        if (seen[j]) continue;
        seen[j] = 1;
        if (goldTo[j] === -1 || augment(goldTo[j]!)) {
          goldTo[j] = u;
          return true;
        }
      }
      return false;
    };
    if (augment(i)) matched++;
  }
  return matched;
}

export function scores(c: Counts): Scores {
  const precision = c.suggested === 0 ? 0 : c.matched / c.suggested;
  const recall = c.gold === 0 ? 0 : c.matched / c.gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1 };
}

/** Adds counts (e.g. over folds or documents) before computing scores. */
export function addCounts(a: Counts, b: Counts): Counts {
  return { matched: a.matched + b.matched, suggested: a.suggested + b.suggested, gold: a.gold + b.gold };
}

/** Per-label counts of one comparison. `labels` lists labels to report even when absent. */
export function countByLabel(
  gold: readonly Span[],
  suggested: readonly Span[],
  mode: MatchMode,
  labels: readonly string[] = [],
): Record<string, Counts> {
  const all = [...new Set([...labels, ...gold.map((g) => g.label), ...suggested.map((s) => s.label)])];
  const out: Record<string, Counts> = {};
  for (const label of all) {
    const g = gold.filter((x) => x.label === label);
    const s = suggested.filter((x) => x.label === label);
    out[label] = { matched: countMatches(g, s, mode), suggested: s.length, gold: g.length };
  }
  return out;
}

/** Scores from per-label counts: per label, and overall as the micro average. */
export function evaluationFromCounts(mode: MatchMode, counts: Record<string, Counts>): Evaluation {
  const perLabel: Record<string, Scores> = {};
  let total: Counts = { matched: 0, suggested: 0, gold: 0 };
  for (const [label, c] of Object.entries(counts)) {
    perLabel[label] = scores(c);
    total = addCounts(total, c);
  }
  return { mode, perLabel, overall: scores(total) };
}

export function evaluate(
  gold: readonly Span[],
  suggested: readonly Span[],
  mode: MatchMode,
  labels: readonly string[] = [],
): Evaluation {
  return evaluationFromCounts(mode, countByLabel(gold, suggested, mode, labels));
}

/** Sums per-label counts of several comparisons (folds, documents). */
export function sumCounts(parts: readonly Record<string, Counts>[]): Record<string, Counts> {
  const out: Record<string, Counts> = {};
  for (const part of parts) {
    for (const [label, c] of Object.entries(part)) out[label] = addCounts(out[label] ?? { matched: 0, suggested: 0, gold: 0 }, c);
  }
  return out;
}

/**
 * Sentence-level counts: each sentence of the text (segmentSentences' units) takes, on each side,
 * the label of the span covering most of it (at least a third of it, or the whole span when the span
 * lies inside it); then per label, matched = sentences labelled so on both sides. This is what an
 * analyst reads ("was this sentence offered with the right label?"), independent of exact ends.
 */
export function countSentences(
  sentences: readonly { start: number; end: number }[],
  gold: readonly Span[],
  suggested: readonly Span[],
  labels: readonly string[] = [],
): Record<string, Counts> {
  const labelOf = (spans: readonly Span[], s: { start: number; end: number }): string | undefined => {
    let best: string | undefined;
    let bestOverlap = 0;
    for (const x of spans) {
      const overlap = Math.min(x.end, s.end) - Math.max(x.start, s.start);
      if (overlap <= 0) continue;
      const enough = overlap * 3 >= s.end - s.start || overlap === x.end - x.start;
      if (enough && overlap > bestOverlap) {
        best = x.label;
        bestOverlap = overlap;
      }
    }
    return best;
  };
  const out: Record<string, Counts> = {};
  for (const l of labels) out[l] = { matched: 0, suggested: 0, gold: 0 };
  const bump = (label: string, key: keyof Counts): void => {
    out[label] ??= { matched: 0, suggested: 0, gold: 0 };
    out[label]![key]++;
  };
  for (const s of sentences) {
    const g = labelOf(gold, s);
    const p = labelOf(suggested, s);
    if (g) bump(g, 'gold');
    if (p) bump(p, 'suggested');
    if (g && p && g === p) bump(g, 'matched');
  }
  return out;
}

