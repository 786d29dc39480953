/**
 * The format layer's entrance: the registry (every format, both ways: `registry.ts`), running
 * exports, and the importers of the formats that carry annotations back. Pure: usable in a Web
 * Worker.
 */
import type { Problem } from '../../domain/problem';
import { EXPORT_FORMATS } from './registry';
import type { ExportFormat, ExportInput, ExportResult, FormatId, FormatOptions } from './types';

export { EXPORT_FORMATS, FORMATS, IMPORT_FORMATS, importFormatOf, importGroupsOf, readFiles } from './registry';
export type { FileFailure, FileOutcome, ImportGroup } from './registry';

export function exportFormat(id: FormatId): ExportFormat {
  const f = EXPORT_FORMATS.find((x) => x.id === id);
  if (!f) throw new RangeError(`unknown export format ${JSON.stringify(id)}`);
  return f;
}

/**
 * Runs several formats on one input: their files together (paths never collide: multi-file
 * formats write into their own folder) and their reports together. Any format's self-check
 * failure refuses the whole export. `onProgress(done, total)` is called after each format.
 */
export function runExports(
  ids: readonly FormatId[],
  input: ExportInput,
  options: FormatOptions = {},
  onProgress?: (done: number, total: number) => void,
): ExportResult & { notices: Problem[] } {
  const result: ExportResult & { notices: Problem[] } = { files: [], report: [], notices: [] };
  const paths = new Set<string>();
  for (const [i, id] of ids.entries()) {
    const r = exportFormat(id).export(input, options);
    for (const f of r.files) {
      if (paths.has(f.path)) throw new Error(`two formats write the same file ${f.path}`);
      paths.add(f.path);
      result.files.push(f);
    }
    result.report.push(...r.report);
    result.notices.push(...(r.notices ?? []));
    onProgress?.(i + 1, ids.length);
  }
  return result;
}

export { ExportCheckError } from './check';
export { FormatImportError } from './importCommon';
export { importDatasetJsonl } from './jsonl';
export { importDoccano } from './doccano';
export { importLabelStudio } from './labelStudio';
export { importBrat } from './brat';
export { zipFiles, unzipFiles } from './zip';
export { bratGroups, bratPart } from './brat';
export { documentFromText, textFormat } from './text';
export type * from './types';
