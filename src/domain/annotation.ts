import type { LabelId } from './labels';
import type { CodePointOffset } from './units';

/**
 * A standoff annotation: a label on the half-open code-point range [start, end) of a document's
 * canonical text, with the exact covered text kept beside the offsets as a check.
 */
export interface Annotation {
  id: string;
  label: LabelId;
  start: CodePointOffset;
  end: CodePointOffset;
  /** The covered text: codePointSlice(document.text, start, end). */
  text: string;
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601. */
  updatedAt: string;
}

/** Orders annotations as they appear in the text: by start, then longer first, then id. */
export function compareAnnotations(a: Annotation, b: Annotation): number {
  return a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function newAnnotationId(): string {
  return crypto.randomUUID();
}
