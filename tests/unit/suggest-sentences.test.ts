import { describe, expect, it } from 'vitest';
import { countSentences } from '../../src/domain/suggest/evaluate';

describe('sentence-level counts', () => {
  // Three sentences: [0,10) [10,20) [20,30).
  const sentences = [
    { start: 0, end: 10 },
    { start: 10, end: 20 },
    { start: 20, end: 30 },
  ];
  it('gives each sentence the label of the span covering most of it, on each side', () => {
    const gold = [
      { label: 'problem', start: 0, end: 9 },
      { label: 'recommendation', start: 10, end: 19 },
    ];
    // Right label with other ends; wrong label; a suggestion where gold has none.
    const suggested = [
      { label: 'problem', start: 2, end: 9 },
      { label: 'problem', start: 11, end: 19 },
      { label: 'response', start: 21, end: 29 },
    ];
    expect(countSentences(sentences, gold, suggested, ['problem', 'recommendation', 'response', 'proposal'])).toEqual({
      problem: { matched: 1, suggested: 2, gold: 1 },
      recommendation: { matched: 0, suggested: 0, gold: 1 },
      response: { matched: 0, suggested: 1, gold: 0 },
      proposal: { matched: 0, suggested: 0, gold: 0 },
    });
  });
  it('ignores a span touching a sentence by a sliver', () => {
    const counts = countSentences(sentences, [{ label: 'problem', start: 0, end: 12 }], [], ['problem']);
    expect(counts.problem).toEqual({ matched: 0, suggested: 0, gold: 1 });
  });
});
