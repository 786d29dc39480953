import { foldQuery, foldText } from './searchFold';
import { cp, type CodePointOffset } from './units';

export interface TextMatch {
  start: CodePointOffset;
  end: CodePointOffset;
}

/** More matches than this are not listed: a search for "的" in a million characters helps nobody. */
export const MAX_MATCHES = 10_000;

/** The last text folded: find runs on every key stroke over the same record. */
let cache: { text: string; fold: ReturnType<typeof foldText> } | undefined;

/**
 * Every occurrence of `query` in `text`, as half-open code-point ranges, left to right and not
 * overlapping. Traditional and simplified characters match each other (寵物 / 宠物), so do full-
 * and half-width forms (ＡＢＣ / abc) and Latin letters of either case (`searchFold.ts`); white
 * space in the query matches any run of white space (a phrase broken across lines is still
 * found). An empty or white-space-only query finds nothing. Stops after `limit` matches.
 */
export function findAll(text: string, query: string, limit = MAX_MATCHES): TextMatch[] {
  const words = foldQuery(query).trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  if (cache?.text !== text) cache = { text, fold: foldText(text) };
  const { folded, codePointAt } = cache.fold;
  const pattern = new RegExp(words.map(escapeRegExp).join('\\s+'), 'gu');
  const out: TextMatch[] = [];
  for (const m of folded.matchAll(pattern)) {
    if (m[0].length === 0) continue;
    out.push({ start: cp(codePointAt[m.index]!), end: cp(codePointAt[m.index + m[0].length]!) });
    if (out.length >= limit) break;
  }
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
