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
  if (request.formats.length > 1) {
    return { fileName: `${request.baseName}.zip`, content: zipFiles(files, request.input.exportedAt), mime: 'application/zip', report, notices };
  }
  const tag = DOWNLOAD_TAG[request.formats[0]!];
  if (files.length === 1) {
    const only = files[0]!;
    const name = only.path.slice(only.path.lastIndexOf('/') + 1);
    const extension = name.includes('.') ? name.slice(name.indexOf('.')) : '';
    // The format is named once: `annotations.csv` → `<title>.csv`, `doccano.jsonl` → `<title>.doccano.jsonl`.
    const tagged = extension.startsWith(`.${tag}.`) || extension === `.${tag}` ? extension : `.${tag}${extension}`;
    return { fileName: `${request.baseName}${tagged}`, content: only.content, mime: only.mime, report, notices };
  }
  return { fileName: `${request.baseName}.${tag}.zip`, content: zipFiles(files, request.input.exportedAt), mime: 'application/zip', report, notices };
}

/**
 * The word a single-format download carries before its extension, so that the exports of one
 * record never share a name in a Downloads folder (issue 17): `<title>.labelstudio.zip`,
 * `<title>.brat.zip`, `<title>.jsonl.zip`, `<title>.csv`.
 */
const DOWNLOAD_TAG: Record<FormatId, string> = {
  json: 'yishi',
  jsonl: 'jsonl',
  labelstudio: 'labelstudio',
  brat: 'brat',
  doccano: 'doccano',
  csv: 'csv',
  bio: 'bio',
  w3c: 'w3c',
  'summary-html': 'summary',
  'summary-md': 'summary',
};
