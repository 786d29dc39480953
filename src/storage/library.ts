import Dexie from 'dexie';
import { compareAnnotations, type Annotation } from '../domain/annotation';
import type { AnnotationChange } from '../domain/change';
import type { DocumentMeta, MeetingDocument, TextFormat } from '../domain/document';
import { YishiDb, type AnnotationKey, type AnnotationRow, type DocumentRow } from './db';
import { SyncChannel, type SyncEvent } from './sync';

export interface DocumentSummary {
  id: string;
  title: string;
  format: TextFormat;
  annotationCount: number;
  createdAt: string;
  updatedAt: string;
  meta: DocumentMeta;
}

/** A storage failure, with a message written for the analyst: what failed, why, and what was kept. */
export class StorageError extends Error {
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

export interface ImportItem {
  document: MeetingDocument;
  annotations: Annotation[];
}

export interface ImportReport {
  /** Titles of the records added. */
  added: string[];
  /** Records already stored with the same id and text: only annotations with new ids were added. */
  merged: { title: string; newAnnotations: number }[];
  /** Records not imported, and why. */
  skipped: { title: string; reason: string }[];
}

export type ExternalChangeEvent = SyncEvent;

// ---------------------------------------------------------------------------------------------
// Errors

const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);

/** Walks an error and what it wraps (Dexie's `inner`, `cause`, a BulkError's failures). */
function errorChain(error: unknown): unknown[] {
  const seen = new Set<unknown>();
  const out: unknown[] = [];
  const visit = (e: unknown, depth: number): void => {
    if (e === null || e === undefined || seen.has(e) || depth > 6) return;
    seen.add(e);
    out.push(e);
    if (typeof e !== 'object') return;
    const o = e as { inner?: unknown; cause?: unknown; failures?: unknown; failuresByPos?: unknown };
    visit(o.inner, depth + 1);
    visit(o.cause, depth + 1);
    for (const list of [o.failures, o.failuresByPos]) {
      if (Array.isArray(list)) list.forEach((f) => visit(f, depth + 1));
      else if (list && typeof list === 'object') Object.values(list).forEach((f) => visit(f, depth + 1));
    }
  };
  visit(error, 0);
  return out;
}

function nameOf(e: unknown): string | undefined {
  if (typeof e === 'object' && e !== null && typeof (e as { name?: unknown }).name === 'string') {
    return (e as { name: string }).name;
  }
  return undefined;
}

export function isQuotaError(error: unknown): boolean {
  return errorChain(error).some((e) => {
    const name = nameOf(e);
    return name !== undefined && QUOTA_NAMES.has(name);
  });
}

/** Why an operation failed, in words for the analyst (no trailing full stop). */
function reason(error: unknown): string {
  if (isQuotaError(error)) return "the browser's storage is full (QuotaExceededError)";
  const chain = errorChain(error);
  const has = (name: string) => chain.some((e) => nameOf(e) === name);
  if (has('MissingAPIError')) {
    return 'this browser does not provide IndexedDB (it may be switched off, e.g. in some private-browsing modes)';
  }
  if (has('DatabaseClosedError')) {
    return 'the connection to the local library was closed (Yishi may have been updated in another tab; reload the page)';
  }
  if (has('VersionError')) {
    return 'the local library was written by a newer version of Yishi (reload the page to get it)';
  }
  if (has('InvalidStateError')) return 'the browser refused access to its storage (InvalidStateError)';
  if (has('DataCloneError')) return 'the data could not be stored by the browser (DataCloneError)';
  if (has('DataError')) return 'the data has an invalid key, e.g. a missing id (DataError)';
  if (has('ConstraintError')) return 'an entry with the same key is already stored (ConstraintError)';
  const first = chain[0];
  const name = nameOf(first) ?? 'Error';
  const message =
    typeof first === 'object' && first !== null && typeof (first as { message?: unknown }).message === 'string'
      ? (first as { message: string }).message
      : String(first);
  return `${name}: ${message}`.replace(/[.\s]+$/, '');
}

function fail(what: string, error: unknown, consequence = ''): StorageError {
  if (error instanceof StorageError) return error;
  return new StorageError(`${what}: ${reason(error)}.${consequence ? ` ${consequence}` : ''}`, error);
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** SHA-256 of the UTF-8 encoding of a text, lowercase hex. */
export async function contentHash(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

function docRange(docId: string): [AnnotationKey, AnnotationKey] {
  return [
    [docId, Dexie.minKey as unknown as string],
    [docId, Dexie.maxKey as unknown as string],
  ];
}

function toRow(docId: string, a: Annotation): AnnotationRow {
  return { ...a, docId };
}

function fromRow(row: AnnotationRow): Annotation {
  const { docId: _docId, ...annotation } = row;
  return annotation;
}

function toSummary(row: DocumentRow): DocumentSummary {
  return {
    id: row.id,
    title: row.title,
    format: row.format,
    annotationCount: row.annotationCount,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    meta: row.meta,
  };
}

/** Keeps the first annotation of each id. */
function uniqueById(annotations: readonly Annotation[]): Annotation[] {
  const seen = new Set<string>();
  return annotations.filter((a) => (seen.has(a.id) ? false : (seen.add(a.id), true)));
}

const quoted = (title: string) => `“${title}”`;

// ---------------------------------------------------------------------------------------------

/** The analyst's local library of meeting records and their annotations. */
export class Library {
  private readonly sync: SyncChannel;

  constructor(readonly db: YishiDb) {
    this.sync = new SyncChannel(db.name);
  }

  /** Opens (creating if needed) the library in this browser's IndexedDB. */
  static async open(name = 'yishi'): Promise<Library> {
    if (typeof indexedDB === 'undefined') {
      throw new StorageError(
        'Could not open the local library: this browser does not provide IndexedDB (it may be switched off, e.g. in some private-browsing modes). Nothing can be saved.',
      );
    }
    const db = new YishiDb(name);
    try {
      await db.open();
    } catch (error) {
      db.close();
      throw fail('Could not open the local library', error, 'Nothing can be saved until this is resolved.');
    }
    return new Library(db);
  }

  /** Every record, most recently changed first. Never loads texts or annotations. */
  async listDocuments(): Promise<DocumentSummary[]> {
    try {
      const rows = await this.db.documents.orderBy('updatedAt').reverse().toArray();
      return rows.map(toSummary);
    } catch (error) {
      throw fail('Could not read the list of records', error);
    }
  }

  /** A record with its annotations in text order, or undefined if it is not stored. */
  async loadDocument(id: string): Promise<{ document: MeetingDocument; annotations: Annotation[] } | undefined> {
    const { db } = this;
    let loaded: { row: DocumentRow; text: string | undefined; rows: AnnotationRow[] } | undefined;
    try {
      loaded = await db.transaction('r', [db.documents, db.texts, db.annotations], async () => {
        const row = await db.documents.get(id);
        if (!row) return undefined;
        const [textRow, rows] = await Promise.all([
          db.texts.get(id),
          db.annotations.where(':id').between(...docRange(id), true, true).toArray(),
        ]);
        return { row, text: textRow?.text, rows };
      });
    } catch (error) {
      throw fail(`Could not load the record ${id}`, error);
    }
    if (!loaded) return undefined;
    const { row, text, rows } = loaded;
    if (text === undefined) {
      throw new StorageError(`Could not load ${quoted(row.title)}: its text is missing from the local library.`);
    }
    const annotations = rows.map(fromRow).sort(compareAnnotations);
    const document: MeetingDocument = {
      id: row.id,
      title: row.title,
      text,
      format: row.format,
      meta: row.meta,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
    return { document, annotations };
  }

  /**
   * Stores one change to a record's annotations, all or nothing: removed rows are deleted, added
   * rows are written (an id in both is a replacement), and the record's updatedAt and
   * annotationCount are updated, in one transaction.
   */
  async applyChange(docId: string, change: AnnotationChange): Promise<void> {
    const { db } = this;
    const added = new Map<string, Annotation>();
    for (const a of change.added) added.set(a.id, a);
    const removedOnly = [...new Set(change.removed.map((a) => a.id))].filter((id) => !added.has(id));
    const touched = [...new Set([...added.keys(), ...removedOnly])];
    let title: string | undefined;
    try {
      await db.transaction('rw', [db.documents, db.annotations], async () => {
        const doc = await db.documents.get(docId);
        if (!doc) {
          throw new StorageError(
            `Could not save the change: the record ${docId} is not in the local library (it may have been deleted in another tab). The change was not saved.`,
          );
        }
        title = doc.title;
        if (touched.length === 0) return; // an empty change changes nothing, not even updatedAt
        const before = await db.annotations.bulkGet(touched.map((id): AnnotationKey => [docId, id]));
        const existedBefore = before.reduce((n, row) => (row ? n + 1 : n), 0);
        if (removedOnly.length > 0) {
          await db.annotations.bulkDelete(removedOnly.map((id): AnnotationKey => [docId, id]));
        }
        if (added.size > 0) {
          await db.annotations.bulkPut([...added.values()].map((a) => toRow(docId, a)));
        }
        await db.documents.put({
          ...doc,
          annotationCount: doc.annotationCount + added.size - existedBefore,
          updatedAt: new Date().toISOString(),
        });
      });
    } catch (error) {
      const what = title === undefined ? `the record ${docId}` : quoted(title);
      throw fail(`Could not save the change to ${what}`, error, 'The change was not saved.');
    }
    this.sync.post({ docId, kind: 'annotations' });
  }

  /**
   * Imports records with their annotations, all or nothing. A record whose id is stored with the
   * same text gains only annotations with new ids; a stored id with a different text aborts the
   * whole import; a text already stored under another id is skipped.
   */
  async importDocuments(items: ImportItem[]): Promise<ImportReport> {
    const { db } = this;
    // Hash before the transaction: an IndexedDB transaction commits on its own across a
    // non-IndexedDB await.
    let hashes: string[];
    try {
      hashes = await Promise.all(items.map((item) => contentHash(item.document.text)));
    } catch (error) {
      throw fail('Could not import: the texts could not be fingerprinted', error, 'Nothing was imported.');
    }
    let report: ImportReport = { added: [], merged: [], skipped: [] };
    const changedDocs: string[] = [];
    try {
      await db.transaction('rw', [db.documents, db.texts, db.annotations], async () => {
        report = { added: [], merged: [], skipped: [] };
        changedDocs.length = 0;
        const now = new Date().toISOString();
        for (const [i, item] of items.entries()) {
          const d = item.document;
          const hash = hashes[i]!;
          const annotations = uniqueById(item.annotations);
          const existing = await db.documents.get(d.id);
          if (existing) {
            if (existing.contentHash !== hash) {
              throw new StorageError(
                `Could not import ${quoted(d.title)}: its id ${d.id} is already used by ${quoted(existing.title)}, which has a different text. Nothing was imported.`,
              );
            }
            const stored = await db.annotations.bulkGet(annotations.map((a): AnnotationKey => [d.id, a.id]));
            const fresh = annotations.filter((_, j) => stored[j] === undefined);
            if (fresh.length > 0) {
              // add, not put: a stored annotation is never overwritten by an import.
              await db.annotations.bulkAdd(fresh.map((a) => toRow(d.id, a)));
              await db.documents.put({
                ...existing,
                annotationCount: existing.annotationCount + fresh.length,
                updatedAt: now > existing.updatedAt ? now : existing.updatedAt,
              });
              changedDocs.push(d.id);
            }
            report.merged.push({ title: existing.title, newAnnotations: fresh.length });
            continue;
          }
          const same = await db.documents.where('contentHash').equals(hash).first();
          if (same) {
            report.skipped.push({ title: d.title, reason: `identical text is already stored as ${quoted(same.title)}` });
            continue;
          }
          await db.documents.add({
            id: d.id,
            title: d.title,
            format: d.format,
            meta: d.meta,
            createdAt: d.createdAt,
            updatedAt: d.updatedAt,
            annotationCount: annotations.length,
            contentHash: hash,
          });
          await db.texts.add({ docId: d.id, text: d.text });
          if (annotations.length > 0) await db.annotations.bulkAdd(annotations.map((a) => toRow(d.id, a)));
          report.added.push(d.title);
        }
      });
    } catch (error) {
      const what = items.length === 1 ? quoted(items[0]!.document.title) : `${items.length} records`;
      throw fail(`Could not import ${what}`, error, 'Nothing was imported.');
    }
    if (report.added.length > 0) this.sync.post({ kind: 'documents' });
    for (const docId of changedDocs) this.sync.post({ docId, kind: 'annotations' });
    return report;
  }

  /** Deletes a record, its text and all its annotations, in one transaction. */
  async deleteDocument(id: string): Promise<void> {
    const { db } = this;
    let title: string | undefined;
    let existed = false;
    try {
      await db.transaction('rw', [db.documents, db.texts, db.annotations], async () => {
        const doc = await db.documents.get(id);
        title = doc?.title;
        existed = doc !== undefined;
        await db.annotations.where(':id').between(...docRange(id), true, true).delete();
        await db.texts.delete(id);
        await db.documents.delete(id);
      });
    } catch (error) {
      const what = title === undefined ? `the record ${id}` : quoted(title);
      throw fail(`Could not delete ${what}`, error, 'Nothing was deleted.');
    }
    if (existed) this.sync.post({ docId: id, kind: 'documents' });
  }

  /** Every record with its text and annotations (text order), oldest record first. */
  async exportAll(): Promise<ImportItem[]> {
    const { db } = this;
    try {
      return await db.transaction('r', [db.documents, db.texts, db.annotations], async () => {
        const rows = await db.documents.toArray();
        rows.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
        const items: ImportItem[] = [];
        for (const row of rows) {
          const [textRow, annotationRows] = await Promise.all([
            db.texts.get(row.id),
            db.annotations.where(':id').between(...docRange(row.id), true, true).toArray(),
          ]);
          if (textRow === undefined) {
            throw new StorageError(
              `Could not export the library: the text of ${quoted(row.title)} is missing from the local library.`,
            );
          }
          items.push({
            document: {
              id: row.id,
              title: row.title,
              text: textRow.text,
              format: row.format,
              meta: row.meta,
              createdAt: row.createdAt,
              updatedAt: row.updatedAt,
            },
            annotations: annotationRows.map(fromRow).sort(compareAnnotations),
          });
        }
        return items;
      });
    } catch (error) {
      throw fail('Could not read the library for export', error);
    }
  }

  async getSetting<T>(key: string): Promise<T | undefined> {
    try {
      const row = await this.db.settings.get(key);
      return row?.value as T | undefined;
    } catch (error) {
      throw fail(`Could not read the setting “${key}”`, error);
    }
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    try {
      await this.db.settings.put({ key, value });
    } catch (error) {
      throw fail(`Could not save the setting “${key}”`, error, 'The setting was not saved.');
    }
  }

  /** Listens for changes made by other tabs (other Library instances over the same database). */
  onExternalChange(listener: (event: ExternalChangeEvent) => void): () => void {
    return this.sync.subscribe(listener);
  }

  close(): void {
    this.sync.close();
    this.db.close();
  }
}

/**
 * Asks the browser not to evict the library under storage pressure. Resolves to whether it was
 * granted, or undefined where the browser does not support asking. Never throws.
 */
export async function requestPersistentStorage(): Promise<boolean | undefined> {
  try {
    const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
    if (!storage || typeof storage.persist !== 'function') return undefined;
    return await storage.persist();
  } catch {
    return false;
  }
}
