import type { LabelId } from '../labels';
import type { CodePointOffset } from '../units';

/**
 * A proposed span. Never an annotation until the analyst accepts it; `source` and, for the
 * learned suggester, `modelVersion` are what an accepted annotation's `origin` records.
 */
export interface Suggestion {
  /** Deterministic: the same label and range always give the same id (see suggestionId). */
  id: string;
  label: LabelId;
  /** Half-open code-point range into the canonical text. */
  start: CodePointOffset;
  end: CodePointOffset;
  /** The exact code-point slice [start, end). */
  text: string;
  /** 0..1: how sure the suggester is (rules: combined cue weights; model: posterior). */
  confidence: number;
  source: 'rule' | 'model';
  /** Which cues fired (rules: cue ids; model: the strongest features), for the analyst to inspect. */
  cues: string[];
  /** The speaker in effect where the span stands, when one was detected. */
  speaker?: string;
  /** For source 'model': the version of the model that produced it. */
  modelVersion?: string;
}

/**
 * FNV-1a over UTF-16 code units, two independent 32-bit lanes → 16 hex digits. Not
 * cryptographic: only stable, fast and well spread.
 */
export function stableHash(s: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** The id of a suggestion: a hash of label, start and end (the same span is the same id). */
export function suggestionId(label: LabelId, start: number, end: number): string {
  return `sug-${stableHash(`${label}\u0000${start}\u0000${end}`)}`;
}

/** Text order: start, then longer first, then label. */
export function compareSuggestions(a: Suggestion, b: Suggestion): number {
  return a.start - b.start || b.end - a.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
}
