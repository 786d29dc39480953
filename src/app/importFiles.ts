import { newAnnotationId } from '../domain/annotation';
import type { MeetingDocument } from '../domain/document';
import { parseNative, type DocumentWithAnnotations } from '../io/nativeJson';
import { importTextFile, type TextImport } from '../io/textFile';

/** A file as the importer sees it: a name and its bytes (no DOM File needed). */
export interface FileInput {
  name: string;
  bytes: Uint8Array;
}

export interface FileOutcome {
  name: string;
  items: DocumentWithAnnotations[];
  /** What the analyst is told about this file, e.g. "decoded as GB18030". */
  note: string;
}

export interface FileFailure {
  name: string;
  message: string;
}

/** Turns a text import into a new document with a fresh id. */
export function documentFromText(t: TextImport, now: string): MeetingDocument {
  return { id: newAnnotationId(), title: t.title, text: t.text, format: t.format, meta: t.meta, createdAt: now, updatedAt: now };
}

/**
 * Reads each file on its own: a bad file is refused whole with a message naming it, and does not
 * stop the others. Nothing is stored here.
 */
export function readImportFiles(files: readonly FileInput[], now: string): { ok: FileOutcome[]; failed: FileFailure[] } {
  const ok: FileOutcome[] = [];
  const failed: FileFailure[] = [];
  for (const file of files) {
    try {
      if (/\.json$/i.test(file.name)) {
        const text = new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
        const parsed = parseNative(text, file.name);
        const count = parsed.documents.reduce((n, d) => n + d.annotations.length, 0);
        ok.push({ name: file.name, items: parsed.documents, note: `${parsed.documents.length} document(s), ${count} annotation(s)` });
      } else {
        const t = importTextFile(file.bytes, file.name);
        const normalised = t.meta.normalised?.length ? `; ${t.meta.normalised.join(', ')}` : '';
        ok.push({ name: file.name, items: [{ document: documentFromText(t, now), annotations: [] }], note: `decoded as ${t.meta.encoding}${normalised}` });
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      failed.push({ name: file.name, message: message.includes(file.name) ? message : `“${file.name}”: ${message}` });
    }
  }
  return { ok, failed };
}
