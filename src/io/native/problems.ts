/**
 * How the native format tells a problem: each one a line naming the source and the place
 * (document, annotation, field, value), collected up to MAX_PROBLEMS, and the refusal error that
 * carries them with a Problem (code + parameters, the file and the place named) for the
 * interface to say in its language.
 */
import { problem, type Problem, type ProblemCode, type ProblemParams } from '../../domain/problem';
import { MAX_PROBLEMS, problemListMessage, quoteForMessage, shortQuote } from '../problemList';

export { MAX_PROBLEMS } from '../problemList';

/**
 * A native file refused whole (or an export refused before anything was written). `problems` are
 * English lines naming the source and the place; `problem` is the first of them (or a summary)
 * as a code and parameters, for the interface to say in its language.
 */
export class NativeFormatError extends Error {
  readonly problem: Problem;
  constructor(
    readonly problems: string[],
    summary = `Not a valid Yishi annotations file (${problems.length} problem${problems.length === 1 ? '' : 's'})`,
    p: Problem = problem('native.invalid', { file: '', count: problems.length, where: '', detail: problems[0] ?? '' }),
  ) {
    super(problemListMessage(summary, problems));
    this.name = 'NativeFormatError';
    this.problem = p;
  }
}

/** A file refused on reading: the Problem is the first one found that has a code of its own, else a summary. */
export function refusal(sourceName: string, problems: Problems): NativeFormatError {
  return new NativeFormatError(
    problems.list,
    `“${sourceName}” is not a valid Yishi annotations file (${countProblems(problems)}); nothing was imported`,
    problems.coded ?? problem('native.invalid', { file: sourceName, count: problems.count, where: problems.firstWhere, detail: problems.firstMessage }),
  );
}

/** An export refused because the data to write would not read back. */
export function exportRefusal(problems: Problems): NativeFormatError {
  return new NativeFormatError(
    problems.list,
    `Export refused: ${countProblems(problems)} in the data to export; nothing was written`,
    problem('native.exportRefused', { count: problems.count, where: problems.firstWhere, detail: problems.firstMessage }),
  );
}

export function countProblems(problems: Problems): string {
  const n = problems.list.length;
  if (problems.stopped) return `more than ${MAX_PROBLEMS} problems`;
  return `${n} problem${n === 1 ? '' : 's'}`;
}

/** The problems of one file: English lines, and the first that has a code of its own. */
export class Problems {
  readonly list: string[] = [];
  stopped = false;
  /** The first problem added with a code (e.g. native.quoteMismatch), the file and place named. */
  coded: Problem | undefined;
  firstWhere = '';
  firstMessage = '';
  constructor(private readonly source: string) {}

  get full(): boolean {
    return this.stopped;
  }

  /** How many problems, as the interface says it ("20+" once checking stopped). */
  get count(): string {
    return this.stopped ? `${MAX_PROBLEMS}+` : String(this.list.length);
  }

  /** `where` names the place (e.g. `documents[0] “题目” (id d1) annotations[3] (id a)`); `code` and `params` say it in any language. */
  add(where: string, message: string, code?: ProblemCode, params: ProblemParams = {}): void {
    if (this.stopped) return;
    if (this.list.length === 0) {
      this.firstWhere = where;
      this.firstMessage = message;
    }
    if (code && !this.coded) this.coded = problem(code, { file: this.source, where, ...params });
    this.list.push(`${this.source}: ${where ? `${where}: ` : ''}${message}`);
    if (this.list.length >= MAX_PROBLEMS) {
      this.stopped = true;
      this.list.push(`${this.source}: stopped checking after ${MAX_PROBLEMS} problems`);
    }
  }
}

/** Shortens to about 40 code points (as every io message does). */
export const shorten = shortQuote;
/** A string quoted for a message: shortened, with line breaks and quotes escaped. */
export const quote = quoteForMessage;

/** A value from an untrusted file, described in a few words (strings shortened, no nesting). */
export function describe(v: unknown): string {
  if (v === undefined) return 'nothing (missing)';
  if (v === null) return 'null';
  if (typeof v === 'string') return `the string ${quote(v)}`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return typeof v;
}
