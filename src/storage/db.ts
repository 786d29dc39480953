import type { Rejection } from '../domain/suggest/review';
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

/** A suggestion the analyst rejected: what it proposed (code points) and which suggester (domain/suggest/review.ts). */
export type StoredRejection = Rejection;

/** A rejected suggestion of one record (schema 2): one row each, keyed by record and suggestion id. */
export interface SuggestRejectionRow extends StoredRejection {
  docId: string;
}

/** A suggester's stored model (schema 2), as the app wrote it (plain JSON; app/suggestTraining.ts). */
export interface SuggestModelRow {
  id: string;
  model: unknown;
}

/** The id of the learned suggester's row in `suggestModels`. */
export const LEARNED_MODEL_ID = 'learned';

/** Where schema 1 kept the suggesters' data in `settings` (moved out by the upgrade to schema 2). */
const V1_MODEL_KEY = 'suggest.model';
const V1_REJECTED_PREFIX = 'suggest.rejected:';

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
  declare suggestModels: Table<SuggestModelRow, string>;
  declare suggestRejections: Table<SuggestRejectionRow, [docId: string, id: string]>;

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

    // Version 1 (tables as shipped; version 2 below adds the suggesters' tables).
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

    // Version 2: the suggesters' data leaves `settings` for tables of its own.
    //   suggestModels:     primary key id (LEARNED_MODEL_ID: the learned suggester's model).
    //   suggestRejections: compound primary key [docId+id]: a record's rejections are a
    //                      primary-key range scan, and deleting a record deletes that range.
    // The upgrade moves `suggest.model` and every `suggest.rejected:<docId>` list out of settings,
    // in the upgrade's transaction (all of it or nothing). A value that is not a list of
    // rejections is left in settings untouched.
    this.version(2)
      .stores({
        suggestModels: 'id',
        suggestRejections: '[docId+id]',
      })
      .upgrade(async (tx) => {
        const settings = tx.table<SettingRow, string>('settings');
        const model = await settings.get(V1_MODEL_KEY);
        if (model !== undefined) {
          await tx.table<SuggestModelRow, string>('suggestModels').put({ id: LEARNED_MODEL_ID, model: model.value });
          await settings.delete(V1_MODEL_KEY);
        }
        for (const row of await settings.where('key').startsWith(V1_REJECTED_PREFIX).toArray()) {
          if (!Array.isArray(row.value)) continue;
          const docId = row.key.slice(V1_REJECTED_PREFIX.length);
          const rows = (row.value as unknown[])
            .filter((r): r is StoredRejection => typeof r === 'object' && r !== null && typeof (r as { id?: unknown }).id === 'string')
            .map((r) => ({ ...r, docId }));
          await tx.table<SuggestRejectionRow>('suggestRejections').bulkPut(rows);
          await settings.delete(row.key);
        }
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
