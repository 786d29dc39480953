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

/**
 * Where `a` stands (or would stand) in a list sorted by compareAnnotations: the first index whose
 * annotation does not come before it. Binary search, so a change to a sorted list of 20,000
 * annotations costs a splice, not a sort.
 */
export function sortedIndex(sorted: readonly Annotation[], a: Annotation): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareAnnotations(sorted[mid]!, a) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function newAnnotationId(): string {
  return crypto.randomUUID();
}
