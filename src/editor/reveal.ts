import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { isShown, revealSections, scrollParent } from './sectionWindow';

/**
 * Bringing a place of the text into view: a transaction asks for it (meta on `revealKey`, with the
 * section window opened there in the same transaction), and once the view has drawn that state the
 * plugin scrolls the text's own coordinates to the middle of the scroll container. Scrolling an
 * element instead (a paragraph) misses the place in a paragraph of 5,000 characters by a screen or
 * more; the coordinates of a position are exact wherever it is.
 */
export interface RevealRequest {
  /** ProseMirror positions of the text to show. */
  from: number;
  to: number;
}

export const revealKey = new PluginKey<RevealRequest | null>('yishiReveal');

/** Adds to `tr` the request to show from..to (and the section window to open there). */
export function requestReveal(tr: Transaction, state: EditorState, from: number, to: number): Transaction {
  return revealSections(tr, state, from).setMeta(revealKey, { from, to } satisfies RevealRequest);
}

/** The vertical extent of from..to on screen, or of `from` alone when `to` is not displayed. */
function extentOf(view: EditorView, { from, to }: RevealRequest): { top: number; bottom: number } {
  const start = view.coordsAtPos(from, 1);
  if (to <= from || !isShown(view.state, to)) return start;
  const end = view.coordsAtPos(to, -1);
  return { top: Math.min(start.top, end.top), bottom: Math.max(start.bottom, end.bottom) };
}

/** Scrolls the text's scroll container (or the page) so that from..to is in the middle of it. */
function scrollToMiddle(view: EditorView, request: RevealRequest): void {
  const { top, bottom } = extentOf(view, request);
  const scroller = scrollParent(view.dom);
  const port = scroller ? scroller.getBoundingClientRect() : { top: 0, bottom: window.innerHeight };
  const room = port.bottom - port.top;
  // Taller than the view (a span of many lines): its start near the top, not its middle.
  const delta = bottom - top < room ? (top + bottom - port.top - port.bottom) / 2 : top - port.top - room / 8;
  if (scroller) scroller.scrollTop += delta;
  else window.scrollBy(0, delta);
}

export function revealPlugin(): Plugin<RevealRequest | null> {
  return new Plugin<RevealRequest | null>({
    key: revealKey,
    state: {
      init: () => null,
      // A new object per request: asking twice for the same place scrolls there twice.
      apply: (tr, value) => {
        const meta = tr.getMeta(revealKey) as RevealRequest | undefined;
        return meta ? { ...meta } : value;
      },
    },
    view: () => ({
      update(view, previous) {
        const request = revealKey.getState(view.state);
        if (request && request !== revealKey.getState(previous)) scrollToMiddle(view, request);
      },
    }),
  });
}
