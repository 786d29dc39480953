import type { Problem } from '../domain/problem';
import { runExports, zipFiles, type ExportInput, type FormatId, type FormatOptions } from '../io/formats';

/** One download: a single file as it is, or several in a zip. */
export interface Download {
  fileName: string;
  content: string | Uint8Array;
  mime: string;
  /** What the formats could not express (e.g. BIO's dropped spans), for the analyst to read. */
  report: string[];
  /** The same as Problems (the span named by its quote), for the interface to say in its language. */
  notices: Problem[];
}

export interface ExportRequest {
  formats: FormatId[];
  input: ExportInput;
  options: FormatOptions;
  /** The stem of the download's name, e.g. the record's title. */
  baseName: string;
}

/**
 * Runs the chosen formats (each checks its own output before returning) and packs the result.
 * Pure and synchronous: the export worker runs it off the main thread.
 */
export function runExportRequest(request: ExportRequest, onProgress?: (done: number, total: number) => void): Download {
  if (request.formats.length === 0) throw new Error('Choose at least one format to export.');
  const { files, report, notices } = runExports(request.formats, request.input, request.options, onProgress);
  if (files.length === 1) {
    const only = files[0]!;
    const name = only.path.slice(only.path.lastIndexOf('/') + 1);
    const extension = name.includes('.') ? name.slice(name.indexOf('.')) : '';
    return { fileName: `${request.baseName}${extension}`, content: only.content, mime: only.mime, report, notices };
  }
  return { fileName: `${request.baseName}.zip`, content: zipFiles(files, request.input.exportedAt), mime: 'application/zip', report, notices };
}
