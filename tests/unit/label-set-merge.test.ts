import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS, type Label } from '../../src/domain/labels';
import { mergeLabelSet, withAddedLabels } from '../../src/domain/labelSet';

const stored: Label[] = DEFAULT_LABELS.map((l) => ({ ...l }));

describe('mergeLabelSet: labels from a file or a backup join the stored set', () => {
  it('adds ids a file uses as labels named by their id, with free colours and keys, as withAddedLabels does', () => {
    const { labels, added } = mergeLabelSet(stored, ['finance', 'problem', '承诺', 'finance']);
    expect(added).toEqual(['finance', '承诺']);
    expect(labels).toEqual(withAddedLabels(stored, ['finance', '承诺']));
    expect(labels.slice(0, stored.length)).toEqual(stored);
    const [finance, promise] = labels.slice(stored.length);
    expect(finance).toMatchObject({ id: 'finance', name: 'finance', nameEn: 'finance', key: '5' });
    expect(promise).toMatchObject({ id: '承诺', name: '承诺', key: '6' });
    expect(finance!.color).not.toBe(promise!.color);
    expect(stored.map((l) => l.color)).not.toContain(finance!.color);
  });

  it("keeps a backup label's names and retirement but never its colour or key, and leaves stored labels as stored", () => {
    const backup: Label[] = [
      { ...stored[0]!, name: '改名的主张', color: '#000000' },
      { id: 'finance', name: '财政', nameEn: 'finance', color: '#0072b2', key: '1' },
      { id: 'old', name: '旧标签', nameEn: 'old', color: '#111111', key: '', retired: true },
    ];
    const { labels, added } = mergeLabelSet(stored, backup);
    expect(added).toEqual(['finance', 'old']);
    expect(labels[0]).toEqual(stored[0]);
    const finance = labels.find((l) => l.id === 'finance')!;
    expect(finance).toMatchObject({ name: '财政', nameEn: 'finance', key: '5' });
    expect(finance.color).not.toBe('#0072b2');
    expect(labels.find((l) => l.id === 'old')).toMatchObject({ name: '旧标签', retired: true, key: '' });
  });

  it('adds nothing when every label is stored', () => {
    expect(mergeLabelSet(stored, stored)).toEqual({ labels: stored, added: [] });
    expect(mergeLabelSet(stored, [])).toEqual({ labels: stored, added: [] });
  });
});
