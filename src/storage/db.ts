import Dexie, { type Table } from 'dexie';
import type { Annotation } from '../domain/annotation';
import type { DocumentMeta, TextFormat } from '../domain/document';

/** A record's metadata. Deliberately without its text, so the document list never loads megabytes. */
export interface DocumentRow {
  id: string;
  title: string;
  format: TextFormat;
  meta: DocumentMeta;
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601; the time of the latest change to the record or its annotations. */
  updatedAt: string;
  /** Number of annotations of this record, kept in the same transaction as every change. */
  annotationCount: number;
  /** SHA-256 of the canonical text (UTF-8), lowercase hex. */
  contentHash: string;
}

/** A record's canonical text, kept apart from its metadata. */
export interface TextRow {
  docId: string;
  text: string;
}

/**
 * A record's annotations are spread over at most `ANNOTATION_BUCKETS` rows by a hash of their id.
 * A change rewrites only the buckets of the annotations it touches (a few hundred annotations at
 * 20,000 spans), and loading a record reads at most 64 rows: one row per annotation took ~175 ms
 * to load 20,000 spans, one row per record makes every change rewrite all of them.
 */
export interface AnnotationBucketRow {
  docId: string;
  bucket: number;
  /** The bucket's annotations, in no particular order. */
  annotations: Annotation[];
}

export const ANNOTATION_BUCKETS = 64;

/** The bucket of an annotation id: FNV-1a over its UTF-16 units. Stable forever (stored data). */
export function bucketOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % ANNOTATION_BUCKETS;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

export type BucketKey = [docId: string, bucket: number];

/** Yishi's IndexedDB database. Every schema version is declared here, and only here. */
export class YishiDb extends Dexie {
  // `declare`: the tables are installed by Dexie in `stores()`; no class field may shadow them.
  declare documents: Table<DocumentRow, string>;
  declare texts: Table<TextRow, string>;
  declare annotationBuckets: Table<AnnotationBucketRow, BucketKey>;
  declare settings: Table<SettingRow, string>;

  constructor(name = 'yishi') {
    super(name);

    // Version 1.
    //   documents:   primary key id; indexes updatedAt (list, newest first) and contentHash
    //                (import skips a text that is already stored).
    //   texts:       primary key docId.
    //   annotationBuckets: compound primary key [docId+bucket] (see AnnotationBucketRow). Loading
    //                a record is a primary-key range scan between([docId, Dexie.minKey],
    //                [docId, Dexie.maxKey]); no secondary index.
    //   settings:    primary key key.
    //
    // SCHEMA CHANGES: never edit a version that has shipped; analysts' annotations live in it.
    // Every later change is a new numbered `this.version(n).stores({...}).upgrade(tx => ...)`
    // declared below this one (keeping all earlier versions), together with a frozen fixture test:
    // a database written by version n-1 (checked in as data, never regenerated) is opened by
    // version n and every document, text and annotation is asserted to survive the upgrade.
    this.version(1).stores({
      documents: 'id, updatedAt, contentHash',
      texts: 'docId',
      annotationBuckets: '[docId+bucket]',
      settings: 'key',
    });
  }
}
