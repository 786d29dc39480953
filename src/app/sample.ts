import sampleMarkdown from '../../fixtures/tianjin-cppcc-2021-advanced-manufacturing.md?raw';
import { importTextFile } from '../io/textFile';
import type { Library } from '../storage/library';
import { documentFromText } from './importFiles';

export const SAMPLE_FILE = 'tianjin-cppcc-2021-advanced-manufacturing.md';
const SEEDED = 'sampleSeeded';

/**
 * On the very first start, the library receives a real meeting record to tag. It is imported like
 * any Markdown file; deleting it later does not bring it back.
 */
export async function seedSampleOnce(library: Library): Promise<void> {
  if (await library.getSetting<boolean>(SEEDED)) return;
  const imported = importTextFile(new TextEncoder().encode(sampleMarkdown), SAMPLE_FILE);
  const document = documentFromText(imported, new Date().toISOString());
  document.title = '打造天津的当家产业（天津市政协专题议政会综述）';
  await library.importDocuments([{ document, annotations: [] }]);
  await library.setSetting(SEEDED, true);
}
