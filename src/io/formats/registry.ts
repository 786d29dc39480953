/**
 * The one list of formats. Each is one object (its file in this folder) that knows how to sniff,
 * import and export itself and says what it keeps; importing is a lookup here, and the export
 * dialog, the export worker and the docs read the same list. Adding a format is one new file and
 * one line below.
 *
 * Pure: no DOM, storage or editor, so it also runs in a Web Worker.
 */
import { problem, problemOf, type Problem } from '../../domain/problem';
import type { AnnotatedRecord } from '../../domain/record';
import { bioFormat } from './bio';
import { bratFormat } from './brat';
import { csvFormat } from './csv';
import { doccanoFormat } from './doccano';
import { jsonFormat } from './json';
import { jsonlFormat } from './jsonl';
import { labelStudioFormat } from './labelStudio';
import { summaryHtmlFormat } from './summaryHtml';
import { summaryMarkdownFormat } from './summaryMarkdown';
import { textFormat } from './text';
import type { ExportFormat, FileInput, Format, ImportContext } from './types';
import { w3cFormat } from './w3c';

/** Every format, exporters in the order the export dialog lists them. */
export const FORMATS: readonly Format[] = Object.freeze([
  jsonFormat,
  jsonlFormat,
  doccanoFormat,
  labelStudioFormat,
  bratFormat,
  w3cFormat,
  bioFormat,
  csvFormat,
  summaryMarkdownFormat,
  summaryHtmlFormat,
  textFormat,
]);

/** The formats that export, in the export dialog's order. */
export const EXPORT_FORMATS: readonly ExportFormat[] = Object.freeze(FORMATS.filter((f): f is ExportFormat => f.export !== undefined));

/** The formats that import. */
export const IMPORT_FORMATS: readonly Format[] = Object.freeze(FORMATS.filter((f) => f.import !== undefined));

/**
 * The format that reads one file: the best sniff (the name and the content fit over the name
 * alone; the first listed on a tie). A file no format claims goes to the text importer, which
 * refuses it naming the extensions Yishi reads.
 */
export function importFormatOf(file: FileInput): Format {
  let best: Format = textFormat;
  let score = 0;
  for (const f of IMPORT_FORMATS) {
    const s = f.import!.sniff(file);
    if (s > score) {
      best = f;
      score = s;
    }
  }
  return best;
}

/** Files read together: one format's claimed group (a brat pair), or one file alone. */
export interface ImportGroup {
  indices: number[];
  /** The format that claimed the group; undefined for a file alone (it is sniffed when read). */
  format?: Format;
}

/**
 * The chosen files in the groups they are read in, in the order chosen: the groups formats
 * claim (brat's `.txt` + `.ann` of one name), every other file alone.
 */
export function importGroupsOf(names: readonly string[]): ImportGroup[] {
  const claimed = new Map<number, ImportGroup>();
  for (const f of IMPORT_FORMATS) {
    for (const indices of f.import!.claim?.(names) ?? []) {
      const group = { indices: indices.filter((i) => !claimed.has(i)), format: f };
      if (group.indices.length > 0) for (const i of group.indices) claimed.set(i, group);
    }
  }
  const groups: ImportGroup[] = [];
  names.forEach((_, i) => {
    const group = claimed.get(i);
    if (!group) groups.push({ indices: [i] });
    else if (group.indices[0] === i) groups.push(group);
  });
  return groups;
}

export interface FileOutcome {
  /** The file's name (a group's names joined by ", "). */
  name: string;
  items: AnnotatedRecord[];
  /** What the analyst is told about this file, in English, e.g. "decoded as GB18030". */
  note: string;
  /** The same as a Problem, for the interface to render in its language. */
  notice: Problem;
  /** Labels its annotations use that the label set does not have, in order of first use. */
  unknownLabels: string[];
}

export interface FileFailure {
  name: string;
  /** English, naming the file. */
  message: string;
  /** Why, for the interface to render in its language (names the file and the place). */
  problem: Problem;
}

/**
 * Reads files (a claimed group together, every other file alone): a bad file is refused whole
 * with a message naming it, and does not stop the others. Nothing is stored here.
 */
export function readFiles(files: readonly FileInput[], context: ImportContext): { ok: FileOutcome[]; failed: FileFailure[] } {
  const ok: FileOutcome[] = [];
  const failed: FileFailure[] = [];
  for (const group of importGroupsOf(files.map((f) => f.name))) {
    const members = group.indices.map((i) => files[i]!);
    const name = members.map((f) => f.name).join(', ');
    try {
      const format = group.format ?? importFormatOf(members[0]!);
      const r = format.import!.read(members, context);
      ok.push({ name, items: r.documents, note: r.note, notice: r.notice, unknownLabels: r.unknownLabels });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      failed.push({
        name,
        message: message.includes(name) ? message : `“${name}”: ${message}`,
        problem: problemOf(error) ?? problem('import.unreadable', { file: name, detail: message }),
      });
    }
  }
  return { ok, failed };
}
