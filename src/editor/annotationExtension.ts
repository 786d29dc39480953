import { Extension } from '@tiptap/core';
import type { Annotation } from '../domain/annotation';
import { annotationDecorationsPlugin, type AnnotationViewConfig } from './annotationDecorations';
import { annotationInputPlugin, type AnnotationIntents } from './annotationInput';
import { sectionWindowPlugin } from './sectionWindow';

export interface YishiAnnotationsOptions {
  config: AnnotationViewConfig | null;
  initial: readonly Annotation[];
  intents: () => AnnotationIntents;
}

/** Shows annotations as decorations and turns keys and clicks into annotation intents. */
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
  addProseMirrorPlugins() {
    const { config, initial, intents } = this.options;
    if (!config) throw new Error('YishiAnnotations needs a config option');
    return [
      sectionWindowPlugin(config.windowed ?? false),
      annotationDecorationsPlugin(config, initial),
      annotationInputPlugin(config.positions, intents),
    ];
  },
});
