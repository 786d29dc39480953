import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agreementTable, ALL_LABELS, ALL_LAYERS, type AgreementRecord } from '../../src/domain/agreement/report';
import { exactMatches, overlapMatching, pairCounts, scores, type AgreementSpan } from '../../src/domain/agreement/spanMatch';

const span = (label: string, start: number, end: number): AgreementSpan => ({ label, start, end });

const spansArb = fc.array(
  fc.tuple(fc.constantFrom('p', 'q', 'r'), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 15 })).map(([l, s, n]) => span(l, s, s + n)),
  { maxLength: 25 },
);

function f1(a: readonly AgreementSpan[], b: readonly AgreementSpan[], kind: 'exact' | 'overlap') {
  const c = pairCounts(a, b);
  return scores(kind === 'exact' ? c.exact : c.overlap, c.a, c.b).f1;
}

describe('span F1', () => {
  it('is 1 for identical layers and 0 for disjoint ones, whatever the spans', () => {
    fc.assert(
      fc.property(spansArb.filter((x) => x.length > 0), (a) => {
        expect(f1(a, a, 'exact')).toBe(1);
        expect(f1(a, a, 'overlap')).toBe(1);
        const far = a.map((s) => span(s.label, s.start + 1000, s.end + 1000));
        expect(f1(a, far, 'exact')).toBe(0);
        expect(f1(a, far, 'overlap')).toBe(0);
      }),
    );
  });

  it('is symmetric and does not depend on the order of the spans', () => {
    fc.assert(
      fc.property(spansArb, spansArb, fc.integer(), (a, b, seed) => {
        for (const kind of ['exact', 'overlap'] as const) {
          expect(f1(a, b, kind)).toBe(f1(b, a, kind));
          const shuffled = [...b].sort((x, y) => ((x.start * 31 + seed) % 7) - ((y.start * 31 + seed) % 7));
          expect(f1(a, shuffled, kind)).toBe(f1(a, b, kind));
        }
      }),
    );
  });

  it('matches one to one: each span at most once, the largest overlap first', () => {
    // A's [0,10) overlaps B's [5,20) by 5 and [0,8) by 8: the larger is taken; [5,20) stays for A's [12,20).
    const a = [span('p', 0, 10), span('p', 12, 20)];
    const b = [span('p', 5, 20), span('p', 0, 8)];
    expect(overlapMatching(a, b)).toEqual([[0, 1], [1, 0]]);
    // Two identical spans in A, one in B: one match, not two.
    expect(exactMatches([span('p', 1, 3), span('p', 1, 3)], [span('p', 1, 3)])).toBe(1);
    expect(overlapMatching([span('p', 1, 3), span('p', 1, 3)], [span('p', 1, 3)])).toHaveLength(1);
    // Another label never matches.
    expect(overlapMatching([span('p', 0, 5)], [span('q', 0, 5)])).toHaveLength(0);
  });

  it('gives the published example: one true positive, two false positives, one false negative → P 0.33, R 0.50, F1 0.40', () => {
    const gold = [span('p', 0, 5), span('p', 10, 15)];
    const predicted = [span('p', 0, 5), span('p', 20, 25), span('p', 30, 35)];
    const c = pairCounts(gold, predicted);
    const s = scores(c.exact, c.a, c.b);
    expect(s.precision).toBeCloseTo(1 / 3, 12);
    expect(s.recall).toBe(0.5);
    expect(s.f1).toBeCloseTo(0.4, 12);
  });

  it('counts what only A has, only B has, overlap-only matches and label disagreements on the same extent', () => {
    const a = [span('p', 0, 5), span('p', 10, 20), span('q', 30, 40), span('p', 50, 55)];
    const b = [span('p', 0, 5), span('p', 12, 20), span('r', 30, 40), span('q', 60, 65)];
    expect(pairCounts(a, b)).toEqual({ a: 4, b: 4, exact: 1, overlap: 2, onlyA: 2, onlyB: 2, overlapOnly: 1, labelDisagreements: 1 });
  });

  it('is "not defined" (null), never 1 or NaN, when neither layer has a span', () => {
    expect(scores(0, 0, 0)).toEqual({ precision: null, recall: null, f1: null });
    expect(scores(0, 3, 0).precision).toBeNull();
  });
});

describe('the agreement table', () => {
  const record = (layers: Record<string, AgreementSpan[]>, length = 100): AgreementRecord => ({ length, layers: new Map(Object.entries(layers)) });

  it('has a row per label and one for all labels for every pair, and α_u rows for all layers together', () => {
    const r = record({ ann: [span('p', 0, 10), span('q', 20, 30)], bob: [span('p', 0, 10), span('q', 22, 30)], cat: [span('p', 1, 10)] });
    const t = agreementTable([r], ['ann', 'bob', 'cat'], ['p', 'q']);
    const pairs = new Set(t.rows.filter((x) => x.b !== ALL_LAYERS).map((x) => `${x.a}/${x.b}`));
    expect(pairs).toEqual(new Set(['ann/bob', 'ann/cat', 'bob/cat']));
    const all = t.rows.find((x) => x.a === 'ann' && x.b === 'bob' && x.label === ALL_LABELS)!;
    expect(all.exact!.f1).toBe(0.5);
    expect(all.overlap!.f1).toBe(1);
    expect(t.rows.filter((x) => x.b === ALL_LAYERS).map((x) => x.label)).toEqual(['p', 'q', ALL_LABELS]);
  });

  it('adds span counts over records (micro average) for a library', () => {
    const r1 = record({ a: [span('p', 0, 10)], b: [span('p', 0, 10)] });
    const r2 = record({ a: [span('p', 0, 10), span('p', 20, 30)], b: [] });
    const t = agreementTable([r1, r2], ['a', 'b'], ['p']);
    const row = t.rows.find((x) => x.label === 'p' && x.b === 'b')!;
    expect(row.counts).toMatchObject({ a: 3, b: 1, exact: 1 });
    expect(row.exact!.f1).toBe(0.5);
  });

  it('says "not defined" for a label nobody used and for a record with one layer', () => {
    const t = agreementTable([record({ a: [span('p', 0, 10)], b: [span('p', 0, 10)] })], ['a', 'b'], ['p', 'unused']);
    const unused = t.rows.find((x) => x.label === 'unused' && x.b === 'b')!;
    expect(unused.exact!.f1).toBeNull();
    expect(unused.alpha).toBeNull();
    expect(unused.alphaUndefined).toBe('no-units');
    expect(agreementTable([record({ a: [span('p', 0, 10)] })], ['a'], ['p']).rows).toEqual([]);
  });
});
