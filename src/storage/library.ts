import Dexie from 'dexie';
import { compareAnnotations, isNewerVersion, sameAnnotationState, type Annotation } from '../domain/annotation';
import type { AnnotationChange } from '../domain/change';
import type { DocumentMeta, MeetingDocument, TextFormat } from '../domain/document';
import type { Label } from '../domain/labels';
import { withAddedLabels } from '../domain/labelSet';
import { bucketOf, YishiDb, type AnnotationBucketRow, type BucketKey, type DocumentRow } from './db';
import type { ClosedByOther, Persistence } from './db';
import { SyncChannel, type SyncEvent } from './sync';
import type { AnnotatedRecord } from '../domain/record';

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

/** A change computed against annotations that another tab has changed since: nothing was stored. */
export class ConflictError extends StorageError {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

export interface ImportReport {
  /** Titles of the records added. */
  added: string[];
  /** Ids of the records added, in the same order. */
  addedIds: string[];
  /** Records already stored with the same id and text: only annotations with new ids were added. */
  merged: { title: string; newAnnotations: number }[];
  /** Records not imported, and why. */
  skipped: { title: string; reason: string }[];
  /** The label set after the labels asked for were added (only when some were: see importDocuments). */
  labels?: Label[];
}

export type ExternalChangeEvent = SyncEvent;

/** A whole-library backup as read from a native file. */
export interface Backup {
  documents: AnnotatedRecord[];
  labels: Label[];
  /** Only the keys of Library.BACKUP_SETTINGS are restored. */
  settings: Record<string, unknown>;
  exportedAt?: string;
}

export interface RestoreReport {
  mode: 'merge' | 'replace';
  /** Records added whole. */
  added: number;
  /** Annotations replaced by a newer version from the backup. */
  updated: number;
  /** Annotations whose stored version is newer than the backup's: kept as stored. */
  keptNewer: number;
  annotationsAdded: number;
  labelsAdded: number;
}

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

function docRange(docId: string): [BucketKey, BucketKey] {
  return [
    [docId, Dexie.minKey as unknown as number],
    [docId, Dexie.maxKey as unknown as number],
  ];
}

/** A record's annotations as bucket rows (only non-empty buckets). */
function toBuckets(docId: string, annotations: readonly Annotation[]): AnnotationBucketRow[] {
  const buckets = new Map<number, Annotation[]>();
  for (const a of annotations) {
    const b = bucketOf(a.id);
    const list = buckets.get(b);
    if (list) list.push(a);
    else buckets.set(b, [a]);
  }
  return [...buckets].map(([bucket, list]) => ({ docId, bucket, annotations: list }));
}

/** The stored buckets that hold these ids, as editable maps keyed by annotation id. */
async function readBuckets(db: YishiDb, docId: string, ids: Iterable<string>): Promise<Map<number, Map<string, Annotation>>> {
  const numbers = [...new Set([...ids].map(bucketOf))];
  const rows = await db.annotationBuckets.bulkGet(numbers.map((b): BucketKey => [docId, b]));
  const out = new Map<number, Map<string, Annotation>>();
  numbers.forEach((b, i) => out.set(b, new Map((rows[i]?.annotations ?? []).map((a) => [a.id, a]))));
  return out;
}

/** Writes edited buckets back: empty ones are deleted. */
async function writeBuckets(db: YishiDb, docId: string, buckets: Map<number, Map<string, Annotation>>): Promise<void> {
  const put: AnnotationBucketRow[] = [];
  const remove: BucketKey[] = [];
  for (const [bucket, map] of buckets) {
    if (map.size === 0) remove.push([docId, bucket]);
    else put.push({ docId, bucket, annotations: [...map.values()] });
  }
  if (remove.length > 0) await db.annotationBuckets.bulkDelete(remove);
  if (put.length > 0) await db.annotationBuckets.bulkPut(put);
}

const sameVersion = (a: Annotation, b: Annotation) =>
  a.label === b.label && a.start === b.start && a.end === b.end && a.updatedAt === b.updatedAt;

/**
 * Why a change no longer fits what is stored (another tab changed the same annotations since this
 * tab read them), or null: each annotation it removes or replaces must be stored exactly as the
 * change saw it, and each one it adds must not be stored yet. Without this check an undo in one
 * tab would silently overwrite what another tab did.
 */
function staleIn(buckets: Map<number, Map<string, Annotation>>, change: AnnotationChange): string | null {
  const stored = (id: string) => buckets.get(bucketOf(id))?.get(id);
  for (const a of change.removed) {
    const now = stored(a.id);
    if (!now) return `the annotation “${a.text}” (${a.id}) is no longer stored`;
    if (!sameVersion(now, a)) return `the annotation “${a.text}” (${a.id}) was changed`;
  }
  const replaced = new Set(change.removed.map((a) => a.id));
  for (const a of change.added) {
    if (!replaced.has(a.id) && stored(a.id)) return `an annotation with the id ${a.id} is already stored`;
  }
  return null;
}

function sizeOf(buckets: Map<number, Map<string, Annotation>>): number {
  let n = 0;
  for (const map of buckets.values()) n += map.size;
  return n;
}

async function readAnnotations(db: YishiDb, docId: string): Promise<Annotation[]> {
  const rows = await db.annotationBuckets.where(':id').between(...docRange(docId), true, true).toArray();
  return rows.flatMap((r) => r.annotations).sort(compareAnnotations);
}

/** Adds labels to the stored set (`base` where none is stored), inside the caller's transaction. */
async function addLabelsInTransaction(db: YishiDb, base: readonly Label[], ids: readonly string[]): Promise<Label[]> {
  const stored = (await db.settings.get(LABELS_KEY))?.value as Label[] | undefined;
  const merged = withAddedLabels(stored ?? base, ids);
  await db.settings.put({ key: LABELS_KEY, value: merged });
  return merged;
}

/** The row of a record stored whole (imported or restored): its metadata, without its text. */
function documentRow(d: MeetingDocument, annotationCount: number, contentHash: string): DocumentRow {
  return {
    id: d.id,
    title: d.title,
    format: d.format,
    meta: d.meta,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    annotationCount,
    contentHash,
  };
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

const LABELS_KEY = 'labels';
const REJECTED_PREFIX = 'suggest.rejected:';

/** A suggestion the analyst rejected: what it proposed (code points) and which suggester. */
export interface StoredRejection {
  id: string;
  label: string;
  start: number;
  end: number;
  text: string;
  source: 'rule' | 'model';
  rejectedAt: string;
}

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
    const started = performance.now();
    let loaded: { row: DocumentRow; text: string | undefined; annotations: Annotation[] } | undefined;
    try {
      loaded = await db.transaction('r', [db.documents, db.texts, db.annotationBuckets], async () => {
        const row = await db.documents.get(id);
        if (!row) return undefined;
        const [textRow, annotations] = await Promise.all([db.texts.get(id), readAnnotations(db, id)]);
        return { row, text: textRow?.text, annotations };
      });
    } catch (error) {
      throw fail(`Could not load the record ${id}`, error);
    }
    if (!loaded) return undefined;
    performance.measure('yishi:load-document', { start: started });
    const { row, text, annotations } = loaded;
    if (text === undefined) {
      throw new StorageError(`Could not load ${quoted(row.title)}: its text is missing from the local library.`);
    }
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
    const started = performance.now();
    const added = new Map<string, Annotation>();
    for (const a of change.added) added.set(a.id, a);
    const removedOnly = [...new Set(change.removed.map((a) => a.id))].filter((id) => !added.has(id));
    const touched = [...new Set([...added.keys(), ...removedOnly])];
    let title: string | undefined;
    try {
      await db.transaction('rw', [db.documents, db.annotationBuckets], async () => {
        const doc = await db.documents.get(docId);
        if (!doc) {
          throw new StorageError(
            `Could not save the change: the record ${docId} is not in the local library (it may have been deleted in another tab). The change was not saved.`,
          );
        }
        title = doc.title;
        if (touched.length === 0) return; // an empty change changes nothing, not even updatedAt
        const buckets = await readBuckets(db, docId, touched);
        const conflict = staleIn(buckets, change);
        if (conflict) {
          throw new ConflictError(
            `Could not save the change to ${quoted(doc.title)}: ${conflict}, probably in another tab. Nothing was changed; the record now shows what is stored.`,
          );
        }
        const sizeBefore = sizeOf(buckets);
        for (const id of removedOnly) buckets.get(bucketOf(id))!.delete(id);
        for (const a of added.values()) buckets.get(bucketOf(a.id))!.set(a.id, a);
        const sizeAfter = sizeOf(buckets);
        await writeBuckets(db, docId, buckets);
        await db.documents.put({
          ...doc,
          annotationCount: doc.annotationCount + sizeAfter - sizeBefore,
          updatedAt: new Date().toISOString(),
        });
      });
    } catch (error) {
      const what = title === undefined ? `the record ${docId}` : quoted(title);
      throw fail(`Could not save the change to ${what}`, error, 'The change was not saved.');
    }
    performance.measure('yishi:store-change', { start: started });
    this.sync.post({ docId, kind: 'annotations' });
  }

  /**
   * Imports records with their annotations, all or nothing. A record whose id is stored with the
   * same text gains only annotations with new ids; a stored id with a different text aborts the
   * whole import; a text already stored under another id is skipped.
   */
  async importDocuments(items: AnnotatedRecord[], addLabels?: { base: readonly Label[]; ids: readonly string[] }): Promise<ImportReport> {
    const { db } = this;
    // Hash before the transaction: an IndexedDB transaction commits on its own across a
    // non-IndexedDB await.
    let hashes: string[];
    try {
      hashes = await Promise.all(items.map((item) => contentHash(item.document.text)));
    } catch (error) {
      throw fail('Could not import: the texts could not be fingerprinted', error, 'Nothing was imported.');
    }
    let report: ImportReport = { added: [], addedIds: [], merged: [], skipped: [] };
    const changedDocs: string[] = [];
    try {
      await db.transaction('rw', [db.documents, db.texts, db.annotationBuckets, db.settings], async () => {
        report = { added: [], addedIds: [], merged: [], skipped: [] };
        changedDocs.length = 0;
        // Labels of the annotations actually stored: only those of `addLabels` are added.
        const usedLabels = new Set<string>();
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
            const buckets = await readBuckets(db, d.id, annotations.map((a) => a.id));
            // A stored annotation is never overwritten by an import: only new ids are added.
            const fresh = annotations.filter((a) => !buckets.get(bucketOf(a.id))!.has(a.id));
            if (fresh.length > 0) {
              for (const a of fresh) buckets.get(bucketOf(a.id))!.set(a.id, a);
              for (const a of fresh) usedLabels.add(a.label);
              await writeBuckets(db, d.id, buckets);
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
          await db.documents.add(documentRow(d, annotations.length, hash));
          await db.texts.add({ docId: d.id, text: d.text });
          if (annotations.length > 0) await db.annotationBuckets.bulkAdd(toBuckets(d.id, annotations));
          for (const a of annotations) usedLabels.add(a.label);
          report.added.push(d.title);
          report.addedIds.push(d.id);
        }
        const needed = addLabels?.ids.filter((id) => usedLabels.has(id)) ?? [];
        if (addLabels && needed.length > 0) report.labels = await addLabelsInTransaction(db, addLabels.base, needed);
      });
    } catch (error) {
      const what = items.length === 1 ? quoted(items[0]!.document.title) : `${items.length} records`;
      throw fail(`Could not import ${what}`, error, 'Nothing was imported.');
    }
    if (report.added.length > 0) this.sync.post({ kind: 'documents' });
    for (const docId of changedDocs) this.sync.post({ docId, kind: 'annotations' });
    if (report.labels) this.sync.post({ kind: 'labels' });
    return report;
  }

  /** Deletes a record, its text and all its annotations, in one transaction. */
  async deleteDocument(id: string): Promise<void> {
    const { db } = this;
    let title: string | undefined;
    let existed = false;
    try {
      await db.transaction('rw', [db.documents, db.texts, db.annotationBuckets, db.settings], async () => {
        const doc = await db.documents.get(id);
        title = doc?.title;
        existed = doc !== undefined;
        await db.annotationBuckets.where(':id').between(...docRange(id), true, true).delete();
        await db.texts.delete(id);
        await db.documents.delete(id);
        // The suggestions rejected in it go with it (they are kept per record).
        await db.settings.delete(`${REJECTED_PREFIX}${id}`);
      });
    } catch (error) {
      const what = title === undefined ? `the record ${id}` : quoted(title);
      throw fail(`Could not delete ${what}`, error, 'Nothing was deleted.');
    }
    if (existed) this.sync.post({ docId: id, kind: 'documents' });
  }

  /**
   * Changes a record's title and metadata (date, meeting, source, tags, status; other keys of
   * `meta` are kept). The text is never touched. Returns the stored summary.
   */
  async updateDocument(id: string, patch: { title?: string; meta?: Partial<DocumentMeta> }): Promise<DocumentSummary> {
    const { db } = this;
    let row: DocumentRow | undefined;
    try {
      await db.transaction('rw', db.documents, async () => {
        const stored = await db.documents.get(id);
        if (!stored) throw new StorageError(`The record ${id} is not stored (deleted in another tab?); nothing was changed.`);
        const title = patch.title?.trim();
        row = {
          ...stored,
          ...(title && { title }),
          meta: { ...stored.meta, ...patch.meta },
          updatedAt: new Date().toISOString(),
        };
        await db.documents.put(row);
      });
    } catch (error) {
      throw fail(`Could not save the details of the record ${id}`, error, 'Nothing was changed.');
    }
    this.sync.post({ docId: id, kind: 'documents' });
    return toSummary(row!);
  }

  /**
   * Ids of the records whose title, metadata or text contains every word of `query` (Latin
   * letters in either case). Reads the texts one by one, so a library of 1,000 records is
   * searched without holding them all at once.
   */
  async searchDocuments(query: string): Promise<Set<string>> {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    const found = new Set<string>();
    if (words.length === 0) return found;
    const { db } = this;
    try {
      const rows = await db.documents.toArray();
      const byId = new Map(rows.map((r) => [r.id, r]));
      await db.texts.each((t) => {
        const row = byId.get(t.docId);
        if (!row) return;
        const m = row.meta;
        const haystack = [row.title, m.meeting, m.source, m.date, ...(Array.isArray(m.tags) ? m.tags : []), t.text]
          .filter((x): x is string => typeof x === 'string')
          .join('\n')
          .toLowerCase();
        if (words.every((w) => haystack.includes(w))) found.add(t.docId);
      });
    } catch (error) {
      throw fail('Searching the library', error);
    }
    return found;
  }

  /**
   * How many spans carry each label, per record: for the label set editor (before a label is
   * retired) and the library's filter by label counts. One pass over every bucket row.
   */
  async labelCounts(): Promise<Map<string, Map<string, number>>> {
    const out = new Map<string, Map<string, number>>();
    try {
      await this.db.annotationBuckets.each((row) => {
        let counts = out.get(row.docId);
        if (!counts) out.set(row.docId, (counts = new Map()));
        for (const a of row.annotations) counts.set(a.label, (counts.get(a.label) ?? 0) + 1);
      });
    } catch (error) {
      throw fail('Counting the labels in the library', error);
    }
    return out;
  }

  /** Stores an edited label set (rename, recolour, keys, retired labels) and tells other tabs. */
  async saveLabels(labels: readonly Label[]): Promise<void> {
    try {
      await this.db.settings.put({ key: LABELS_KEY, value: labels.map((l) => ({ ...l })) });
    } catch (error) {
      throw fail('Could not save the label set', error, 'The label set was not changed.');
    }
    this.sync.post({ kind: 'labels' });
  }

  /**
   * Every speaker used on an annotation anywhere in the library, most used first (ties in
   * Chinese collation order): what the speaker field offers as completions. Reads every bucket
   * row once; call it when the field is first needed, not per key press.
   */
  async listSpeakers(): Promise<string[]> {
    const counts = new Map<string, number>();
    try {
      await this.db.annotationBuckets.each((row) => {
        for (const a of row.annotations) if (a.speaker) counts.set(a.speaker, (counts.get(a.speaker) ?? 0) + 1);
      });
    } catch (error) {
      throw fail('Reading the speakers used in the library', error);
    }
    const collator = new Intl.Collator('zh-CN');
    return [...counts].sort((a, b) => b[1] - a[1] || collator.compare(a[0], b[0])).map(([s]) => s);
  }

  /**
   * Every record (or those whose ids are given) with its text and annotations (text order),
   * oldest record first.
   */
  async exportAll(ids?: readonly string[]): Promise<AnnotatedRecord[]> {
    const { db } = this;
    try {
      return await db.transaction('r', [db.documents, db.texts, db.annotationBuckets], async () => {
        const rows = ids
          ? (await db.documents.bulkGet([...ids])).filter((r): r is DocumentRow => r !== undefined)
          : await db.documents.toArray();
        rows.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
        const items: AnnotatedRecord[] = [];
        for (const row of rows) {
          const [textRow, annotations] = await Promise.all([db.texts.get(row.id), readAnnotations(db, row.id)]);
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
            annotations,
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

  /**
   * Adds labels with these ids to the stored label set (`base` where none is stored yet) and
   * returns the result. Colours and keys are chosen inside the same transaction as the write, so
   * two tabs adding labels at once keep both, never with the same key or colour.
   */
  async addLabels(base: readonly Label[], ids: readonly string[]): Promise<Label[]> {
    const { db } = this;
    let merged: Label[] = [];
    try {
      await db.transaction('rw', db.settings, async () => {
        merged = await addLabelsInTransaction(db, base, ids);
      });
    } catch (error) {
      throw fail('Could not save the label set', error, 'The labels were not added.');
    }
    this.sync.post({ kind: 'labels' });
    return merged;
  }

  /** The stored label set, or undefined when the defaults are in use. */
  async getLabels(): Promise<Label[] | undefined> {
    return this.getSetting<Label[]>(LABELS_KEY);
  }

  // -------------------------------------------------------------------------------------------
  // Backups

  /** The settings a backup carries (the label set travels as the file's labels). */
  static readonly BACKUP_SETTINGS = ['annotator', 'snapMode', 'language'] as const;

  /** The settings to put in a backup: the analyst's name, snapping, interface language. */
  async backupSettings(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const key of Library.BACKUP_SETTINGS) {
      const v = await this.getSetting<unknown>(key);
      if (typeof v === 'string') out[key] = v;
    }
    return out;
  }

  /**
   * What restoring would do to what is stored now, for the question "merge or replace?": how
   * many records and annotations are stored, and how many stored annotations changed after the
   * backup was written (a replace would lose those changes).
   */
  async restorePreview(backup: Backup): Promise<{ documents: number; annotations: number; newerThanBackup: number }> {
    const stored = await this.exportAll();
    const written = backup.exportedAt ?? '';
    let annotations = 0;
    let newerThanBackup = 0;
    for (const item of stored) {
      annotations += item.annotations.length;
      for (const a of item.annotations) if (!written || Date.parse(a.updatedAt) > Date.parse(written)) newerThanBackup++;
    }
    return { documents: stored.length, annotations, newerThanBackup };
  }

  /**
   * Restores a backup (a native file of the whole library), in one transaction: all of it or
   * nothing.
   * - `replace`: the library becomes the backup (records, annotations, relations, labels, the
   *   backup's settings); what was stored is deleted.
   * - `merge`: records not stored are added; for a record stored with the same id and text, an
   *   annotation not stored is added, and one stored under the same id is replaced only when the
   *   backup's version is newer (`updatedAt`): a newer stored annotation is never overwritten by
   *   an older one, and each kept one is counted in the report. Labels and settings the library
   *   lacks are added. A record whose id is stored with another text is refused (nothing restored).
   */
  async restoreBackup(backup: Backup, mode: 'merge' | 'replace'): Promise<RestoreReport> {
    const { db } = this;
    let hashes: string[];
    try {
      hashes = await Promise.all(backup.documents.map((item) => contentHash(item.document.text)));
    } catch (error) {
      throw fail('Could not restore: the texts could not be fingerprinted', error, 'Nothing was restored.');
    }
    const report: RestoreReport = { mode, added: 0, updated: 0, keptNewer: 0, annotationsAdded: 0, labelsAdded: 0 };
    try {
      await db.transaction('rw', [db.documents, db.texts, db.annotationBuckets, db.settings], async () => {
        Object.assign(report, { added: 0, updated: 0, keptNewer: 0, annotationsAdded: 0, labelsAdded: 0 });
        if (mode === 'replace') {
          await Promise.all([db.documents.clear(), db.texts.clear(), db.annotationBuckets.clear()]);
          // Settings go too, except the suggesters' (the trained model, rejected suggestions),
          // which no backup carries: losing them would bring rejected suggestions back.
          await db.settings.filter((row) => !row.key.startsWith('suggest.')).delete();
        }
        for (const [i, item] of backup.documents.entries()) {
          const d = item.document;
          const annotations = uniqueById(item.annotations);
          const existing = mode === 'merge' ? await db.documents.get(d.id) : undefined;
          if (!existing) {
            await db.documents.put(documentRow(d, annotations.length, hashes[i]!));
            await db.texts.put({ docId: d.id, text: d.text });
            if (annotations.length > 0) await db.annotationBuckets.bulkPut(toBuckets(d.id, annotations));
            report.added++;
            report.annotationsAdded += annotations.length;
            continue;
          }
          if (existing.contentHash !== hashes[i]) {
            throw new StorageError(
              `Could not restore ${quoted(d.title)}: its id ${d.id} is stored with a different text (${quoted(existing.title)}). Nothing was restored.`,
            );
          }
          const buckets = await readBuckets(db, d.id, annotations.map((a) => a.id));
          let added = 0;
          let changed = false;
          for (const a of annotations) {
            const map = buckets.get(bucketOf(a.id))!;
            const stored = map.get(a.id);
            if (!stored) {
              map.set(a.id, a);
              added++;
              changed = true;
            } else if (isNewerVersion(a, stored)) {
              map.set(a.id, a);
              report.updated++;
              changed = true;
            } else if (isNewerVersion(stored, a) || !sameAnnotationState(a, stored)) {
              report.keptNewer++;
            }
          }
          if (changed) {
            await writeBuckets(db, d.id, buckets);
            const newer = d.updatedAt > existing.updatedAt;
            await db.documents.put({
              ...existing,
              ...(newer && { title: d.title, meta: d.meta }),
              annotationCount: existing.annotationCount + added,
              updatedAt: newer ? d.updatedAt : existing.updatedAt,
            });
          }
          report.annotationsAdded += added;
        }
        const storedLabels = mode === 'merge' ? ((await db.settings.get(LABELS_KEY))?.value as Label[] | undefined) : undefined;
        if (storedLabels) {
          const missing = backup.labels.filter((l) => !storedLabels.some((x) => x.id === l.id));
          const merged = withAddedLabels(storedLabels, missing.map((l) => l.id)).map((l) => {
            const fromFile = missing.find((m) => m.id === l.id);
            return fromFile ? { ...l, name: fromFile.name, nameEn: fromFile.nameEn, ...(fromFile.retired && { retired: true, key: '' }) } : l;
          });
          report.labelsAdded = missing.length;
          if (missing.length > 0) await db.settings.put({ key: LABELS_KEY, value: merged });
        } else {
          await db.settings.put({ key: LABELS_KEY, value: backup.labels.map((l) => ({ ...l })) });
        }
        for (const key of Library.BACKUP_SETTINGS) {
          const value = backup.settings[key];
          if (typeof value !== 'string') continue;
          if (mode === 'replace' || (await db.settings.get(key)) === undefined) await db.settings.put({ key, value });
        }
        // The sample is not seeded again into a library restored from a backup.
        if (mode === 'replace') await db.settings.put({ key: 'sampleSeeded', value: true });
      });
    } catch (error) {
      throw fail('Could not restore the backup', error, 'Nothing was restored; the library is as it was.');
    }
    this.sync.post({ kind: 'documents' });
    this.sync.post({ kind: 'labels' });
    return report;
  }

  /** Listens for changes made by other tabs (other Library instances over the same database). */
  onExternalChange(listener: (event: ExternalChangeEvent) => void): () => void {
    return this.sync.subscribe(listener);
  }

  close(): void {
    this.sync.close();
    this.db.close();
  }

  /** Where the data is kept: 'memory' when IndexedDB was refused, and nothing survives the page. */
  get persistence(): Persistence {
    return this.db.persistence;
  }

  /** Why the library is in memory only (for the analyst); undefined when it is in IndexedDB. */
  get memoryReason(): string | undefined {
    return this.db.memoryReason;
  }

  /**
   * 'closed' once another tab opened a newer schema (or deleted the database): this tab closed
   * its connection so as not to block that, and every later read or write fails with a
   * StorageError saying so. Reloading the page is the way on.
   */
  get status(): 'open' | 'closed' {
    return this.db.closedByOther ? 'closed' : 'open';
  }

  /** Calls `listener` once when another tab's upgrade or deletion closes this library; returns an unsubscribe. */
  onClosed(listener: (closed: ClosedByOther) => void): () => void {
    return this.db.onClosedByOther(listener);
  }

  // --- assisted tagging (issue 5) ---------------------------------------------------------

  /**
   * Suggestions the analyst rejected, per record (all records, or the one given): kept so the
   * same suggestion is not proposed again, and as negative examples for the learned suggester.
   * Stored in the settings under one key per record.
   */
  async rejectedSuggestions(docId?: string): Promise<Map<string, StoredRejection[]>> {
    try {
      const rows = docId
        ? [await this.db.settings.get(REJECTED_PREFIX + docId)].filter((r) => r !== undefined)
        : await this.db.settings.where('key').startsWith(REJECTED_PREFIX).toArray();
      return new Map(rows.map((r) => [r.key.slice(REJECTED_PREFIX.length), (r.value as StoredRejection[]) ?? []]));
    } catch (error) {
      throw fail('Could not read the rejected suggestions', error);
    }
  }

  /** Remembers rejected suggestions of a record (merged by suggestion id, in one transaction). */
  async rejectSuggestions(docId: string, rejections: readonly StoredRejection[]): Promise<void> {
    const { db } = this;
    try {
      await db.transaction('rw', db.settings, async () => {
        const key = REJECTED_PREFIX + docId;
        const stored = ((await db.settings.get(key))?.value as StoredRejection[] | undefined) ?? [];
        const ids = new Set(rejections.map((r) => r.id));
        await db.settings.put({ key, value: [...stored.filter((r) => !ids.has(r.id)), ...rejections.map((r) => ({ ...r }))] });
      });
    } catch (error) {
      throw fail('Could not remember the rejected suggestion', error, 'It will be proposed again.');
    }
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
