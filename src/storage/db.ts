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

/** Where a library keeps its data: the browser's IndexedDB, or (when that is refused) memory only. */
export type Persistence = 'indexeddb' | 'memory';

/** An IndexedDB implementation other than the browser's: the in-memory fallback (fake-indexeddb). */
export interface IndexedDbImplementation {
  indexedDB: IDBFactory;
  IDBKeyRange: typeof IDBKeyRange;
  /** Why it is used instead of the browser's IndexedDB, in words for the analyst. */
  reason: string;
}

/** Why a connection was closed for good by another connection (usually another tab). */
export interface ClosedByOther {
  /** 'upgrade': another connection opened a newer schema; 'delete': it deleted the database. */
  cause: 'upgrade' | 'delete';
  /** The native IndexedDB version asked for (Dexie's version × 10), null for a deletion. */
  newVersion: number | null;
}

/** Yishi's IndexedDB database. Every schema version is declared here, and only here. */
export class YishiDb extends Dexie {
  // `declare`: the tables are installed by Dexie in `stores()`; no class field may shadow them.
  declare documents: Table<DocumentRow, string>;
  declare texts: Table<TextRow, string>;
  declare annotationBuckets: Table<AnnotationBucketRow, BucketKey>;
  declare settings: Table<SettingRow, string>;

  /** 'memory' when built over an in-memory IndexedDB implementation: nothing survives the page. */
  readonly persistence: Persistence;
  /** Why the database lives in memory only; undefined when it is the browser's IndexedDB. */
  readonly memoryReason: string | undefined;
  private closedBy: ClosedByOther | undefined;
  private readonly closedListeners = new Set<(closed: ClosedByOther) => void>();

  constructor(name = 'yishi', implementation?: IndexedDbImplementation) {
    super(name, implementation && { indexedDB: implementation.indexedDB, IDBKeyRange: implementation.IDBKeyRange });
    this.persistence = implementation ? 'memory' : 'indexeddb';
    this.memoryReason = implementation?.reason;

    // Another tab opens a newer schema (or deletes the database). Dexie's default handler closes
    // this connection but reopens it on the next access, and Dexie 4 then opens whatever version
    // is installed: this tab's older code would go on writing into a schema it does not know.
    // Instead the connection is closed for good (so the other tab's upgrade is not blocked, and
    // every later read or write here fails with DatabaseClosedError), and the listeners are told.
    // Returning false stops Dexie's default handler.
    this.on('versionchange', (event: IDBVersionChangeEvent) => {
      this.closeForGood({ cause: event.newVersion ? 'upgrade' : 'delete', newVersion: event.newVersion });
      return false;
    });

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

  /** Set once another connection upgraded or deleted the database and this one closed for good. */
  get closedByOther(): ClosedByOther | undefined {
    return this.closedBy;
  }

  /** Calls `listener` once this connection is closed for good by another one (at once if it is already); returns an unsubscribe. */
  onClosedByOther(listener: (closed: ClosedByOther) => void): () => void {
    if (this.closedBy) {
      listener(this.closedBy); // closed before the listener came: it still hears of it
      return () => {};
    }
    this.closedListeners.add(listener);
    return () => {
      this.closedListeners.delete(listener);
    };
  }

  private closeForGood(closed: ClosedByOther): void {
    if (this.closedBy) return;
    this.closedBy = closed;
    this.close(); // disableAutoOpen: no later access reopens it
    for (const listener of [...this.closedListeners]) {
      try {
        listener(closed);
      } catch (error) {
        if (typeof reportError === 'function') reportError(error);
        else console.error(error);
      }
    }
  }
}
