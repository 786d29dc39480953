import { describe, it, expect } from 'vitest';
import { DocumentSession, type AnnotationStore } from '../../src/app/documentSession';
import type { Annotation } from '../../src/domain/annotation';
import type { AnnotationChange } from '../../src/domain/change';
import type { MeetingDocument } from '../../src/domain/document';
import { DEFAULT_LABELS } from '../../src/domain/labels';
import { cp, u16 } from '../../src/domain/units';

/** Python's text[start:end] on code points. */
const pySlice = (text: string, start: number, end: number): string =>
  Array.from(text).slice(start, end).join('');

const TEXT = '主持人：𠮷野家的👩‍💻说，预算不够。　我们应当增加预算。\n';
const DOC: MeetingDocument = {
  id: 'doc-1',
  title: '例会',
  text: TEXT,
  format: 'plain',
  meta: {},
  createdAt: '2024-05-01T00:00:00.000Z',
  updatedAt: '2024-05-01T00:00:00.000Z',
};

/** The UTF-16 range of the `occurrence`-th `needle` in TEXT, as the editor would report it. */
function range(needle: string, occurrence = 0) {
  let at = -1;
  for (let k = 0; k <= occurrence; k++) {
    at = TEXT.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`test setup: ${needle} not found`);
  }
  return { start: u16(at), end: u16(at + needle.length) };
}

function stored(id: string, label: string, needle: string): Annotation {
  const at = TEXT.indexOf(needle);
  const start = Array.from(TEXT.slice(0, at)).length;
  const end = start + Array.from(needle).length;
  return { id, label, start: cp(start), end: cp(end), text: needle, createdAt: 'T0', updatedAt: 'T0' };
}

/** An in-memory store that records every change, and can be told to fail or to wait. */
class FakeStore implements AnnotationStore {
  readonly saved = new Map<string, Annotation>();
  readonly calls: AnnotationChange[] = [];
  failWith: Error | null = null;
  /** When set, each call waits until the test releases it. */
  manual = false;
  private waiting: (() => void)[] = [];
  private arrivals: (() => void)[] = [];

  constructor(private readonly log: string[], private readonly session: () => DocumentSession | undefined) {}

  async applyChange(docId: string, change: AnnotationChange): Promise<void> {
    expect(docId).toBe(DOC.id);
    this.calls.push(change);
    const visible = this.session()?.getSnapshot().annotations.map((a) => a.id) ?? [];
    this.log.push(`store ${describeChange(change)} (visible: ${visible.length})`);
    if (this.manual) {
      const released = new Promise<void>((resolve) => this.waiting.push(resolve));
      for (const notify of this.arrivals.splice(0)) notify();
      await released;
    }
    if (this.failWith) throw this.failWith;
    for (const a of change.removed) this.saved.delete(a.id);
    for (const a of change.added) this.saved.set(a.id, a);
  }

  get pendingCalls(): number {
    return this.waiting.length;
  }

  /** Resolves once a write is waiting to be released. */
  nextPending(): Promise<void> {
    if (this.waiting.length > 0) return Promise.resolve();
    return new Promise<void>((resolve) => this.arrivals.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (!next) throw new Error('test setup: nothing to release');
    next();
  }
}

function describeChange(c: AnnotationChange): string {
  return `+[${c.added.map((a) => a.text).join(',')}] -[${c.removed.map((a) => a.text).join(',')}]`;
}

function setup(initial: Annotation[] = []) {
  const log: string[] = [];
  const errors: string[] = [];
  const sinkCalls: AnnotationChange[] = [];
  let session: DocumentSession | undefined;
  const store = new FakeStore(log, () => session);
  let tick = 0;
  const now = () => `2024-06-01T00:00:${String(tick++).padStart(2, '0')}.000Z`;
  session = new DocumentSession(DOC, initial, store, DEFAULT_LABELS, (m) => errors.push(m), now);
  session.connect((change) => {
    sinkCalls.push(change);
    log.push(`sink ${describeChange(change)}`);
  });
  return { session, store, log, errors, sinkCalls };
}

const texts = (s: DocumentSession) => s.getSnapshot().annotations.map((a) => a.text);
const copy = (s: DocumentSession) => structuredClone(s.getSnapshot().annotations) as Annotation[];

describe('DocumentSession: tagging', () => {
  it('writes to the store before the state and the sink see the change', async () => {
    const { session, store, log, sinkCalls } = setup();
    expect(session.tag(range('预算不够'), 'problem')).not.toBeNull();
    // Queued, not yet visible.
    expect(session.getSnapshot().save.kind).toBe('saving');
    expect(session.getSnapshot().annotations).toEqual([]);
    await session.idle();
    expect(log).toEqual(['store +[预算不够] -[] (visible: 0)', 'sink +[预算不够] -[]']);
    const [a] = session.getSnapshot().annotations;
    expect(a).toMatchObject({ label: 'problem', text: '预算不够', createdAt: '2024-06-01T00:00:00.000Z' });
    expect(a!.text).toBe(pySlice(TEXT, a!.start, a!.end));
    expect(store.saved.get(a!.id)).toEqual(a);
    expect(sinkCalls).toEqual([{ added: [a], removed: [] }]);
    expect(session.getSnapshot().save).toEqual({ kind: 'saved' });
    expect(session.getSnapshot().selectedId).toBe(a!.id);
    expect(session.getSnapshot().canUndo).toBe(true);
  });

  it('does not show the change while the store is still writing', async () => {
    const { session, store, sinkCalls } = setup();
    store.manual = true;
    session.tag(range('预算不够'), 'problem');
    const idle = session.idle();
    await store.nextPending();
    expect(store.pendingCalls).toBe(1);
    expect(session.getSnapshot().annotations).toEqual([]);
    expect(sinkCalls).toEqual([]);
    store.release();
    await idle;
    expect(texts(session)).toEqual(['预算不够']);
  });

  it('lists annotations in text order (start, then longer first)', async () => {
    const { session } = setup();
    session.tag(range('增加预算'), 'recommendation');
    session.tag(range('𠮷野家'), 'proposal');
    session.tag(range('我们应当增加预算。'), 'proposal');
    session.tag(range('𠮷野家的👩‍💻说'), 'response');
    await session.idle();
    expect(texts(session)).toEqual(['𠮷野家的👩‍💻说', '𠮷野家', '我们应当增加预算。', '增加预算']);
    for (const a of session.getSnapshot().annotations) expect(a.text).toBe(pySlice(TEXT, a.start, a.end));
    // Offsets are code points: 𠮷 is at code point 4, and 👩‍💻 counts 3.
    const first = session.getSnapshot().annotations[0]!;
    expect([first.start, first.end]).toEqual([4, 4 + 4 + 3 + 1]);
  });

  it('trims the selection and widens it to whole characters', async () => {
    const { session } = setup();
    const r = range('👩‍💻');
    // From the middle of 👩‍💻 to the U+3000 after 。
    expect(session.tag({ start: u16(r.start + 1), end: u16(TEXT.indexOf('　') + 1) }, 'problem')).not.toBeNull();
    await session.idle();
    expect(texts(session)).toEqual(['👩‍💻说，预算不够。']);
  });

  it('returns false and stores nothing for a whitespace-only selection or an unknown label', async () => {
    const { session, store, sinkCalls } = setup();
    const space = TEXT.indexOf('　');
    expect(session.tag({ start: u16(space), end: u16(space + 1) }, 'problem')).toBeNull();
    expect(session.tag({ start: u16(TEXT.length - 1), end: u16(TEXT.length) }, 'problem')).toBeNull();
    expect(session.tag({ start: u16(3), end: u16(3) }, 'problem')).toBeNull();
    expect(session.tag(range('预算不够'), 'no-such-label')).toBeNull();
    await session.idle();
    expect(store.calls).toEqual([]);
    expect(sinkCalls).toEqual([]);
    expect(session.getSnapshot().annotations).toEqual([]);
    expect(session.getSnapshot().save).toEqual({ kind: 'saved' });
    expect(session.getSnapshot().canUndo).toBe(false);
  });
});

describe('DocumentSession: editing the selected annotation', () => {
  it('relabels, moves and deletes, each stored as a diff', async () => {
    const { session, store } = setup();
    session.tag(range('野家'), 'proposal');
    await session.idle();
    const id = session.getSnapshot().selectedId!;
    const original = session.find(id)!;

    session.relabelSelected('problem');
    await session.idle();
    const relabelled = session.find(id)!;
    expect(relabelled.label).toBe('problem');
    expect(relabelled.updatedAt).not.toBe(original.updatedAt);
    expect(store.calls[1]).toEqual({ added: [relabelled], removed: [original] });

    // Relabelling to the same label is no change at all.
    session.relabelSelected('problem');
    await session.idle();
    expect(store.calls).toHaveLength(2);

    session.moveSelected('start', -1); // over 𠮷: one code point
    await session.idle();
    expect(session.find(id)!.text).toBe('𠮷野家');
    expect(session.find(id)!.start).toBe(original.start - 1);
    session.moveSelected('end', 1);
    session.moveSelected('end', 1); // over 的, then over 👩‍💻 as a whole
    await session.idle();
    expect(session.find(id)!.text).toBe('𠮷野家的👩‍💻');
    expect(session.find(id)!.end).toBe(original.end + 1 + 3);
    expect(session.find(id)!.label).toBe('problem');
    expect(session.getSnapshot().selectedId).toBe(id);

    session.deleteSelected();
    await session.idle();
    expect(session.getSnapshot().annotations).toEqual([]);
    expect(session.getSnapshot().selectedId).toBeNull();
    expect(store.saved.size).toBe(0);
  });

  it('does nothing without a selection', async () => {
    const { session, store } = setup([stored('a', 'proposal', '预算不够')]);
    session.relabelSelected('problem');
    session.moveSelected('end', 1);
    session.deleteSelected();
    await session.idle();
    expect(store.calls).toEqual([]);
    expect(texts(session)).toEqual(['预算不够']);
    expect(session.getSnapshot().save).toEqual({ kind: 'saved' });
  });

  it('refuses a boundary move that would empty the annotation', async () => {
    const { session, store } = setup([stored('a', 'proposal', '𠮷')]);
    session.select('a');
    session.moveSelected('end', -1);
    session.moveSelected('start', 1);
    await session.idle();
    expect(store.calls).toEqual([]);
    expect(session.find('a')!.text).toBe('𠮷');
  });
});

describe('DocumentSession: undo and redo', () => {
  it('restores every earlier state exactly (each undo and redo is stamped as a new edit), and redo replays them', async () => {
    /** A state without the stamps: an undo or redo puts back the same content with a new updatedAt. */
    const content = (list: readonly Annotation[]) => list.map(({ updatedAt: _u, ...rest }) => rest);
    const { session, store } = setup();
    const states: Annotation[][] = [copy(session)];
    session.tag(range('预算不够'), 'problem');
    await session.idle();
    states.push(copy(session));
    session.tag(range('增加预算'), 'recommendation');
    await session.idle();
    states.push(copy(session));
    session.relabelSelected('proposal');
    await session.idle();
    states.push(copy(session));
    session.moveSelected('start', -1);
    await session.idle();
    states.push(copy(session));
    session.select(session.getSnapshot().annotations[0]!.id);
    const deletedId = session.getSnapshot().selectedId!;
    session.deleteSelected();
    await session.idle();
    states.push(copy(session));
    expect(states.map((s) => s.length)).toEqual([0, 1, 2, 2, 2, 1]);

    for (let k = states.length - 2; k >= 0; k--) {
      session.undo();
      await session.idle();
      expect(content(session.getSnapshot().annotations)).toEqual(content(states[k]!));
      if (k === states.length - 2) {
        // Undoing the delete brings back the same annotation, id and all, and selects it.
        expect(content([session.find(deletedId)!])).toEqual(content([states[k - 1]!.find((a) => a.id === deletedId)!]));
        expect(session.getSnapshot().selectedId).toBe(deletedId);
      }
    }
    expect(session.getSnapshot().canUndo).toBe(false);
    expect(store.saved.size).toBe(0);

    for (let k = 1; k < states.length; k++) {
      session.redo();
      await session.idle();
      expect(content(session.getSnapshot().annotations)).toEqual(content(states[k]!));
    }
    expect(session.getSnapshot().canRedo).toBe(false);
    const stored = [...store.saved.values()].sort((a, b) => a.start - b.start);
    expect(content(stored)).toEqual(content(states[states.length - 1]!));
    // What the redos put back is stored with the time of the redo, later than the original edit.
    for (const a of stored) expect(a.updatedAt > states[states.length - 1]!.find((x) => x.id === a.id)!.updatedAt).toBe(true);
    expect(session.getSnapshot().annotations).toEqual(stored);
  });

  it('a new change after undo drops the redo history', async () => {
    const { session } = setup();
    session.tag(range('预算不够'), 'problem');
    session.undo();
    await session.idle();
    expect(session.getSnapshot().canRedo).toBe(true);
    session.tag(range('增加预算'), 'problem');
    await session.idle();
    expect(session.getSnapshot().canRedo).toBe(false);
    session.redo();
    await session.idle();
    expect(texts(session)).toEqual(['增加预算']);
  });

  it('undo and redo with nothing to do change nothing', async () => {
    const { session, store, sinkCalls } = setup([stored('a', 'proposal', '预算不够')]);
    session.undo();
    session.redo();
    await session.idle();
    expect(store.calls).toEqual([]);
    expect(sinkCalls).toEqual([]);
    expect(texts(session)).toEqual(['预算不够']);
  });
});

describe('DocumentSession: selectAmong', () => {
  it('selects the innermost first, then walks outwards and wraps', () => {
    const outer = stored('outer', 'proposal', '我们应当增加预算。');
    const mid = stored('mid', 'problem', '应当增加预算');
    const inner = stored('inner', 'response', '增加');
    const { session } = setup([mid, outer, inner]);
    const ids = ['outer', 'inner', 'mid', 'gone'];
    const seen: (string | null)[] = [];
    for (let k = 0; k < 4; k++) {
      session.selectAmong(ids);
      seen.push(session.getSnapshot().selectedId);
    }
    expect(seen).toEqual(['inner', 'mid', 'outer', 'inner']);
    session.selectAmong(['gone']);
    expect(session.getSnapshot().selectedId).toBeNull();
  });

  it('starts from the innermost when the selection is elsewhere', () => {
    const { session } = setup([stored('a', 'proposal', '预算不够。'), stored('b', 'problem', '预算'), stored('c', 'problem', '主持人')]);
    session.select('c');
    session.selectAmong(['a', 'b']);
    expect(session.getSnapshot().selectedId).toBe('b');
  });
});

describe('DocumentSession: storage failures', () => {
  it('leaves the annotations unchanged, reports the error and draws nothing', async () => {
    const { session, store, errors, sinkCalls } = setup([stored('a', 'proposal', '预算不够')]);
    session.select('a');
    const before = session.getSnapshot().annotations;
    store.failWith = new Error('storage is full');

    expect(session.tag(range('增加预算'), 'problem')).not.toBeNull();
    expect(session.getSnapshot().selectedId).not.toBe('a'); // the new span, selected at once
    session.select('a');
    session.relabelSelected('problem');
    session.deleteSelected();
    await session.idle();

    expect(session.getSnapshot().annotations).toEqual(before);
    expect(session.getSnapshot().save).toEqual({ kind: 'failed', message: 'storage is full' });
    expect(errors).toEqual(['storage is full', 'storage is full', 'storage is full']);
    expect(sinkCalls).toEqual([]);
    expect(store.calls).toHaveLength(3);
    expect(session.getSnapshot().canUndo).toBe(false);
    expect(session.getSnapshot().selectedId).toBe('a');

    // Once the store works again, the next change is saved.
    store.failWith = null;
    session.relabelSelected('response');
    await session.idle();
    expect(session.find('a')!.label).toBe('response');
    expect(session.getSnapshot().save).toEqual({ kind: 'saved' });
    expect(sinkCalls).toHaveLength(1);
  });

  it('keeps the undo history when an undo fails to store', async () => {
    const { session, store, errors } = setup();
    session.tag(range('预算不够'), 'problem');
    await session.idle();
    store.failWith = new Error('storage is full');
    session.undo();
    await session.idle();
    expect(texts(session)).toEqual(['预算不够']);
    expect(session.getSnapshot().canUndo).toBe(true);
    expect(session.getSnapshot().canRedo).toBe(false);
    expect(errors).toEqual(['storage is full']);
    store.failWith = null;
    session.undo();
    await session.idle();
    expect(texts(session)).toEqual([]);
    expect(session.getSnapshot().canRedo).toBe(true);
  });

  it('reports a non-Error rejection as text', async () => {
    const store: AnnotationStore = { applyChange: () => Promise.reject('quota exceeded') };
    const errors: string[] = [];
    const session = new DocumentSession(DOC, [], store, DEFAULT_LABELS, (m) => errors.push(m));
    session.tag(range('预算'), 'problem');
    await session.idle();
    expect(errors).toEqual(['quota exceeded']);
    expect(session.getSnapshot().save).toEqual({ kind: 'failed', message: 'quota exceeded' });
    expect(session.getSnapshot().annotations).toEqual([]);
  });
});

describe('DocumentSession: queue', () => {
  it('an operation acts on the span selected when its key was pressed, not when its turn comes', async () => {
    const { session, store } = setup([stored('a', 'proposal', '预算不够'), stored('b', 'problem', '增加预算')]);
    store.manual = true;
    session.select('a');
    session.relabelSelected('response'); // in flight
    session.deleteSelected(); // queued: must delete a
    session.select('b');
    const idle = session.idle();
    for (let k = 0; k < 2; k++) {
      await store.nextPending();
      store.release();
    }
    await idle;
    expect(session.getSnapshot().annotations.map((x) => x.id)).toEqual(['b']);
    expect(session.getSnapshot().selectedId).toBe('b');
  });

  it('a listener that throws is reported and does not stop the queue', async () => {
    const { session, errors } = setup();
    let calls = 0;
    session.subscribe(() => {
      calls++;
      throw new Error('drawing failed');
    });
    session.tag(range('预算不够'), 'problem');
    session.tag(range('增加预算'), 'recommendation');
    await session.idle();
    expect(calls).toBeGreaterThan(0);
    expect(errors.some((e) => e.includes('drawing failed'))).toBe(true);
    expect(texts(session).sort()).toEqual(['增加预算', '预算不够'].sort());
    expect(session.getSnapshot().save).toEqual({ kind: 'saved' });
  });

  it('a label key right after tagging relabels the new span before it is stored', async () => {
    const { session, store } = setup();
    store.manual = true;
    session.tag(range('预算不够'), 'problem');
    session.relabelSelected('response');
    const idle = session.idle();
    for (let k = 0; k < 2; k++) {
      await store.nextPending();
      store.release();
    }
    await idle;
    expect(session.getSnapshot().annotations.map((x) => x.label)).toEqual(['response']);
  });

  it('an external change forgets only the undo steps that touch the annotations it changed', async () => {
    const { session } = setup();
    session.tag(range('预算不够'), 'problem');
    session.tag(range('增加预算'), 'recommendation');
    await session.idle();
    const [first, second] = session.getSnapshot().annotations;
    // Another tab relabels the second span.
    const changedElsewhere = { ...second!, label: 'response', updatedAt: 'later' };
    session.refreshFromStore(async () => [first!, changedElsewhere]);
    await session.idle();
    session.undo(); // cannot undo the second tag any more: undoes the first
    await session.idle();
    expect(session.getSnapshot().annotations).toEqual([changedElsewhere]);
    expect(session.getSnapshot().canUndo).toBe(false);
  });

  it('runs operations queued quickly one at a time, in order, each against the state before it', async () => {
    const { session, store, log } = setup();
    store.manual = true;
    session.tag(range('野家'), 'proposal');
    session.relabelSelected('problem'); // applies to the annotation just tagged
    session.moveSelected('end', 1);
    session.tag(range('预算不够'), 'problem');
    session.undo(); // undoes the second tag
    const idle = session.idle();
    for (let k = 0; k < 5; k++) {
      // Wait for the queue to reach the store, then check that only one write is in flight.
      await store.nextPending();
      expect(store.pendingCalls).toBe(1);
      store.release();
    }
    await idle;
    expect(log.filter((l) => l.startsWith('store'))).toEqual([
      'store +[野家] -[] (visible: 0)',
      'store +[野家] -[野家] (visible: 1)',
      'store +[野家的] -[野家] (visible: 1)',
      'store +[预算不够] -[] (visible: 1)',
      'store +[] -[预算不够] (visible: 2)',
    ]);
    expect(store.calls[1]!.added[0]!.label).toBe('problem');
    expect(texts(session)).toEqual(['野家的']);
    expect(session.getSnapshot().save).toEqual({ kind: 'saved' });
  });

  it('notifies subscribers and keeps the snapshot stable between changes', async () => {
    const { session } = setup();
    let notified = 0;
    const unsubscribe = session.subscribe(() => notified++);
    const first = session.getSnapshot();
    expect(session.getSnapshot()).toBe(first);
    session.tag(range('预算'), 'problem');
    await session.idle();
    expect(notified).toBeGreaterThanOrEqual(2); // saving, then saved
    expect(session.getSnapshot()).not.toBe(first);
    unsubscribe();
    const count = notified;
    session.undo();
    await session.idle();
    expect(notified).toBe(count);
  });
});

describe('DocumentSession: refreshFromStore', () => {
  it('applies the difference without writing to the store or adding undo history', async () => {
    const a = stored('a', 'proposal', '预算不够');
    const b = stored('b', 'problem', '增加预算');
    const { session, store, sinkCalls } = setup([a, b]);
    const a2 = { ...a, label: 'response', updatedAt: 'T1' };
    const c = stored('c', 'proposal', '主持人');
    session.refreshFromStore(async () => [c, a2]);
    await session.idle();
    expect(store.calls).toEqual([]);
    expect(session.getSnapshot().annotations).toEqual([c, a2]);
    expect(session.getSnapshot().canUndo).toBe(false);
    expect(sinkCalls).toHaveLength(1);
    const change = sinkCalls[0]!;
    expect(change.added.map((x) => x.id).sort()).toEqual(['a', 'c']);
    expect(change.removed.map((x) => x.id).sort()).toEqual(['a', 'b']);
    expect(session.getSnapshot().save).toEqual({ kind: 'saved' });
  });

  it('sends nothing when the stored annotations are the same, and keeps this tab’s undo', async () => {
    const { session, sinkCalls } = setup();
    session.tag(range('预算不够'), 'problem');
    await session.idle();
    const current = session.getSnapshot().annotations;
    const sinkBefore = sinkCalls.length;
    session.refreshFromStore(async () => [...current]);
    await session.idle();
    expect(sinkCalls).toHaveLength(sinkBefore);
    // Another tab added one; undo still undoes this tab's tag only.
    const other = stored('other', 'proposal', '主持人');
    session.refreshFromStore(async () => [...current, other]);
    await session.idle();
    expect(texts(session)).toEqual(['主持人', '预算不够']);
    expect(session.getSnapshot().canUndo).toBe(true);
    session.undo();
    await session.idle();
    expect(texts(session)).toEqual(['主持人']);
  });

  it('drops the selection when the selected annotation was deleted elsewhere', async () => {
    const { session } = setup([stored('a', 'proposal', '预算不够')]);
    session.select('a');
    session.refreshFromStore(async () => []);
    await session.idle();
    expect(session.getSnapshot().selectedId).toBeNull();
    expect(session.getSnapshot().annotations).toEqual([]);
  });
});
