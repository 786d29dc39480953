/**
 * Reviewing suggestions, the pure part: which suggestions are shown, the threshold, moving a
 * suggestion's boundary, the annotation an accepted one becomes and what is remembered of a
 * rejected one. Unit-tested in tests/unit/suggest-review.test.ts; the open record's review state
 * (`SuggestionReview`) is in app/suggestReview.ts.
 */
import { newAnnotationId, type Annotation } from '../annotation';
import { moveBoundary, type Boundary } from '../edits';
import type { TextIndex } from '../textIndex';
import { compareSuggestions, type Suggestion } from './suggestion';

/** What is remembered of a rejected suggestion (what it proposed, in code points, and which suggester), so it is not proposed again. */
export interface Rejection {
  id: string;
  label: string;
  start: number;
  end: number;
  text: string;
  source: 'rule' | 'model';
  rejectedAt: string;
}

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
export function rejectionOf(s: Suggestion, original: Suggestion | undefined, now: string): Rejection {
  const o = original ?? s;
  return { id: o.id, label: o.label, start: o.start, end: o.end, text: o.text, source: o.source, rejectedAt: now };
}

