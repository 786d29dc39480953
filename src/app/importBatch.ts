import type { Label } from '../domain/labels';
import type { ImportReport } from '../storage/library';
import { importGroupsOf } from '../io/formats';
import type { FileInput, FileOutcome } from './importFiles';
import { readImportFilesWithIntake } from './importIntake';
import { unzipForImport } from './unzipClient';
import type { AnnotatedRecord } from '../domain/record';
import { problem, problemOf, type Problem } from '../domain/problem';
import { fileSizeProblem } from './importLimits';

/** A file chosen for import, read only when its turn comes (a DOM File fits). */
export interface BatchFile {
  name: string;
  /** Its size in bytes, where known before reading (a DOM File's): too large a file is not read. */
  size?: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** Where a batch is: files read, and files finished (stored, merged or refused), of `total`. */
export interface BatchProgress {
  total: number;
  read: number;
  done: number;
}

/** What became of one file (a brat pair counts as one entry, named by both files). */
export interface FileSummary {
  name: string;
  /** What the importer says of it, e.g. "decoded as GB18030"; empty when refused before reading. */
  note: string;
  /** The same as a Problem, for the interface's language (absent when refused before reading). */
  notice?: Problem;
  /** Titles of the records added. */
  added: string[];
  /** Records already stored: how many new annotations each gained. */
  merged: { title: string; newAnnotations: number }[];
  /** Records of the file that were not stored, and why (e.g. the same text is stored already). */
  skipped: { title: string; reason: string }[];
  /** Why the whole file was refused (unreadable, invalid, labels refused, storage refused). */
  refused?: string;
  /** The refusal as a Problem the interface renders in its language (naming the file and the place), where there is one. */
  problem?: Problem;
}

export interface BatchSteps {
  now: string;
  /** The label set as it is when a file is parsed (an earlier file may have added labels). */
  labels(): readonly Label[];
  /** Settles labels the label set lacks: the records to store, or why the file is refused. */
  settleLabels(outcome: FileOutcome): Promise<{ items: AnnotatedRecord[] } | { refused: string; problem?: Problem }>;
  /** Stores one file's records in one transaction. */
  store(items: AnnotatedRecord[], outcome: FileOutcome): Promise<ImportReport>;
  progress(p: BatchProgress): void;
  /** A group of files is finished (stored, merged or refused): their names. */
  finished?(names: string[]): Promise<void>;
  /** Lets the browser paint and handle input between files. */
  pause(): Promise<void>;
}

/**
 * The files in the groups they are read in: a brat `.ann` with the `.txt` of the same name
 * together, every other file alone; in the order chosen. The rule is the registry's.
 */
export function importGroups(names: readonly string[]): number[][] {
  return importGroupsOf(names).map((g) => g.indices);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Yields to the browser: `scheduler.yield` where there is one, else a macrotask. */
export function yieldToBrowser(): Promise<void> {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof s?.yield === 'function') return s.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Imports files one at a time (a brat pair together): each is read, parsed and stored in its own
 * transaction, and the browser gets a turn between files, so dozens of files leave the page
 * responsive and a page closed midway leaves each record whole or absent. A bad file is refused
 * with the reason and does not stop the others. Returns one summary per file (or brat pair).
 */
export async function runImportBatch(files: readonly BatchFile[], steps: BatchSteps): Promise<FileSummary[]> {
  const progress: BatchProgress = { total: files.length, read: 0, done: 0 };
  steps.progress({ ...progress });
  const summaries: FileSummary[] = [];
  const refuse = (name: string, reason: string, why?: Problem) =>
    summaries.push({ name, note: '', added: [], merged: [], skipped: [], refused: reason, ...(why && { problem: why }) });
  for (const group of importGroups(files.map((f) => f.name))) {
    const inputs: FileInput[] = [];
    for (const i of group) {
      const file = files[i]!;
      try {
        const tooLarge = fileSizeProblem(file);
        if (tooLarge) refuse(file.name, tooLarge.message, tooLarge.problem);
        else inputs.push({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
      } catch (error) {
        refuse(file.name, `“${file.name}” could not be read: ${message(error)}`, problem('import.unreadable', { file: file.name }, problemOf(error) ?? problem('untranslated', { detail: message(error) })));
      }
      progress.read++;
      steps.progress({ ...progress });
    }
    // A zip is inflated in a Web Worker first (its refusal is the file's refusal).
    const readable: FileInput[] = [];
    for (const input of inputs) {
      if (!/\.zip$/i.test(input.name)) {
        readable.push(input);
        continue;
      }
      try {
        readable.push({ ...input, unzipped: await unzipForImport(input.bytes, input.name) });
      } catch (error) {
        refuse(input.name, message(error), problemOf(error));
      }
    }
    const { ok, failed } = await readImportFilesWithIntake(readable, steps.now, steps.labels());
    for (const f of failed) refuse(f.name, f.message, f.problem ?? problemOf(f));
    for (const outcome of ok) {
      try {
        const settled = await steps.settleLabels(outcome);
        if ('refused' in settled) {
          refuse(outcome.name, settled.refused, settled.problem);
          continue;
        }
        const report = await steps.store(settled.items, outcome);
        summaries.push({ name: outcome.name, note: outcome.note, notice: outcome.notice, added: report.added, merged: report.merged, skipped: report.skipped });
      } catch (error) {
        refuse(outcome.name, message(error), problemOf(error));
      }
    }
    progress.done += group.length;
    steps.progress({ ...progress });
    await steps.finished?.(group.map((i) => files[i]!.name));
    await steps.pause();
  }
  return summaries;
}
