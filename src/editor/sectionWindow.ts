import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';

/**
 * A long record is shown near the viewport only. The document's top-level nodes are sections of
 * 20 blocks; the sections in the scroll container's view and `WINDOW_SECTIONS` on either side are
 * "near" and shown; every other section is not displayed (a node decoration: class `yi-far`), so
 * the browser holds no layout for its text, and the heights of the far sections above and below
 * become padding of the nearest shown section, so the scrollbar stays true. (Far sections kept as
 * empty boxes of their height cost every change about 6 ms of compositing at 1M characters: 250
 * boxes on the page.) The text and every annotation stay in the document and the
 * plugin states: only what is drawn is windowed (annotationDecorations.ts draws the spans of the
 * near sections).
 *
 * The window changes through transaction meta on `sectionWindowKey`, dispatched by the view
 * plugin after a scroll or resize (hit tests at the top and bottom of the view, once per frame)
 * and by `revealSections` in a transaction that scrolls to a place in the text (reveal.ts).
 */

/** Records at least this long (UTF-16 units) are windowed; shorter ones are drawn whole. */
export const WINDOWED_FROM_UTF16 = 150_000;
/** Until the viewport is known, a windowed record shows its first sections (what an open shows). */
export const INITIAL_SECTIONS = 3;
/** How many sections beyond those in view are shown on either side. */
export const WINDOW_SECTIONS = 1;

export interface SectionWindowMeta {
  /** The near sections (indexes of the document's top-level nodes). */
  sections: readonly number[];
  /** Heights (px) measured of sections shown now: a section collapsed later keeps its height. */
  heights?: readonly (readonly [number, number])[];
}

export interface SectionWindowState {
  /** The near sections; null when the record is not windowed (everything is shown). */
  near: ReadonlySet<number> | null;
  /** Measured heights of sections; a section never shown has the estimate of its node's attrs. */
  heights: ReadonlyMap<number, number>;
  far: DecorationSet;
}

export const sectionWindowKey = new PluginKey<SectionWindowState>('yishiSectionWindow');

function initialSections(doc: PMNode): Set<number> {
  return new Set(sectionsAround(doc, 0, INITIAL_SECTIONS - 1, 0));
}

/** Sections first..last and `margin` more on either side, within the document. */
function sectionsAround(doc: PMNode, first: number, last: number, margin: number): number[] {
  const out: number[] = [];
  for (let i = Math.max(0, first - margin); i <= Math.min(doc.childCount - 1, last + margin); i++) out.push(i);
  return out;
}

/** The position where each section starts, and the end of the document last. */
export function sectionStarts(doc: PMNode): number[] {
  const out: number[] = [];
  doc.forEach((_node, pos) => out.push(pos));
  out.push(doc.content.size);
  return out;
}

/** A range of ProseMirror positions [from, to). */
export interface PosRange {
  from: number;
  to: number;
}

/** Position ranges of the shown sections, sorted, neighbours merged. */
export function shownRanges(doc: PMNode, near: ReadonlySet<number>): PosRange[] {
  const starts = sectionStarts(doc);
  const out: PosRange[] = [];
  for (const i of [...near].sort((a, b) => a - b)) {
    const last = out[out.length - 1];
    if (last && last.to === starts[i]) last.to = starts[i + 1]!;
    else out.push({ from: starts[i]!, to: starts[i + 1]! });
  }
  return out;
}

/** Where the far sections go: a run of them becomes padding of the shown section next to it. */
interface Padding {
  top: number;
  bottom: number;
  /** The far sections in the top and bottom padding, in order. */
  above: number[];
  below: number[];
}

function heightOf(doc: PMNode, i: number, heights: ReadonlyMap<number, number>): number {
  return heights.get(i) ?? (doc.child(i).attrs.estimatedHeight as number | undefined) ?? 0;
}

/** The padding of each shown section that stands for far sections (a run before it, or the last run after it). */
function paddingOf(doc: PMNode, near: ReadonlySet<number>, heights: ReadonlyMap<number, number>): Map<number, Padding> {
  const out = new Map<number, Padding>();
  let run: number[] = [];
  let lastNear = -1;
  for (let i = 0; i < doc.childCount; i++) {
    if (!near.has(i)) {
      run.push(i);
      continue;
    }
    const p: Padding = { top: 0, bottom: 0, above: run, below: [] };
    for (const k of run) p.top += heightOf(doc, k, heights);
    out.set(i, p);
    run = [];
    lastNear = i;
  }
  if (run.length > 0 && lastNear >= 0) {
    const p = out.get(lastNear)!;
    p.below = run;
    for (const k of run) p.bottom += heightOf(doc, k, heights);
  }
  return out;
}

/** The sections of the selection's anchor and head. */
function selectionSections(state: EditorState): number[] {
  const { doc, selection } = state;
  return [sectionOf(doc, selection.anchor), sectionOf(doc, selection.head)];
}

/** The section holding a position (the end of the document counts as in the last section). */
function sectionOf(doc: PMNode, pos: number): number {
  const i = doc.resolve(Math.max(0, Math.min(pos, doc.content.size))).index(0);
  return Math.max(0, Math.min(i, doc.childCount - 1));
}

/** Node decorations: far sections not displayed, their heights as padding of the shown ones. */
function farDecorations(doc: PMNode, near: ReadonlySet<number>, heights: ReadonlyMap<number, number>): DecorationSet {
  const out: Decoration[] = [];
  const padding = paddingOf(doc, near, heights);
  doc.forEach((node, pos, i) => {
    const p = padding.get(i);
    if (!near.has(i)) out.push(Decoration.node(pos, pos + node.nodeSize, { class: 'yi-far' }));
    else if (p && (p.top > 0 || p.bottom > 0)) {
      out.push(Decoration.node(pos, pos + node.nodeSize, { style: `padding-top: ${Math.round(p.top)}px; padding-bottom: ${Math.round(p.bottom)}px` }));
    }
  });
  return DecorationSet.create(doc, out);
}

function nextState(state: SectionWindowState, doc: PMNode, meta: SectionWindowMeta): SectionWindowState {
  if (!state.near) return state;
  const near = new Set(meta.sections.filter((i) => Number.isInteger(i) && i >= 0 && i < doc.childCount));
  if (near.size === 0 && doc.childCount > 0) near.add(0); // something must stand for the record's height
  let heights = state.heights;
  if (meta.heights?.some(([i, h]) => state.heights.get(i) !== h)) {
    const next = new Map(state.heights);
    for (const [i, h] of meta.heights) next.set(i, h);
    heights = next;
  }
  const same = near.size === state.near.size && [...near].every((i) => state.near!.has(i));
  if (same && heights === state.heights) return state;
  return { near, heights, far: farDecorations(doc, near, heights) };
}

export function sectionWindowPlugin(windowed: boolean): Plugin<SectionWindowState> {
  return new Plugin<SectionWindowState>({
    key: sectionWindowKey,
    state: {
      init(_cfg, state: EditorState) {
        if (!windowed) return { near: null, heights: new Map(), far: DecorationSet.empty };
        const near = initialSections(state.doc);
        return { near, heights: new Map(), far: farDecorations(state.doc, near, new Map()) };
      },
      apply(tr, value, _old, state) {
        const meta = tr.getMeta(sectionWindowKey) as SectionWindowMeta | undefined;
        if (!value.near || (!meta && !tr.selectionSet)) return value;
        // The sections holding the selection's ends are always shown: a selection in text that is
        // not displayed has no place on screen, and ProseMirror and the browser would keep
        // moving it (measured: every frame of a scroll slower than the last).
        const ends = selectionSections(state);
        if (!meta && ends.every((i) => value.near!.has(i))) return value;
        return nextState(value, tr.doc, { sections: [...(meta?.sections ?? value.near), ...ends], heights: meta?.heights });
      },
    },
    props: {
      decorations: (state) => sectionWindowKey.getState(state)?.far,
      attributes: (): Record<string, string> => (windowed ? { class: 'yi-windowed' } : {}),
    },
    view: (view) => (windowed ? watchSections(view) : {}),
  });
}

/**
 * Shows the section holding `pos` (and its neighbours) in the state `tr` makes, so that the text
 * there can be scrolled to: text of a collapsed section has no box. Used by reveal.ts, in the same
 * transaction as what is drawn there.
 */
export function revealSections(tr: Transaction, state: EditorState, pos: number): Transaction {
  const window = sectionWindowKey.getState(state);
  if (!window?.near) return tr;
  const i = sectionOf(state.doc, pos);
  if (window.near.has(i)) return tr;
  const sections = sectionsAround(state.doc, i, i, WINDOW_SECTIONS);
  return tr.setMeta(sectionWindowKey, { sections } satisfies SectionWindowMeta);
}

/** Whether the text at `pos` is displayed (always, in a record that is not windowed). */
export function isShown(state: EditorState, pos: number): boolean {
  const near = sectionWindowKey.getState(state)?.near;
  return !near || near.has(sectionOf(state.doc, pos));
}

/** The nearest ancestor that scrolls vertically, or null (the document's viewport). */
export function scrollParent(el: HTMLElement): HTMLElement | null {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const overflow = getComputedStyle(p).overflowY;
    if (overflow === 'auto' || overflow === 'scroll') return p;
  }
  return null;
}

/**
 * After each scroll or resize (once per animation frame): the sections at the top and the bottom
 * of the scroll container's view, found by hit testing (a far section by its place in the padding
 * that stands for it), and `WINDOW_SECTIONS` more on either side, with the heights of the
 * sections shown now. Hit tests cost nothing between scrolls; an
 * IntersectionObserver on every section would be recomputed on every change of the page.
 */
function watchSections(view: EditorView): { update(view: EditorView, previous: EditorState): void; destroy(): void } {
  // The scroll container is known once the editor is in the page (TipTap mounts it after creating it).
  let scroller: HTMLElement | null = null;
  let target: EventTarget | null = null;
  let frame = 0;
  const known = new Map<number, number>();
  /** The section at a point of the view: a shown section, or a far one within its padding. */
  const sectionAt = (x: number, y: number, padding: Map<number, Padding>, heights: ReadonlyMap<number, number>): number | null => {
    for (const el of document.elementsFromPoint(x, y)) {
      if (!view.dom.contains(el) || el === view.dom) continue;
      let top: Element = el;
      while (top.parentElement && top.parentElement !== view.dom) top = top.parentElement;
      const i = Array.prototype.indexOf.call(view.dom.children, top) as number;
      if (i < 0) return null;
      const p = padding.get(i);
      if (!p) return i;
      const box = top.getBoundingClientRect();
      const doc = view.state.doc;
      if (y < box.top + p.top) {
        let at = box.top;
        for (const k of p.above) if (y < (at += heightOf(doc, k, heights))) return k;
        return p.above[p.above.length - 1] ?? i;
      }
      if (y >= box.bottom - p.bottom) {
        let at = box.bottom - p.bottom;
        for (const k of p.below) if (y < (at += heightOf(doc, k, heights))) return k;
        return p.below[p.below.length - 1] ?? i;
      }
      return i;
    }
    return null;
  };
  const measure = () => {
    frame = 0;
    if (!view.dom.isConnected) return; // the ResizeObserver calls again once it is
    if (!target) {
      scroller = scrollParent(view.dom);
      target = scroller ?? window;
      target.addEventListener('scroll', schedule, { passive: true });
      // The view can grow without the editor changing size (the window, a bar closing).
      if (scroller) resize.observe(scroller);
    }
    const state = sectionWindowKey.getState(view.state);
    if (!state?.near) return;
    const box = view.dom.getBoundingClientRect();
    const port = scroller ? scroller.getBoundingClientRect() : { top: 0, bottom: window.innerHeight };
    const top = Math.max(port.top, box.top, 0) + 1;
    const bottom = Math.min(port.bottom, box.bottom, window.innerHeight) - 1;
    if (!(bottom > top)) return; // the editor is out of view: keep what is shown
    const x = box.left + box.width / 2; // sections are blocks as wide as the editor
    const doc = view.state.doc;
    const padding = paddingOf(doc, state.near, state.heights);
    // The height of each section shown now (its padding aside), which it keeps when it is far.
    for (const i of state.near) {
      const el = view.dom.children[i];
      const p = padding.get(i);
      if (el) known.set(i, Math.round(el.getBoundingClientRect().height - (p?.top ?? 0) - (p?.bottom ?? 0)));
    }
    const first = sectionAt(x, top, padding, state.heights);
    const last = sectionAt(x, bottom, padding, state.heights) ?? first;
    if (first === null || last === null) return; // covered (a dialog): keep what is shown
    const sections = sectionsAround(doc, Math.min(first, last), Math.max(first, last), WINDOW_SECTIONS);
    const wanted = new Set([...sections, ...selectionSections(view.state)]);
    if (wanted.size === state.near.size && [...wanted].every((i) => state.near!.has(i))) return;
    view.dispatch(view.state.tr.setMeta(sectionWindowKey, { sections, heights: [...known] } satisfies SectionWindowMeta));
  };
  function schedule() {
    if (!frame) frame = requestAnimationFrame(measure);
  }
  // Called when the editor first gets a size (it was mounted) and whenever its size changes.
  const resize = new ResizeObserver(schedule);
  resize.observe(view.dom);
  window.addEventListener('resize', schedule);
  schedule();
  return {
    // The selection left a section: measure again, so that the section leaves the window if it
    // is out of view (it was kept only because it held the selection).
    update(_view, previous) {
      if (view.state.selection === previous.selection) return;
      const [a, b] = selectionSections(previous);
      const [c, d] = selectionSections(view.state);
      if (a !== c || b !== d) schedule();
    },
    destroy() {
      cancelAnimationFrame(frame);
      target?.removeEventListener('scroll', schedule);
      window.removeEventListener('resize', schedule);
      resize.disconnect();
    },
  };
}
