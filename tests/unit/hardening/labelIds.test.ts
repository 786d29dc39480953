import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS, type Label } from '../../../src/domain/labels';
import { addLabel, setLabelKey, withAddedLabels } from '../../../src/domain/labelSet';
import { exportFormat, importBrat, importDoccano, importLabelStudio } from '../../../src/io/formats';
import { parseNative } from '../../../src/io/native';
import { Library } from '../../../src/storage/library';

const T = '2024-05-01T08:00:00.000Z';
const BAD_IDS = ['__proto__', 'none', 'constructor', 'a b', 'x'.repeat(5000), 'ab\u202Ecd', '<b>x</b>', 'a,b', 'a|b', 'tab\there', 'zw\u200bj'];

function backup(labels: Partial<Label>[]): string {
  return JSON.stringify({
    format: 'yishi.annotations',
    version: 2,
    offsetUnit: 'codepoint',
    labels: labels.map((l) => ({ name: l.id, color: '#123456', ...l })),
    documents: [{ id: 'd', title: 't', text: '会议', createdAt: T, updatedAt: T, annotations: [] }],
  });
}

describe('one validation for label ids and keys on every way in', () => {
  for (const id of BAD_IDS) {
    const shown = JSON.stringify(id.slice(0, 12));
    it(`the label editor, the label set's last gate, imports and restore all refuse the id ${shown}`, () => {
      expect(() => addLabel(DEFAULT_LABELS, id, 'x')).toThrow(RangeError);
      expect(() => withAddedLabels(DEFAULT_LABELS, [id])).toThrow(RangeError);
      const ls = JSON.stringify([{ id: 1, data: { text: '会议记录' }, annotations: [{ result: [{ id: 'r', type: 'labels', value: { start: 0, end: 2, text: '会议', labels: [id] } }] }] }]);
      expect(() => importLabelStudio(ls, 'ls.json')).toThrow(/label id/);
      expect(() => importDoccano(`${JSON.stringify({ text: '会议记录', label: [[0, 2, id]] })}\n`, 'd.jsonl')).toThrow(/label id/);
      expect(() => parseNative(backup([{ id, key: '' }]), 'b.json')).toThrow(expect.objectContaining({ problems: expect.arrayContaining([expect.stringMatching(/labels\[0\].*id: .*(reserved|label id)/)]) }));
    });
  }

  it('brat import refuses a type the label editor would refuse', () => {
    expect(() => importBrat([{ path: 'a.txt', content: '会议记录' }, { path: 'a.ann', content: 'T1\tnone 0 2\t会议\n' }], 'pair')).toThrow(/reserved/);
  });

  it('accepts ordinary ids, Chinese ones included', () => {
    expect(addLabel(DEFAULT_LABELS, '诉求', '诉求').at(-1)!.id).toBe('诉求');
    expect(parseNative(backup([{ id: '诉求', key: '5' }, { id: 'risk_1', key: '' }]), 'b.json').labels.map((l) => l.id)).toEqual(['诉求', 'risk_1']);
  });

  it('restore refuses the keys the record view uses, a key used twice and named keys', () => {
    for (const [labels, message] of [
      [[{ id: 'a', key: 's' }], /labels \(id a\): key: The key "s" is used by the record view/],
      [[{ id: 'a', key: 'J' }], /key "J" is used by the record view/],
      [[{ id: 'a', key: '1' }, { id: 'b', key: '1' }], /labels \(id b\): key: the key "1" is also the key of "a"/],
      [[{ id: 'a', key: 'Delete' }], /A label key is one character, found "Delete"/],
      [[{ id: 'a', key: ' ' }], /key " " is used by the record view/],
    ] as const) {
      expect(() => parseNative(backup(labels as unknown as Partial<Label>[]), 'b.json'), JSON.stringify(labels)).toThrow(
        expect.objectContaining({ problems: expect.arrayContaining([expect.stringMatching(message)]) }),
      );
    }
    // A retired label's key is dropped as before; the same key on an active one is fine.
    expect(parseNative(backup([{ id: 'a', key: '1' }, { id: 'b', key: '1', retired: true }]), 'b.json').labels[1]!.key).toBe('');
  });

  it('the label editor refuses the review keys j and k too', () => {
    expect(() => setLabelKey(DEFAULT_LABELS, 'problem', 'j')).toThrow(/used by the record view/);
  });

  it('stats.json counts a label id "__proto__" already stored (a Map, not {})', () => {
    const labels = [...DEFAULT_LABELS, { id: '__proto__', name: 'p', nameEn: 'p', color: '#123456', key: '' }];
    const text = '会议记录';
    const out = exportFormat('jsonl').export(
      {
        documents: [{ document: { id: 'd', title: 't', text, format: 'plain', meta: {}, createdAt: T, updatedAt: T }, annotations: [{ id: 'a', label: '__proto__', start: 0 as never, end: 2 as never, text: '会议', createdAt: T, updatedAt: T }] }],
        labels,
        exportedAt: T,
      },
      {},
    );
    const stats = JSON.parse(out.files.find((f) => f.path.endsWith('stats.json'))!.content as string);
    expect(Object.getOwnPropertyDescriptor(stats.spans_per_label, '__proto__')?.value).toBe(1);
    expect(stats.spans_per_label.proposal).toBe(0);
  });
});

describe('labels are added with the records that use them', () => {
  const item = (id: string, label: string) => ({
    document: { id, title: id, text: '同一段会议记录', format: 'plain' as const, meta: {}, createdAt: T, updatedAt: T },
    annotations: [{ id: `${id}-a`, label, start: 0 as never, end: 2 as never, text: '同一', createdAt: T, updatedAt: T }],
  });

  it('adds no label when the file’s only record was skipped, and adds it when a record is stored', async () => {
    const library = await Library.open(`labels-with-records-${Date.now()}`);
    const first = await library.importDocuments([item('d1', 'risk')], { base: DEFAULT_LABELS, ids: ['risk'] });
    expect(first.labels?.map((l) => l.id)).toEqual([...DEFAULT_LABELS.map((l) => l.id), 'risk']);
    // The same text under another id is skipped: its new label is not added.
    const second = await library.importDocuments([item('d2', 'other')], { base: first.labels!, ids: ['other'] });
    expect(second.skipped).toHaveLength(1);
    expect(second.labels).toBeUndefined();
    expect((await library.getLabels())!.map((l) => l.id)).not.toContain('other');
    library.db.close();
  });
});
