import { TextIndex } from './textIndex';
import { u16, type CodePointOffset } from './units';

export interface TextMatch {
  start: CodePointOffset;
  end: CodePointOffset;
}

/** More matches than this are not listed: a search for "的" in a million characters helps nobody. */
export const MAX_MATCHES = 10_000;

/**
 * Every occurrence of `query` in `text`, as half-open code-point ranges, left to right and not
 * overlapping. Latin letters match either case; CJK text matches exactly; white space in the
 * query matches any run of white space (a phrase broken across lines is still found).
 * An empty or white-space-only query finds nothing. Stops after `limit` matches.
 */
export function findAll(text: string, query: string, limit = MAX_MATCHES, index = new TextIndex(text)): TextMatch[] {
  const words = query.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const pattern = new RegExp(words.map(escapeRegExp).join('\\s+'), 'giu');
  const out: TextMatch[] = [];
  for (const m of text.matchAll(pattern)) {
    if (m[0].length === 0) continue;
    out.push({ start: index.toCodePoint(u16(m.index)), end: index.toCodePoint(u16(m.index + m[0].length)) });
    if (out.length >= limit) break;
  }
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
