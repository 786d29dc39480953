/**
 * Restoring a backup (a native file of the whole library). Into a library that holds records the
 * analyst is first asked: merge (newer versions win, nothing newer here is lost) or replace (with
 * how many annotations changed here since the backup was written).
 */
import { decodeUtf8File } from '../../io/jsonInput';
import { parseNative } from '../../io/native';
import type { Library, RestoreReport } from '../../storage/library';
import type { BatchFile } from '../importBatch';
import type { WorkbenchPorts } from './types';

/** The restore's report, or undefined when the analyst left it. Throws when refused (nothing restored). */
export async function restoreBackup(
  library: Library,
  file: BatchFile,
  settled: () => Promise<void> | undefined,
  ask: WorkbenchPorts['restoreMode'],
): Promise<RestoreReport | undefined> {
  const text = decodeUtf8File(new Uint8Array(await file.arrayBuffer()), file.name);
  const parsed = parseNative(text, file.name);
  const backup = { documents: parsed.documents, labels: parsed.labels, settings: parsed.settings, exportedAt: parsed.exportedAt };
  await settled();
  const stored = await library.restorePreview(backup);
  let mode: 'merge' | 'replace' = 'replace';
  if (stored.documents > 0) {
    const choice = await ask({
      fileName: file.name,
      backup: {
        documents: backup.documents.length,
        annotations: backup.documents.reduce((n, d) => n + d.annotations.length, 0),
        exportedAt: backup.exportedAt,
      },
      stored,
    });
    if (choice === 'cancel') return undefined;
    mode = choice;
  }
  return library.restoreBackup(backup, mode);
}
