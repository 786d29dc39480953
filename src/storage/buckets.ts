/**
 * A record's annotations in bucket rows (db.ts, AnnotationBucketRow): spreading them over the
 * buckets, reading and rewriting only the buckets a change touches, and the check that a change
 * still fits what is stored.
 */
import Dexie from 'dexie';
import { compareAnnotations, sameAnnotationVersion, type Annotation } from '../domain/annotation';
import type { AnnotationChange } from '../domain/change';
import type { Problem } from '../domain/problem';
import { problem } from '../domain/problem';
import { bucketOf, type AnnotationBucketRow, type BucketKey, type YishiDb } from './db';

/** Editable buckets of one record: bucket number → annotation id → annotation. */
export type Buckets = Map<number, Map<string, Annotation>>;

/** The primary-key range of every row of a record in a table keyed by [docId+…]. */
export function docRange(docId: string): [BucketKey, BucketKey] {
  return [
    [docId, Dexie.minKey as unknown as number],
    [docId, Dexie.maxKey as unknown as number],
  ];
}

/** A record's annotations as bucket rows (only non-empty buckets). */
export function toBuckets(docId: string, annotations: readonly Annotation[]): AnnotationBucketRow[] {
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
export async function readBuckets(db: YishiDb, docId: string, ids: Iterable<string>): Promise<Buckets> {
  const numbers = [...new Set([...ids].map(bucketOf))];
  const rows = await db.annotationBuckets.bulkGet(numbers.map((b): BucketKey => [docId, b]));
  const out: Buckets = new Map();
  numbers.forEach((b, i) => out.set(b, new Map((rows[i]?.annotations ?? []).map((a) => [a.id, a]))));
  return out;
}

/** The stored annotation with this id among read buckets. */
export function storedIn(buckets: Buckets, id: string): Annotation | undefined {
  return buckets.get(bucketOf(id))?.get(id);
}

/** Puts an annotation into the read bucket of its id. */
export function setIn(buckets: Buckets, a: Annotation): void {
  buckets.get(bucketOf(a.id))!.set(a.id, a);
}

/** Writes edited buckets back: empty ones are deleted. */
export async function writeBuckets(db: YishiDb, docId: string, buckets: Buckets): Promise<void> {
  const put: AnnotationBucketRow[] = [];
  const remove: BucketKey[] = [];
  for (const [bucket, map] of buckets) {
    if (map.size === 0) remove.push([docId, bucket]);
    else put.push({ docId, bucket, annotations: [...map.values()] });
  }
  if (remove.length > 0) await db.annotationBuckets.bulkDelete(remove);
  if (put.length > 0) await db.annotationBuckets.bulkPut(put);
}

export function sizeOf(buckets: Buckets): number {
  let n = 0;
  for (const map of buckets.values()) n += map.size;
  return n;
}

/**
 * Why a change no longer fits what is stored (another tab changed the same annotations since this
 * tab read them), or null: each annotation it removes or replaces must be stored exactly as the
 * change saw it (sameAnnotationVersion), and each one it adds must not be stored yet. Without
 * this check an undo in one tab would silently overwrite what another tab did.
 */
export function staleIn(buckets: Buckets, change: AnnotationChange, record: string): Problem | null {
  for (const a of change.removed) {
    const now = storedIn(buckets, a.id);
    if (!now) return problem('storage.conflictRemoved', { record, quote: a.text, id: a.id });
    if (!sameAnnotationVersion(now, a)) return problem('storage.conflictChanged', { record, quote: a.text, id: a.id });
  }
  const replaced = new Set(change.removed.map((a) => a.id));
  for (const a of change.added) {
    if (!replaced.has(a.id) && storedIn(buckets, a.id)) return problem('storage.conflictExists', { record, id: a.id });
  }
  return null;
}

/**
 * Applies a change to read buckets (removed ids deleted, added ones written: an id in both is a
 * replacement) and returns how many annotations the record gained (negative: lost).
 */
export function applyToBuckets(buckets: Buckets, change: AnnotationChange): number {
  const added = new Map(change.added.map((a) => [a.id, a]));
  const before = sizeOf(buckets);
  for (const a of change.removed) if (!added.has(a.id)) buckets.get(bucketOf(a.id))!.delete(a.id);
  for (const a of added.values()) setIn(buckets, a);
  return sizeOf(buckets) - before;
}

/** The ids a change touches (added, replaced or removed). */
export function touchedIds(change: AnnotationChange): string[] {
  return [...new Set([...change.added.map((a) => a.id), ...change.removed.map((a) => a.id)])];
}

/** Every annotation of a record, in text order. */
export async function readAnnotations(db: YishiDb, docId: string): Promise<Annotation[]> {
  const rows = await db.annotationBuckets.where(':id').between(...docRange(docId), true, true).toArray();
  return rows.flatMap((r) => r.annotations).sort(compareAnnotations);
}

/** Keeps the first annotation of each id. */
export function uniqueById(annotations: readonly Annotation[]): Annotation[] {
  const seen = new Set<string>();
  return annotations.filter((a) => (seen.has(a.id) ? false : (seen.add(a.id), true)));
}
