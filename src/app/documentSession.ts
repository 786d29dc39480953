import { compareAnnotations, type Annotation } from '../domain/annotation';
import { applyChangeInOrder, isEmptyChange, type AnnotationChange } from '../domain/change';
import type { MeetingDocument } from '../domain/document';
import { annotationFromSelection, moveBoundary, relabel, type Boundary } from '../domain/edits';
import { UndoHistory } from '../domain/history';
import type { Label } from '../domain/labels';
import { TextIndex } from '../domain/textIndex';
import type { Utf16Range } from '../domain/units';

/** Where changes are stored. The session never shows a change the store has not accepted. */
export interface AnnotationStore {
  applyChange(docId: string, change: AnnotationChange): Promise<void>;
}

export type SaveState = { kind: 'saved' } | { kind: 'saving' } | { kind: 'failed'; message: string };

export interface SessionSnapshot {
  /** In text order. */
  annotations: readonly Annotation[];
  selectedId: string | null;
  save: SaveState;
  canUndo: boolean;
  canRedo: boolean;
}

/** Receives every change the store accepted, to draw it (the editor's decoration plugin). */
export type ChangeSink = (change: AnnotationChange) => void;

/**
 * The open record: its annotations, selection and undo history. Every operation is queued, computed
 * against the state as it is when its turn comes, written to the store, and only then applied to
 * the screen, so the screen never shows an annotation that is not stored.
 */
export class DocumentSession {
  readonly document: MeetingDocument;
  readonly index: TextIndex;
  /** Sorted by compareAnnotations, always. */
  private annotations: Annotation[];
  private readonly byId = new Map<string, Annotation>();
  private readonly history = new UndoHistory();
  private selectedId: string | null = null;
  private save: SaveState = { kind: 'saved' };
  private queue: Promise<void> = Promise.resolve();
  private pending = 0;
  private snapshot: SessionSnapshot;
  private readonly listeners = new Set<() => void>();
  private sink: ChangeSink | null = null;

  constructor(
    document: MeetingDocument,
    annotations: readonly Annotation[],
    private readonly store: AnnotationStore,
    private labels: readonly Label[],
    private readonly onError: (message: string) => void,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {
    this.document = document;
    this.index = new TextIndex(document.text);
    this.annotations = [...annotations].sort(compareAnnotations);
    for (const a of this.annotations) this.byId.set(a.id, a);
    this.snapshot = this.makeSnapshot();
  }

  // --- observation -------------------------------------------------------------------------

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): SessionSnapshot => this.snapshot;

  /** The editor registers here to draw accepted changes. */
  connect(sink: ChangeSink | null): void {
    this.sink = sink;
  }

  /** Resolves when every queued operation has been stored (or has failed). */
  idle(): Promise<void> {
    return this.queue;
  }

  private emit(): void {
    this.snapshot = this.makeSnapshot();
    for (const l of this.listeners) l();
  }

  private makeSnapshot(): SessionSnapshot {
    return {
      annotations: this.annotations,
      selectedId: this.selectedId,
      save: this.save,
      canUndo: this.history.canUndo,
      canRedo: this.history.canRedo,
    };
  }

  find(id: string): Annotation | undefined {
    return this.byId.get(id);
  }

  get selected(): Annotation | undefined {
    return this.selectedId ? this.find(this.selectedId) : undefined;
  }

  setLabels(labels: readonly Label[]): void {
    this.labels = labels;
  }

  // --- selection ---------------------------------------------------------------------------

  select(id: string | null): void {
    if (id === this.selectedId) return;
    this.selectedId = id && this.find(id) ? id : null;
    this.emit();
  }

  /**
   * A click on text covered by several annotations selects the innermost one; clicking again
   * walks outwards, so every annotation in an overlap can be reached.
   */
  selectAmong(ids: readonly string[]): void {
    const covering = ids.map((id) => this.find(id)).filter((a): a is Annotation => !!a);
    if (covering.length === 0) return this.select(null);
    covering.sort((a, b) => a.end - a.start - (b.end - b.start) || compareAnnotations(a, b));
    const at = covering.findIndex((a) => a.id === this.selectedId);
    this.select(covering[(at + 1) % covering.length]!.id);
  }

  // --- operations --------------------------------------------------------------------------

  /**
   * Tags the selected text. Returns the range actually tagged (trimmed, widened to whole
   * characters), or null when the selection covers no text.
   */
  tag(range: Utf16Range, labelId: string): Utf16Range | null {
    if (!this.labels.some((l) => l.id === labelId)) return null;
    const probe = annotationFromSelection(this.index, range.start, range.end, labelId, this.now());
    if (!probe) return null;
    this.enqueue(() => ({ added: [probe], removed: [] }), 'do', probe.id);
    return { start: this.index.toUtf16(probe.start), end: this.index.toUtf16(probe.end) };
  }

  relabelSelected(labelId: string): void {
    this.enqueue(() => {
      const a = this.selected;
      const next = a && relabel(a, labelId, this.now());
      return a && next ? { added: [next], removed: [a] } : null;
    }, 'do');
  }

  deleteSelected(): void {
    this.enqueue(() => {
      const a = this.selected;
      return a ? { added: [], removed: [a] } : null;
    }, 'do', null);
  }

  moveSelected(boundary: Boundary, direction: -1 | 1): void {
    this.enqueue(() => {
      const a = this.selected;
      const next = a && moveBoundary(this.index, a, boundary, direction, this.now());
      return a && next ? { added: [next], removed: [a] } : null;
    }, 'do');
  }

  undo(): void {
    this.enqueue(() => this.history.peekUndo() ?? null, 'undo');
  }

  redo(): void {
    this.enqueue(() => this.history.peekRedo() ?? null, 'redo');
  }

  /**
   * Another tab changed this record: take the stored annotations as they are now. Not undoable
   * here (it was not this tab's change), and drawn as a diff so only what changed is redrawn.
   */
  replaceFromStore(stored: readonly Annotation[]): void {
    this.enqueue(() => diff(this.annotations, stored), 'external');
  }

  private enqueue(
    compute: () => AnnotationChange | null,
    kind: 'do' | 'undo' | 'redo' | 'external',
    selectAfter?: string | null,
  ): void {
    this.pending++;
    this.save = { kind: 'saving' };
    this.emit();
    this.queue = this.queue.then(async () => {
      try {
        const change = compute();
        if (!change || isEmptyChange(change)) return;
        if (kind !== 'external') await this.store.applyChange(this.document.id, change);
        this.annotations = applyChangeInOrder(this.annotations, change, (id) => this.byId.get(id));
        for (const a of change.removed) this.byId.delete(a.id);
        for (const a of change.added) this.byId.set(a.id, a);
        if (kind === 'do') this.history.record(change);
        else if (kind === 'undo') this.history.committedUndo();
        else if (kind === 'redo') this.history.committedRedo();
        if (selectAfter !== undefined) this.selectedId = selectAfter;
        else if (kind === 'undo' || kind === 'redo') {
          this.selectedId = change.added.length === 1 ? change.added[0]!.id : null;
        }
        if (this.selectedId && !this.byId.has(this.selectedId)) this.selectedId = null;
        this.sink?.(change);
        if (this.save.kind === 'failed') this.save = { kind: 'saving' };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.save = { kind: 'failed', message };
        this.onError(message);
      } finally {
        this.pending--;
        if (this.pending === 0 && this.save.kind === 'saving') this.save = { kind: 'saved' };
        this.emit();
      }
    });
  }
}

/** The change that turns `current` into `target` (both keyed by id). */
export function diff(current: readonly Annotation[], target: readonly Annotation[]): AnnotationChange {
  const before = new Map(current.map((a) => [a.id, a]));
  const added: Annotation[] = [];
  const removed: Annotation[] = [];
  for (const t of target) {
    const c = before.get(t.id);
    before.delete(t.id);
    if (!c) added.push(t);
    else if (c.label !== t.label || c.start !== t.start || c.end !== t.end || c.updatedAt !== t.updatedAt) {
      removed.push(c);
      added.push(t);
    }
  }
  for (const c of before.values()) removed.push(c);
  return { added, removed };
}
