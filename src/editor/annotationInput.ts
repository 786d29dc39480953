import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import type { Boundary } from '../domain/edits';
import type { Utf16Range } from '../domain/units';
import { dispatchKey } from './keymap';
import type { PositionMap } from './positionMap';

/**
 * What the analyst's keys and clicks mean, turned into intents for whoever owns the annotations.
 * The editor knows keys and positions; the session knows annotations.
 */
export interface AnnotationIntents {
  /** Whether this key is a label's. */
  isLabelKey(key: string): boolean;
  /** A label key was pressed; `selection` is the selected text range, or null for a caret. */
  labelKey(key: string, selection: Utf16Range | null): boolean;
  /** S, N or R with a span selected and no text selected: the span panel's field or link picker. */
  spanCommand(id: 'speaker' | 'note' | 'link'): boolean;
  /** A label was chosen by other means (the label bar): tag the selection or relabel the selected span. */
  label(labelId: string, selection: Utf16Range | null): void;
  deleteSelected(): void;
  undo(): void;
  redo(): void;
  moveBoundary(boundary: Boundary, direction: -1 | 1): boolean;
  escape(): boolean;
  /** A click landed on annotated text covered by these ids (outermost first). */
  clickAnnotations(ids: string[]): void;
  /** A click landed on text that no annotation covers. */
  clickText(): void;
  /** The pointer is over annotated text covered by these ids (outermost first), or left it (null). */
  hoverAnnotations(ids: string[] | null): void;
}

export const annotationInputKey = new PluginKey('yishiAnnotationInput');

/**
 * The selection on screen as a text range, or null for a caret. ProseMirror reads the DOM
 * selection when the browser reports `selectionchange`, which can come after the next key: a
 * label key pressed within milliseconds of the last Shift+Arrow found the selection of the arrow
 * before (measured: two characters tagged of four selected). Its DOM observer is flushed first,
 * which reads the DOM selection now (the observer is internal to ProseMirror's view, hence the
 * cast; the browser test of the quick keys fails if it is ever renamed).
 */
export function selectedRange(view: EditorView, positions: PositionMap): Utf16Range | null {
  (view as unknown as { domObserver?: { flush(): void } }).domObserver?.flush();
  const { from, to, empty } = view.state.selection;
  if (empty) return null;
  return { start: positions.offsetAtPos(from), end: positions.offsetAtPos(to) };
}

/** The ids of the annotations under a mouse event, outermost first, or null on plain text. */
function annotationIdsAt(event: MouseEvent): string[] | null {
  const target = event.target instanceof Element ? event.target : null;
  const el = target?.closest('[data-annotation-ids]');
  return el ? (el.getAttribute('data-annotation-ids') ?? '').split(' ').filter(Boolean) : null;
}

export function annotationInputPlugin(positions: PositionMap, intents: () => AnnotationIntents): Plugin {
  /** The ids under the pointer last reported, so moving within one segment reports nothing. */
  let hovered: string | null = null;
  const hover = (value: string | null) => {
    if (value === hovered) return;
    hovered = value;
    intents().hoverAnnotations(value ? value.split(' ').filter(Boolean) : null);
  };
  const repeatedClick = (event: MouseEvent): boolean => {
    const ids = annotationIdsAt(event);
    if (!ids) return false;
    intents().clickAnnotations(ids);
    return true;
  };
  return new Plugin({
    key: annotationInputKey,
    props: {
      handleKeyDown(view, event) {
        // The keys are the keymap's (keymap.ts), in the scopes of the text.
        const spanKey = (id: 'speaker' | 'note' | 'link') => () => selectedRange(view, positions) === null && intents().spanCommand(id);
        return dispatchKey(
          event,
          ['text', 'span', 'history'],
          {
            label: (hit) => intents().labelKey(hit.key, selectedRange(view, positions)),
            enter: () => true, // never splits the text
            delete: () => void intents().deleteSelected(), // never deletes text
            'move-start': (hit) => void intents().moveBoundary('start', hit.dir),
            'move-end': (hit) => void intents().moveBoundary('end', hit.dir),
            deselect: () => intents().escape(),
            speaker: spanKey('speaker'),
            note: spanKey('note'),
            link: spanKey('link'),
            undo: () => void intents().undo(),
            redo: () => void intents().redo(),
          },
          (key) => intents().isLabelKey(key),
        );
      },
      handleClick(_view, _pos, event) {
        const ids = annotationIdsAt(event);
        if (ids) intents().clickAnnotations(ids);
        else intents().clickText();
        return false; // let ProseMirror place the caret
      },
      // Quick further clicks on a span are double and triple clicks to ProseMirror: treat them as
      // the next click (walking outwards through overlapping spans), not as selecting a word or a
      // paragraph, which would make the next label key tag that text instead of relabelling.
      handleDoubleClick: (_view, _pos, event) => repeatedClick(event),
      handleTripleClick: (_view, _pos, event) => repeatedClick(event),
      handleDOMEvents: {
        mouseover(_view, event) {
          const target = event.target instanceof Element ? event.target : null;
          hover(target?.closest('[data-annotation-ids]')?.getAttribute('data-annotation-ids') ?? null);
          return false;
        },
        mouseleave() {
          hover(null);
          return false;
        },
      },
    },
  });
}
