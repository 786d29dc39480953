/**
 * The pure format layer: every export and import format is a set of pure functions over the
 * stored model (documents with their canonical text and code-point annotations). No DOM, React,
 * Dexie or editor code, so everything here also runs in a Web Worker.
 */
import type { Label } from '../../domain/labels';
import type { RelationType } from '../../domain/relations';
import type { AnnotatedRecord } from '../../domain/record';

export type FormatId =
  | 'json'
  | 'jsonl'
  | 'doccano'
  | 'labelstudio'
  | 'brat'
  | 'w3c'
  | 'bio'
  | 'csv'
  | 'summary-md'
  | 'summary-html';

export interface ExportInput {
  documents: AnnotatedRecord[];
  labels: readonly Label[];
  /**
   * The relation types (brat's `[relations]`, Label Studio's `<Relations>`, summaries' names).
   * Default: DEFAULT_RELATION_TYPES; a type used by a relation but missing here is added.
   */
  relationTypes?: readonly RelationType[];
  /** ISO 8601; written where a format has a place for it, so an export is reproducible. */
  exportedAt: string;
}

export interface ExportFile {
  /** Path inside the download (a zip when there is more than one file), '/'-separated. */
  path: string;
  content: string | Uint8Array;
  mime: string;
}

export interface ExportResult {
  files: ExportFile[];
  /** What the export could not express and left out (e.g. BIO's dropped spans); empty if none. */
  report: string[];
}

export interface SplitOptions {
  seed: number;
  train: number;
  dev: number;
  test: number;
}

export interface FormatOptions {
  /** Dataset JSONL: one line per document (default), per paragraph or per sentence. */
  unit?: 'document' | 'paragraph' | 'sentence';
  /** Dataset JSONL: train/dev/test split by document, with a seeded PRNG. */
  split?: SplitOptions | null;
  /** BIO: the outermost layer (default) or only the spans of this label id. */
  bioLayer?: 'outermost' | string;
}

export interface ExportFormat {
  id: FormatId;
  title: string;
  /** The unit of the offsets the format writes; null when it writes none. */
  offsetUnit: 'codepoint' | 'utf16' | null;
  export(input: ExportInput, options: FormatOptions): ExportResult;
}

export interface ImportOptions {
  /** The label set to map labels onto (by id, then by name or English name). Default: DEFAULT_LABELS. */
  labels?: readonly Label[];
  /** The date given to documents and annotations whose file carries none. Default: now. */
  now?: string;
  /** Relation types to map relation labels onto (by id, name, English name). Default: DEFAULT_RELATION_TYPES. */
  relationTypes?: readonly RelationType[];
}

export interface ImportResult {
  documents: AnnotatedRecord[];
  /** Labels found in the file that are not in the label set, in order of first appearance. */
  unknownLabels: string[];
}

/** A file handed to an importer that reads several files (brat), or read from a zip. */
export interface InputFile {
  path: string;
  content: string | Uint8Array;
}
