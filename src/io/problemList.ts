/**
 * How io/ tells a list of problems in English (native files, imports, exports): checking stops
 * after MAX_PROBLEMS, a message quotes the first few, and quoted text is shortened. One place,
 * so the three refusals read alike. The interface says the same through each error's Problem.
 */

/** Checking stops after this many problems: past that, more detail helps nobody. */
export const MAX_PROBLEMS = 20;
/** How many problems a message itself quotes (all are in the error's `problems`). */
const PROBLEMS_IN_MESSAGE = 5;
/** Quoted texts and values are shortened to about this many code points. */
export const QUOTE_LENGTH = 40;

/** "summary", then the first problems one a line, then "… and N more". */
export function problemListMessage(summary: string, problems: readonly string[]): string {
  const shown = problems.slice(0, PROBLEMS_IN_MESSAGE).map((p) => `\n- ${p}`);
  const rest = problems.length - shown.length;
  return `${summary}${shown.join('')}${rest > 0 ? `\n… and ${rest} more` : ''}`;
}

/** Shortens to about 40 code points, never splitting an astral character. */
export function shortQuote(s: string): string {
  const chars = Array.from(s);
  return chars.length <= QUOTE_LENGTH ? s : `${chars.slice(0, QUOTE_LENGTH - 1).join('')}…`;
}

/** A string quoted for a message: shortened, with line breaks and quotes escaped. */
export function quoteForMessage(s: string): string {
  return JSON.stringify(shortQuote(s));
}
