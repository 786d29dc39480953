/**
 * Radical code points back to the ideographs they stand for. PDFs set in common CJK fonts (Noto
 * CJK among them, as Chromium prints) map some glyphs to Kangxi radicals (⽴ U+2F74 for 立) or CJK
 * Radicals Supplement characters (⺠ U+2EA0 for 民) in their text layer: they look right but search,
 * counting and every export see other characters.
 *
 * - Kangxi Radicals (U+2F00–U+2FDF): NFKC of that code point alone (each has a compatibility
 *   decomposition to its ideograph);
 * - CJK Radicals Supplement (U+2E80–U+2EFF): Unicode's EquivalentUnifiedIdeograph data
 *   (radicalsData.ts), since NFKC leaves that block alone.
 * Nothing else is touched: full-width forms, compatibility ideographs and the rest stay as they are
 * (NFKC is never applied to the text as a whole).
 */
import { RADICALS_SUPPLEMENT } from './radicalsData';

const SUPPLEMENT = new Map<number, string>(RADICALS_SUPPLEMENT.map(([r, u]) => [r, String.fromCodePoint(u)]));

const RADICAL = /[\u2E80-\u2EFF\u2F00-\u2FDF]/gu;

/** The ideograph for a radical code point, or the character itself when there is none. */
export function radicalToIdeograph(char: string): string {
  const cp = char.codePointAt(0) ?? 0;
  if (cp >= 0x2f00 && cp <= 0x2fdf) return char.normalize('NFKC');
  if (cp >= 0x2e80 && cp <= 0x2eff) return SUPPLEMENT.get(cp) ?? char;
  return char;
}

/** The text with every radical mapped, and how many were. */
export function mapRadicals(text: string): { text: string; count: number } {
  let count = 0;
  const mapped = text.replace(RADICAL, (char) => {
    const ideograph = radicalToIdeograph(char);
    if (ideograph !== char) count++;
    return ideograph;
  });
  return { text: mapped, count };
}
