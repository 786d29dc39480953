import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { Annotation } from '../domain/annotation';
import type { AnnotationChange } from '../domain/change';
import { segmentRanges, type Segment } from '../domain/segments';
import type { TextIndex } from '../domain/textIndex';
import { u16 } from '../domain/units';
import type { PositionMap } from './positionMap';

/**
 * Annotations are drawn as inline decorations kept in plugin state, never as marks in the
 * document (the text is immutable, and marks would merge or exclude each other). Overlapping
 * annotations are cut into non-overlapping segments first, so each rendered piece carries the ids
 * of ALL annotations covering it in `data-annotation-ids`.
 *
 * The state changes only through transaction meta (`AnnotationMeta`); a change redraws only the
 * segments around the annotations it touches.
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
}

type Marks = Pick<AnnotationDecorationState, 'selectedId' | 'relatedIds'>;

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
  marks: Marks,
  config: AnnotationViewConfig,
): Decoration[] {
  const out: Decoration[] = [];
  for (const seg of segments) {
    const from = config.positions.posAtOffset(u16(seg.start), 'start');
    const to = config.positions.posAtOffset(u16(seg.end), 'end');
    if (from >= to) continue; // lies wholly in the line breaks between blocks
    const labels = seg.items.map((it) => ranges.get(it.id)!.label);
    const ids = seg.items.map((it) => it.id);
    const spec: SegmentSpec = { start: seg.start, end: seg.end };
    out.push(
      Decoration.inline(
        from,
        to,
        {
          class: segmentClass(ids, marks),
          'data-annotation-ids': ids.join(' '),
          'data-labels': labels.join(' '),
          style: segmentStyle(labels.map(config.colorOf)),
        },
        spec,
      ),
    );
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
  config: AnnotationViewConfig,
): AnnotationDecorationState {
  const ranges = new Map<string, DrawnRange>();
  for (const a of annotations) ranges.set(a.id, drawnRange(a, config.index));
  const marks = { selectedId, relatedIds: NONE };
  const decorations = DecorationSet.create(doc, decorationsFor(segmentRanges([...ranges.values()]), ranges, marks, config));
  return { decorations, ranges, ...marks };
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

  // Segments that straddle the changed span are redrawn whole: widen to their edges.
  const a = config.positions.posAtOffset(u16(lo), 'start');
  const b = config.positions.posAtOffset(u16(hi), 'end');
  const old = state.decorations.find(Math.min(a, b), Math.max(a, b), (spec: SegmentSpec) => spec.start < hi && spec.end > lo);
  for (const d of old) {
    const spec = d.spec as SegmentSpec;
    lo = Math.min(lo, spec.start);
    hi = Math.max(hi, spec.end);
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
      init: (_cfg, state: EditorState) => fullState(state.doc, initial, null, config),
      apply(tr, value) {
        const meta = tr.getMeta(annotationDecorationsKey) as AnnotationMeta | undefined;
        if (!meta) return value; // the document never changes, so nothing needs mapping
        if (meta.type === 'reset') return fullState(tr.doc, meta.annotations, value.selectedId, config);
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
