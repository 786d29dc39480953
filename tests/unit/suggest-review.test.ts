import { describe, expect, it } from 'vitest';
import { DocumentSession, type AnnotationStore } from '../../src/app/documentSession';
import { SuggestionReview, type SuggestStore } from '../../src/app/suggestReview';
import {
  aboveThreshold,
  annotationFromSuggestion,
  coveredByAnnotation,
  mergeSuggestions,
  moveSuggestionBoundary,
  visibleSuggestions,
} from '../../src/domain/suggest/review';
import { planTraining, recordFingerprint, runTraining, type TrainingRecord } from '../../src/app/suggestTraining';
import type { Annotation } from '../../src/domain/annotation';
import type { AnnotationChange } from '../../src/domain/change';
import type { MeetingDocument } from '../../src/domain/document';
import { DEFAULT_LABELS } from '../../src/domain/labels';
import { suggestionId, type Suggestion } from '../../src/domain/suggest/suggestion';
import { TextIndex } from '../../src/domain/textIndex';
import { cp } from '../../src/domain/units';
import type { StoredRejection } from '../../src/storage/library';

const TEXT = '𠮷野委员说，产业链存在短板问题。要加快建设研究院。市发改委表示，我们将推动落实。';
const index = new TextIndex(TEXT);

/** A suggestion over the first `needle` (code points). */
function sug(label: string, needle: string, confidence = 0.8, source: 'rule' | 'model' = 'rule'): Suggestion {
  const at = TEXT.indexOf(needle);
  if (at < 0) throw new Error(`test setup: ${needle}`);
  const start = Array.from(TEXT.slice(0, at)).length;
  const end = start + Array.from(needle).length;
  return {
    id: suggestionId(label, start, end),
    label,
    start: cp(start),
    end: cp(end),
    text: needle,
    confidence,
    source,
    cues: ['cue'],
    ...(source === 'model' ? { modelVersion: 'nb-1-x' } : {}),
  };
}

describe('which suggestions are shown', () => {
  it('hides a suggestion that an annotation of the same label covers at least half of', () => {
    const s = { label: 'problem', start: 10, end: 20 };
    expect(coveredByAnnotation(s, [{ label: 'problem', start: 15, end: 40 }])).toBe(true); // 5 of 10
    expect(coveredByAnnotation(s, [{ label: 'problem', start: 16, end: 40 }])).toBe(false); // 4 of 10
    expect(coveredByAnnotation(s, [{ label: 'recommendation', start: 0, end: 40 }])).toBe(false);
    expect(coveredByAnnotation(s, [{ label: 'problem', start: 20, end: 30 }])).toBe(false); // touching only
  });

  it('drops rejected and covered ones, keeps the rest in text order', () => {
    const a = sug('problem', '产业链存在短板问题');
    const b = sug('recommendation', '要加快建设研究院');
    const c = sug('response', '我们将推动落实');
    const annotations = [{ label: 'recommendation', start: b.start, end: b.end }];
    expect(visibleSuggestions([c, a, b].sort((x, y) => x.start - y.start), annotations, new Set([c.id])).map((s) => s.id)).toEqual([a.id]);
    // A long annotation far before does not hide anything; one of another label neither.
    const far = [{ label: 'problem', start: 0, end: 3 }, { label: 'response', start: a.start, end: a.end }];
    expect(visibleSuggestions([a, b, c], far, new Set()).length).toBe(3);
  });

  it('merges suggesters: the same span once, the surer one', () => {
    const rule = sug('problem', '产业链存在短板问题', 0.7);
    const model = sug('problem', '产业链存在短板问题', 0.9, 'model');
    const other = sug('response', '我们将推动落实', 0.5, 'model');
    expect(mergeSuggestions([other, rule], [model])).toEqual([model, other]);
  });

  it('threshold: at or above; a threshold outside 0..1 is refused', () => {
    const list = [sug('problem', '产业链存在短板问题', 0.6), sug('response', '我们将推动落实', 0.59)];
    expect(aboveThreshold(list, 0.6)).toEqual([list[0]]);
    expect(() => aboveThreshold(list, 1.5)).toThrow(RangeError);
    expect(() => aboveThreshold(list, Number.NaN)).toThrow(/between 0 and 1/);
  });
});

describe('adjusting and accepting', () => {
  it('moves a boundary by one character (an astral one whole), keeps the id', () => {
    const s = sug('problem', '野委员说');
    const left = moveSuggestionBoundary(index, s, 'start', -1)!;
    expect(left.text).toBe('𠮷野委员说');
    expect([left.start, left.end, left.id]).toEqual([0, 5, s.id]);
    expect(moveSuggestionBoundary(index, left, 'start', -1)).toBeNull(); // the text's start
    expect(moveSuggestionBoundary(index, s, 'end', 1)!.text).toBe('野委员说，');
  });

  it('an accepted suggestion becomes an annotation with origin, speaker, annotator; a wrong quote is refused', () => {
    const s = { ...sug('response', '我们将推动落实', 0.7, 'model'), speaker: '市发改委' };
    const a = annotationFromSuggestion(index, s, { now: 'T1', annotator: '王分析', label: 'recommendation' });
    expect(a).toMatchObject({ label: 'recommendation', start: s.start, end: s.end, text: '我们将推动落实', speaker: '市发改委', annotator: '王分析', origin: { kind: 'model', modelVersion: 'nb-1-x' }, createdAt: 'T1' });
    expect(annotationFromSuggestion(index, sug('problem', '产业链存在短板问题'), { now: 'T1' }).origin).toEqual({ kind: 'rule' });
    expect(() => annotationFromSuggestion(index, { ...s, text: '别的' }, { now: 'T1' })).toThrow(/quotes “别的”/);
    expect(() => annotationFromSuggestion(index, { ...s, end: cp(999) }, { now: 'T1' })).toThrow(RangeError);
  });
});

class MemoryStore implements AnnotationStore {
  readonly calls: AnnotationChange[] = [];
  async applyChange(_docId: string, change: AnnotationChange): Promise<void> {
    this.calls.push(change);
  }
}

const DOC: MeetingDocument = { id: 'd1', title: 't', text: TEXT, format: 'plain', meta: {}, createdAt: 'T0', updatedAt: 'T0' };

function setup(rejected: StoredRejection[] = []) {
  const store = new MemoryStore();
  const session = new DocumentSession(DOC, [], store, DEFAULT_LABELS, (m) => {
    throw new Error(m);
  });
  const remembered: StoredRejection[] = [...rejected];
  const suggestStore: SuggestStore = {
    loadRejected: async () => remembered,
    reject: async (_docId, list) => void remembered.push(...list),
    loadModel: async () => undefined,
  };
  const review = new SuggestionReview(session, suggestStore, (m) => {
    throw new Error(m);
  });
  const detach = review.attach();
  return { store, session, review, remembered, detach };
}

describe('the review of a record', () => {
  it('runs the rules, accepts, accepts with a label, rejects, and accept-all is one undo step', async () => {
    const { store, session, review, remembered } = setup();
    const n = await review.run();
    expect(n).toBeGreaterThanOrEqual(2);
    const all = review.getSnapshot().suggestions;
    expect(review.getSnapshot().currentId).toBe(all[0]!.id);

    review.step(1);
    expect(review.getSnapshot().currentId).toBe(all[1]!.id);
    review.rejectCurrent();
    expect(review.getSnapshot().suggestions.map((s) => s.id)).not.toContain(all[1]!.id);
    expect(remembered.map((r) => [r.id, r.label, r.text])).toEqual([[all[1]!.id, all[1]!.label, all[1]!.text]]);

    review.select(all[0]!.id);
    session.setAnnotator('王分析');
    expect(review.acceptCurrent('proposal')).toBe(true);
    await session.idle();
    const made = session.getSnapshot().annotations;
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ label: 'proposal', start: all[0]!.start, end: all[0]!.end, annotator: '王分析', origin: { kind: 'rule' } });
    // Accepted with another label, it does not come back under its own.
    expect(review.getSnapshot().suggestions.map((s) => s.id)).not.toContain(all[0]!.id);
    expect(review.getSnapshot().suggestions).toHaveLength(all.length - 2);
    const left = review.getSnapshot().suggestions.length;
    const accepted = review.acceptAbove(0);
    expect(accepted).toBe(left);
    await session.idle();
    expect(store.calls.at(-1)!.added).toHaveLength(left);
    expect(review.getSnapshot().suggestions).toEqual([]);
    session.undo();
    await session.idle();
    expect(session.getSnapshot().annotations).toHaveLength(1);
    expect(review.getSnapshot().suggestions).toHaveLength(left); // undo brings them back
  });

  it('a rejected suggestion is not shown on the next run', async () => {
    const first = setup();
    await first.review.run();
    const target = first.review.getSnapshot().suggestions[0]!;
    first.review.rejectCurrent();
    const second = setup(first.remembered);
    await second.review.run();
    expect(second.review.getSnapshot().suggestions.map((s) => s.id)).not.toContain(target.id);
    expect(second.review.getSnapshot().suggestions.length).toBe(first.review.getSnapshot().suggestions.length);
  });

  it('a moved boundary is accepted as moved', async () => {
    const { session, review } = setup();
    await review.run();
    const s = review.current!;
    expect(review.moveCurrent('start', 1)).toBe(true);
    expect(review.current!.start).toBe(s.start + 1);
    review.acceptCurrent();
    await session.idle();
    expect(session.getSnapshot().annotations[0]).toMatchObject({ start: s.start + 1, end: s.end });
  });
});

describe('training', () => {
  const records: TrainingRecord[] = [
    { docId: 'a', text: '产业链存在短板问题。要加强产业链建设。会议在天津召开。', annotations: [{ label: 'problem', start: 0, end: 9 }, { label: 'recommendation', start: 10, end: 18 }], rejected: [] },
    { docId: 'b', text: '人才培养存在不足问题。要完善人才培养体系。', annotations: [{ label: 'problem', start: 0, end: 10 }], rejected: [{ label: 'recommendation', start: 11, end: 20 }] },
    { docId: 'c', text: '没有标注的记录。', annotations: [], rejected: [] },
  ];

  it('incremental (new records on top) equals training afresh; a changed record trains afresh', () => {
    const fresh = runTraining(records, undefined, 'T');
    expect(fresh.incremental).toBe(false);
    expect(Object.keys(fresh.trained).sort()).toEqual(['a', 'b']); // c teaches nothing
    const first = runTraining(records.slice(0, 1), undefined, 'T');
    const progress: [number, number][] = [];
    const more = runTraining(records, first, 'T', (d, t) => progress.push([d, t]));
    expect(more.incremental).toBe(true);
    expect(progress).toEqual([[0, 1], [1, 1]]);
    expect(more.model).toEqual(fresh.model);
    const changed = [{ ...records[0]!, annotations: records[0]!.annotations.slice(0, 1) }, records[1]!];
    expect(planTraining(changed, more).incremental).toBe(false);
    expect(recordFingerprint(changed[0]!)).not.toBe(recordFingerprint(records[0]!));
  });

  it('refuses when there is nothing to learn a label from', () => {
    expect(() => runTraining([records[2]!], undefined, 'T')).toThrow(/Nothing to learn/);
  });
});
