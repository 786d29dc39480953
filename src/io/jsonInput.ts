/**
 * A JSON or JSONL file's bytes to text, with clear refusals: invalid UTF-8 is named with the
 * offset of its first bad byte (not the decoder's own message), and nesting deeper than
 * MAX_JSON_DEPTH is refused with its line and column before any parser or validator recurses
 * into it (5,000 levels in `meta` ended in "Maximum call stack size exceeded").
 */
import { ProblemError, problem } from '../domain/problem';

/** Yishi's files nest about six levels (file → documents → annotation → origin); meta a few more. */
export const MAX_JSON_DEPTH = 100;

/** The offset of the first byte that is not part of well-formed UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min, cp] = [1, 0x80, b & 0x1f];
    else if (b >= 0xe0 && b <= 0xef) [need, min, cp] = [2, 0x800, b & 0x0f];
    else if (b >= 0xf0 && b <= 0xf4) [need, min, cp] = [3, 0x10000, b & 0x07];
    else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Decodes UTF-8 strictly; invalid bytes refuse the file, naming the offset of the first. */
export function decodeUtf8File(bytes: Uint8Array, name: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const offset = Math.max(0, firstInvalidUtf8(bytes));
    throw new ProblemError(
      problem('notUtf8', { name, offset }),
      `“${name}” is not valid UTF-8 (first bad byte at offset ${offset}); save it as UTF-8 and import it again. Nothing was imported.`,
    );
  }
}

/** Refuses JSON text that nests deeper than `max`, naming the line and column where it does. */
export function checkJsonDepth(text: string, name: string, max: number = MAX_JSON_DEPTH): void {
  let depth = 0;
  let inString = false;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
      else if (c === 0x0a) [line, lineStart] = [line + 1, i + 1];
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x0a) [line, lineStart] = [line + 1, i + 1];
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) {
        const where = `line ${line}, column ${i - lineStart + 1}`;
        throw new ProblemError(
          problem('jsonTooDeep', { name, max, where }),
          `“${name}”: the JSON nests deeper than ${max} levels at ${where}; Yishi files nest a few levels only. Nothing was imported.`,
        );
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
}
