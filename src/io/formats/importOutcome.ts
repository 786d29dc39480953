/**
 * What the one-file importers share when they stand behind the registry: the file as UTF-8 text,
 * and the outcome with its notice ("Label Studio: 1 document(s), 3 annotation(s)").
 */
import { problem } from '../../domain/problem';
import type { AnnotatedRecord } from '../../domain/record';
import { decodeUtf8File } from '../jsonInput';
import type { FileInput, ImportContext, ImportOutcome, ImportResult } from './types';

/** The file as text: strict UTF-8, or refused naming the offset of the first bad byte (io/jsonInput.ts). */
export function utf8Text(file: FileInput): string {
  return decodeUtf8File(file.bytes, file.name);
}

const HEAD_CHUNK = 64 * 1024;

/**
 * The start of the file as text, from its first character that is not white space (at least a
 * few kilobytes of it), for sniffing. Decoded leniently: a file that is not UTF-8 is refused by
 * the importer that reads it, not here.
 */
export function textHead(file: FileInput): string {
  const decoder = new TextDecoder('utf-8');
  for (let size = HEAD_CHUNK; ; size *= 4) {
    const head = decoder.decode(file.bytes.subarray(0, size)).trimStart();
    if (head !== '' || size >= file.bytes.length) return head;
  }
}

/** The first line of the file that is not blank, for sniffing (leniently decoded, as textHead). */
export function firstLine(file: FileInput): string {
  const decoder = new TextDecoder('utf-8');
  const bytes = file.bytes;
  for (let from = 0; from <= bytes.length; ) {
    let to = bytes.indexOf(0x0a, from);
    if (to < 0) to = bytes.length;
    const line = decoder.decode(bytes.subarray(from, to));
    if (line.trim() !== '') return line;
    from = to + 1;
  }
  return '';
}

export const extensionOf = (name: string): string => name.slice(name.lastIndexOf('.') + 1).toLowerCase();

function annotationTotal(items: readonly AnnotatedRecord[]): number {
  return items.reduce((n, d) => n + d.annotations.length, 0);
}

/** "N document(s), M annotation(s)": the English note of an import that carries annotations. */
export function countedNote(items: readonly AnnotatedRecord[]): string {
  return `${items.length} document(s), ${annotationTotal(items)} annotation(s)`;
}

/** The outcome of an importer that returns an ImportResult, told as "<what>: N document(s), M annotation(s)". */
export function countedOutcome(what: string, result: ImportResult): ImportOutcome {
  return {
    documents: result.documents,
    unknownLabels: result.unknownLabels,
    notice: problem('import.counted', { format: what, documents: result.documents.length, annotations: annotationTotal(result.documents) }),
    note: `${what}: ${countedNote(result.documents)}`,
  };
}

/** The labels `items` use that `context.labels` lacks, in order of first use. */
export function unknownLabelsIn(items: readonly AnnotatedRecord[], context: ImportContext): string[] {
  const known = new Set(context.labels.map((l) => l.id));
  const unknown: string[] = [];
  for (const item of items) for (const a of item.annotations) if (!known.has(a.label) && !unknown.includes(a.label)) unknown.push(a.label);
  return unknown;
}
