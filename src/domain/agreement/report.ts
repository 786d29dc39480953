/**
 * The agreement table of one record or of a whole library: every pair of layers, per label and
 * over all labels (micro), plus α_u for all layers together. Pure: the Agreement view, its CSV and
 * the tests read the same rows.
 *
 * A library is measured micro-averaged: span counts are added over records; α_u takes the records
 * as one continuum, one after the other (each record's code points, in library order).
 */
import { addCounts, NO_COUNTS, pairCounts, scores, type AgreementSpan, type PairCounts, type Scores } from './spanMatch';
import { unitizingAlpha, type Undefined, type Unit } from './unitizingAlpha';

/** One record as the agreement sees it: its length in code points and each layer's spans. */
export interface AgreementRecord {
  readonly length: number;
  /** Layer name → that layer's spans (a layer missing from a record has no spans there). */
  readonly layers: ReadonlyMap<string, readonly AgreementSpan[]>;
}

export const ALL_LABELS = 'all';
export const ALL_LAYERS = '*';

export interface AgreementRow {
  /** A label id, or ALL_LABELS for the micro average over labels. */
  readonly label: string;
  readonly a: string;
  /** A layer name, or ALL_LAYERS (only α_u is defined for all layers together). */
  readonly b: string;
  readonly counts: PairCounts | null;
  readonly exact: Scores | null;
  readonly overlap: Scores | null;
  readonly alpha: number | null;
  readonly alphaUndefined?: Undefined;
}

export interface AgreementTable {
  readonly layers: readonly string[];
  readonly labels: readonly string[];
  readonly rows: readonly AgreementRow[];
}

function spansOf(record: AgreementRecord, layer: string, label?: string): readonly AgreementSpan[] {
  const all = record.layers.get(layer) ?? [];
  return label === undefined ? all : all.filter((s) => s.label === label);
}

/** The records as one continuum, for α_u over the layers given (their index = the rater). */
function alphaOver(records: readonly AgreementRecord[], layers: readonly string[], labels: readonly string[]) {
  const units: Unit[] = [];
  let offset = 0;
  for (const r of records) {
    layers.forEach((layer, rater) => {
      for (const s of r.layers.get(layer) ?? []) units.push({ rater, category: s.label, start: offset + s.start, end: offset + s.end });
    });
    offset += r.length;
  }
  return unitizingAlpha({ raters: layers.length, begin: 0, length: offset, units }, labels);
}

/**
 * The table: for every unordered pair of layers (in the order given: A is the earlier one) a row
 * per label and one for all labels; with three or more layers (or two), α_u rows for all layers
 * together (b = ALL_LAYERS).
 */
export function agreementTable(records: readonly AgreementRecord[], layers: readonly string[], labels: readonly string[]): AgreementTable {
  const rows: AgreementRow[] = [];
  for (let i = 0; i < layers.length; i++) {
    for (let j = i + 1; j < layers.length; j++) {
      const a = layers[i]!;
      const b = layers[j]!;
      const alpha = alphaOver(records, [a, b], labels);
      let total = NO_COUNTS;
      for (const label of labels) {
        let counts = NO_COUNTS;
        for (const r of records) counts = addCounts(counts, pairCounts(spansOf(r, a, label), spansOf(r, b, label)));
        total = addCounts(total, counts);
        const cat = alpha.categories.find((c) => c.category === label);
        rows.push(row(label, a, b, counts, cat?.alpha ?? null, cat?.undefinedBecause));
      }
      // Label disagreements are counted across labels, so "all" is measured on all spans at once.
      let all = NO_COUNTS;
      for (const r of records) {
        const sa = spansOf(r, a).filter((s) => labels.includes(s.label));
        const sb = spansOf(r, b).filter((s) => labels.includes(s.label));
        all = addCounts(all, pairCounts(sa, sb));
      }
      rows.push(row(ALL_LABELS, a, b, all, alpha.alpha, alpha.undefinedBecause));
    }
  }
  if (layers.length >= 2) {
    const alpha = alphaOver(records, layers, labels);
    for (const c of alpha.categories) rows.push({ label: c.category, a: layers[0]!, b: ALL_LAYERS, counts: null, exact: null, overlap: null, alpha: c.alpha, ...(c.undefinedBecause ? { alphaUndefined: c.undefinedBecause } : {}) });
    rows.push({ label: ALL_LABELS, a: layers[0]!, b: ALL_LAYERS, counts: null, exact: null, overlap: null, alpha: alpha.alpha, ...(alpha.undefinedBecause ? { alphaUndefined: alpha.undefinedBecause } : {}) });
  }
  return { layers, labels, rows };
}

function row(label: string, a: string, b: string, counts: PairCounts, alpha: number | null, why: Undefined | undefined): AgreementRow {
  return {
    label,
    a,
    b,
    counts,
    exact: scores(counts.exact, counts.a, counts.b),
    overlap: scores(counts.overlap, counts.a, counts.b),
    alpha,
    ...(why ? { alphaUndefined: why } : {}),
  };
}
