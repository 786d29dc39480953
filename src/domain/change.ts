import { sortedIndex, type Annotation } from './annotation';

/**
 * One undoable change to a document's annotations, as a diff. A relabel or a boundary move is the
 * old annotation in `removed` and its new version (same id) in `added`.
 */
export interface AnnotationChange {
  added: Annotation[];
  removed: Annotation[];
}

export function invertChange(change: AnnotationChange): AnnotationChange {
  return { added: change.removed, removed: change.added };
}

export function isEmptyChange(change: AnnotationChange): boolean {
  return change.added.length === 0 && change.removed.length === 0;
}

/** Applies a change to a list of annotations keyed by id. Returns a new array. */
export function applyChange(annotations: readonly Annotation[], change: AnnotationChange): Annotation[] {
  const removedIds = new Set(change.removed.map((a) => a.id));
  const addedIds = new Set(change.added.map((a) => a.id));
  const kept = annotations.filter((a) => !removedIds.has(a.id) && !addedIds.has(a.id));
  return kept.concat(change.added);
}

/**
 * Applies a change to a list sorted by compareAnnotations, keeping it sorted, without sorting:
 * each annotation replaced or removed is found by binary search (`stored` looks up the current
 * version of an id), each added one is spliced in at its place. Returns a new array.
 */
export function applyChangeInOrder(
  sorted: readonly Annotation[],
  change: AnnotationChange,
  stored: (id: string) => Annotation | undefined,
): Annotation[] {
  const next = sorted.slice();
  const gone = new Set<string>();
  for (const a of [...change.removed, ...change.added]) {
    const old = gone.has(a.id) ? undefined : stored(a.id);
    if (!old) continue;
    const at = sortedIndex(next, old);
    if (next[at]?.id === old.id) next.splice(at, 1);
    gone.add(a.id);
  }
  for (const a of change.added) next.splice(sortedIndex(next, a), 0, a);
  return next;
}
