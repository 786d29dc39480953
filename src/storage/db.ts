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
  /** Number of rows in `annotations` for this record, kept in the same transaction as every change. */
  annotationCount: number;
  /** SHA-256 of the canonical text (UTF-8), lowercase hex. */
  contentHash: string;
}

/** A record's canonical text, kept apart from its metadata. */
export interface TextRow {
  docId: string;
  text: string;
}

/** One annotation, one row: a change writes only the rows it touches. */
export interface AnnotationRow extends Annotation {
  docId: string;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

export type AnnotationKey = [docId: string, id: string];

/** Yishi's IndexedDB database. Every schema version is declared here, and only here. */
export class YishiDb extends Dexie {
  // `declare`: the tables are installed by Dexie in `stores()`; no class field may shadow them.
  declare documents: Table<DocumentRow, string>;
  declare texts: Table<TextRow, string>;
  declare annotations: Table<AnnotationRow, AnnotationKey>;
  declare settings: Table<SettingRow, string>;

  constructor(name = 'yishi') {
    super(name);

    // Version 1.
    //   documents:   primary key id; indexes updatedAt (list, newest first) and contentHash
    //                (import skips a text that is already stored).
    //   texts:       primary key docId.
    //   annotations: compound primary key [docId+id]. Loading a record is a primary-key range scan
    //                between([docId, Dexie.minKey], [docId, Dexie.maxKey]); no secondary index.
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
      annotations: '[docId+id]',
      settings: 'key',
    });
  }
}
