import { describe, expect, it } from 'vitest';
import { agreedSpans, curationItems } from '../../src/domain/agreement/curation';
import type { AgreementSpan } from '../../src/domain/agreement/spanMatch';

const s = (label: string, start: number, end: number): AgreementSpan => ({ label, start, end });
const layers = (o: Record<string, AgreementSpan[]>) => new Map(Object.entries(o));

describe('curation', () => {
  const ann = [s('p', 0, 10), s('q', 20, 30), s('r', 40, 50), s('p', 60, 70)];
  const bob = [s('p', 0, 10), s('q', 22, 30), s('p', 40, 50), s('p', 80, 90)];

  it('seeds the gold layer with the spans every layer has exactly', () => {
    expect(agreedSpans(layers({ ann, bob }))).toEqual([s('p', 0, 10)]);
    expect(agreedSpans(layers({ ann, bob, cat: [] }))).toEqual([]);
    expect(agreedSpans(layers({ ann }))).toEqual([]);
    // Twice in one layer, once in the other: once in the gold.
    expect(agreedSpans(layers({ a: [s('p', 1, 2), s('p', 1, 2)], b: [s('p', 1, 2)] }))).toEqual([s('p', 1, 2)]);
  });

  it('lists every place in text order as agree / partial / disagree / only-one, with who said what', () => {
    const items = curationItems(layers({ ann, bob }));
    expect(items.map((x) => [x.start, x.end, x.state])).toEqual([
      [0, 10, 'agree'],
      [20, 30, 'partial'],
      [40, 50, 'disagree'],
      [60, 70, 'only-one'],
      [80, 90, 'only-one'],
    ]);
    expect(items[1]!.byLayer.get('ann')).toEqual([s('q', 20, 30)]);
    expect(items[1]!.byLayer.get('bob')).toEqual([s('q', 22, 30)]);
    expect(items[3]!.byLayer.get('bob')).toEqual([]);
  });

  it('joins spans linked by overlap into one item, whatever the layer order', () => {
    const items = curationItems(layers({ a: [s('p', 0, 10), s('p', 15, 25)], b: [s('p', 5, 20)] }));
    expect(items).toHaveLength(1);
    expect([items[0]!.start, items[0]!.end, items[0]!.state]).toEqual([0, 25, 'partial']);
    const swapped = curationItems(layers({ b: [s('p', 5, 20)], a: [s('p', 15, 25), s('p', 0, 10)] }));
    expect(swapped.map((x) => [x.start, x.end, x.state])).toEqual([[0, 25, 'partial']]);
  });
});
