/**
 * The one loop that brings records with their annotations into the library: import
 * (Library.importDocuments) and restore (backup.ts) differ only in their MergeRule.
 *
 * The same record is the same text (its code points, fingerprinted by contentHash): a record
 * whose id is stored with the same text is merged into it; whose id is stored with another text
 * is refused (the whole operation); whose text is stored under another id is skipped (import) or
 * merged into that record (restore: a backup restored into a library that already has the sample
 * record must not add it a second time).
 */
import { isNewerVersion, sameAnnotationState, type Annotation } from '../domain/annotation';
import type { MeetingDocument } from '../domain/document';
import { problem, type ProblemCode, type ProblemParams } from '../domain/problem';
import type { AnnotatedRecord } from '../domain/record';
import { readBuckets, setIn, storedIn, toBuckets, uniqueById, writeBuckets } from './buckets';
import type { DocumentRow, YishiDb } from './db';
import { recordName, storageError } from './errors';

/** SHA-256 of the UTF-8 encoding of a text, lowercase hex: what makes two records the same record. */
export async function contentHash(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The fingerprints of the records' texts, computed before the transaction (an IndexedDB
 * transaction commits on its own across a non-IndexedDB await). Fails as `code`.
 */
export async function fingerprints(items: readonly AnnotatedRecord[], code: ProblemCode, params: ProblemParams = {}): Promise<string[]> {
  try {
    return await Promise.all(items.map((item) => contentHash(item.document.text)));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw storageError(code, { ...params, reason: problem('storage.cause.fingerprint', { detail }) }, error);
  }
}

export interface MergeRule {
  /** Whether an incoming annotation replaces the stored one with its id (never: import; newer: restore). */
  replaces(incoming: Annotation, stored: Annotation): boolean;
  /** The stored record's row once `added` annotations were added to it (and some perhaps replaced). */
  mergedRow(stored: DocumentRow, incoming: MeetingDocument, added: number): DocumentRow;
  /** A record whose text is stored under another id: skipped, or merged into that record. */
  sameTextElsewhere: 'skip' | 'merge';
  /** The problem of a record whose id is stored with another text. */
  idClash: ProblemCode;
}

export type MergeOutcome =
  | { kind: 'added'; docId: string; title: string; annotations: number }
  | { kind: 'merged'; docId: string; title: string; added: number; updated: number; keptNewer: number; changed: boolean }
  | { kind: 'skipped'; title: string; storedTitle: string };

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

/**
 * Brings the records in, in order; runs inside the caller's transaction over documents, texts
 * and annotationBuckets. `hashes` are the records' fingerprints (fingerprints()).
 */
export async function mergeRecords(db: YishiDb, items: readonly AnnotatedRecord[], hashes: readonly string[], rule: MergeRule): Promise<MergeOutcome[]> {
  const outcomes: MergeOutcome[] = [];
  for (const [i, item] of items.entries()) {
    const d = item.document;
    const hash = hashes[i]!;
    const annotations = uniqueById(item.annotations);
    let stored = await db.documents.get(d.id);
    if (stored && stored.contentHash !== hash) {
      throw storageError(rule.idClash, { record: recordName(d.title, d.id), id: d.id, stored: recordName(stored.title, stored.id) });
    }
    if (!stored) {
      const same = await db.documents.where('contentHash').equals(hash).first();
      if (same && rule.sameTextElsewhere === 'skip') {
        outcomes.push({ kind: 'skipped', title: d.title, storedTitle: same.title });
        continue;
      }
      stored = same;
    }
    if (!stored) {
      await db.documents.add(documentRow(d, annotations.length, hash));
      await db.texts.add({ docId: d.id, text: d.text });
      if (annotations.length > 0) await db.annotationBuckets.bulkAdd(toBuckets(d.id, annotations));
      outcomes.push({ kind: 'added', docId: d.id, title: d.title, annotations: annotations.length });
      continue;
    }
    const buckets = await readBuckets(db, stored.id, annotations.map((a) => a.id));
    let added = 0;
    let updated = 0;
    let keptNewer = 0;
    for (const a of annotations) {
      const was = storedIn(buckets, a.id);
      if (!was) {
        setIn(buckets, a);
        added++;
      } else if (rule.replaces(a, was)) {
        setIn(buckets, a);
        updated++;
      } else if (isNewerVersion(was, a) || !sameAnnotationState(a, was)) {
        keptNewer++;
      }
    }
    const changed = added + updated > 0;
    if (changed) {
      await writeBuckets(db, stored.id, buckets);
      await db.documents.put(rule.mergedRow(stored, d, added));
    }
    outcomes.push({ kind: 'merged', docId: stored.id, title: stored.title, added, updated, keptNewer, changed });
  }
  return outcomes;
}
