import { newAnnotationId } from '../domain/annotation';
import type { MeetingDocument } from '../domain/document';
import type { Label } from '../domain/labels';
import { importBrat, importDatasetJsonl, importDoccano, importLabelStudio, unzipFiles, type ImportResult, type InputFile } from '../io/formats';
import { parseNative } from '../io/nativeJson';
import { decodeUtf8File } from '../io/jsonInput';
import { isBratEntry } from '../io/formats/zipLimits';
import { importTextFile, type TextImport } from '../io/textFile';
import type { AnnotatedRecord } from '../domain/record';
import { problemOf, type Problem } from '../domain/problem';

/** A file as the importer sees it: a name and its bytes (no DOM File needed). */
export interface FileInput {
  name: string;
  bytes: Uint8Array;
  /** A zip's entries, inflated already (off the main thread: unzipClient.ts). */
  unzipped?: InputFile[];
}

export interface FileOutcome {
  name: string;
  items: AnnotatedRecord[];
  /** What the analyst is told about this file, e.g. "decoded as GB18030". */
  note: string;
  /** Labels its annotations use that the label set does not have, in order of first use. */
  unknownLabels: string[];
}

export interface FileFailure {
  name: string;
  message: string;
  /** What and where, for the interface to say in its language (when the error carries it). */
  problem?: Problem;
}

/** Turns a text import into a new document with a fresh id. */
export function documentFromText(t: TextImport, now: string): MeetingDocument {
  return { id: newAnnotationId(), title: t.title, text: t.text, format: t.format, meta: t.meta, createdAt: now, updatedAt: now };
}

// Label Studio and JSONL report deep nesting with their task or line; native JSON checks it in parseNative.
const utf8 = (file: FileInput) => decodeUtf8File(file.bytes, file.name);
const extension = (name: string) => name.slice(name.lastIndexOf('.') + 1).toLowerCase();
const stem = (name: string) => name.slice(0, name.lastIndexOf('.'));

function annotationCount(items: readonly AnnotatedRecord[]): string {
  return `${items.length} document(s), ${items.reduce((n, d) => n + d.annotations.length, 0)} annotation(s)`;
}

function unknownIn(items: readonly AnnotatedRecord[], labels: readonly Label[]): string[] {
  const known = new Set(labels.map((l) => l.id));
  const unknown: string[] = [];
  for (const item of items) for (const a of item.annotations) if (!known.has(a.label) && !unknown.includes(a.label)) unknown.push(a.label);
  return unknown;
}

/** A .json file: Yishi's native format, or Label Studio's task list. */
function readJson(file: FileInput, labels: readonly Label[]): FileOutcome {
  const text = utf8(file);
  const head = text.trimStart();
  if (head.startsWith('[') || /^\{\s*"(id|data|annotations|predictions)"/.test(head)) {
    return fromResult(file.name, importLabelStudio(text, file.name, { labels }), 'Label Studio');
  }
  const parsed = parseNative(text, file.name);
  return { name: file.name, items: parsed.documents, note: annotationCount(parsed.documents), unknownLabels: unknownIn(parsed.documents, labels) };
}

/** A .jsonl file: a dataset JSONL (with "spans") or doccano (with "label" or "entities"). */
function readJsonl(file: FileInput, labels: readonly Label[]): FileOutcome {
  const text = utf8(file);
  const first = text.split('\n').find((l) => l.trim() !== '') ?? '';
  if (/"spans"\s*:/.test(first)) return fromResult(file.name, importDatasetJsonl(text, file.name, { labels }), 'dataset JSONL');
  return fromResult(file.name, importDoccano(text, file.name, { labels }), 'doccano JSONL');
}

function fromResult(name: string, result: ImportResult, what: string): FileOutcome {
  return { name, items: result.documents, note: `${what}: ${annotationCount(result.documents)}`, unknownLabels: result.unknownLabels };
}

/**
 * Reads each file on its own (brat's .txt and .ann go together, by name): a bad file is refused
 * whole with a message naming it, and does not stop the others. Nothing is stored here.
 */
export function readImportFiles(
  files: readonly FileInput[],
  now: string,
  labels: readonly Label[],
): { ok: FileOutcome[]; failed: FileFailure[] } {
  const ok: FileOutcome[] = [];
  const failed: FileFailure[] = [];
  const annStems = new Set(files.filter((f) => extension(f.name) === 'ann').map((f) => stem(f.name)));
  const bratFiles: InputFile[] = [];
  const attempt = (name: string, read: () => FileOutcome) => {
    try {
      ok.push(read());
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const found = problemOf(error);
      failed.push({ name, message: message.includes(name) ? message : `“${name}”: ${message}`, ...(found && { problem: found }) });
    }
  };
  for (const file of files) {
    const ext = extension(file.name);
    if (ext === 'ann' || (ext === 'txt' && annStems.has(stem(file.name)))) {
      bratFiles.push({ path: file.name, content: file.bytes });
    } else if (ext === 'json') {
      attempt(file.name, () => readJson(file, labels));
    } else if (ext === 'jsonl') {
      attempt(file.name, () => readJsonl(file, labels));
    } else if (ext === 'zip') {
      attempt(file.name, () => fromResult(file.name, importBrat(file.unzipped ?? unzipFiles(file.bytes, file.name, isBratEntry), file.name, { labels }), 'brat'));
    } else {
      attempt(file.name, () => {
        const t = importTextFile(file.bytes, file.name);
        const normalised = t.meta.normalised?.length ? `; ${t.meta.normalised.join(', ')}` : '';
        return { name: file.name, items: [{ document: documentFromText(t, now), annotations: [] }], note: `decoded as ${t.meta.encoding}${normalised}`, unknownLabels: [] };
      });
    }
  }
  if (bratFiles.length > 0) {
    const name = bratFiles.map((f) => f.path).join(', ');
    attempt(name, () => fromResult(name, importBrat(bratFiles, name, { labels }), 'brat'));
  }
  return { ok, failed };
}
