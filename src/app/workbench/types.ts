/**
 * What the workbench hands the interface (its snapshot, notices, the batch import's state) and
 * what it asks of it (ports: the analyst's answers, given through the interface's dialogs).
 * Plain data: the interface renders it in its language.
 */
import type { Problem } from '../../domain/problem';
import type { SnapMode } from '../../domain/snap';
import type { ReadingMeasure } from '../../domain/settings';
import type { Label } from '../../domain/labels';
import type { ClosedByOther } from '../../storage/db';
import type { DocumentSummary, ImportReport, RestoreReport } from '../../storage/library';
import type { DocumentSession } from '../documentSession';
import type { BatchProgress, FileSummary } from '../importBatch';

export type { ClosedByOther } from '../../storage/db';
export type { DocumentSummary, ImportReport, RestoreReport } from '../../storage/library';

/** News for the analyst (role="status"), as data the interface words. */
export type News =
  | { what: 'imported'; from: { file: string; note: string } | 'newRecord'; report: ImportReport }
  | { what: 'restored'; report: RestoreReport }
  | { what: 'deletedElsewhere'; title: string }
  /** A batch import did not finish (the page was closed or reloaded): the files not imported. */
  | { what: 'importInterrupted'; startedAt: string; files: string[] };

/** A notice: a Problem (errors, and an import refused on the analyst's word), news, or a text the interface wrote itself. */
export type NoticeBody = { problem: Problem } | { news: News } | { text: string };
export type Notice = { id: number; kind: 'error' | 'info' } & NoticeBody;

/** A batch import: its progress, then what became of each file (until dismissed). */
export interface ImportBatchState {
  progress: BatchProgress;
  /** Set once the batch is over: what became of each file. */
  files: FileSummary[] | null;
}

/** The batch as the interface shows it: `order` places it among the notices (same counter, newest highest). */
export interface ShownImportBatch extends ImportBatchState {
  readonly order: number;
}

export type ExportScope = { kind: 'open' } | { kind: 'chosen'; ids: string[] } | { kind: 'all' };

export interface UnknownLabelsQuestion {
  fileName: string;
  labels: string[];
}

export interface RestoreQuestion {
  fileName: string;
  /** Records and annotations in the backup. */
  backup: { documents: number; annotations: number; exportedAt?: string };
  /** What is stored now. */
  stored: { documents: number; annotations: number; newerThanBackup: number };
}

/** A file uses labels the label set lacks: add them, import without their annotations, or refuse the file. */
export type UnknownLabelsAnswer = 'add' | 'skip' | 'cancel';
/** A backup is restored into a library that holds records: merge, replace, or leave it. */
export type RestoreAnswer = 'merge' | 'replace' | 'cancel';

/** The analyst's answers, asked through the interface's dialogs. */
export interface WorkbenchPorts {
  unknownLabels(question: UnknownLabelsQuestion): Promise<UnknownLabelsAnswer>;
  restoreMode(question: RestoreQuestion): Promise<RestoreAnswer>;
}

/** Until the interface connects its dialogs, nothing is decided for the analyst: both refuse. */
export const REFUSING_PORTS: WorkbenchPorts = {
  unknownLabels: async () => 'cancel',
  restoreMode: async () => 'cancel',
};

export interface WorkbenchSnapshot {
  /** Every record, most recently changed first. */
  readonly documents: readonly DocumentSummary[];
  /** The open record, or null. */
  readonly session: DocumentSession | null;
  readonly labels: readonly Label[];
  /** The analyst's name, stamped on every new annotation. */
  readonly annotator: string;
  readonly snapMode: SnapMode;
  /** How wide the text column may grow. */
  readonly readingMeasure: ReadingMeasure;
  /** The interface language chosen and stored, if any (the interface checks it). */
  readonly language: string | undefined;
  readonly notices: readonly Notice[];
  readonly importBatch: ShownImportBatch | null;
  /** Set when another tab's upgrade or deletion closed the library: nothing more is stored here. */
  readonly closedBy: ClosedByOther | null;
}
