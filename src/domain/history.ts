import { sameAnnotationState as sameState, type Annotation } from './annotation';
import { invertChange, type AnnotationChange } from './change';

/**
 * Undo and redo over annotation changes. The text never changes, so this is the whole history.
 * An undo or redo is itself an edit: what it stores gets a new `updatedAt` (so a backup's merge and
 * the tabs' conflict check see it as the newest version), and the history keeps the versions as
 * stored, so the next undo or redo removes exactly what is stored.
 */
export class UndoHistory {
  private past: AnnotationChange[] = [];
  private future: AnnotationChange[] = [];

  constructor(private readonly limit = 500) {}

  record(change: AnnotationChange): void {
    this.past.push(change);
    if (this.past.length > this.limit) this.past.shift();
    this.future = [];
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /** The change that undoes the last one; commit with `committedUndo` once it is stored. */
  peekUndo(): AnnotationChange | undefined {
    const last = this.past[this.past.length - 1];
    return last && invertChange(last);
  }

  /** `stored`: the undo as it was stored (re-stamped); redoing it undoes exactly that. */
  committedUndo(stored?: AnnotationChange): void {
    const last = this.past.pop();
    if (!last) return;
    this.future.push(stored ? invertChange(stored) : last);
    if (stored) this.rebase(stored.added);
  }

  peekRedo(): AnnotationChange | undefined {
    return this.future[this.future.length - 1];
  }

  /** `stored`: the redo as it was stored (re-stamped); undoing it undoes exactly that. */
  committedRedo(stored?: AnnotationChange): void {
    const next = this.future.pop();
    if (!next) return;
    this.past.push(stored ?? next);
    if (stored) this.rebase(stored.added);
  }

  /**
   * Re-stamped versions are now what is stored: steps that would remove the same state (an
   * undo removes what its step added, a redo what its step's inverse added) must name these
   * versions, or the store would rightly refuse them as stale.
   */
  private rebase(versions: readonly Annotation[]): void {
    if (versions.length === 0) return;
    const byId = new Map(versions.map((a) => [a.id, a]));
    const fix = (list: Annotation[]) =>
      list.map((x) => {
        const v = byId.get(x.id);
        return v && v !== x && sameState(v, x) ? v : x;
      });
    this.past = this.past.map((c) => ({ added: fix(c.added), removed: c.removed }));
    this.future = this.future.map((c) => ({ added: c.added, removed: fix(c.removed) }));
  }

  /**
   * Forgets every step that touches one of these annotation ids (changed elsewhere, e.g. in
   * another tab). Steps on other ids stay: changes to different ids do not depend on each other.
   */
  forget(ids: ReadonlySet<string>): void {
    const touches = (c: AnnotationChange) => c.added.some((a) => ids.has(a.id)) || c.removed.some((a) => ids.has(a.id));
    this.past = this.past.filter((c) => !touches(c));
    this.future = this.future.filter((c) => !touches(c));
  }

  clear(): void {
    this.past = [];
    this.future = [];
  }
}

