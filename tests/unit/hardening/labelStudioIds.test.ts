import { describe, expect, it } from 'vitest';
import { importLabelStudio } from '../../../src/io/formats';
import { cpuMs } from './cpuTime';

describe('Label Studio import with many results sharing one region id', () => {
  it('imports 20,000 results sharing one id in well under a second, each its own numbered id', () => {
    const text = '建'.repeat(20_001);
    const result = Array.from({ length: 20_000 }, (_, k) => ({
      id: 'same',
      type: 'labels',
      value: { start: k, end: k + 1, text: '建', labels: ['proposal'] },
    }));
    const file = JSON.stringify([{ id: 1, data: { text }, annotations: [{ id: 1, result }] }]);
    const { ms: elapsed, value: { documents } } = cpuMs(() => importLabelStudio(file, 'many.json'));
    const ids = documents[0]!.annotations.map((a) => a.id);
    expect(ids).toHaveLength(20_000);
    expect(new Set(ids).size).toBe(20_000);
    expect(ids).toContain('same');
    expect(ids).toContain('same-20000');
    expect(elapsed).toBeLessThan(1000);
  });

  it('gives a span listed again under the same id the numbered id it got the first time', () => {
    const value = (start: number) => ({ start, end: start + 1, text: '建', labels: ['proposal'] });
    const result = [0, 1, 2, 1, 2].map((s) => ({ id: 'r', type: 'labels', value: value(s) }));
    const file = JSON.stringify([{ id: 1, data: { text: '建建建' }, annotations: [{ id: 1, result }] }]);
    const ids = importLabelStudio(file, 'again.json').documents[0]!.annotations.map((a) => `${a.id}@${a.start}`);
    expect(ids).toEqual(['r@0', 'r-2@1', 'r-3@2']);
  });
});
