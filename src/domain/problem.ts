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
  | 'import.fileRefused'
  | 'import.refused'
  | 'import.unreadable'
  | 'import.labelsRefused'
  | 'export.recordFailed'
  | 'export.libraryFailed'
  | 'restore.failed';

export type ProblemParams = Readonly<Record<string, string | number>>;

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
