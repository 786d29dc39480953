/**
 * Yishi's native JSON format, version 2 (`docs/yishi-annotations.schema.json`).
 *
 * ```
 * { "format": "yishi.annotations", "version": 2, "offsetUnit": "codepoint", "exportedAt": "…",
 *   "labels": [ { "id", "name", "nameEn", "color", "key" }, … ],
 *   "relationTypes": [ { "id", "name", "nameEn", "fromLabels", "toLabels" }, … ],
 *   "documents": [ { "id", "title", "text", "format", "meta", "createdAt", "updatedAt",
 *                    "annotations": [ { "id", "label", "start", "end", "text", "createdAt", "updatedAt",
 *                                       "speaker"?, "note"?, "annotator"?, "origin"? } ],
 *                    "relations": [ { "id", "type", "from", "to" } ] } ] }
 * ```
 *
 * Version 1 files (no attributes, no relations) are read through `migrateNative`: numbered,
 * contiguous steps, each turning version n into n+1, each tested on a frozen version-n file.
 *
 * `start`/`end` are half-open Unicode code-point offsets into the document's canonical `text`
 * (what Python's `text[start:end]` counts), and every annotation's `text` equals that slice.
 *
 * Pure: no DOM, storage or editor. Both directions run the same validator, so whatever
 * `serializeNative` writes, `parseNative` reads back, and a file is either read whole or refused
 * whole with problem messages that say where (source, document, annotation, field, value).
 *
 * This folder: format.ts (the shape, version constants, plain-data helpers), problems.ts (how a
 * refusal is told), validate.ts (the one validator both directions run), read.ts (parse),
 * write.ts (serialize), migrations.ts (numbered steps from older versions), index.ts.
 */
import type { Label } from '../../domain/labels';
import type { RelationType } from '../../domain/relations';
import type { AnnotatedRecord } from '../../domain/record';
import { isRecord } from '../../domain/json';

export interface ParsedNative {
  labels: Label[];
  relationTypes: RelationType[];
  documents: AnnotatedRecord[];
  /** A backup's settings (the analyst's name, snapping, language): string values only. */
  settings: Record<string, string>;
  exportedAt?: string;
}

export const NATIVE_FORMAT = 'yishi.annotations';
export const NATIVE_VERSION = 2;

export const NATIVE_OFFSET_UNIT = 'codepoint';

export const COLOR_PATTERN = /^#[0-9a-fA-F]{6}$/;
export const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
export const ORIGIN_KINDS = new Set(['manual', 'rule', 'model']);

export function isDateString(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Date.parse(v));
}

/**
 * A deep copy of JSON-like data into fresh plain objects, skipping `__proto__`, `constructor`
 * and `prototype` keys at every level, so nothing untrusted can reach a prototype.
 */
export function plainCopy(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plainCopy);
  if (isRecord(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (!UNSAFE_KEYS.has(k)) out[k] = plainCopy(x);
    }
    return out;
  }
  return v;
}

