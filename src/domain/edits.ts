import { newAnnotationId, type Annotation, type AnnotationAttributes } from './annotation';
import { nextGrapheme, previousGrapheme } from './graphemes';
import type { LabelId } from './labels';
import { normaliseSelection } from './selection';
import type { TextIndex } from './textIndex';
import { u16, type Utf16Offset } from './units';

/** Creates an annotation from a selection (UTF-16, as the editor reports it), or null if empty. */
export function annotationFromSelection(
  index: TextIndex,
  start: Utf16Offset,
  end: Utf16Offset,
  label: LabelId,
  now: string,
  id: string = newAnnotationId(),
): Annotation | null {
  const range = normaliseSelection(index.text, start, end);
  if (!range) return null;
  const cpStart = index.toCodePoint(range.start);
  const cpEnd = index.toCodePoint(range.end);
  return {
    id,
    label,
    start: cpStart,
    end: cpEnd,
    text: index.text.slice(range.start, range.end),
    createdAt: now,
    updatedAt: now,
  };
}

export function relabel(annotation: Annotation, label: LabelId, now: string): Annotation | null {
  if (annotation.label === label) return null;
  return { ...annotation, label, updatedAt: now };
}

/** Longest speaker or note kept, in UTF-16 units: a note is a remark, not a document. */
export const MAX_ATTRIBUTE_LENGTH = 10_000;

/**
 * Sets or clears (empty string) the speaker and note. Values are trimmed; returns null when
 * nothing changes. RangeError for a value longer than MAX_ATTRIBUTE_LENGTH.
 */
export function setAttributes(annotation: Annotation, attributes: AnnotationAttributes, now: string): Annotation | null {
  const next: Annotation = { ...annotation };
  let changed = false;
  for (const key of ['speaker', 'note'] as const) {
    const raw = attributes[key];
    if (raw === undefined) continue;
    if (raw.length > MAX_ATTRIBUTE_LENGTH) {
      throw new RangeError(`The ${key} is ${raw.length} characters long; at most ${MAX_ATTRIBUTE_LENGTH} are kept`);
    }
    const value = key === 'speaker' ? raw.trim().replace(/\s+/g, ' ') : raw.trim();
    if ((annotation[key] ?? '') === value) continue;
    changed = true;
    if (value === '') delete next[key];
    else next[key] = value;
  }
  if (!changed) return null;
  next.updatedAt = now;
  return next;
}

export type Boundary = 'start' | 'end';

/**
 * Moves one boundary by one grapheme cluster (direction -1: left, +1: right). Returns null when
 * the move would leave the text or leave the annotation empty or only white space.
 */
export function moveBoundary(
  index: TextIndex,
  annotation: Annotation,
  boundary: Boundary,
  direction: -1 | 1,
  now: string,
): Annotation | null {
  const text = index.text;
  let start = index.toUtf16(annotation.start) as number;
  let end = index.toUtf16(annotation.end) as number;
  if (boundary === 'start') {
    start = direction < 0 ? previousGrapheme(text, start) : nextGrapheme(text, start);
  } else {
    end = direction < 0 ? previousGrapheme(text, end) : nextGrapheme(text, end);
  }
  // Never empty, and never only white space or line breaks (such a span could not be seen,
  // clicked or written by formats that cut at line breaks).
  if (start >= end || normaliseSelection(text, u16(start), u16(end)) === null) return null;
  const cpStart = index.toCodePoint(u16(start));
  const cpEnd = index.toCodePoint(u16(end));
  if (cpStart === annotation.start && cpEnd === annotation.end) return null;
  return { ...annotation, start: cpStart, end: cpEnd, text: text.slice(start, end), updatedAt: now };
}
