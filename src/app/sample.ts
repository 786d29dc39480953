import sampleMarkdown from '../../fixtures/tianjin-cppcc-2021-advanced-manufacturing.md?raw';
import { importTextFile } from '../io/textFile';
import type { Library } from '../storage/library';
import { documentFromText } from './importFiles';

export const SAMPLE_FILE = 'tianjin-cppcc-2021-advanced-manufacturing.md';
/**
 * On the very first start, the library receives a real meeting record to tag. It is imported like
 * any Markdown file; deleting it later does not bring it back. Import and restore share one rule
 * for "the same record" (the same text: storage/merge.ts), so the sample is never stored twice:
 * a library that holds its text already skips it, and a backup restored into a library seeded
 * here merges its copy (with the analyst's annotations) into this one.
 */
export async function seedSampleOnce(library: Library): Promise<void> {
  if (await library.getSetting('sampleSeeded')) return;
  const imported = importTextFile(new TextEncoder().encode(sampleMarkdown), SAMPLE_FILE);
  const document = documentFromText(imported, new Date().toISOString());
  document.title = '打造天津的当家产业（天津市政协专题议政会综述）';
  await library.importDocuments([{ document, annotations: [] }]);
  await library.setSetting('sampleSeeded', true);
}
