import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { segmentRanges } from '../domain/segments';
import { u16, type Utf16Offset } from '../domain/units';
import type { PositionMap } from './positionMap';
import { requestReveal } from './reveal';

/**
 * Suggestions (proposed spans, not annotations) drawn as decorations in plugin state, driven by
 * transaction meta, like the find matches (findHighlights.ts). Overlapping suggestions are cut
 * into segments (segments.ts) so each rendered piece lists every covering suggestion in
 * `data-suggestion-ids`; the labels go in `data-suggestion-labels` (not `data-labels`, which
 * the annotation segments carry: ProseMirror merges the attributes of a suggestion and an
 * annotation decoration over the same text into one element).
 */
export interface SuggestionView {
  id: string;
  label: string;
  /** UTF-16 offsets into the canonical text. */
  start: Utf16Offset;
  end: Utf16Offset;
}

export type SuggestionMeta =
  | { type: 'set'; suggestions: readonly SuggestionView[]; currentId: string | null }
  | { type: 'current'; id: string | null };

export interface SuggestionDecorationState {
  suggestions: readonly SuggestionView[];
  currentId: string | null;
  decorations: DecorationSet;
}

export const suggestionDecorationsKey = new PluginKey<SuggestionDecorationState>('yishiSuggestions');

export interface SuggestionHighlightsOptions {
  positions: PositionMap | null;
  colorOf: (labelId: string) => string;
  /** A click on suggested text: the ids of the suggestions covering it, outermost first. */
  onClick: (ids: string[]) => void;
}

function build(
  state: EditorState,
  options: SuggestionHighlightsOptions,
  positions: PositionMap,
  suggestions: readonly SuggestionView[],
  currentId: string | null,
): SuggestionDecorationState {
  const byId = new Map(suggestions.map((s) => [s.id, s]));
  const decorations: Decoration[] = [];
  for (const seg of segmentRanges(suggestions)) {
    const from = positions.posAtOffset(u16(seg.start), 'start');
    const to = positions.posAtOffset(u16(seg.end), 'end');
    if (from >= to) continue;
    const ids = seg.items.map((it) => it.id);
    const labels = ids.map((id) => byId.get(id)!.label);
    // The innermost suggestion's label colours the dashed outline.
    const color = options.colorOf(labels[labels.length - 1]!);
    decorations.push(
      Decoration.inline(from, to, {
        class: currentId && ids.includes(currentId) ? 'yi-sug is-current' : 'yi-sug',
        'data-suggestion-ids': ids.join(' '),
        'data-suggestion-labels': labels.join(' '),
        style: `--yi-sug-color: ${color}`,
      }),
    );
  }
  return { suggestions, currentId, decorations: DecorationSet.create(state.doc, decorations) };
}

/** The ids of the suggestions under a mouse event, outermost first, or null. */
function suggestionIdsAt(event: MouseEvent): string[] | null {
  const target = event.target instanceof Element ? event.target : null;
  const el = target?.closest('[data-suggestion-ids]');
  return el ? (el.getAttribute('data-suggestion-ids') ?? '').split(' ').filter(Boolean) : null;
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    yishiSuggestions: {
      /** Draws these suggestions with the current one marked. */
      setSuggestions: (suggestions: readonly SuggestionView[], currentId: string | null) => ReturnType;
      /** Marks another suggestion current and brings it into view (the keyboard stays where it is). */
      setCurrentSuggestion: (id: string | null) => ReturnType;
    };
  }
}

export const SuggestionHighlights = Extension.create<SuggestionHighlightsOptions>({
  name: 'yishiSuggestions',
  addOptions: () => ({ positions: null, colorOf: () => '#888888', onClick: () => undefined }),
  addCommands() {
    return {
      setSuggestions:
        (suggestions, currentId) =>
        ({ tr }) => {
          tr.setMeta(suggestionDecorationsKey, { type: 'set', suggestions, currentId } satisfies SuggestionMeta);
          return true;
        },
      setCurrentSuggestion:
        (id) =>
        ({ tr, state }) => {
          tr.setMeta(suggestionDecorationsKey, { type: 'current', id } satisfies SuggestionMeta);
          const shown = id ? suggestionDecorationsKey.getState(state)?.suggestions.find((s) => s.id === id) : undefined;
          const { positions } = this.options;
          if (shown && positions) requestReveal(tr, state, positions.posAtOffset(shown.start, 'start'), positions.posAtOffset(shown.end, 'end'));
          return true;
        },
    };
  },
  addProseMirrorPlugins() {
    const options = this.options;
    const { positions } = options;
    if (!positions) throw new Error('SuggestionHighlights needs a positions option');
    return [
      new Plugin<SuggestionDecorationState>({
        key: suggestionDecorationsKey,
        state: {
          init: () => ({ suggestions: [], currentId: null, decorations: DecorationSet.empty }),
          apply(tr, value, _old, state) {
            const meta = tr.getMeta(suggestionDecorationsKey) as SuggestionMeta | undefined;
            if (!meta) return value; // the text never changes: nothing to map
            if (meta.type === 'current') {
              return meta.id === value.currentId ? value : build(state, options, positions, value.suggestions, meta.id);
            }
            return build(state, options, positions, meta.suggestions, meta.currentId);
          },
        },
        props: {
          decorations: (state) => suggestionDecorationsKey.getState(state)?.decorations,
          handleClick(_view, _pos, event) {
            const ids = suggestionIdsAt(event);
            if (ids) options.onClick(ids);
            return false; // the annotation input and ProseMirror handle the click too
          },
        },
      }),
    ];
  },
});
