import { describe, expect, it } from 'vitest';
import { DocumentSession, type AnnotationStore } from '../../src/app/documentSession';
import type { Annotation } from '../../src/domain/annotation';
import type { AnnotationChange } from '../../src/domain/change';
import { findAll } from '../../src/domain/find';
import { activeLabels, DEFAULT_LABELS, labelForKey } from '../../src/domain/labels';
import { addLabel, recolourLabel, renameLabel, restoreLabel, retireLabel, setLabelKey } from '../../src/domain/labelSet';
import { snapRange } from '../../src/domain/snap';
import { u16 } from '../../src/domain/units';

/** Python's text[start:end] on code points. */
const pySlice = (text: string, start: number, end: number) => Array.from(text).slice(start, end).join('');

describe('editing the label set', () => {
  it('adds a label with a free colour and key, renames and recolours it', () => {
    let labels = addLabel(DEFAULT_LABELS, 'risk', '风险', 'risk');
    expect(labels.at(-1)).toMatchObject({ id: 'risk', name: '风险', key: '5' });
    expect(new Set(labels.map((l) => l.color)).size).toBe(labels.length);
    labels = renameLabel(labels, 'risk', { name: '隐患' });
    labels = recolourLabel(labels, 'risk', '#AA4499');
    expect(labels.at(-1)).toMatchObject({ name: '隐患', nameEn: 'risk', color: '#aa4499' });
    expect(() => addLabel(labels, 'risk', 'x')).toThrow(/exists already/);
    expect(() => addLabel(labels, 'has space', 'x')).toThrow(/without white space/);
    expect(() => recolourLabel(labels, 'risk', 'red')).toThrow(/#rrggbb, found "red"/);
    expect(() => renameLabel(labels, 'nope', { name: 'x' })).toThrow(/No label with the id "nope"/);
    expect(() => renameLabel(labels, 'risk', { name: '  ' })).toThrow(/cannot be empty/);
  });

  it('reassigns a key by swapping, never doubling one; refuses reserved keys', () => {
    const labels = setLabelKey(DEFAULT_LABELS, 'response', '1');
    expect(labels.find((l) => l.id === 'response')!.key).toBe('1');
    expect(labels.find((l) => l.id === 'proposal')!.key).toBe('4');
    expect(new Set(labels.map((l) => l.key)).size).toBe(4);
    expect(() => setLabelKey(labels, 'problem', 'r')).toThrow(/used by the record view/);
    expect(() => setLabelKey(labels, 'problem', '12')).toThrow(/one character/);
  });

  it('retires a label (kept, not offered, key freed) and restores it', () => {
    const labels = retireLabel(DEFAULT_LABELS, 'proposal');
    expect(labels).toHaveLength(4);
    expect(activeLabels(labels).map((l) => l.id)).toEqual(['problem', 'recommendation', 'response']);
    expect(labelForKey(labels, '1')).toBeUndefined();
    const back = restoreLabel(labels, 'proposal');
    expect(back.find((l) => l.id === 'proposal')).toEqual({ ...DEFAULT_LABELS[0] });
    let one = retireLabel(retireLabel(retireLabel(DEFAULT_LABELS, 'proposal'), 'problem'), 'recommendation');
    expect(() => retireLabel(one, 'response')).toThrow(/last active label/);
    one = restoreLabel(one, 'problem');
    expect(activeLabels(one)).toHaveLength(2);
  });
});

describe('find in the record', () => {
  const text = '建议加快建设。\n再次建议：加快\n建设𠮷研究院。Chain chain CHAIN';
  it('finds every occurrence in code points, across a line break when the query has a space', () => {
    const found = findAll(text, '建议');
    expect(found.map((m) => pySlice(text, m.start, m.end))).toEqual(['建议', '建议']);
    const across = findAll(text, '加快 建设');
    expect(across).toHaveLength(1);
    expect(pySlice(text, across[0]!.start, across[0]!.end)).toBe('加快\n建设');
    const astral = findAll(text, '𠮷研究院');
    expect(pySlice(text, astral[0]!.start, astral[0]!.end)).toBe('𠮷研究院');
    expect(findAll(text, 'chain')).toHaveLength(3);
    expect(findAll(text, '  ')).toEqual([]);
    expect(findAll(text, '(.*)')).toEqual([]); // the query is text, not a pattern
    expect(findAll(text, '建', 2)).toHaveLength(2);
  });

  it('folds traditional and simplified characters, full- and half-width forms, each character to one (issue 17)', () => {
    const trad = '市民飼養寵物應當登記。問題：𠮷寵物店ＡＢＣ建議';
    const hit = findAll(trad, '宠物');
    expect(hit.map((m) => pySlice(trad, m.start, m.end))).toEqual(['寵物', '寵物']);
    expect(hit[1]!.start).toBe([...trad].indexOf('𠮷') + 1); // after an astral character: code points
    expect(findAll('饲养宠物', '寵物').map((m) => [m.start, m.end])).toEqual([[2, 4]]);
    expect(findAll(trad, '问题 ')).toHaveLength(1);
    expect(pySlice(trad, findAll(trad, 'abc')[0]!.start, findAll(trad, 'abc')[0]!.end)).toBe('ＡＢＣ');
    expect(findAll(trad, '建议')).toHaveLength(1);
  });
});

describe('snapping a new span', () => {
  const text = '马丽娟委员表示，目前产业链未形成配套；建议建设研究院。\n下一段，另一句。';
  const range = (needle: string) => {
    const at = text.indexOf(needle);
    return [u16(at), u16(at + needle.length)] as const;
  };
  const slice = (r: { start: number; end: number }) => text.slice(r.start, r.end);
  it('clause: widens to the clause, excluding its delimiters, never past a line break', () => {
    expect(slice(snapRange(text, ...range('产业链'), 'clause'))).toBe('目前产业链未形成配套');
    expect(slice(snapRange(text, ...range('，目前'), 'clause'))).toBe('目前产业链未形成配套');
    expect(slice(snapRange(text, ...range('研究院。'), 'clause'))).toBe('建议建设研究院');
    expect(slice(snapRange(text, ...range('下一'), 'clause'))).toBe('下一段');
    expect(slice(snapRange(text, ...range('，'), 'clause'))).toBe('，'); // only a delimiter: left as it is
  });
  it('word: widens to whole words (Intl.Segmenter zh); none leaves the range alone', () => {
    const r = snapRange(text, ...range('业链未形'), 'word');
    expect(slice(r).length).toBeGreaterThanOrEqual(4);
    expect(slice(r)).toContain('业链未形');
    expect(text.slice(r.start, r.end)).not.toContain('，');
    expect(slice(snapRange(text, ...range('业链'), 'none'))).toBe('业链');
  });
});

class MemoryStore implements AnnotationStore {
  readonly saved = new Map<string, Annotation>();
  calls = 0;
  async applyChange(_docId: string, change: AnnotationChange): Promise<void> {
    this.calls++;
    for (const a of change.removed) this.saved.delete(a.id);
    for (const a of change.added) this.saved.set(a.id, a);
  }
}

describe('DocumentSession: tag all matches, snapping', () => {
  const text = '建议加快建设。再次建议加快。';
  const doc = { id: 'd', title: 't', text, format: 'plain' as const, meta: {}, createdAt: 'T', updatedAt: 'T' };
  it('tags every match in one change and one undo step, skipping what is tagged already', async () => {
    const store = new MemoryStore();
    const s = new DocumentSession(doc, [], store, DEFAULT_LABELS, () => undefined);
    expect(s.tagAll(findAll(text, '加快'), 'recommendation')).toBe(2);
    await s.idle();
    expect(store.calls).toBe(1);
    expect([...store.saved.values()].map((a) => a.text)).toEqual(['加快', '加快']);
    expect(s.tagAll(findAll(text, '加快'), 'recommendation')).toBe(0);
    s.undo();
    await s.idle();
    expect(store.saved.size).toBe(0);
  });
  it('snaps a new span to its clause when asked', async () => {
    const store = new MemoryStore();
    const s = new DocumentSession(doc, [], store, DEFAULT_LABELS, () => undefined);
    s.setSnapMode('clause');
    s.tag({ start: u16(2), end: u16(4) }, 'recommendation');
    await s.idle();
    expect([...store.saved.values()][0]!.text).toBe('建议加快建设');
  });
});
