import { type Annotation } from '../domain/annotation';
import type { AnnotationChange } from '../domain/change';
import type { DocumentMeta, MeetingDocument, TextFormat } from '../domain/document';
import type { Label } from '../domain/labels';
import { mergeLabelSet } from '../domain/labelSet';
import { problem, type Problem, type ProblemCode, type ProblemParams } from '../domain/problem';
import { describeProblem } from '../i18n/messages';
import type { AnnotatedRecord } from '../domain/record';
import { BACKUP_SETTINGS, SETTINGS, type SettingKey, type SettingTypes } from '../domain/settings';
import { restoreBackup, restorePreview, type Backup, type RestoreReport } from './backup';
import { applyToBuckets, docRange, readAnnotations, readBuckets, staleIn, touchedIds, writeBuckets } from './buckets';
import { YishiDb, type DocumentRow } from './db';
import type { ClosedByOther, Persistence } from './db';
import { ConflictError, fail, recordName, StorageError, storageError } from './errors';
import { fingerprints, mergeRecords, type MergeRule } from './merge';
import { backupSettings, readAnySetting, readSetting, writeSetting } from './settings';
import { deleteRejections, readLearnedModel, rejectedSuggestions, rejectSuggestions, saveLearnedModel, type StoredRejection } from './suggestData';
import { SyncChannel, type SyncEvent } from './sync';

export { ConflictError, isDiskFullError, StorageError } from './errors';
export { contentHash } from './merge';
export type { Backup, RestoreReport } from './backup';
export type { StoredRejection } from './suggestData';

export interface DocumentSummary {
  id: string;
  title: string;
  format: TextFormat;
  annotationCount: number;
  createdAt: string;
  updatedAt: string;
  meta: DocumentMeta;
}

export interface ImportReport {
  /** Titles of the records added. */
  added: string[];
  /** Ids of the records added, in the same order. */
  addedIds: string[];
  /** Records already stored with the same id and text: only annotations with new ids were added. */
  merged: { title: string; newAnnotations: number }[];
  /** Records not imported, and why (`reason` in English; `problem` for the interface's language). */
  skipped: { title: string; reason: string; problem?: Problem }[];
  /** The label set after the labels asked for were added (only when some were: see importDocuments). */
  labels?: Label[];
}

export type ExternalChangeEvent = SyncEvent;

function toSummary(row: DocumentRow): DocumentSummary {
  return { ...documentOf(row), annotationCount: row.annotationCount };
}

/**
 * How an import merges: a stored annotation is never overwritten (only new ids are added), a
 * text already stored under another id is skipped.
 */
function importRule(now: string): MergeRule {
  return {
    replaces: () => false,
    mergedRow: (stored, _d, added) => ({
      ...stored,
      annotationCount: stored.annotationCount + added,
      updatedAt: now > stored.updatedAt ? now : stored.updatedAt,
    }),
    sameTextElsewhere: 'skip',
    idClash: 'storage.importIdClash',
  };
}

/**
 * The analyst's local library of meeting records and their annotations: listing, loading,
 * changing, importing, deleting and searching records. Annotation buckets (buckets.ts), the
 * merge loop (merge.ts), backups (backup.ts), settings (settings.ts), the suggesters' data
 * (suggestData.ts) and errors (errors.ts) live in files of their own; the Library delegates.
 */
export class Library {
  private readonly sync: SyncChannel;

  constructor(readonly db: YishiDb) {
    this.sync = new SyncChannel(db.name);
  }

  /** Opens (creating if needed) the library in this browser's IndexedDB. */
  static async open(name = 'yishi'): Promise<Library> {
    if (typeof indexedDB === 'undefined') throw storageError('storage.open', { reason: problem('storage.cause.noIndexedDb') });
    const db = new YishiDb(name);
    try {
      await db.open();
    } catch (error) {
      db.close();
      throw fail('storage.open', error);
    }
    return new Library(db);
  }

  /** Every record, most recently changed first. Never loads texts or annotations. */
  async listDocuments(): Promise<DocumentSummary[]> {
    try {
      const rows = await this.db.documents.orderBy('updatedAt').reverse().toArray();
      return rows.map(toSummary);
    } catch (error) {
      throw fail('storage.list', error);
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
      throw fail('storage.load', error, { record: id });
    }
    if (!loaded) return undefined;
    performance.measure('yishi:load-document', { start: started });
    const { row, text, annotations } = loaded;
    if (text === undefined) throw storageError('storage.textMissing', { record: recordName(row.title, row.id) });
    return { document: { ...documentOf(row), text }, annotations };
  }

  /**
   * Stores one change to a record's annotations, all or nothing: removed rows are deleted, added
   * rows are written (an id in both is a replacement), and the record's updatedAt and
   * annotationCount are updated, in one transaction. A change that no longer fits what is stored
   * (another tab changed the same annotations) is refused with a ConflictError.
   */
  async applyChange(docId: string, change: AnnotationChange): Promise<void> {
    const { db } = this;
    const started = performance.now();
    const touched = touchedIds(change);
    let title: string | undefined;
    try {
      await db.transaction('rw', [db.documents, db.annotationBuckets], async () => {
        const doc = await db.documents.get(docId);
        if (!doc) throw storageError('storage.recordGone', { record: docId });
        title = doc.title;
        if (touched.length === 0) return; // an empty change changes nothing, not even updatedAt
        const buckets = await readBuckets(db, docId, touched);
        const conflict = staleIn(buckets, change, recordName(doc.title, docId));
        if (conflict) throw new ConflictError(conflict);
        const gained = applyToBuckets(buckets, change);
        await writeBuckets(db, docId, buckets);
        await db.documents.put({
          ...doc,
          annotationCount: doc.annotationCount + gained,
          updatedAt: new Date().toISOString(),
        });
      });
    } catch (error) {
      throw fail('storage.save', error, { record: recordName(title, docId) });
    }
    performance.measure('yishi:store-change', { start: started });
    this.sync.post({ docId, kind: 'annotations' });
  }

  /**
   * Imports records with their annotations, all or nothing, through the merge loop (merge.ts). A
   * record whose id is stored with the same text gains only annotations with new ids; a stored id
   * with a different text aborts the whole import; a text already stored under another id is
   * skipped.
   */
  async importDocuments(items: AnnotatedRecord[], addLabels?: { base: readonly Label[]; ids: readonly string[] }): Promise<ImportReport> {
    const { db } = this;
    const what: { code: ProblemCode; params: ProblemParams } =
      items.length === 1
        ? { code: 'storage.importOne', params: { record: recordName(items[0]!.document.title, items[0]!.document.id) } }
        : { code: 'storage.importMany', params: { count: items.length } };
    const hashes = await fingerprints(items, what.code, what.params);
    let report: ImportReport = { added: [], addedIds: [], merged: [], skipped: [] };
    const changedDocs: string[] = [];
    try {
      await db.transaction('rw', [db.documents, db.texts, db.annotationBuckets, db.settings], async () => {
        report = { added: [], addedIds: [], merged: [], skipped: [] };
        changedDocs.length = 0;
        // Labels of the records actually stored: only those of `addLabels` are added (a file whose
        // only record is skipped adds no label).
        const usedLabels = new Set<string>();
        const outcomes = await mergeRecords(db, items, hashes, importRule(new Date().toISOString()));
        for (const [i, outcome] of outcomes.entries()) {
          if (outcome.kind === 'added' || (outcome.kind === 'merged' && outcome.added > 0)) {
            for (const a of items[i]?.annotations ?? []) usedLabels.add(a.label);
          }
          if (outcome.kind === 'added') {
            report.added.push(outcome.title);
            report.addedIds.push(outcome.docId);
          } else if (outcome.kind === 'merged') {
            if (outcome.changed) changedDocs.push(outcome.docId);
            report.merged.push({ title: outcome.title, newAnnotations: outcome.added });
          } else {
            const why = problem('storage.sameText', { stored: `“${outcome.storedTitle}”` });
            report.skipped.push({ title: outcome.title, reason: describeProblem('en', why), problem: why });
          }
        }
        const needed = addLabels?.ids.filter((id) => usedLabels.has(id)) ?? [];
        if (addLabels && needed.length > 0) {
          const stored = SETTINGS.labels.parse((await db.settings.get('labels'))?.value);
          report.labels = mergeLabelSet(stored ?? addLabels.base, needed).labels;
          await db.settings.put({ key: 'labels', value: report.labels });
        }
      });
    } catch (error) {
      throw fail(what.code, error, what.params);
    }
    if (report.added.length > 0) this.sync.post({ kind: 'documents' });
    for (const docId of changedDocs) this.sync.post({ docId, kind: 'annotations' });
    if (report.labels) this.sync.post({ kind: 'labels' });
    return report;
  }

  /** Deletes a record, its text, all its annotations and the suggestions rejected in it, in one transaction. */
  async deleteDocument(id: string): Promise<void> {
    const { db } = this;
    let title: string | undefined;
    let existed = false;
    try {
      await db.transaction('rw', [db.documents, db.texts, db.annotationBuckets, db.suggestRejections], async () => {
        const doc = await db.documents.get(id);
        title = doc?.title;
        existed = doc !== undefined;
        await db.annotationBuckets.where(':id').between(...docRange(id), true, true).delete();
        await db.texts.delete(id);
        await db.documents.delete(id);
        await deleteRejections(db, id);
      });
    } catch (error) {
      throw fail('storage.delete', error, { record: recordName(title, id) });
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
    let storedTitle: string | undefined;
    try {
      await db.transaction('rw', db.documents, async () => {
        const stored = await db.documents.get(id);
        if (!stored) throw storageError('storage.recordGone', { record: id });
        storedTitle = stored.title;
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
      throw fail('storage.details', error, { record: recordName(storedTitle, id) });
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
      throw fail('storage.search', error);
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
      throw fail('storage.countLabels', error);
    }
    return out;
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
      throw fail('storage.speakers', error);
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
          if (textRow === undefined) throw storageError('storage.exportTextMissing', { record: recordName(row.title, row.id) });
          items.push({ document: { ...documentOf(row), text: textRow.text }, annotations });
        }
        return items;
      });
    } catch (error) {
      throw fail('storage.export', error);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Settings (the registry: domain/settings.ts)

  /** A setting's value, parsed: the registry's default when none is stored or what is stored is not of its type. */
  getSetting<K extends SettingKey>(key: K): Promise<SettingTypes[K]>;
  /** A key outside the registry (or one not known statically): its stored value as it is. */
  getSetting<T = unknown>(key: string): Promise<T | undefined>;
  async getSetting(key: string): Promise<unknown> {
    return readAnySetting(this.db, key);
  }

  /** Stores a setting; a value not of the registry's type is refused (StorageError), nothing stored. */
  setSetting<K extends SettingKey>(key: K, value: SettingTypes[K]): Promise<void>;
  setSetting(key: string, value: unknown): Promise<void>;
  async setSetting(key: string, value: unknown): Promise<void> {
    await writeSetting(this.db, key, value);
  }

  /** The settings a backup carries (the registry's `inBackup`; the label set travels as the file's labels). */
  static readonly BACKUP_SETTINGS = BACKUP_SETTINGS;

  /** The settings to put in a backup, as stored (one never chosen is left out). */
  backupSettings(): Promise<Record<string, string>> {
    return backupSettings(this.db);
  }

  // -------------------------------------------------------------------------------------------
  // The label set

  /** The stored label set, or undefined when the defaults are in use. */
  async getLabels(): Promise<Label[] | undefined> {
    return readSetting(this.db, 'labels');
  }

  /** Stores an edited label set (rename, recolour, keys, retired labels) and tells other tabs. */
  async saveLabels(labels: readonly Label[]): Promise<void> {
    try {
      await this.db.settings.put({ key: 'labels', value: labels.map((l) => ({ ...l })) });
    } catch (error) {
      throw fail('storage.labels', error);
    }
    this.sync.post({ kind: 'labels' });
  }

  /**
   * Adds labels with these ids to the stored label set (`base` where none is stored yet) and
   * returns the result (domain/labelSet.ts mergeLabelSet). Colours and keys are chosen inside the
   * same transaction as the write, so two tabs adding labels at once keep both, never with the
   * same key or colour.
   */
  async addLabels(base: readonly Label[], ids: readonly string[]): Promise<Label[]> {
    const { db } = this;
    let merged: Label[] = [];
    try {
      await db.transaction('rw', db.settings, async () => {
        const stored = SETTINGS.labels.parse((await db.settings.get('labels'))?.value);
        merged = mergeLabelSet(stored ?? base, ids).labels;
        await db.settings.put({ key: 'labels', value: merged });
      });
    } catch (error) {
      throw fail('storage.labels', error);
    }
    this.sync.post({ kind: 'labels' });
    return merged;
  }

  // -------------------------------------------------------------------------------------------
  // Backups (backup.ts)

  /**
   * What restoring would do to what is stored now, for the question "merge or replace?": how
   * many records and annotations are stored, and how many stored annotations changed after the
   * backup was written (a replace would lose those changes).
   */
  async restorePreview(backup: Backup): Promise<{ documents: number; annotations: number; newerThanBackup: number }> {
    return restorePreview(await this.exportAll(), backup);
  }

  /** Restores a backup in one transaction, all of it or nothing (backup.ts restoreBackup), and tells other tabs. */
  async restoreBackup(backup: Backup, mode: 'merge' | 'replace'): Promise<RestoreReport> {
    const report = await restoreBackup(this.db, backup, mode);
    this.sync.post({ kind: 'documents' });
    this.sync.post({ kind: 'labels' });
    return report;
  }

  // -------------------------------------------------------------------------------------------
  // Assisted tagging (suggestData.ts)

  /**
   * Suggestions the analyst rejected, per record (all records, or the one given): kept so the
   * same suggestion is not proposed again, and as negative examples for the learned suggester.
   */
  rejectedSuggestions(docId?: string): Promise<Map<string, StoredRejection[]>> {
    return rejectedSuggestions(this.db, docId);
  }

  /** Remembers rejected suggestions of a record (one with the same suggestion id is replaced). */
  rejectSuggestions(docId: string, rejections: readonly StoredRejection[]): Promise<void> {
    return rejectSuggestions(this.db, docId, rejections);
  }

  /** The learned suggester's stored model, as saved (the app checks what it is), or undefined. */
  learnedModel(): Promise<unknown> {
    return readLearnedModel(this.db);
  }

  saveLearnedModel(model: unknown): Promise<void> {
    return saveLearnedModel(this.db, model);
  }

  // -------------------------------------------------------------------------------------------
  // The connection

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
}

/** A record's metadata row as a document (its text to be added). */
function documentOf(row: DocumentRow): Omit<MeetingDocument, 'text'> {
  return {
    id: row.id,
    title: row.title,
    format: row.format,
    meta: row.meta,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
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
