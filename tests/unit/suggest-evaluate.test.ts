import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countMatches, evaluate, spansMatch } from '../../src/domain/suggest/evaluate';
import { paragraphFolds, runExperiment } from '../../src/domain/suggest/experiment';
import { parseNative } from '../../src/io/native';

const s = (label: string, start: number, end: number) => ({ label, start, end });

describe('evaluate', () => {
  it('exact matches: hand-computed precision, recall and F1', () => {
    const gold = [s('problem', 0, 10), s('problem', 20, 30), s('response', 40, 50)];
    const sug = [s('problem', 0, 10), s('problem', 20, 29), s('response', 40, 50), s('response', 60, 70)];
    const e = evaluate(gold, sug, 'exact');
    expect(e.perLabel.problem).toEqual({ matched: 1, suggested: 2, gold: 2, precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(e.perLabel.response).toMatchObject({ matched: 1, suggested: 2, gold: 1, precision: 0.5, recall: 1 });
    expect(e.perLabel.response!.f1).toBeCloseTo(2 / 3, 12);
    // overall (micro): 2 matched of 4 suggested, 2 of 3 gold → P 0.5, R 2/3, F1 4/7
    expect(e.overall.precision).toBe(0.5);
    expect(e.overall.recall).toBeCloseTo(2 / 3, 12);
    expect(e.overall.f1).toBeCloseTo(4 / 7, 12);
  });
  it('overlap: at least half of the shorter span, same label only', () => {
    expect(spansMatch(s('a', 0, 10), s('a', 5, 100), 'overlap')).toBe(true); // 5 of shorter 10
    expect(spansMatch(s('a', 0, 10), s('a', 6, 100), 'overlap')).toBe(false); // 4 of 10
    expect(spansMatch(s('a', 0, 10), s('a', 2, 4), 'overlap')).toBe(true); // inside
    expect(spansMatch(s('a', 0, 10), s('b', 0, 10), 'overlap')).toBe(false);
    expect(spansMatch(s('a', 0, 10), s('a', 10, 20), 'overlap')).toBe(false); // touching
  });
  it('matches each gold span at most once, with a maximum matching', () => {
    // Two suggestions overlap one gold span: only one counts.
    expect(countMatches([s('a', 0, 10)], [s('a', 0, 6), s('a', 4, 10)], 'overlap')).toBe(1);
    // Greedy in order would pair the first suggestion with the first gold and lose one.
    const gold = [s('a', 0, 10), s('a', 8, 12)];
    expect(countMatches(gold, [s('a', 6, 12), s('a', 0, 9)], 'overlap')).toBe(2);
    expect(countMatches(gold, [s('a', 0, 10), s('a', 0, 10)], 'exact')).toBe(1);
  });
  it('gives 0 for empty sides', () => {
    expect(evaluate([], [], 'exact').overall).toEqual({ matched: 0, suggested: 0, gold: 0, precision: 0, recall: 0, f1: 0 });
    expect(evaluate([s('a', 0, 1)], [], 'exact', ['a', 'b']).perLabel.b).toMatchObject({ gold: 0, suggested: 0, f1: 0 });
  });
});

describe('experiment', () => {
  it('cuts a text into contiguous paragraph folds covering it all', () => {
    const text = Array.from({ length: 10 }, (_, i) => `第${i}段,有分句。`).join('\n\n');
    const folds = paragraphFolds(text, 3);
    expect(folds).toHaveLength(3);
    expect(folds[0]![0]).toBe(0);
    expect(folds[2]![1]).toBe(Array.from(text).length);
    for (let i = 1; i < folds.length; i++) expect(folds[i]![0]).toBe(folds[i - 1]![1]);
  });
  it('runs both suggesters on the gold document', () => {
    const file = 'fixtures/gold/tianjin-cppcc-2021-advanced-manufacturing.gold.yishi.json';
    const { documents } = parseNative(readFileSync(file, 'utf8'), file);
    const docs = documents.map(({ document: d, annotations }) => ({ id: d.id, text: d.text, spans: annotations.map((a) => s(a.label, a.start, a.end)) }));
    const [rules, learned] = runExperiment(docs, ['proposal', 'problem', 'recommendation', 'response'], { folds: 2 });
    expect(rules!.exact.overall.gold).toBe(docs[0]!.spans.length);
    expect(learned!.scheme).toMatch(/2-fold/);
    expect(learned!.overlap.overall.gold).toBe(docs[0]!.spans.length);
  });
});
