/**
 * Reviewing suggestions (issue 5): which suggestions are shown, the current one, accepting,
 * rejecting and adjusting them. Nothing here turns a suggestion into an annotation on its own:
 * every accepted one goes through `DocumentSession.acceptSuggestions` on the analyst's decision.
 *
 * The pure functions at the top are unit-tested (tests/unit/suggest-review.test.ts); the
 * `SuggestionReview` class holds the open record's review state for the interface.
 */
import { newAnnotationId, type Annotation } from '../domain/annotation';
import { moveBoundary, type Boundary } from '../domain/edits';
import type { NaiveBayesModel } from '../domain/suggest/learned';
import { scoreClauses } from '../domain/suggest/learned';
import { suggestByRules } from '../domain/suggest/rules';
import { compareSuggestions, type Suggestion } from '../domain/suggest/suggestion';
import type { TextIndex } from '../domain/textIndex';
import type { StoredRejection } from '../storage/library';
import type { DocumentSession } from './documentSession';

/** Half-open code-point spans with a label. */
interface LabelledSpan {
  label: string;
  start: number;
  end: number;
}

/**
 * True when an annotation of the same label covers at least half of the suggestion: the
 * analyst has that span already (exactly, or near enough), so proposing it again is noise.
 */
export function coveredByAnnotation(s: LabelledSpan, annotations: readonly LabelledSpan[]): boolean {
  const length = s.end - s.start;
  return annotations.some((a) => {
    if (a.label !== s.label) return false;
    const overlap = Math.min(a.end, s.end) - Math.max(a.start, s.start);
    return overlap > 0 && overlap * 2 >= length;
  });
}

/** The suggestions of several suggesters as one list in text order; the same id once (the surer). */
export function mergeSuggestions(...lists: readonly (readonly Suggestion[])[]): Suggestion[] {
  const byId = new Map<string, Suggestion>();
  for (const list of lists) {
    for (const s of list) {
      const seen = byId.get(s.id);
      if (!seen || s.confidence > seen.confidence) byId.set(s.id, s);
    }
  }
  return [...byId.values()].sort(compareSuggestions);
}

/** What is shown: neither rejected before, nor taken (accepted, being stored), nor already annotated. */
export function visibleSuggestions(
  suggestions: readonly Suggestion[],
  annotations: readonly LabelledSpan[],
  hidden: ReadonlySet<string>,
  /** Suggestions accepted with another label: covered by an annotation of that label hides them. */
  acceptedAs: ReadonlyMap<string, string> = new Map(),
): Suggestion[] {
  // Annotations sorted by start: only those starting before a suggestion's end can overlap it.
  const sorted = [...annotations].sort((a, b) => a.start - b.start);
  const starts = sorted.map((a) => a.start);
  const upTo = (end: number): number => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid]! < end) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  let longest = 0;
  for (const a of sorted) longest = Math.max(longest, a.end - a.start);
  return suggestions.filter((s) => {
    if (hidden.has(s.id)) return false;
    const last = upTo(s.end);
    let first = upTo(s.start - longest);
    const near: LabelledSpan[] = [];
    for (; first < last; first++) near.push(sorted[first]!);
    const label = acceptedAs.get(s.id);
    return !coveredByAnnotation(label ? { label, start: s.start, end: s.end } : s, near);
  });
}

/** The suggestions at or above a confidence, in the order given. */
export function aboveThreshold(suggestions: readonly Suggestion[], threshold: number): Suggestion[] {
  if (!(threshold >= 0 && threshold <= 1)) throw new RangeError(`A confidence threshold must be between 0 and 1, got ${threshold}`);
  return suggestions.filter((s) => s.confidence >= threshold);
}

/**
 * Moves one end of a suggestion by one character (grapheme cluster), as [ ] and Shift+[ ] move
 * an annotation's. The id stays (it names what the suggester proposed). Null when the move would
 * leave the text or leave nothing but white space.
 */
export function moveSuggestionBoundary(index: TextIndex, s: Suggestion, boundary: Boundary, direction: -1 | 1): Suggestion | null {
  const probe: Annotation = { id: s.id, label: s.label, start: s.start, end: s.end, text: s.text, createdAt: '', updatedAt: '' };
  const moved = moveBoundary(index, probe, boundary, direction, '');
  return moved && { ...s, start: moved.start, end: moved.end, text: moved.text };
}

/**
 * The annotation an accepted suggestion becomes: its range and quote (checked against the
 * text), its speaker, the analyst's name, and where it came from (`origin`).
 */
export function annotationFromSuggestion(
  index: TextIndex,
  s: Suggestion,
  options: { now: string; label?: string; annotator?: string; id?: string },
): Annotation {
  if (!(s.start >= 0 && s.start < s.end && s.end <= index.lengthCodePoints)) {
    throw new RangeError(`Suggestion ${s.id} has the range ${s.start}–${s.end}, outside the record's ${index.lengthCodePoints} characters`);
  }
  const text = index.sliceCodePoints(s.start, s.end);
  if (text !== s.text) throw new RangeError(`Suggestion ${s.id} quotes “${s.text}” but the record has “${text}” at ${s.start}–${s.end}`);
  const a: Annotation = {
    id: options.id ?? newAnnotationId(),
    label: options.label ?? s.label,
    start: s.start,
    end: s.end,
    text,
    createdAt: options.now,
    updatedAt: options.now,
    origin: s.source === 'model' && s.modelVersion ? { kind: 'model', modelVersion: s.modelVersion } : { kind: s.source },
  };
  if (s.speaker) a.speaker = s.speaker;
  if (options.annotator) a.annotator = options.annotator;
  return a;
}

/** What is remembered of a rejected suggestion: what it proposed (before any adjustment). */
export function rejectionOf(s: Suggestion, original: Suggestion | undefined, now: string): StoredRejection {
  const o = original ?? s;
  return { id: o.id, label: o.label, start: o.start, end: o.end, text: o.text, source: o.source, rejectedAt: now };
}

// --- the open record's review ---------------------------------------------------------------

/** Where rejections and the learned model are kept (the Library, see suggestClient.ts). */
export interface SuggestStore {
  loadRejected(docId: string): Promise<StoredRejection[]>;
  reject(docId: string, rejections: readonly StoredRejection[]): Promise<void>;
  loadModel(): Promise<NaiveBayesModel | undefined>;
}

export interface ReviewSnapshot {
  /** Shown, in text order. */
  suggestions: readonly Suggestion[];
  currentId: string | null;
  /** Whether the suggesters have run on this record. */
  ran: boolean;
  /** The version of the model used on the last run, if one was. */
  modelVersion: string | null;
}

/**
 * The suggestions of the open record under review. Observable like the session
 * (subscribe/getSnapshot for useSyncExternalStore). Follows the session: a span tagged, accepted
 * or undone there hides or brings back the suggestions it covers.
 */
export class SuggestionReview {
  /** Every suggestion of the last run, adjusted ones in their adjusted form. */
  private all: Suggestion[] = [];
  /** As the suggesters proposed them (for rejections: the same proposal must not come back). */
  private readonly original = new Map<string, Suggestion>();
  private readonly rejected = new Set<string>();
  /** Accepted and queued in the session, not stored yet. */
  private readonly taken = new Set<string>();
  /** Suggestions accepted with another label than proposed (1–4): id → that label. */
  private readonly acceptedAs = new Map<string, string>();
  private snapshot: ReviewSnapshot = { suggestions: [], currentId: null, ran: false, modelVersion: null };
  /** The snapshot the listeners last saw: a refresh that would change nothing tells nobody. */
  private emitted: ReviewSnapshot = this.snapshot;
  private readonly listeners = new Set<() => void>();
  private seenAnnotations: readonly Annotation[];

  constructor(
    private readonly session: DocumentSession,
    private readonly store: SuggestStore,
    private readonly onError: (message: string) => void,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {
    this.seenAnnotations = session.getSnapshot().annotations;
  }

  /** Follows the session until the returned function is called (an effect's subscribe/cleanup). */
  attach(): () => void {
    const session = this.session;
    return session.subscribe(() => {
      const snap = session.getSnapshot();
      let changed = snap.annotations !== this.seenAnnotations;
      this.seenAnnotations = snap.annotations;
      // Stored (or refused): from now on the annotations themselves hide what was accepted, and
      // an undo brings the suggestion back.
      if (snap.save.kind !== 'saving' && this.taken.size > 0) {
        this.taken.clear();
        changed = true;
      }
      if (changed) this.refresh();
    });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ReviewSnapshot => this.snapshot;

  get current(): Suggestion | undefined {
    const id = this.snapshot.currentId;
    return id ? this.snapshot.suggestions.find((s) => s.id === id) : undefined;
  }

  /** Runs the rules and, when a model is stored, the learned suggester on the record. */
  async run(): Promise<number> {
    const docId = this.session.document.id;
    const [rejected, model] = await Promise.all([this.store.loadRejected(docId), this.store.loadModel()]);
    const text = this.session.document.text;
    const rules = suggestByRules(text);
    const learned = model ? scoreClauses(model, text) : [];
    this.all = mergeSuggestions(rules, learned);
    this.original.clear();
    this.acceptedAs.clear();
    for (const s of this.all) this.original.set(s.id, s);
    this.rejected.clear();
    for (const r of rejected) this.rejected.add(r.id);
    this.snapshot = { ...this.snapshot, ran: true, modelVersion: model?.modelVersion ?? null, currentId: null };
    this.refresh();
    const first = this.snapshot.suggestions[0];
    if (first) this.select(first.id);
    return this.snapshot.suggestions.length;
  }

  select = (id: string | null): void => {
    if (id === this.snapshot.currentId) return;
    if (id !== null && !this.snapshot.suggestions.some((s) => s.id === id)) return;
    this.snapshot = { ...this.snapshot, currentId: id };
    this.emit();
  }

  /** The next (+1) or previous (-1) suggestion becomes current; the first when none is. */
  step(direction: 1 | -1): void {
    const list = this.snapshot.suggestions;
    if (list.length === 0) return;
    const at = list.findIndex((s) => s.id === this.snapshot.currentId);
    const next = at < 0 ? 0 : Math.min(list.length - 1, Math.max(0, at + direction));
    this.select(list[next]!.id);
  }

  /** Accepts the current suggestion (with another label when given); the next one becomes current. */
  acceptCurrent(label?: string): boolean {
    const s = this.current;
    if (!s) return false;
    return this.accept([s], label) > 0;
  }

  /** Accepts every shown suggestion at or above the threshold, as one change (one undo step). */
  acceptAbove(threshold: number): number {
    return this.accept(aboveThreshold(this.snapshot.suggestions, threshold));
  }

  private accept(list: readonly Suggestion[], label?: string): number {
    if (list.length === 0) return 0;
    const n = this.session.acceptSuggestions(list.map((suggestion) => ({ suggestion, label })));
    if (n === 0) return 0;
    for (const s of list) {
      this.taken.add(s.id);
      if (label && label !== s.label) this.acceptedAs.set(s.id, label);
    }
    this.refresh(list[0]!.id);
    return n;
  }

  /** Rejects the current suggestion: hidden now, remembered in the library (and a negative example). */
  rejectCurrent(): boolean {
    const s = this.current;
    if (!s) return false;
    const docId = this.session.document.id;
    const rejection = rejectionOf(s, this.original.get(s.id), this.now());
    this.rejected.add(s.id);
    this.refresh(s.id);
    this.store.reject(docId, [rejection]).catch((error: unknown) => {
      // Not remembered: show it again, with the reason.
      this.rejected.delete(s.id);
      this.refresh();
      this.onError(error instanceof Error ? error.message : String(error));
    });
    return true;
  }

  /** Moves the current suggestion's start or end by one character. */
  moveCurrent(boundary: Boundary, direction: -1 | 1): boolean {
    const s = this.current;
    if (!s) return false;
    const moved = moveSuggestionBoundary(this.session.index, s, boundary, direction);
    if (!moved) return false;
    this.all = this.all.map((x) => (x.id === s.id ? moved : x));
    this.refresh();
    return true;
  }

  /**
   * Recomputes what is shown. `leaving`: the id of a suggestion just accepted or rejected: when
   * it was current, the one after it (or else before it) becomes current.
   */
  private refresh(leaving?: string): void {
    const before = this.snapshot.suggestions;
    const hidden = new Set([...this.rejected, ...this.taken]);
    const shown = this.snapshot.ran ? visibleSuggestions(this.all, this.session.getSnapshot().annotations, hidden, this.acceptedAs) : [];
    let currentId = this.snapshot.currentId;
    if (currentId && !shown.some((s) => s.id === currentId)) {
      const at = before.findIndex((s) => s.id === (leaving ?? currentId));
      const still = new Set(shown.map((s) => s.id));
      const after = before.slice(at + 1).find((s) => still.has(s.id)) ?? before.slice(0, Math.max(0, at)).reverse().find((s) => still.has(s.id));
      currentId = after?.id ?? null;
    }
    // Nothing to tell when nothing changed: every stored annotation change comes through here, and
    // a new (even empty) list would redraw the suggestions in the editor on each key press.
    if (this.snapshot === this.emitted && currentId === this.snapshot.currentId && sameList(shown, before)) return;
    this.snapshot = { ...this.snapshot, suggestions: shown, currentId };
    this.emit();
  }

  private emit(): void {
    this.emitted = this.snapshot;
    for (const l of this.listeners) l();
  }
}

/** The same suggestions in the same order (the shown lists hold the objects of `all`). */
function sameList(a: readonly Suggestion[], b: readonly Suggestion[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}
