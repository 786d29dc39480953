import { compareAnnotations, type Annotation, type AnnotationAttributes } from '../domain/annotation';
import { applyChangeInOrder, isEmptyChange, type AnnotationChange } from '../domain/change';
import type { MeetingDocument } from '../domain/document';
import { annotationFromSelection, MAX_ATTRIBUTE_LENGTH, moveBoundary, relabel, setAttributes, type Boundary } from '../domain/edits';
import { UndoHistory } from '../domain/history';
import type { Label } from '../domain/labels';
import { defaultRelationType, deleteChange, linkChange, unlinkChange } from '../domain/relations';
import { snapRange, type SnapMode } from '../domain/snap';
import type { TextMatch } from '../domain/find';
import { TextIndex } from '../domain/textIndex';
import type { Utf16Range } from '../domain/units';
import type { Suggestion } from '../domain/suggest/suggestion';
import { annotationFromSuggestion } from '../domain/suggest/review';

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
  /** Replaced (never mutated) when the record's title or details change: see `setDetails`. */
  document: MeetingDocument;
  readonly index: TextIndex;
  /** Sorted by compareAnnotations, always. */
  private annotations: Annotation[];
  private readonly byId = new Map<string, Annotation>();
  /** Ids of annotations tagged but not yet stored. */
  private readonly pendingIds = new Set<string>();
  private readonly history = new UndoHistory();
  private selectedId: string | null = null;
  private save: SaveState = { kind: 'saved' };
  private queue: Promise<void> = Promise.resolve();
  private pending = 0;
  private snapshot: SessionSnapshot;
  private readonly listeners = new Set<() => void>();
  private sink: ChangeSink | null = null;
  private annotator: string | undefined;
  private snap: SnapMode = 'none';

  constructor(
    document: MeetingDocument,
    annotations: readonly Annotation[],
    private readonly store: AnnotationStore,
    private labels: readonly Label[],
    /** A failure, in English for logs, with the error itself (which may carry a Problem). */
    private readonly onError: (message: string, error?: unknown) => void,
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

  /** Tells every listener; one that throws is reported and does not stop the others or the queue. */
  private emit(): void {
    this.snapshot = this.makeSnapshot();
    for (const l of this.listeners) {
      try {
        l();
      } catch (error) {
        this.onError(`The screen could not be updated (reopen the record): ${error instanceof Error ? error.message : String(error)}`, error);
      }
    }
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

  /** Ids of the annotations in a relation with `id`, either way (dangling ones left out). */
  relatedTo(id: string): string[] {
    const out = new Set<string>();
    for (const l of this.byId.get(id)?.links ?? []) if (this.byId.has(l.to)) out.add(l.to);
    for (const a of this.annotations) if (a.links?.some((l) => l.to === id)) out.add(a.id);
    out.delete(id);
    return [...out];
  }

  get selected(): Annotation | undefined {
    return this.selectedId ? this.find(this.selectedId) : undefined;
  }

  /** Whether a span is selected (possibly one just tagged and not stored yet). */
  get hasSelection(): boolean {
    return this.selectedId !== null;
  }

  setLabels(labels: readonly Label[]): void {
    this.labels = labels;
  }

  /** Where the ends of a span tagged from now on go: as selected, to the clause, or to words. */
  setSnapMode(mode: SnapMode): void {
    this.snap = mode;
  }

  /** The analyst's name, stamped on every annotation tagged from now on ('' or undefined: none). */
  setAnnotator(name: string | undefined): void {
    this.annotator = name?.trim() || undefined;
  }

  // --- selection ---------------------------------------------------------------------------

  select(id: string | null): void {
    if (id === this.selectedId) return;
    this.selectedId = id && this.exists(id) ? id : null;
    this.emit();
  }

  /** Stored, or tagged and waiting in the queue to be stored. */
  private exists(id: string): boolean {
    return this.byId.has(id) || this.pendingIds.has(id);
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
  // Each operation captures its target when the key is pressed, not when its turn in the queue
  // comes: Delete on A followed by a click on B deletes A. A target gone by then is left alone.

  /**
   * Tags the selected text and selects the new span at once (so a label key pressed right after
   * relabels it, even before it is stored). Returns the range actually tagged (trimmed, widened
   * to whole characters), or null when the selection covers no text.
   */
  tag(range: Utf16Range, labelId: string): Utf16Range | null {
    if (!this.labels.some((l) => l.id === labelId && !l.retired)) return null;
    const probe = this.newAnnotation(snapRange(this.index.text, range.start, range.end, this.snap), labelId);
    if (!probe) return null;
    this.pendingIds.add(probe.id);
    this.selectedId = probe.id;
    this.enqueue(() => ({ added: [probe], removed: [] }), 'do', () => this.pendingIds.delete(probe.id));
    return { start: this.index.toUtf16(probe.start), end: this.index.toUtf16(probe.end) };
  }

  /**
   * Tags every match (code points) with one label, as one change and one undo step. Matches that
   * an annotation of the same label covers exactly already are left out. Returns how many were
   * queued.
   */
  tagAll(matches: readonly TextMatch[], labelId: string): number {
    if (!this.labels.some((l) => l.id === labelId && !l.retired)) return 0;
    const taken = new Set(this.annotations.filter((a) => a.label === labelId).map((a) => `${a.start}:${a.end}`));
    const added: Annotation[] = [];
    for (const m of matches) {
      const a = this.newAnnotation({ start: this.index.toUtf16(m.start), end: this.index.toUtf16(m.end) }, labelId);
      if (!a || taken.has(`${a.start}:${a.end}`)) continue;
      taken.add(`${a.start}:${a.end}`);
      added.push(a);
    }
    if (added.length === 0) return 0;
    for (const a of added) this.pendingIds.add(a.id);
    this.enqueue(() => ({ added, removed: [] }), 'do', () => added.forEach((a) => this.pendingIds.delete(a.id)));
    return added.length;
  }

  /**
   * Accepts suggestions (the analyst's decision, one by one or all above a confidence): each
   * becomes an annotation with its range, quote and speaker, the annotator's name and its origin
   * (`rule`, or `model` with the model version), optionally with another label. All of them in
   * one change, so one undo takes them back. A suggestion whose label is unknown, or whose exact
   * span with that label is annotated already, is left out. Returns how many were queued.
   */
  acceptSuggestions(list: readonly { suggestion: Suggestion; label?: string }[]): number {
    const taken = new Set(this.annotations.map((a) => `${a.label}:${a.start}:${a.end}`));
    const added: Annotation[] = [];
    const now = this.now();
    for (const { suggestion, label } of list) {
      const labelId = label ?? suggestion.label;
      if (!this.labels.some((l) => l.id === labelId && !l.retired)) continue;
      const key = `${labelId}:${suggestion.start}:${suggestion.end}`;
      if (taken.has(key)) continue;
      taken.add(key);
      added.push(annotationFromSuggestion(this.index, suggestion, { now, label: labelId, annotator: this.annotator }));
    }
    if (added.length === 0) return 0;
    for (const a of added) this.pendingIds.add(a.id);
    this.enqueue(() => ({ added, removed: [] }), 'do', () => added.forEach((a) => this.pendingIds.delete(a.id)));
    return added.length;
  }

  private newAnnotation(range: Utf16Range, labelId: string): Annotation | null {
    const made = annotationFromSelection(this.index, range.start, range.end, labelId, this.now());
    if (!made) return null;
    const a: Annotation = { ...made, origin: { kind: 'manual' } };
    if (this.annotator) a.annotator = this.annotator;
    return a;
  }

  relabelSelected(labelId: string): void {
    this.onSelected((a) => {
      const next = relabel(a, labelId, this.now());
      return next && { added: [next], removed: [a] };
    });
  }

  /** Deletes the selected span and every relation that ends at it (one undo step brings both back). */
  deleteSelected(): void {
    this.onSelected((a) => deleteChange(this.annotations, a, this.now()));
  }

  /** Sets or clears (empty string) the speaker and note of an annotation. */
  updateAttributes(id: string, attributes: AnnotationAttributes): void {
    // Refused at once (RangeError), not in the queue: the field keeps the text and says why.
    for (const key of ['speaker', 'note'] as const) {
      const v = attributes[key];
      if (v !== undefined && v.length > MAX_ATTRIBUTE_LENGTH) {
        throw new RangeError(`The ${key} is ${v.length} characters long; at most ${MAX_ATTRIBUTE_LENGTH} are kept`);
      }
    }
    this.onAnnotation(id, (a) => {
      const next = setAttributes(a, attributes, this.now());
      return next && { added: [next], removed: [a] };
    });
  }

  /**
   * Adds a relation from one span to another; without a type, the default for their labels
   * (a recommendation → a problem: addresses; a response → a recommendation: responds_to).
   */
  link(fromId: string, toId: string, type?: string): void {
    this.enqueue(() => {
      const from = this.byId.get(fromId);
      const to = this.byId.get(toId);
      if (!from || !to || from.id === to.id) return null;
      const relationType = type ?? defaultRelationType(from.label, to.label);
      return relationType ? linkChange(from, to, relationType, this.now()) : null;
    }, 'do');
  }

  /** Removes a relation (stored on its source annotation `fromId`). */
  unlink(fromId: string, relationId: string): void {
    this.onAnnotation(fromId, (a) => unlinkChange(a, relationId, this.now()));
  }

  moveSelected(boundary: Boundary, direction: -1 | 1): void {
    this.onSelected((a) => {
      const next = moveBoundary(this.index, a, boundary, direction, this.now());
      return next && { added: [next], removed: [a] };
    });
  }

  /** Queues a change to the span selected now, computed from its stored version in its turn. */
  private onSelected(change: (a: Annotation) => AnnotationChange | null): void {
    if (this.selectedId) this.onAnnotation(this.selectedId, change);
  }

  /** Queues a change to one span, computed from its stored version in its turn. */
  private onAnnotation(id: string, change: (a: Annotation) => AnnotationChange | null): void {
    this.enqueue(() => {
      const a = this.byId.get(id);
      return a ? change(a) : null;
    }, 'do');
  }

  undo(): void {
    this.enqueue(() => this.restamped(this.history.peekUndo()), 'undo');
  }

  redo(): void {
    this.enqueue(() => this.restamped(this.history.peekRedo()), 'redo');
  }

  /**
   * An undo or redo is an edit made now: what it puts back gets a new `updatedAt`, so it counts as
   * the newest version (a backup merged later, another tab) and never looks older than it is.
   */
  private restamped(change: AnnotationChange | undefined): AnnotationChange | null {
    if (!change) return null;
    const now = this.now();
    return { added: change.added.map((a) => ({ ...a, updatedAt: now })), removed: change.removed };
  }

  /**
   * Another tab (or an import) changed this record: read the stored annotations in this
   * session's turn, so no change of this tab queued before is overtaken, and take them as they
   * are. Drawn as a diff, so only what changed is redrawn. Undo steps that touch an annotation
   * changed there are forgotten: they were computed against a version that is no longer stored.
   */
  refreshFromStore(load: () => Promise<readonly Annotation[]>): void {
    this.enqueue(async () => diff(this.annotations, await load()), 'external');
  }

  private enqueue(
    compute: () => AnnotationChange | null | Promise<AnnotationChange | null>,
    kind: 'do' | 'undo' | 'redo' | 'external',
    settled?: () => void,
  ): void {
    this.pending++;
    this.save = { kind: 'saving' };
    this.emit();
    // Each task catches its own failures; the final catch keeps the queue alive whatever happens,
    // so one failure can never silently drop the changes queued after it.
    this.queue = this.queue.then(async () => {
      try {
        const change = await compute();
        if (!change || isEmptyChange(change)) return;
        if (kind !== 'external') await this.store.applyChange(this.document.id, change);
        this.annotations = applyChangeInOrder(this.annotations, change, (id) => this.byId.get(id));
        for (const a of change.removed) this.byId.delete(a.id);
        for (const a of change.added) this.byId.set(a.id, a);
        if (kind === 'do') this.history.record(change);
        else if (kind === 'undo') this.history.committedUndo(change);
        else if (kind === 'redo') this.history.committedRedo(change);
        else this.history.forget(new Set([...change.added, ...change.removed].map((a) => a.id)));
        if (kind === 'undo' || kind === 'redo') this.selectedId = change.added.length === 1 ? change.added[0]!.id : null;
        if (this.save.kind === 'failed') this.save = { kind: 'saving' };
        this.draw(change);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.save = { kind: 'failed', message };
        this.onError(message, error);
      } finally {
        settled?.();
        if (this.selectedId && !this.exists(this.selectedId)) this.selectedId = null;
        this.pending--;
        if (this.pending === 0 && this.save.kind === 'saving') this.save = { kind: 'saved' };
        this.emit();
      }
    }).catch((error: unknown) => this.onError(error instanceof Error ? error.message : String(error), error));
  }

  /** Hands a stored change to the editor; a drawing failure is reported, the change stays saved. */
  private draw(change: AnnotationChange): void {
    try {
      this.sink?.(change);
    } catch (error) {
      this.onError(`The change was saved but could not be drawn (reopen the record): ${error instanceof Error ? error.message : String(error)}`, error);
    }
  }

  /**
   * The record's title and details as stored now (edited here or in another tab). The text is
   * never part of it; listeners are told so the reader shows the new title.
   */
  setDetails(title: string, meta: MeetingDocument['meta']): void {
    if (title === this.document.title && meta === this.document.meta) return;
    this.document = { ...this.document, title, meta };
    this.emit();
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
    else if (c.label !== t.label || c.start !== t.start || c.end !== t.end || c.updatedAt !== t.updatedAt || !sameExtras(c, t)) {
      removed.push(c);
      added.push(t);
    }
  }
  for (const c of before.values()) removed.push(c);
  return { added, removed };
}

/** Attributes and relations compared by value (a change elsewhere may keep the same timestamp). */
function sameExtras(a: Annotation, b: Annotation): boolean {
  return (
    a.speaker === b.speaker &&
    a.note === b.note &&
    JSON.stringify(a.links ?? null) === JSON.stringify(b.links ?? null)
  );
}
