/**
 * What text may be in a record or a title, the same on every way in (a .txt/.md file, native
 * JSON, a backup, every importer): no lone surrogate (half of a UTF-16 pair, which no encoding can
 * write: the CSV export would write U+FFFD in its place), no NUL, and C0 control characters (other
 * than tab, line feed, form feed and carriage return) only as the rare stray character a text
 * file may hold, at most 1 in 100 characters of a record (more means binary, not text). A title
 * holds none of them.
 *
 * Bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C) may stand in a record,
 * where they are the text, but never in a file name or an id: there they show a name reversed
 * ("report‮fdp.exe").
 */

import { MAX_RECORD_CODE_POINTS } from './limits';

/** More than this share of C0 control characters (other than \t \n \f \r) means binary. */
export const MAX_CONTROL_SHARE = 0.01;

export const isSuspectControl = (c: number): boolean => c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d;

export type TextRuleProblem =
  | { kind: 'loneSurrogate'; at: number }
  | { kind: 'nul'; at: number }
  | { kind: 'control'; at: number; code: number }
  | { kind: 'controls'; count: number; length: number }
  | { kind: 'tooLong'; length: number; max: number };

/**
 * The first thing wrong with a record's text (`'text'`) or a title (`'title'`), or undefined.
 * `at` counts code points from 0 (as offsets do). One linear pass.
 */
export function textRuleProblem(s: string, kind: 'text' | 'title'): TextRuleProblem | undefined {
  let at = 0;
  let controls = 0;
  let firstControl: { at: number; code: number } | undefined;
  for (let i = 0; i < s.length; i++, at++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = s.charCodeAt(i + 1);
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
      return { kind: 'loneSurrogate', at };
    }
    if (c >= 0x20) continue;
    if (c === 0) return { kind: 'nul', at };
    if (isSuspectControl(c)) {
      controls++;
      firstControl ??= { at, code: c };
    }
  }
  if (firstControl && kind === 'title') return { kind: 'control', ...firstControl };
  if (controls > 0 && controls > s.length * MAX_CONTROL_SHARE) return { kind: 'controls', count: controls, length: at };
  if (kind === 'text' && at > MAX_RECORD_CODE_POINTS) return { kind: 'tooLong', length: at, max: MAX_RECORD_CODE_POINTS };
  return undefined;
}

/** The problem in English, for the validators' problem lists. */
export function describeTextRuleProblem(p: TextRuleProblem): string {
  switch (p.kind) {
    case 'loneSurrogate':
      return `holds a lone surrogate (half of a UTF-16 pair, not a character) at code point ${p.at}`;
    case 'nul':
      return `holds a NUL character at code point ${p.at}: this is binary data, not text`;
    case 'control':
      return `holds the control character U+${p.code.toString(16).toUpperCase().padStart(4, '0')} at code point ${p.at}`;
    case 'controls':
      return `holds ${p.count} control characters in ${p.length}: this looks like binary data, not text`;
    case 'tooLong':
      return `is ${p.length} characters long; a record holds at most ${p.max}`;
  }
}

/** Bidirectional formatting controls: they reorder what follows them on screen. */
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const BIDI_CONTROLS = new RegExp(BIDI_CONTROL.source, 'g');

export function stripBidiControls(s: string): string {
  return s.replace(BIDI_CONTROLS, '');
}

export function hasBidiControl(s: string): boolean {
  return BIDI_CONTROL.test(s);
}
