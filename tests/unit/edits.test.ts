import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { compareAnnotations, type Annotation } from '../../src/domain/annotation';
import { applyChange, applyChangeInOrder, invertChange, isEmptyChange, type AnnotationChange } from '../../src/domain/change';
import { moveBoundary, relabel } from '../../src/domain/edits';
import { UndoHistory } from '../../src/domain/history';
import { TextIndex } from '../../src/domain/textIndex';
import { cp } from '../../src/domain/units';

/** Python's text[start:end] on code points. */
const pySlice = (text: string, start: number, end: number): string =>
  Array.from(text).slice(start, end).join('');

const T0 = '2024-05-01T08:00:00.000Z';
const T1 = '2024-05-02T09:30:00.000Z';

function ann(text: string, start: number, end: number, id = 'a1', label = 'proposal'): Annotation {
  return {
    id,
    label,
    start: cp(start),
    end: cp(end),
    text: pySlice(text, start, end),
    createdAt: T0,
    updatedAt: T0,
  };
}

// Code points: 甲0 𠮷1 乙2 👩3 ZWJ4 💻5 丙6 (length 7); UTF-16 length 10.
const TEXT = '甲𠮷乙👩‍💻丙';
const index = new TextIndex(TEXT);

describe('moveBoundary', () => {
  it('moves over 𠮷 by one code point', () => {
    const a = ann(TEXT, 2, 3); // 乙
    const left = moveBoundary(index, a, 'start', -1, T1)!;
    expect([left.start, left.end]).toEqual([1, 3]);
    expect(left.text).toBe('𠮷乙');
    const back = moveBoundary(index, left, 'start', 1, T1)!;
    expect([back.start, back.end]).toEqual([2, 3]);
    expect(back.text).toBe('乙');
  });

  it('moves over 👩‍💻 as one cluster (three code points)', () => {
    const a = ann(TEXT, 2, 3); // 乙
    const right = moveBoundary(index, a, 'end', 1, T1)!;
    expect([right.start, right.end]).toEqual([2, 6]);
    expect(right.text).toBe('乙👩‍💻');
    const left = moveBoundary(index, right, 'end', -1, T1)!;
    expect([left.start, left.end]).toEqual([2, 3]);
    const tail = ann(TEXT, 6, 7); // 丙
    const wider = moveBoundary(index, tail, 'start', -1, T1)!;
    expect([wider.start, wider.end]).toEqual([3, 7]);
    expect(wider.text).toBe('👩‍💻丙');
    const narrower = moveBoundary(index, wider, 'start', 1, T1)!;
    expect([narrower.start, narrower.end]).toEqual([6, 7]);
  });

  it('keeps text equal to the code-point slice and updates only updatedAt', () => {
    const a = ann(TEXT, 1, 3, 'x', 'problem');
    const moved = moveBoundary(index, a, 'end', 1, T1)!;
    expect(moved.text).toBe(pySlice(TEXT, moved.start, moved.end));
    expect(moved.id).toBe('x');
    expect(moved.label).toBe('problem');
    expect(moved.createdAt).toBe(T0);
    expect(moved.updatedAt).toBe(T1);
    // The original is untouched.
    expect(a.end).toBe(3);
    expect(a.updatedAt).toBe(T0);
  });

  it('refuses to make the span empty', () => {
    const a = ann(TEXT, 2, 3);
    expect(moveBoundary(index, a, 'start', 1, T1)).toBeNull();
    expect(moveBoundary(index, a, 'end', -1, T1)).toBeNull();
    const cluster = ann(TEXT, 3, 6); // 👩‍💻
    expect(moveBoundary(index, cluster, 'start', 1, T1)).toBeNull();
    expect(moveBoundary(index, cluster, 'end', -1, T1)).toBeNull();
  });

  it('refuses to leave the text', () => {
    const all = ann(TEXT, 0, 7);
    expect(moveBoundary(index, all, 'start', -1, T1)).toBeNull();
    expect(moveBoundary(index, all, 'end', 1, T1)).toBeNull();
    // Shrinking is still possible.
    expect(moveBoundary(index, all, 'start', 1, T1)!.start).toBe(1);
    expect(moveBoundary(index, all, 'end', -1, T1)!.end).toBe(6);
  });

  it('walks a boundary across the whole text cluster by cluster', () => {
    let a: Annotation | null = ann(TEXT, 0, 1);
    const ends: number[] = [];
    for (;;) {
      const next: Annotation | null = moveBoundary(index, a!, 'end', 1, T1);
      if (!next) break;
      a = next;
      ends.push(a.end);
      expect(a.text).toBe(pySlice(TEXT, a.start, a.end));
    }
    expect(ends).toEqual([2, 3, 6, 7]);
  });
});

describe('relabel', () => {
  it('returns null for the same label', () => {
    expect(relabel(ann(TEXT, 0, 1, 'a', 'problem'), 'problem', T1)).toBeNull();
  });

  it('changes the label and updatedAt only', () => {
    const a = ann(TEXT, 0, 3, 'a', 'problem');
    const r = relabel(a, 'response', T1)!;
    expect(r).toEqual({ ...a, label: 'response', updatedAt: T1 });
    expect(a.label).toBe('problem');
  });
});

describe('applyChange / invertChange', () => {
  const a = ann(TEXT, 0, 1, 'a');
  const b = ann(TEXT, 1, 3, 'b');
  const c = ann(TEXT, 3, 6, 'c');

  it('adds and removes by id, without mutating the input', () => {
    const before = [a, b];
    const after = applyChange(before, { added: [c], removed: [a] });
    expect(after.map((x) => x.id).sort()).toEqual(['b', 'c']);
    expect(before.map((x) => x.id)).toEqual(['a', 'b']);
  });

  it('replaces an annotation whose id is re-added (relabel, move)', () => {
    const b2 = relabel(b, 'response', T1)!;
    const after = applyChange([a, b], { added: [b2], removed: [b] });
    expect(after).toHaveLength(2);
    expect(after.find((x) => x.id === 'b')!.label).toBe('response');
    // Even when `removed` is stale, an added id never appears twice.
    const again = applyChange(after, { added: [b], removed: [] });
    expect(again.filter((x) => x.id === 'b')).toEqual([b]);
  });

  it('inverts by swapping added and removed; applying both restores the set', () => {
    const change: AnnotationChange = { added: [c, relabel(b, 'problem', T1)!], removed: [a, b] };
    const inverse = invertChange(change);
    expect(inverse).toEqual({ added: [a, b], removed: change.added });
    expect(invertChange(inverse)).toEqual(change);
    const start = [a, b];
    const there = applyChange(start, change);
    expect(there.map((x) => `${x.id}:${x.label}`).sort()).toEqual(['b:problem', 'c:proposal']);
    const back = applyChange(there, inverse);
    const byId = (xs: Annotation[]) => [...xs].sort((x, y) => x.id.localeCompare(y.id));
    expect(byId(back)).toEqual(byId(start));
  });

  it('knows an empty change', () => {
    expect(isEmptyChange({ added: [], removed: [] })).toBe(true);
    expect(isEmptyChange({ added: [a], removed: [] })).toBe(false);
    expect(isEmptyChange({ added: [], removed: [a] })).toBe(false);
  });
});

describe('UndoHistory', () => {
  const a = ann(TEXT, 0, 1, 'a');
  const b = ann(TEXT, 1, 3, 'b');
  const addA: AnnotationChange = { added: [a], removed: [] };
  const addB: AnnotationChange = { added: [b], removed: [] };

  it('starts empty', () => {
    const h = new UndoHistory();
    expect(h.canUndo).toBe(false);
    expect(h.canRedo).toBe(false);
    expect(h.peekUndo()).toBeUndefined();
    expect(h.peekRedo()).toBeUndefined();
  });

  it('undoes the last change first, and peeking does not commit', () => {
    const h = new UndoHistory();
    h.record(addA);
    h.record(addB);
    expect(h.canUndo).toBe(true);
    expect(h.peekUndo()).toEqual({ added: [], removed: [b] });
    expect(h.peekUndo()).toEqual({ added: [], removed: [b] });
    h.committedUndo();
    expect(h.canRedo).toBe(true);
    expect(h.peekRedo()).toEqual(addB);
    expect(h.peekUndo()).toEqual({ added: [], removed: [a] });
    h.committedUndo();
    expect(h.canUndo).toBe(false);
    expect(h.peekRedo()).toEqual(addA);
    h.committedRedo();
    expect(h.peekRedo()).toEqual(addB);
    expect(h.peekUndo()).toEqual({ added: [], removed: [a] });
    h.committedRedo();
    expect(h.canRedo).toBe(false);
    expect(h.peekUndo()).toEqual({ added: [], removed: [b] });
  });

  it('a new change clears the redo stack', () => {
    const h = new UndoHistory();
    h.record(addA);
    h.committedUndo();
    expect(h.canRedo).toBe(true);
    h.record(addB);
    expect(h.canRedo).toBe(false);
    expect(h.peekRedo()).toBeUndefined();
    expect(h.peekUndo()).toEqual({ added: [], removed: [b] });
  });

  it('committing with nothing to undo or redo does nothing', () => {
    const h = new UndoHistory();
    h.committedUndo();
    h.committedRedo();
    expect(h.canUndo).toBe(false);
    expect(h.canRedo).toBe(false);
  });

  it('clear forgets both directions', () => {
    const h = new UndoHistory();
    h.record(addA);
    h.record(addB);
    h.committedUndo();
    h.clear();
    expect(h.canUndo).toBe(false);
    expect(h.canRedo).toBe(false);
  });

  it('keeps at most `limit` changes, dropping the oldest', () => {
    const h = new UndoHistory(2);
    const c = ann(TEXT, 3, 6, 'c');
    h.record(addA);
    h.record(addB);
    h.record({ added: [c], removed: [] });
    let undone = 0;
    const removed: string[] = [];
    while (h.canUndo) {
      removed.push(h.peekUndo()!.removed[0]!.id);
      h.committedUndo();
      undone++;
    }
    expect(undone).toBe(2);
    expect(removed).toEqual(['c', 'b']);
  });
});

describe('applyChangeInOrder', () => {
  const plain = (id: string, start: number, end: number, label = 'problem'): Annotation => ({
    id, label, start: cp(start), end: cp(end), text: '', createdAt: '', updatedAt: '',
  });

  it('keeps the list sorted and agrees with applyChange followed by a sort, for random changes', () => {
    const range = fc.tuple(fc.nat(60), fc.integer({ min: 1, max: 20 }));
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 3 }), range), { selector: ([id]) => id, maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.array(fc.tuple(fc.string({ minLength: 1, maxLength: 3 }), range), { maxLength: 8 }),
        (initial, removals, additions) => {
          const sorted = initial.map(([id, [s, n]]) => plain(id, s, s + n)).sort(compareAnnotations);
          const byId = new Map(sorted.map((a) => [a.id, a]));
          const removed = sorted.length ? removals.map((i) => sorted[i % sorted.length]!) : [];
          const added = [...new Map(additions.map(([id, [s, n]]) => [id, plain(id, s, s + n, 'response')])).values()];
          const change: AnnotationChange = { added, removed: [...new Set(removed)] };
          const fast = applyChangeInOrder(sorted, change, (id) => byId.get(id));
          const slow = applyChange(sorted, change).sort(compareAnnotations);
          expect(fast).toEqual(slow);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('moveBoundary never leaves only white space', () => {
  it('refuses to shrink a span to a line break or a full-width space', () => {
    const text = '甲乙\n\n丙　丁';
    const index = new TextIndex(text);
    const a = ann(text, 1, 3); // "乙\n"
    expect(moveBoundary(index, a, 'start', 1, 'T')).toBeNull(); // would be "\n"
    const b = ann(text, 4, 6); // "丙　"
    expect(moveBoundary(index, b, 'start', 1, 'T')).toBeNull(); // would be "　"
    expect(moveBoundary(index, b, 'end', 1, 'T')!.text).toBe('丙　丁');
  });
});
