import { describe, expect, it } from 'vitest';
import { DocumentSession, type AnnotationStore } from '../../src/app/documentSession';
import type { Annotation } from '../../src/domain/annotation';
import type { AnnotationChange } from '../../src/domain/change';
import type { MeetingDocument } from '../../src/domain/document';
import { setAttributes } from '../../src/domain/edits';
import { DEFAULT_LABELS } from '../../src/domain/labels';
import {
  defaultRelationType,
  deleteChange,
  linkChange,
  relationChains,
  relationsOf,
  unlinkChange,
} from '../../src/domain/relations';
import { cp, u16 } from '../../src/domain/units';

const TEXT = '马丽娟委员表示，目前产业链未形成配套。建议建设产业技术研究院。市工业和信息化局：将全面实施“链长制”。';
const DOC: MeetingDocument = {
  id: 'doc-r',
  title: '会议',
  text: TEXT,
  format: 'plain',
  meta: {},
  createdAt: '2024-05-01T00:00:00.000Z',
  updatedAt: '2024-05-01T00:00:00.000Z',
};

function stored(id: string, label: string, needle: string): Annotation {
  const at = TEXT.indexOf(needle);
  if (at < 0) throw new Error(`test setup: ${needle} not found`);
  const start = Array.from(TEXT.slice(0, at)).length;
  return { id, label, start: cp(start), end: cp(start + Array.from(needle).length), text: needle, createdAt: 'T0', updatedAt: 'T0' };
}

const problem = stored('p', 'problem', '目前产业链未形成配套');
const rec = stored('r', 'recommendation', '建设产业技术研究院');
const resp = stored('s', 'response', '将全面实施“链长制”');

function apply(list: Annotation[], change: AnnotationChange | null): Annotation[] {
  if (!change) return list;
  const gone = new Set([...change.removed, ...change.added].map((a) => a.id));
  return [...list.filter((a) => !gone.has(a.id)), ...change.added];
}

describe('relations (pure)', () => {
  it('picks the default type from the labels at both ends', () => {
    expect(defaultRelationType('recommendation', 'problem')).toBe('addresses');
    expect(defaultRelationType('proposal', 'problem')).toBe('addresses');
    expect(defaultRelationType('response', 'recommendation')).toBe('responds_to');
    expect(defaultRelationType('response', 'problem')).toBe('responds_to');
    expect(defaultRelationType('problem', 'problem')).toBe('addresses');
  });

  it('links, reads out and unlinks; the link lives on the source span', () => {
    let list = [problem, rec, resp];
    list = apply(list, linkChange(rec, problem, 'addresses', 'T1', 'rel-1'));
    const recNow = list.find((a) => a.id === 'r')!;
    list = apply(list, linkChange(resp, recNow, 'responds_to', 'T1', 'rel-2'));
    expect(relationsOf(list)).toEqual([
      { id: 'rel-1', type: 'addresses', from: 'r', to: 'p' },
      { id: 'rel-2', type: 'responds_to', from: 's', to: 'r' },
    ]);
    expect(list.find((a) => a.id === 'r')!.updatedAt).toBe('T1');
    // The same relation twice is nothing to do.
    expect(linkChange(list.find((a) => a.id === 'r')!, problem, 'addresses', 'T2')).toBeNull();
    list = apply(list, unlinkChange(list.find((a) => a.id === 'r')!, 'rel-1', 'T2'));
    expect(relationsOf(list).map((r) => r.id)).toEqual(['rel-2']);
    expect(list.find((a) => a.id === 'r')!.links).toBeUndefined();
    expect(unlinkChange(rec, 'nope', 'T3')).toBeNull();
  });

  it('refuses a relation from a span to itself and a type that is not an identifier', () => {
    expect(() => linkChange(rec, rec, 'addresses', 'T1')).toThrow(RangeError);
    expect(() => linkChange(rec, problem, 'has space', 'T1')).toThrow(/not a plain identifier/);
  });

  it('deleting a span removes the relations that end at it; the inverse restores both', () => {
    let list = [problem, rec, resp];
    list = apply(list, linkChange(rec, problem, 'addresses', 'T1', 'rel-1'));
    const change = deleteChange(list, problem, 'T2');
    expect(change.removed.map((a) => a.id).sort()).toEqual(['p', 'r']);
    expect(change.added.map((a) => a.id)).toEqual(['r']);
    const after = apply(list, change);
    expect(after.map((a) => a.id).sort()).toEqual(['r', 's']);
    expect(relationsOf(after)).toEqual([]);
    const undone = apply(after, { added: change.removed, removed: change.added });
    expect(relationsOf(undone)).toEqual([{ id: 'rel-1', type: 'addresses', from: 'r', to: 'p' }]);
  });

  it('skips dangling relations (a target deleted elsewhere)', () => {
    const orphanLink: Annotation = { ...rec, links: [{ id: 'x', type: 'addresses', to: 'gone' }] };
    expect(relationsOf([orphanLink, problem])).toEqual([]);
  });

  it('builds problem → recommendation → response chains in text order', () => {
    let list = [problem, rec, resp];
    list = apply(list, linkChange(rec, problem, 'addresses', 'T1', 'rel-1'));
    list = apply(list, linkChange(resp, list.find((a) => a.id === 'r')!, 'responds_to', 'T1', 'rel-2'));
    const rel1 = { id: 'rel-1', type: 'addresses', from: 'r', to: 'p' };
    const rel2 = { id: 'rel-2', type: 'responds_to', from: 's', to: 'r' };
    expect(relationChains(list)).toEqual({
      chains: [{ problem: 'p', steps: [{ measure: 'r', addresses: rel1, responses: [rel2] }] }],
      others: [],
    });
    // A response to a recommendation that addresses no problem still forms a chain.
    const loose = apply([problem, rec, resp], linkChange(resp, rec, 'responds_to', 'T1', 'rel-3'));
    expect(relationChains(loose)).toEqual({
      chains: [{ problem: null, steps: [{ measure: 'r', addresses: null, responses: [{ ...rel2, id: 'rel-3' }] }] }],
      others: [],
    });
    // A measure addressing two problems: its responses are listed once, under the first chain;
    // a relation of another type lands in others. Every relation appears exactly once.
    const p2 = stored('p2', 'problem', '马丽娟委员');
    let two = apply([p2, ...list], linkChange(list.find((a) => a.id === 'r')!, p2, 'addresses', 'T2', 'rel-4'));
    two = apply(two, linkChange(two.find((a) => a.id === 'p')!, p2, 'cites', 'T2', 'rel-5'));
    const overview = relationChains(two.sort((a, b) => a.start - b.start));
    const listed = [
      ...overview.chains.flatMap((c) => c.steps.flatMap((st) => [st.addresses, ...st.responses])),
      ...overview.others,
    ].filter(Boolean).map((r) => r!.id);
    expect(listed.sort()).toEqual(['rel-1', 'rel-2', 'rel-4', 'rel-5']);
    expect(overview.chains[0]!.problem).toBe('p2');
    expect(overview.others.map((r) => r.id)).toEqual(['rel-5']);
  });
});

describe('span attributes', () => {
  it('sets, trims, clears, and reports no change as null', () => {
    const a = setAttributes(rec, { speaker: '  马丽娟委员 ', note: '见附件' }, 'T1')!;
    expect(a).toMatchObject({ speaker: '马丽娟委员', note: '见附件', updatedAt: 'T1' });
    expect(setAttributes(a, { speaker: '马丽娟委员' }, 'T2')).toBeNull();
    const cleared = setAttributes(a, { note: '' }, 'T2')!;
    expect('note' in cleared).toBe(false);
    expect(cleared.speaker).toBe('马丽娟委员');
    expect(() => setAttributes(a, { note: 'x'.repeat(10_001) }, 'T3')).toThrow(RangeError);
  });
});

class MemoryStore implements AnnotationStore {
  readonly saved = new Map<string, Annotation>();
  async applyChange(_docId: string, change: AnnotationChange): Promise<void> {
    for (const a of change.removed) this.saved.delete(a.id);
    for (const a of change.added) this.saved.set(a.id, a);
  }
}

function session(initial: Annotation[] = [problem, rec, resp]) {
  const store = new MemoryStore();
  for (const a of initial) store.saved.set(a.id, a);
  const errors: string[] = [];
  let t = 0;
  const s = new DocumentSession(DOC, initial, store, DEFAULT_LABELS, (m) => errors.push(m), () => `T${++t}`);
  return { s, store, errors };
}

describe('DocumentSession: attributes, relations, annotator', () => {
  it('stamps the annotator and a manual origin on a new span', async () => {
    const { s, store } = session([]);
    s.setAnnotator('  王分析 ');
    const at = TEXT.indexOf('建议');
    s.tag({ start: u16(at), end: u16(at + 2) }, 'recommendation');
    await s.idle();
    const [a] = [...store.saved.values()];
    expect(a).toMatchObject({ annotator: '王分析', origin: { kind: 'manual' } });
  });

  it('edits speaker and note through the store, and undo restores them', async () => {
    const { s, store } = session();
    s.updateAttributes('r', { speaker: '马丽娟委员', note: '重点' });
    await s.idle();
    expect(store.saved.get('r')).toMatchObject({ speaker: '马丽娟委员', note: '重点' });
    expect(s.find('r')).toMatchObject({ speaker: '马丽娟委员' });
    s.undo();
    await s.idle();
    expect(store.saved.get('r')!.speaker).toBeUndefined();
  });

  it('links with the default type, deletes a span with its relations, and one undo restores both', async () => {
    const { s, store, errors } = session();
    s.link('r', 'p');
    s.link('s', 'r');
    await s.idle();
    const stored = () => relationsOf([...store.saved.values()]).map((r) => `${r.from}-${r.type}->${r.to}`).sort();
    expect(stored()).toEqual(['r-addresses->p', 's-responds_to->r']);
    s.select('r');
    s.deleteSelected();
    await s.idle();
    expect(store.saved.has('r')).toBe(false);
    expect(stored()).toEqual([]);
    expect(relationsOf(s.getSnapshot().annotations)).toEqual([]);
    s.undo();
    await s.idle();
    expect(stored()).toEqual(['r-addresses->p', 's-responds_to->r']);
    expect(relationsOf(s.getSnapshot().annotations).length).toBe(2);
    const rel = relationsOf(s.getSnapshot().annotations).find((r) => r.from === 's')!;
    s.unlink('s', rel.id);
    await s.idle();
    expect(stored()).toEqual(['r-addresses->p']);
    expect(errors).toEqual([]);
  });
});
