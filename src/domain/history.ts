import { invertChange, type AnnotationChange } from './change';

/** Undo and redo over annotation changes. The text never changes, so this is the whole history. */
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

  committedUndo(): void {
    const last = this.past.pop();
    if (last) this.future.push(last);
  }

  peekRedo(): AnnotationChange | undefined {
    return this.future[this.future.length - 1];
  }

  committedRedo(): void {
    const next = this.future.pop();
    if (next) this.past.push(next);
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
