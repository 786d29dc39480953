/**
 * Storage failures as Problems: what failed and where (the operation's code, the record's title),
 * and why (a `storage.cause.*` problem read from the browser's error). The interface renders them
 * in its language; the English rendering is the error's `message` (logs, tests).
 */
import { ProblemError, problem, type Problem, type ProblemCode, type ProblemParams } from '../domain/problem';
import { describeProblem } from '../i18n/messages';

/** A storage failure: what failed, why, and what was kept, as a Problem. */
export class StorageError extends ProblemError {
  constructor(p: Problem, cause?: unknown) {
    super(p, describeProblem('en', p), cause === undefined ? undefined : { cause });
    this.name = 'StorageError';
  }
}

/** A change computed against annotations that another tab has changed since: nothing was stored. */
export class ConflictError extends StorageError {
  constructor(p: Problem) {
    super(p);
    this.name = 'ConflictError';
  }
}

/** A StorageError for a problem given by its code and parameters. */
export function storageError(code: ProblemCode, params: ProblemParams = {}, cause?: unknown): StorageError {
  return new StorageError(problem(code, params), cause);
}

/** How a record is named in a problem: its title in quotation marks, else its id. */
export function recordName(title: string | undefined, id: string): string {
  return title === undefined ? id : `“${title}”`;
}

/** Walks an error and what it wraps (Dexie's `inner`, `cause`, a BulkError's failures). */
function errorChain(error: unknown): unknown[] {
  const seen = new Set<unknown>();
  const out: unknown[] = [];
  const visit = (e: unknown, depth: number): void => {
    if (e === null || e === undefined || seen.has(e) || depth > 6) return;
    seen.add(e);
    out.push(e);
    if (typeof e !== 'object') return;
    const o = e as { inner?: unknown; cause?: unknown; failures?: unknown; failuresByPos?: unknown };
    visit(o.inner, depth + 1);
    visit(o.cause, depth + 1);
    for (const list of [o.failures, o.failuresByPos]) {
      if (Array.isArray(list)) list.forEach((f) => visit(f, depth + 1));
      else if (list && typeof list === 'object') Object.values(list).forEach((f) => visit(f, depth + 1));
    }
  };
  visit(error, 0);
  return out;
}

function field(e: unknown, key: 'name' | 'message'): string | undefined {
  if (typeof e === 'object' && e !== null && typeof (e as Record<string, unknown>)[key] === 'string') {
    return (e as Record<string, string>)[key];
  }
  return undefined;
}

const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);
/**
 * What browsers say when the disk itself is full: Chromium fails the write of a large value with
 * `DataError: Failed to write blobs (IOError)` (or an UnknownError naming an IO error), which
 * would otherwise read as "an invalid key".
 */
const DISK_FULL_MESSAGE = /failed to write blobs|\bIO ?error\b|no space left|disk (is )?full/i;

/** Whether the error (or what it wraps) says the disk or the browser's storage quota is full. */
export function isDiskFullError(error: unknown): boolean {
  return errorChain(error).some((e) => {
    const name = field(e, 'name');
    if (name !== undefined && QUOTA_NAMES.has(name)) return true;
    return (name === 'DataError' || name === 'UnknownError' || name === 'AbortError') && DISK_FULL_MESSAGE.test(field(e, 'message') ?? '');
  });
}

/** Why an operation failed, as a `storage.cause.*` problem. */
export function causeOf(error: unknown): Problem {
  if (isDiskFullError(error)) return problem('storage.cause.diskFull');
  const chain = errorChain(error);
  const has = (name: string) => chain.some((e) => field(e, 'name') === name);
  if (has('MissingAPIError')) return problem('storage.cause.noIndexedDb');
  if (has('DatabaseClosedError')) return problem('storage.cause.closed');
  if (has('VersionError')) return problem('storage.cause.newerVersion');
  if (has('InvalidStateError')) return problem('storage.cause.refused');
  if (has('DataCloneError')) return problem('storage.cause.dataClone');
  if (has('DataError')) return problem('storage.cause.invalidKey');
  if (has('ConstraintError')) return problem('storage.cause.duplicateKey');
  const first = chain[0];
  const message = field(first, 'message') ?? String(first);
  return problem('storage.cause.other', { name: field(first, 'name') ?? 'Error', message: message.replace(/[.\s]+$/, '') });
}

/**
 * The StorageError for an operation that failed with `error`: the operation's problem with the
 * cause as its `reason`. A StorageError thrown inside the operation (a conflict, a missing
 * record) is passed on as it is.
 */
export function fail(code: ProblemCode, error: unknown, params: ProblemParams = {}): StorageError {
  if (error instanceof StorageError) return error;
  return storageError(code, { ...params, reason: causeOf(error) }, error);
}
