/**
 * The workbench's failures as Problems: what failed and where (the use case's code and its
 * parameters), caused by what the lower floor reported. The interface renders both in its
 * language (`describeProblem`), so no English sentence of the storage reaches a Chinese screen
 * where the cause is known.
 */
import { problem, problemOf, ProblemError, type Problem, type ProblemCode, type ProblemParams } from '../../domain/problem';
import { ConflictError, isDiskFullError, type Library } from '../../storage/library';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The Problem of a storage failure the workbench can name in any language (another tab's change
 * first, a full disk, the library closed by another tab), or undefined.
 */
function storageCause(library: Pick<Library, 'status'>, error: unknown): Problem | undefined {
  if (error instanceof ConflictError) return problem('storage.conflict');
  if (isDiskFullError(error)) return problem('storage.full');
  if (library.status === 'closed') return problem('storage.closed');
  return undefined;
}

/**
 * Why something failed, as a Problem: the one the error carries, else a storage failure named
 * above, else the error's own words (`untranslated`: a floor that does not raise Problems yet).
 */
export function causeOf(library: Pick<Library, 'status'>, error: unknown, fallback = messageOf(error)): Problem {
  return problemOf(error) ?? storageCause(library, error) ?? problem('untranslated', { detail: fallback });
}

/** A use case's failure: its code and what and where, with the cause of `error`. */
export function failure(library: Pick<Library, 'status'>, code: ProblemCode, params: ProblemParams, error: unknown): Problem {
  return problem(code, params, causeOf(library, error));
}

/** The same, thrown: for a dialog that shows the failure in its own place (it calls describeError). */
export function failureError(library: Pick<Library, 'status'>, code: ProblemCode, params: ProblemParams, error: unknown): ProblemError {
  return new ProblemError(failure(library, code, params, error), `${code}: ${messageOf(error)}`, { cause: error });
}
