/** Yishi's native JSON (version 2): `serializeNative` behind the format interface. */
import { serializeNative } from '../nativeJson';
import { prepareExport } from './check';
import type { ExportFormat, ExportInput, ExportResult } from './types';

export const NATIVE_FILE = 'annotations.yishi.json';

export function exportNativeJson(input: ExportInput): ExportResult {
  // serializeNative runs the native validator (the same rules); prepareExport gives the shared
  // message style and refuses before serialising.
  prepareExport('json', input);
  const content = serializeNative(input.documents, input.labels, input.exportedAt, input.relationTypes);
  return { files: [{ path: NATIVE_FILE, content, mime: 'application/json' }], report: [] };
}

export const jsonFormat: ExportFormat = {
  id: 'json',
  title: 'Yishi JSON (native, re-importable)',
  offsetUnit: 'codepoint',
  export: (input) => exportNativeJson(input),
};
