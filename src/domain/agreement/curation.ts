/**
 * Curation: where the layers of one record agree and where a curator must decide. Pure: the
 * Curation view lists `curationItems`, the gold layer starts from `agreedSpans`.
 *
 * An item is a cluster of spans (of any layer, any label) linked by overlap, in text order. Its
 * state:
 * - `agree`: every layer has exactly the same spans there (label, start, end);
 * - `only-one`: a single layer has spans there;
 * - `partial`: several layers, the same labels, but other extents (or a layer has one more span);
 * - `disagree`: several layers and at least two different labels.
 */
import type { AgreementSpan } from './spanMatch';

export type CurationState = 'agree' | 'disagree' | 'partial' | 'only-one';

export interface LayerSpan<S extends AgreementSpan = AgreementSpan> {
  readonly layer: string;
  readonly span: S;
}

export interface CurationItem<S extends AgreementSpan = AgreementSpan> {
  /** Stable within one computation: `${start}-${end}` of the cluster. */
  readonly id: string;
  readonly start: number;
  readonly end: number;
  readonly state: CurationState;
  /** Each layer's spans in the cluster ("who said what"), in the layers' order; a layer with none has []. */
  readonly byLayer: ReadonlyMap<string, readonly S[]>;
}

const spanKey = (s: AgreementSpan): string => `${s.label}\u0000${s.start}\u0000${s.end}`;

function multiset(spans: readonly AgreementSpan[]): string {
  return spans.map(spanKey).sort().join('\u0001');
}

/**
 * The spans on which all layers agree exactly: present, with the same label and extent, in every
 * layer (as often as in the layer that has it least often). With fewer than two layers: none.
 */
export function agreedSpans<S extends AgreementSpan>(layers: ReadonlyMap<string, readonly S[]>): S[] {
  const names = [...layers.keys()];
  if (names.length < 2) return [];
  const counts = names.map((n) => {
    const m = new Map<string, number>();
    for (const s of layers.get(n)!) m.set(spanKey(s), (m.get(spanKey(s)) ?? 0) + 1);
    return m;
  });
  const out: S[] = [];
  const taken = new Map<string, number>();
  for (const s of layers.get(names[0]!)!) {
    const k = spanKey(s);
    const least = Math.min(...counts.map((m) => m.get(k) ?? 0));
    if ((taken.get(k) ?? 0) < least) {
      taken.set(k, (taken.get(k) ?? 0) + 1);
      out.push(s);
    }
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** The clusters of overlapping spans over all layers, in text order, each with its state. */
export function curationItems<S extends AgreementSpan>(layers: ReadonlyMap<string, readonly S[]>): CurationItem<S>[] {
  const names = [...layers.keys()];
  const all: LayerSpan<S>[] = [];
  for (const layer of names) for (const span of layers.get(layer)!) if (span.end > span.start) all.push({ layer, span });
  all.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const items: CurationItem<S>[] = [];
  let i = 0;
  while (i < all.length) {
    const start = all[i]!.span.start;
    let end = all[i]!.span.end;
    let j = i + 1;
    while (j < all.length && all[j]!.span.start < end) {
      end = Math.max(end, all[j]!.span.end);
      j++;
    }
    const cluster = all.slice(i, j);
    const byLayer = new Map<string, S[]>(names.map((n) => [n, []]));
    for (const x of cluster) byLayer.get(x.layer)!.push(x.span);
    items.push({ id: `${start}-${end}`, start, end, state: stateOf(byLayer), byLayer });
    i = j;
  }
  return items;
}

function stateOf(byLayer: ReadonlyMap<string, readonly AgreementSpan[]>): CurationState {
  const present = [...byLayer.values()].filter((s) => s.length > 0);
  if (present.length === 1) return 'only-one';
  const everyLayer = present.length === byLayer.size;
  const first = multiset(present[0]!);
  if (everyLayer && present.every((s) => multiset(s) === first)) return 'agree';
  const labels = new Set(present.flat().map((s) => s.label));
  return labels.size > 1 ? 'disagree' : 'partial';
}
