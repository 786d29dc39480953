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
  // Hardening (issue 18): limits and intake rules.
  | 'fileTooLarge'
  | 'zipTooManyEntries'
  | 'zipEntryTooLarge'
  | 'zipTooLarge'
  | 'zipDamaged'
  | 'jsonTooDeep'
  | 'notUtf8';

export type ProblemParams = Readonly<Record<string, string | number>>;

export interface Problem {
  readonly code: ProblemCode;
  readonly params: ProblemParams;
}

export function problem(code: ProblemCode, params: ProblemParams = {}): Problem {
  return { code, params };
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
