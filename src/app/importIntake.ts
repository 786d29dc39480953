/**
 * Intake in the import: Word, PDF, web pages and legacy Word files go through intakeFile (which
 * is asynchronous: pdf.js, mammoth), every other file through readImportFiles as before. A bad
 * file is refused with a message in the interface language; nothing is stored for it.
 */
import type { Label } from '../domain/labels';
import { problem } from '../domain/problem';
import { describeProblem, isLanguage, translate, type Language, type MessageKey } from '../i18n/messages';
import { extensionOf, intakeFile, isIntakeFile, textNotes, type IntakeNote, type IntakeProblem, type IntakeResult } from '../io/intake';
import { titleFromFileName } from '../io/textFile';
import { documentFromText, readImportFiles, type FileFailure, type FileInput, type FileOutcome } from './importFiles';

/** The interface language, as the app sets it on the page (English outside a page). */
function pageLanguage(): Language {
  const lang = (globalThis as { document?: Document }).document?.documentElement.lang;
  return isLanguage(lang) ? lang : 'en';
}

const say = (language: Language, key: MessageKey, params: Record<string, string | number>): string =>
  (translate as (l: Language, k: MessageKey, p: Record<string, string | number>) => string)(language, key, params);

export function intakeProblemMessage(name: string, p: IntakeProblem, language: Language = pageLanguage()): string {
  return say(language, `intake.problem.${p.kind}` as MessageKey, { name, detail: p.detail ?? '' });
}

function noteText(note: IntakeNote, language: Language): string {
  switch (note.kind) {
    case 'headersDropped':
    case 'radicalsMapped':
    case 'converterMessages':
      return say(language, `intake.note.${note.kind}`, { count: note.count });
    case 'hardWrap':
      return say(language, 'intake.note.hardWrap', { count: note.joins });
    case 'compilation':
      return say(language, 'intake.note.compilation', { count: note.items });
    case 'pdfPages':
      return say(language, 'intake.note.pdfPages', { count: note.pages });
    case 'encodingUncertain':
      return say(language, 'intake.note.encodingUncertain', { encoding: note.encoding });
  }
}

const separatorOf = (language: Language): string => (language === 'zh-CN' ? '；' : '; ');

/** What the import summary says of a converted file, e.g. "PDF; 3 pages; 6 … lines dropped". */
export function intakeSummary(result: IntakeResult, language: Language = pageLanguage()): string {
  return [say(language, `intake.read.${result.source}`, {}), ...result.notes.map((n) => noteText(n, language))].join(separatorOf(language));
}

/** A plain text or Markdown file, read as before, also gets what intake sees in it (hard wrap, a compilation). */
function addTextNotes(outcome: FileOutcome, language: Language = pageLanguage()): void {
  if (!['txt', 'text', 'md', 'markdown'].includes(extensionOf(outcome.name)) || outcome.items.length !== 1) return;
  const { text, format } = outcome.items[0]!.document;
  const notes = textNotes(text, format === 'plain');
  if (notes.length === 0) return;
  const said = notes.map((n) => noteText(n, language));
  outcome.note = [outcome.note, ...said].join(separatorOf(language));
  // Intake says its notes in the page's language already: the notice carries them as they are.
  outcome.notice = problem('untranslated', { detail: [describeProblem(language, outcome.notice), ...said].join(separatorOf(language)) });
}

async function readIntake(file: FileInput, now: string): Promise<FileOutcome | FileFailure> {
  const result = await intakeFile(file.name, file.bytes);
  if (!result.ok) {
    const message = intakeProblemMessage(file.name, result);
    return { name: file.name, message, problem: problem('untranslated', { detail: message }) };
  }
  const document = documentFromText({ title: titleFromFileName(file.name), text: result.text, format: result.format, meta: result.meta }, now);
  const note = intakeSummary(result);
  return { name: file.name, items: [{ document, annotations: [] }], note, notice: problem('untranslated', { detail: note }), unknownLabels: [] };
}

/** As readImportFiles, with the intake formats converted first. Nothing is stored here. */
export async function readImportFilesWithIntake(
  files: readonly FileInput[],
  now: string,
  labels: readonly Label[],
): Promise<{ ok: FileOutcome[]; failed: FileFailure[] }> {
  const result = readImportFiles(files.filter((f) => !isIntakeFile(f.name)), now, labels);
  for (const outcome of result.ok) addTextNotes(outcome);
  for (const file of files.filter((f) => isIntakeFile(f.name))) {
    const read = await readIntake(file, now);
    if ('items' in read) result.ok.push(read);
    else result.failed.push(read);
  }
  return result;
}
