/**
 * Reviewing suggestions (issue 5): the open record's review state, the current one, accepting,
 * rejecting and adjusting them. Nothing here turns a suggestion into an annotation on its own:
 * every accepted one goes through `DocumentSession.acceptSuggestions` on the analyst's decision.
 * The pure rules it follows are in domain/suggest/review.ts.
 */
import type { NaiveBayesModel } from '../domain/suggest/learned';
import { scoreClauses } from '../domain/suggest/learned';
import { suggestByRules } from '../domain/suggest/rules';
import type { Suggestion } from '../domain/suggest/suggestion';
import { aboveThreshold, mergeSuggestions, moveSuggestionBoundary, rejectionOf, visibleSuggestions, type Rejection } from '../domain/suggest/review';
import type { Annotation } from '../domain/annotation';
import type { Boundary } from '../domain/edits';
import type { DocumentSession } from './documentSession';

/** The suggestion panel's threshold, where the panel has always read it. */
export { aboveThreshold } from '../domain/suggest/review';

// --- the open record's review ---------------------------------------------------------------

/** Where rejections and the learned model are kept (the Library, see suggestClient.ts). */
export interface SuggestStore {
  loadRejected(docId: string): Promise<Rejection[]>;
  reject(docId: string, rejections: readonly Rejection[]): Promise<void>;
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
    const learned = model ? scoreClauses(model, text, { rules }) : []; // the rules' suggestions are a feature of the model: not run twice
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
