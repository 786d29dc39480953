/**
 * Folding for search: a query and a text are compared after folding each code point on its own,
 * so a match maps straight back to the original offsets:
 * - traditional characters to simplified (OpenCC's character table, TSCharacters: 寵 → 宠,
 *   問題 → 问题, 建議 → 建议), so 宠物 finds 寵物 and the reverse;
 * - full-width ASCII forms (U+FF01–FF5E) to ASCII, and the ideographic space to a space;
 * - Latin letters to lower case.
 * One code point always folds to one code point, so offsets never drift.
 */
import tsCharacters from 'opencc-js/dict/TSCharacters';

let table: Map<number, number> | undefined;

/** Traditional → simplified, one code point to one (the first simplified form where OpenCC lists several). */
function tsTable(): Map<number, number> {
  if (table) return table;
  table = new Map();
  for (const entry of tsCharacters.split('|')) {
    const [from, to] = entry.split(' ');
    if (!from || !to) continue;
    const f = from.codePointAt(0)!;
    const t = to.codePointAt(0)!;
    if (String.fromCodePoint(f) === from && String.fromCodePoint(t) === to) table.set(f, t);
  }
  return table;
}

/** One character's simplified form by OpenCC's character table (the character itself when it has none). */
export function traditionalToSimplified(ch: string): string {
  const c = ch.codePointAt(0);
  if (c === undefined) return ch;
  const s = tsTable().get(c);
  return s === undefined ? ch : String.fromCodePoint(s);
}

/** The folded form of one code point. */
export function foldCodePoint(c: number): number {
  if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
  else if (c === 0x3000) c = 0x20;
  if (c >= 0x41 && c <= 0x5a) return c + 0x20;
  if (c < 0x80) return c;
  const simplified = tsTable().get(c);
  if (simplified !== undefined) return simplified;
  const lower = String.fromCodePoint(c).toLowerCase();
  return lower.length > 0 && [...lower].length === 1 ? lower.codePointAt(0)! : c;
}

let bmp: Uint16Array | undefined;

/** foldCodePoint for every BMP code point, as a table (a million characters fold in a few ms). */
function bmpTable(): Uint16Array {
  if (bmp) return bmp;
  bmp = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    const f = c >= 0xd800 && c <= 0xdfff ? c : foldCodePoint(c);
    bmp[c] = f <= 0xffff ? f : c;
  }
  return bmp;
}

/**
 * `text` folded, with, for every UTF-16 unit of the folded string, the code-point offset in `text`
 * of the character it came from (one entry more for the end).
 */
export function foldText(text: string): { folded: string; codePointAt: Int32Array } {
  const table = bmpTable();
  const out = new Uint16Array(text.length);
  const map = new Int32Array(text.length + 1);
  let n = 0;
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        const f = foldCodePoint(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
        if (f > 0xffff) {
          out[n] = ((f - 0x10000) >> 10) + 0xd800;
          map[n++] = cp;
          out[n] = ((f - 0x10000) & 0x3ff) + 0xdc00;
        } else out[n] = f;
        map[n++] = cp++;
        i++;
        continue;
      }
    }
    out[n] = table[c]!;
    map[n++] = cp++;
  }
  map[n] = cp;
  let folded = '';
  for (let k = 0; k < n; k += 8192) folded += String.fromCharCode(...out.subarray(k, Math.min(n, k + 8192)));
  return { folded, codePointAt: map.subarray(0, n + 1) };
}

/** The folded form of a query (or of any string compared as a whole). */
export function foldQuery(query: string): string {
  let out = '';
  for (const ch of query) out += String.fromCodePoint(foldCodePoint(ch.codePointAt(0)!));
  return out;
}
