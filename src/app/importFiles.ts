import type { Label } from '../domain/labels';
import { readFiles, type FileFailure, type FileInput, type FileOutcome } from '../io/formats';

export { documentFromText } from '../io/formats';
export type { FileFailure, FileInput, FileOutcome };

/**
 * Reads each file on its own (brat's .txt and .ann go together, by name): a bad file is refused
 * whole with a message naming it, and does not stop the others. Nothing is stored here. Which
 * format reads a file is the registry's business (`io/formats/registry.ts`).
 */
export function readImportFiles(
  files: readonly FileInput[],
  now: string,
  labels: readonly Label[],
): { ok: FileOutcome[]; failed: FileFailure[] } {
  return readFiles(files, { now, labels });
}
