/** Yishi's native JSON (version 2): `serializeNative` behind the format interface. */
import { parseNative, serializeNative } from '../native';
import { prepareExport } from './check';
import { problem } from '../../domain/problem';
import { countedNote, extensionOf, unknownLabelsIn, utf8Text } from './importOutcome';
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
  keeps: ['spans', 'overlaps', 'relations', 'speaker', 'note', 'annotator', 'origin', 'labelSet', 'dates', 'ids'],
  export: (input) => exportNativeJson(input),
  import: {
    // Any .json; Label Studio's task lists, also .json, are told apart by their content.
    sniff: (file) => (extensionOf(file.name) === 'json' ? 1 : 0),
    read([file], context) {
      const { documents } = parseNative(utf8Text(file!), file!.name);
      return {
        documents,
        unknownLabels: unknownLabelsIn(documents, context),
        notice: problem('import.counted', { format: 'Yishi JSON', documents: documents.length, annotations: documents.reduce((n, d) => n + d.annotations.length, 0) }),
        note: countedNote(documents),
      };
    },
  },
};
