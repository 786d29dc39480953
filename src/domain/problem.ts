/**
 * A problem raised below the interface (domain, io, storage, app): a code and the parameters that
 * say what and where, never a sentence. The interface renders it in its own language
 * (`problem.<code>` in i18n/en.ts and zh.ts; `describeProblem` in i18n/messages.ts), so a Chinese
 * analyst never reads an English sentence from the lower floors.
 *
 * Add a code by adding it to `ProblemCode` and a `problem.<code>` string to en.ts and zh.ts (the
 * type check in messages.ts refuses a code without its English text).
 */
export type ProblemCode =
  | 'unexpected'
  // io: what an import tells the analyst about a file it read
  | 'import.counted'
  | 'import.decoded'
  | 'import.decodedBom'
  | 'import.decodedLineBreaks'
  | 'import.decodedBomLineBreaks'
  // io: why a file is refused (each names the file, and the place where there is one)
  | 'import.unreadable'
  | 'import.refused'
  | 'import.offsetOutOfRange'
  | 'import.quoteMismatch'
  | 'text.empty'
  | 'text.onlyWhitespace'
  | 'text.onlyBom'
  | 'text.notText'
  | 'text.utf32'
  | 'text.binaryNul'
  | 'text.binaryControls'
  | 'text.badBomEncoding'
  | 'text.noGb18030'
  | 'text.notUtf8OrGb18030'
  | 'text.officeFile'
  | 'text.unsupportedType'
  | 'text.noExtension'
  | 'text.pastedEmpty'
  | 'text.pastedWhitespace'
  // io: the native format (Yishi JSON)
  | 'native.notJson'
  | 'native.notYishi'
  | 'native.newerVersion'
  | 'native.invalid'
  | 'native.quoteMismatch'
  | 'native.offsetPastEnd'
  | 'native.exportRefused'
  // io: exports
  | 'export.refused'
  | 'export.sliceMismatch'
  | 'export.droppedNotLayer'
  | 'export.droppedNested'
  | 'export.droppedOverlap'
  | 'export.droppedWhitespace'
  | 'export.droppedCrossingParagraph'
  | 'export.droppedCrossingSentence'
  | 'export.relationDroppedParagraph'
  | 'export.relationDroppedSentence'
  | 'export.lineBreakTrimmed'
  | 'export.speakerRespelled'
  | 'export.notesEscaped'
  // Storage (storage/errors.ts): what failed and where; `reason` is a `storage.cause.*` problem.
  | 'storage.open'
  | 'storage.openMemory'
  | 'storage.list'
  | 'storage.load'
  | 'storage.textMissing'
  | 'storage.save'
  | 'storage.recordGone'
  | 'storage.conflictRemoved'
  | 'storage.conflictChanged'
  | 'storage.conflictExists'
  | 'storage.importOne'
  | 'storage.importMany'
  | 'storage.importIdClash'
  | 'storage.sameText'
  | 'storage.restoreIdClash'
  | 'storage.delete'
  | 'storage.details'
  | 'storage.search'
  | 'storage.countLabels'
  | 'storage.speakers'
  | 'storage.export'
  | 'storage.exportTextMissing'
  | 'storage.labels'
  | 'storage.readSetting'
  | 'storage.saveSetting'
  | 'storage.invalidSetting'
  | 'storage.restore'
  | 'storage.readRejected'
  | 'storage.saveRejected'
  | 'storage.readModel'
  | 'storage.saveModel'
  // Why storage failed (the `reason` of the problems above).
  | 'storage.cause.diskFull'
  | 'storage.cause.noIndexedDb'
  | 'storage.cause.closed'
  | 'storage.cause.newerVersion'
  | 'storage.cause.refused'
  | 'storage.cause.dataClone'
  | 'storage.cause.invalidKey'
  | 'storage.cause.duplicateKey'
  | 'storage.cause.fingerprint'
  | 'storage.cause.other'
  // A message from a floor that does not raise Problems yet, shown as it is.
  | 'untranslated'
  // The browser's storage (app/workbench/problems.ts reads them off storage errors).
  | 'storage.full'
  | 'storage.closed'
  | 'storage.conflict'
  // The workbench's use cases: what failed and where; `detail` is the cause, rendered in the same language.
  | 'record.listFailed'
  | 'record.openFailed'
  | 'record.createFailed'
  | 'record.deleteFailed'
  | 'record.changeFailed'
  | 'record.detailsFailed'
  | 'labels.countFailed'
  | 'labels.saveFailed'
  | 'settings.annotatorFailed'
  | 'settings.snapModeFailed'
  | 'settings.readingMeasureFailed'
  | 'import.fileRefused'
  | 'import.notImported'
  | 'import.labelsRefused'
  | 'export.recordFailed'
  | 'export.libraryFailed'
  | 'restore.failed'
  // Hardening (issue 18): limits and intake rules.
  | 'fileTooLarge'
  | 'zipTooManyEntries'
  | 'zipEntryTooLarge'
  | 'zipTooLarge'
  | 'zipDamaged'
  | 'jsonTooDeep'
  | 'notUtf8';

/**
 * What and where: plain values, or a Problem of its own (e.g. the `reason` an operation failed),
 * rendered in the same language where its placeholder stands.
 */
export type ProblemParams = Readonly<Record<string, string | number | Problem>>;

export interface Problem {
  readonly code: ProblemCode;
  readonly params: ProblemParams;
  /** What caused it (e.g. the storage's refusal under "the record was not saved"), rendered as its `detail`. */
  readonly cause?: Problem;
}

export function problem(code: ProblemCode, params: ProblemParams = {}, cause?: Problem): Problem {
  return cause ? { code, params, cause } : { code, params };
}

/**
 * An error that carries a Problem. Its `message` is an English rendering for logs and tests; the
 * interface shows `describeProblem(problem)` instead.
 */
export class ProblemError extends Error {
  constructor(
    readonly problem: Problem,
    english: string = `${problem.code} ${JSON.stringify(problem.params)}`,
    options?: { cause?: unknown },
  ) {
    super(english, options);
    this.name = 'ProblemError';
  }
}

/** The Problem an error carries (any error class with a `problem` field), if any. */
export function problemOf(error: unknown): Problem | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const p = (error as { problem?: unknown }).problem;
  if (typeof p !== 'object' || p === null) return undefined;
  const { code, params } = p as { code?: unknown; params?: unknown };
  return typeof code === 'string' && typeof params === 'object' && params !== null ? (p as Problem) : undefined;
}
