import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { Annotation } from '../domain/annotation';
import type { AnnotationChange } from '../domain/change';
import { segmentRanges, type Segment } from '../domain/segments';
import type { TextIndex } from '../domain/textIndex';
import { u16 } from '../domain/units';
import type { PositionMap } from './positionMap';
import { sectionStarts, sectionWindowKey, shownRanges, type PosRange } from './sectionWindow';

/**
 * Annotations are drawn as inline decorations kept in plugin state, never as marks in the
 * document (the text is immutable, and marks would merge or exclude each other). Overlapping
 * annotations are cut into non-overlapping segments first, so each rendered piece carries the ids
 * of ALL annotations covering it in `data-annotation-ids`.
 *
 * The state changes only through transaction meta (`AnnotationMeta`); a change redraws only the
 * segments around the annotations it touches.
 *
 * A long record is drawn near the viewport only (`windowed`, see sectionWindow.ts): decorations
 * exist for the near sections, and sections coming near are drawn as they come. 20,000 spans drawn
 * at once cost a 1M-character record half its opening time and a third of its heap; the ranges
 * and every change are still kept for the whole record, so only the drawing is windowed.
 */
export type AnnotationMeta =
  | { type: 'reset'; annotations: readonly Annotation[] }
  | { type: 'change'; change: AnnotationChange }
  | { type: 'select'; id: string | null }
  /** Spans in a relation with the one under the pointer: their segments get `is-related`. */
  | { type: 'related'; ids: readonly string[] };

export interface AnnotationViewConfig {
  index: TextIndex;
  positions: PositionMap;
  colorOf: (labelId: string) => string;
  /** Draw only the near sections (a long record: see sectionWindow.ts); otherwise everything. */
  windowed?: boolean;
}

interface DrawnRange {
  id: string;
  label: string;
  /** UTF-16 offsets into the canonical text. */
  start: number;
  end: number;
}

export interface AnnotationDecorationState {
  decorations: DecorationSet;
  ranges: Map<string, DrawnRange>;
  /** The selected annotation: its segments carry the class `is-selected`. */
  selectedId: string | null;
  /** Annotations shown as related to the hovered one: class `is-related`. */
  relatedIds: ReadonlySet<string>;
  /** Windowed: the sections drawn, and their position ranges merged; null: everything is drawn. */
  near: ReadonlySet<number> | null;
  window: readonly PosRange[] | null;
}

type Marks = Pick<AnnotationDecorationState, 'selectedId' | 'relatedIds'>;
type Drawing = Marks & Pick<AnnotationDecorationState, 'window'>;

function segmentClass(ids: readonly string[], marks: Marks): string {
  let cls = 'yi-ann';
  if (marks.selectedId && ids.includes(marks.selectedId)) cls += ' is-selected';
  if (marks.relatedIds.size > 0 && ids.some((id) => marks.relatedIds.has(id))) cls += ' is-related';
  return cls;
}

const NONE: ReadonlySet<string> = new Set();

interface SegmentSpec {
  start: number;
  end: number;
}

export const annotationDecorationsKey = new PluginKey<AnnotationDecorationState>('yishiAnnotations');

const MAX_STRIPES = 4;
const PAGE = 'var(--yi-page, #fbfaf7)';

function tint(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** Inline style of a segment: a light tint of the innermost label, one stripe per layer. */
function segmentStyle(colors: readonly string[]): string {
  const shown = colors.slice(0, MAX_STRIPES);
  const shadows: string[] = [];
  shown.forEach((color, i) => {
    // Outermost at the bottom; 2px stripes with a 1px gap of page colour between them.
    if (i > 0) shadows.push(`inset 0 -${3 * i}px 0 ${PAGE}`);
    shadows.push(`inset 0 -${3 * i + 2}px 0 ${color}`);
  });
  // box-shadow paints the first shadow on top: list the innermost stripe first.
  shadows.reverse();
  const inner = shown[shown.length - 1]!;
  return `background-color: ${tint(inner, 0.14)}; box-shadow: ${shadows.join(', ')}; padding-bottom: ${3 * shown.length - 1}px`;
}

/** The decorations for some segments: one small function, shared by the full and partial builds. */
function decorationsFor(
  segments: readonly Segment[],
  ranges: ReadonlyMap<string, DrawnRange>,
  drawing: Drawing,
  config: AnnotationViewConfig,
): Decoration[] {
  const out: Decoration[] = [];
  for (const seg of segments) {
    const from = config.positions.posAtOffset(u16(seg.start), 'start');
    const to = config.positions.posAtOffset(u16(seg.end), 'end');
    if (from >= to) continue; // lies wholly in the line breaks between blocks
    const pieces = clipToWindow(from, to, drawing.window);
    if (pieces.length === 0) continue;
    const labels = seg.items.map((it) => ranges.get(it.id)!.label);
    const ids = seg.items.map((it) => it.id);
    // The spec keeps the whole segment's extent, drawn or not: a redraw widens to it.
    const spec: SegmentSpec = { start: seg.start, end: seg.end };
    const attrs = {
      class: segmentClass(ids, drawing),
      'data-annotation-ids': ids.join(' '),
      'data-labels': labels.join(' '),
      style: segmentStyle(labels.map(config.colorOf)),
    };
    for (const p of pieces) out.push(Decoration.inline(p.from, p.to, attrs, spec));
  }
  return out;
}

/** The parts of [from, to) inside the window (sorted, disjoint ranges); all of it without a window. */
function clipToWindow(from: number, to: number, window: readonly PosRange[] | null): PosRange[] {
  if (!window) return [{ from, to }];
  // The first range ending after `from`.
  let lo = 0;
  let hi = window.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (window[mid]!.to <= from) lo = mid + 1;
    else hi = mid;
  }
  const out: PosRange[] = [];
  for (let i = lo; i < window.length && window[i]!.from < to; i++) {
    const a = Math.max(from, window[i]!.from);
    const b = Math.min(to, window[i]!.to);
    if (a < b) out.push({ from: a, to: b });
  }
  return out;
}

function drawnRange(a: Annotation, index: TextIndex): DrawnRange {
  return { id: a.id, label: a.label, start: index.toUtf16(a.start), end: index.toUtf16(a.end) };
}

function fullState(
  doc: PMNode,
  annotations: readonly Annotation[],
  selectedId: string | null,
  near: ReadonlySet<number> | null,
  config: AnnotationViewConfig,
): AnnotationDecorationState {
  const ranges = new Map<string, DrawnRange>();
  for (const a of annotations) ranges.set(a.id, drawnRange(a, config.index));
  const drawing = { selectedId, relatedIds: NONE, window: near && shownRanges(doc, near) };
  const decorations = DecorationSet.create(doc, decorationsFor(segmentRanges([...ranges.values()]), ranges, drawing, config));
  return { decorations, ranges, near, ...drawing };
}

/**
 * Sections came near the viewport or went away: each is redrawn (drawn, or cleared) under the
 * new window, runs of neighbouring sections as one region.
 */
function windowedState(
  state: AnnotationDecorationState,
  doc: PMNode,
  near: ReadonlySet<number>,
  config: AnnotationViewConfig,
): AnnotationDecorationState {
  const before = state.near ?? new Set<number>();
  const changed: number[] = [];
  for (const i of near) if (!before.has(i)) changed.push(i);
  for (const i of before) if (!near.has(i)) changed.push(i);
  // The window plugin's own set is kept, so that the next transaction sees it unchanged.
  let out: AnnotationDecorationState = { ...state, near, window: shownRanges(doc, near) };
  if (changed.length === 0) return out;
  changed.sort((a, b) => a - b);
  const starts = sectionStarts(doc);
  // A section's text: from its first block's content to its last block's end.
  const textOf = (i: number) => ({
    start: config.positions.offsetAtPos(starts[i]! + 2),
    end: config.positions.offsetAtPos(starts[i + 1]! - 2),
  });
  let k = 0;
  while (k < changed.length) {
    const region = new Span();
    let last = changed[k]!;
    region.touch(textOf(last));
    while (k + 1 < changed.length && changed[k + 1] === last + 1) region.touch(textOf((last = changed[++k]!)));
    k++;
    out = redraw(out, doc, region, config);
  }
  return out;
}

/** Widens [lo, hi) to take in every range it is given. */
class Span {
  lo = Number.POSITIVE_INFINITY;
  hi = Number.NEGATIVE_INFINITY;
  touch(r: { start: number; end: number } | undefined): void {
    if (!r) return;
    this.lo = Math.min(this.lo, r.start);
    this.hi = Math.max(this.hi, r.end);
  }
}

/**
 * New marks (selection, related spans) redraw the segments of the annotations marked before and
 * now, one region per annotation: one region spanning them all would redraw everything between.
 */
function markedState(
  state: AnnotationDecorationState,
  doc: PMNode,
  marks: Partial<Marks>,
  config: AnnotationViewConfig,
): AnnotationDecorationState {
  const next: AnnotationDecorationState = { ...state, ...marks };
  const touched = new Set<string>();
  if (next.selectedId !== state.selectedId) {
    if (state.selectedId) touched.add(state.selectedId);
    if (next.selectedId) touched.add(next.selectedId);
  }
  if (next.relatedIds !== state.relatedIds) {
    for (const id of state.relatedIds) if (!next.relatedIds.has(id)) touched.add(id);
    for (const id of next.relatedIds) if (!state.relatedIds.has(id)) touched.add(id);
  }
  let out = next;
  for (const id of touched) {
    const region = new Span();
    region.touch(state.ranges.get(id));
    out = redraw(out, doc, region, config);
  }
  return out;
}

/**
 * The ranges map is updated in place (copying 20,000 entries per change would cost more than the
 * change): the plugin state is only ever advanced by the transactions this view dispatches.
 */
function changedState(
  state: AnnotationDecorationState,
  doc: PMNode,
  change: AnnotationChange,
  config: AnnotationViewConfig,
): AnnotationDecorationState {
  const ranges = state.ranges;
  const region = new Span();
  for (const a of change.removed) {
    region.touch(ranges.get(a.id));
    ranges.delete(a.id);
  }
  for (const a of change.added) {
    region.touch(ranges.get(a.id));
    const r = drawnRange(a, config.index);
    ranges.set(a.id, r);
    region.touch(r);
  }
  return redraw(state, doc, region, config);
}

/** Redraws the segments in a region of the text, widened to the segments that straddle it. */
function redraw(
  state: AnnotationDecorationState,
  doc: PMNode,
  region: Span,
  config: AnnotationViewConfig,
): AnnotationDecorationState {
  const { ranges } = state;
  let { lo, hi } = region;
  if (!(lo < hi)) return state;

  // Segments that straddle the changed span are redrawn whole: widen to their edges, until no
  // piece of a segment is left outside (a windowed segment may be drawn in several pieces, in
  // shown sections that are not neighbours).
  let old: Decoration[];
  for (;;) {
    const a = config.positions.posAtOffset(u16(lo), 'start');
    const b = config.positions.posAtOffset(u16(hi), 'end');
    const [l, h] = [lo, hi];
    old = state.decorations.find(Math.min(a, b), Math.max(a, b), (spec: SegmentSpec) => spec.start < h && spec.end > l);
    for (const d of old) {
      const spec = d.spec as SegmentSpec;
      lo = Math.min(lo, spec.start);
      hi = Math.max(hi, spec.end);
    }
    if (lo === l && hi === h) break;
  }
  const items = [];
  for (const r of ranges.values()) {
    if (r.start < hi && r.end > lo) items.push({ id: r.id, start: Math.max(r.start, lo), end: Math.min(r.end, hi) });
  }
  const decorations = state.decorations.remove(old).add(doc, decorationsFor(segmentRanges(items), ranges, state, config));
  return { ...state, decorations };
}

export function annotationDecorationsPlugin(config: AnnotationViewConfig, initial: readonly Annotation[]): Plugin {
  return new Plugin<AnnotationDecorationState>({
    key: annotationDecorationsKey,
    state: {
      // The window plugin, listed before this one, has set its state already.
      init: (_cfg, state: EditorState) => fullState(state.doc, initial, null, sectionWindowKey.getState(state)?.near ?? null, config),
      apply(tr, value, _old, state) {
        // The sections shown, as the window plugin (listed before this one) has just set them.
        const shown = sectionWindowKey.getState(state)?.near;
        if (value.near && shown && shown !== value.near) value = windowedState(value, tr.doc, shown, config);
        const meta = tr.getMeta(annotationDecorationsKey) as AnnotationMeta | undefined;
        if (!meta) return value; // the document never changes, so nothing needs mapping
        if (meta.type === 'reset') return fullState(tr.doc, meta.annotations, value.selectedId, value.near, config);
        if (meta.type === 'select') {
          return meta.id === value.selectedId ? value : markedState(value, tr.doc, { selectedId: meta.id }, config);
        }
        if (meta.type === 'related') {
          if (meta.ids.length === 0 && value.relatedIds.size === 0) return value;
          return markedState(value, tr.doc, { relatedIds: meta.ids.length ? new Set(meta.ids) : NONE }, config);
        }
        return changedState(value, tr.doc, meta.change, config);
      },
    },
    props: {
      decorations: (state) => annotationDecorationsKey.getState(state)?.decorations,
    },
  });
}
