/**
 * Plain text and Markdown (.txt, .text, .md, .markdown): a new record without annotations, its
 * encoding detected (`io/textFile.ts`). Import only; the registry's fallback, so a file no
 * format claims is refused here with the extensions Yishi reads.
 */
import { newAnnotationId } from '../../domain/annotation';
import type { MeetingDocument } from '../../domain/document';
import { problem } from '../../domain/problem';
import { formatFromFileName, importTextFile, type TextImport } from '../textFile';
import type { Format } from './types';

/** Turns a text import into a new document with a fresh id. */
export function documentFromText(t: TextImport, now: string): MeetingDocument {
  return { id: newAnnotationId(), title: t.title, text: t.text, format: t.format, meta: t.meta, createdAt: now, updatedAt: now };
}

const BOM = 'removed byte order mark';
const LINE_BREAKS = 'line breaks CRLF/CR → LF';

export const textFormat: Format = {
  id: 'text',
  title: 'Plain text and Markdown',
  offsetUnit: null,
  keeps: [],
  import: {
    sniff: (file) => (formatFromFileName(file.name) !== null ? 1 : 0),
    read([file], { now }) {
      const t = importTextFile(file!.bytes, file!.name);
      const normalised = t.meta.normalised ?? [];
      const encoding = t.meta.encoding ?? '';
      const code = normalised.includes(BOM)
        ? normalised.includes(LINE_BREAKS)
          ? 'import.decodedBomLineBreaks'
          : 'import.decodedBom'
        : normalised.includes(LINE_BREAKS)
          ? 'import.decodedLineBreaks'
          : 'import.decoded';
      return {
        documents: [{ document: documentFromText(t, now), annotations: [] }],
        unknownLabels: [],
        notice: problem(code, { file: file!.name, encoding }),
        note: `decoded as ${encoding}${normalised.length ? `; ${normalised.join(', ')}` : ''}`,
      };
    },
  },
};
