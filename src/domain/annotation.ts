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
  /** Who said it, e.g. "马丽娟委员", "市长廖国勋", "市工业和信息化局". Absent when not set. */
  speaker?: string;
  /** The analyst's free note. Absent when not set. */
  note?: string;
  /** Who made the annotation (the name set once in the settings). Absent when not set. */
  annotator?: string;
  /** How the annotation came to be. Absent means made by hand before origins were recorded. */
  origin?: AnnotationOrigin;
  /**
   * Relations that start at this annotation (it is their `from`), e.g. a recommendation's
   * `addresses` link to the problem it tackles. Kept on the source annotation so that a relation
   * is stored, synced, undone and conflict-checked with the span it belongs to; `relations.ts`
   * reads them out as a list of `Relation`s. Absent when there are none.
   */
  links?: AnnotationLink[];
}

/** manual: tagged by the analyst; rule / model: an accepted suggestion of that suggester. */
export interface AnnotationOrigin {
  kind: 'manual' | 'rule' | 'model';
  /** For `model`: the version of the model that proposed it. */
  modelVersion?: string;
}

/** A relation as stored on its source annotation. */
export interface AnnotationLink {
  id: string;
  /** A relation type id, e.g. "addresses", "responds_to". */
  type: string;
  /** The id of the target annotation, in the same document. */
  to: string;
}

/** Free-text attributes an analyst edits on a span. An empty string clears the attribute. */
export interface AnnotationAttributes {
  speaker?: string;
  note?: string;
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

/**
 * The same version of an annotation: what a change was computed against is still what is stored
 * (same label and range, written at the same `updatedAt`). The one definition, used by storage's
 * check that a change still fits what is stored.
 */
export function sameAnnotationVersion(a: Annotation, b: Annotation): boolean {
  return a.id === b.id && a.label === b.label && a.start === b.start && a.end === b.end && a.updatedAt === b.updatedAt;
}

/** The same annotation state, whatever its `updatedAt`. */
export function sameAnnotationState(a: Annotation, b: Annotation): boolean {
  return (
    a.label === b.label &&
    a.start === b.start &&
    a.end === b.end &&
    a.text === b.text &&
    a.createdAt === b.createdAt &&
    a.speaker === b.speaker &&
    a.note === b.note &&
    a.annotator === b.annotator &&
    JSON.stringify(a.origin ?? null) === JSON.stringify(b.origin ?? null) &&
    JSON.stringify(a.links ?? null) === JSON.stringify(b.links ?? null)
  );
}

/**
 * Whether version `a` was written after version `b`, by their `updatedAt` as instants (imports
 * keep any date Date.parse reads, e.g. +08:00 offsets); unreadable dates compare as text.
 */
export function isNewerVersion(a: Annotation, b: Annotation): boolean {
  const ta = Date.parse(a.updatedAt);
  const tb = Date.parse(b.updatedAt);
  return Number.isNaN(ta) || Number.isNaN(tb) ? a.updatedAt > b.updatedAt : ta > tb;
}
