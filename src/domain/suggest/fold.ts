/**
 * Folds traditional characters to their simplified forms, one code point for one, so the cues
 * (written in simplified characters) read a traditional record (問題 → 问题, 建議 → 建议,
 * 答覆 → 答复) with every offset unchanged. The table is OpenCC's (the one search uses,
 * `domain/searchFold.ts`), plus the genre's 覆 → 复 (答覆), which OpenCC converts only as a phrase.
 */
import { traditionalToSimplified } from '../searchFold';

const GENRE: ReadonlyMap<string, string> = new Map([['覆', '复']]);

/** The simplified form of one code point, or the code point itself. */
export function foldChar(ch: string): string {
  return GENRE.get(ch) ?? traditionalToSimplified(ch);
}

/** Folds an array of code points (same length, same offsets). */
export function foldChars(chars: readonly string[]): string[] {
  return chars.map(foldChar);
}
