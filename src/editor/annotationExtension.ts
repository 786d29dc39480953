import { Extension } from '@tiptap/core';
import type { Annotation } from '../domain/annotation';
import { annotationDecorationsPlugin, type AnnotationViewConfig } from './annotationDecorations';
import { annotationInputPlugin, selectedRange, type AnnotationIntents } from './annotationInput';
import { TextSelection } from '@tiptap/pm/state';
import type { Utf16Range } from '../domain/units';
import { requestReveal, revealPlugin } from './reveal';
import { sectionWindowPlugin } from './sectionWindow';

export interface YishiAnnotationsOptions {
  config: AnnotationViewConfig | null;
  initial: readonly Annotation[];
  intents: () => AnnotationIntents;
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    yishiAnnotations: {
      /** Puts the caret at the start of this text range and brings the range itself into view. */
      revealRange: (range: Utf16Range) => ReturnType;
      /** Applies a label the way its key does (to the live selection) and gives the text the keyboard. */
      applyLabel: (labelId: string) => ReturnType;
      /** Gives the keyboard back to the text (after a panel or the find bar). */
      focusText: () => ReturnType;
    };
  }
}

/**
 * Shows annotations as decorations, turns keys and clicks into annotation intents, and offers the
 * commands by which the rest of the interface moves the text's caret and view.
 */
export const YishiAnnotations = Extension.create<YishiAnnotationsOptions>({
  name: 'yishiAnnotations',
  addOptions() {
    return {
      config: null,
      initial: [],
      intents: () => {
        throw new Error('YishiAnnotations needs an intents option');
      },
    };
  },
  addCommands() {
    const positions = () => {
      if (!this.options.config) throw new Error('YishiAnnotations needs a config option');
      return this.options.config.positions;
    };
    return {
      revealRange:
        (range) =>
        ({ tr, state }) => {
          const from = positions().posAtOffset(range.start, 'start');
          const to = positions().posAtOffset(range.end, 'end');
          requestReveal(tr.setSelection(TextSelection.create(tr.doc, from)), state, from, to);
          return true;
        },
      applyLabel:
        (labelId) =>
        ({ tr, view, dispatch }) => {
          // The intents dispatch transactions of their own: this command's must not follow them.
          tr.setMeta('preventDispatch', true);
          if (!dispatch) return true;
          this.options.intents().label(labelId, selectedRange(view, positions()));
          view.focus();
          return true;
        },
      focusText:
        () =>
        ({ tr, view, dispatch }) => {
          tr.setMeta('preventDispatch', true);
          if (dispatch) view.focus();
          return true;
        },
    };
  },
  addProseMirrorPlugins() {
    const { config, initial, intents } = this.options;
    if (!config) throw new Error('YishiAnnotations needs a config option');
    return [
      sectionWindowPlugin(config.windowed ?? false),
      annotationDecorationsPlugin(config, initial),
      annotationInputPlugin(config.positions, intents),
      revealPlugin(),
    ];
  },
});
