/**
 * The pure format layer: every export and import format is a set of pure functions over the
 * stored model (documents with their canonical text and code-point annotations). No DOM, React,
 * Dexie or editor code, so everything here also runs in a Web Worker.
 */
import type { Label } from '../../domain/labels';
import type { RelationType } from '../../domain/relations';
import type { AnnotatedRecord } from '../../domain/record';
import type { Problem } from '../../domain/problem';

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
  /** The same as Problems naming the record and the span by its quote, for the interface's language. */
  notices?: Problem[];
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

/**
 * What a format can carry besides the text. `keeps` lists what survives the format (what its
 * export writes and, where it imports, what comes back); everything else in ASPECTS is dropped.
 */
export const ASPECTS = ['spans', 'overlaps', 'relations', 'speaker', 'note', 'annotator', 'origin', 'labelSet', 'dates', 'ids'] as const;
export type Aspect = (typeof ASPECTS)[number];

/** A file as an importer sees it: a name and its bytes (no DOM File needed). */
export interface FileInput {
  name: string;
  bytes: Uint8Array;
  /** A zip's entries, inflated already (off the main thread: app/unzipClient.ts). */
  unzipped?: InputFile[];
}

export interface ImportContext {
  /** ISO 8601: the date of records and annotations whose file carries none. */
  now: string;
  /** The label set to map labels onto (an earlier file of a batch may have added labels). */
  labels: readonly Label[];
}

/** What one import read: the records, the labels the label set lacks, and what to tell the analyst. */
export interface ImportOutcome {
  documents: AnnotatedRecord[];
  unknownLabels: string[];
  /** E.g. "decoded as GB18030" or "Label Studio: 1 document(s), 3 annotation(s)", as a Problem the interface renders. */
  notice: Problem;
  /** The same in English (logs, tests). */
  note: string;
}

/** The import side of a format. */
export interface FormatImport {
  /**
   * Whether this format reads the file: 0 no, 1 the name fits, 2 the name and the content fit
   * (two formats share `.json` and two `.jsonl`; the content tells them apart).
   */
  sniff(file: FileInput): 0 | 1 | 2;
  /**
   * For a format whose records span several files (brat's .txt + .ann): which of the chosen
   * names it reads together, as groups of indices. Files it claims are not sniffed one by one.
   */
  claim?(names: readonly string[]): number[][];
  /** Reads one file (or one claimed group); throws an error carrying a Problem when refused. */
  read(files: readonly FileInput[], context: ImportContext): ImportOutcome;
}

/**
 * One format, both ways (the way an anchor type converts to and from a selector): how to know
 * it, how to read it, how to write it, and what it keeps. `io/formats/registry.ts` lists them.
 */
export interface Format {
  id: string;
  title: string;
  /** The unit of the offsets the format writes or reads; null when it has none. */
  offsetUnit: 'codepoint' | 'utf16' | null;
  /** What survives this format; the rest of ASPECTS is dropped. */
  keeps: readonly Aspect[];
  export?(input: ExportInput, options: FormatOptions): ExportResult;
  import?: FormatImport;
}

/** A format that exports: its id is one the export dialog offers. */
export interface ExportFormat extends Format {
  id: FormatId;
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
