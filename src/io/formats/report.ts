/**
 * What an export could not express (BIO's dropped spans, brat's trimmed line breaks…): each line
 * in English for logs and tests, and the same as a Problem that names the record and the span by
 * its quote, for the interface to say in its language.
 */
import { problem, type Problem, type ProblemCode, type ProblemParams } from '../../domain/problem';
import { shortQuote } from '../problemList';

export class ExportReport {
  readonly lines: string[] = [];
  readonly notices: Problem[] = [];

  add(english: string, code: ProblemCode, params: ProblemParams): void {
    this.lines.push(english);
    this.notices.push(problem(code, params));
  }
}

/** A span as a notice names it: its quote, shortened. */
export const spanQuote = (a: { text: string }): string => shortQuote(a.text.replace(/\s+/g, ' ').trim());
