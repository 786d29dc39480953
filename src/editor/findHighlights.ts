import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { Utf16Range } from '../domain/units';
import type { PositionMap } from './positionMap';
import { requestReveal } from './reveal';

/**
 * Find in the record: the matches are decorations in plugin state, driven by transaction meta
 * (as TipTap's find-and-replace does), built in one small function. The browser's own find
 * cannot be used: it does not know which spans are annotations, and cannot tag its matches.
 */
export interface FindMeta {
  /** UTF-16 ranges of the canonical text, in text order. */
  matches: readonly Utf16Range[];
  /** Index of the current match, or -1. */
  current: number;
}

interface FindState extends FindMeta {
  decorations: DecorationSet;
}

export const findHighlightsKey = new PluginKey<FindState>('yishiFind');

function build(state: EditorState, positions: PositionMap, meta: FindMeta): FindState {
  const decorations = meta.matches.flatMap((m, i) => {
    const from = positions.posAtOffset(m.start, 'start');
    const to = positions.posAtOffset(m.end, 'end');
    return from < to ? [Decoration.inline(from, to, { class: i === meta.current ? 'yi-find is-current' : 'yi-find' })] : [];
  });
  return { ...meta, decorations: DecorationSet.create(state.doc, decorations) };
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    yishiFind: {
      /** Draws the find matches (UTF-16 ranges) and brings the current one (index, or -1) into view. */
      setFindMatches: (matches: readonly Utf16Range[], current: number) => ReturnType;
    };
  }
}

export const FindHighlights = Extension.create<{ positions: PositionMap | null }>({
  name: 'yishiFind',
  addOptions: () => ({ positions: null }),
  addCommands() {
    return {
      setFindMatches:
        (matches, current) =>
        ({ tr, state }) => {
          tr.setMeta(findHighlightsKey, { matches, current } satisfies FindMeta);
          const match = matches[current];
          const { positions } = this.options;
          if (match && positions) requestReveal(tr, state, positions.posAtOffset(match.start, 'start'), positions.posAtOffset(match.end, 'end'));
          return true;
        },
    };
  },
  addProseMirrorPlugins() {
    const { positions } = this.options;
    if (!positions) throw new Error('FindHighlights needs a positions option');
    return [
      new Plugin<FindState>({
        key: findHighlightsKey,
        state: {
          init: () => ({ matches: [], current: -1, decorations: DecorationSet.empty }),
          apply(tr, value, _old, state) {
            const meta = tr.getMeta(findHighlightsKey) as FindMeta | undefined;
            if (!meta) return value;
            return build(state, positions, meta);
          },
        },
        props: { decorations: (state) => findHighlightsKey.getState(state)?.decorations },
      }),
    ];
  },
});
