import { describe, expect, it } from 'vitest';
import { examplesFromRecord, NONE, recordClauses } from '../../src/domain/suggest/learned';
import { classifyLogistic, scoreClausesLogistic, trainLogistic } from '../../src/domain/suggest/logistic';

const spanOf = (text: string, label: string, needle: string) => {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`test setup: ${needle}`);
  const start = Array.from(text.slice(0, at)).length;
  return { label, start, end: start + Array.from(needle).length };
};

const A = '关于甲的提案\n案由：关于甲\n提案人：某某\n\n二、存在问题\n\n设施闲置较多。护理人员年龄偏大。资金来源单一。医养结合落地难。\n\n三、具体建议\n\n盘活闲置设施。提高护理人员待遇。拓宽筹资渠道。推动两院一体建设。';
const spansA = [
  spanOf(A, 'problem', '设施闲置较多'),
  spanOf(A, 'problem', '护理人员年龄偏大'),
  spanOf(A, 'problem', '资金来源单一'),
  spanOf(A, 'problem', '医养结合落地难'),
  spanOf(A, 'recommendation', '盘活闲置设施'),
  spanOf(A, 'recommendation', '提高护理人员待遇'),
  spanOf(A, 'recommendation', '拓宽筹资渠道'),
  spanOf(A, 'recommendation', '推动两院一体建设'),
];

describe('logistic regression suggester', () => {
  const model = trainLogistic(examplesFromRecord(A, spansA, { unlabelledAsNone: true }));

  it('carries what it learnt on one proposal to another in other words', () => {
    const b = '关于乙的提案\n案由：关于乙\n提案人：某某\n\n二、存在问题\n\n校车线路覆盖面窄。\n\n三、具体建议\n\n增开农村校车线路。';
    const s = scoreClausesLogistic(model, b);
    expect(s.map((x) => [x.label, x.text])).toEqual([
      ['problem', '校车线路覆盖面窄'],
      ['recommendation', '增开农村校车线路'],
    ]);
    for (const x of s) {
      expect(x.source).toBe('model');
      expect(x.modelVersion).toBe(model.modelVersion);
      expect(x.cues.length).toBeGreaterThan(0);
    }
  });

  it('is deterministic, plain JSON, and its probabilities sum to 1', () => {
    const again = trainLogistic(examplesFromRecord(A, spansA, { unlabelledAsNone: true }));
    expect(again).toEqual(model);
    const copy = JSON.parse(JSON.stringify(model));
    expect(copy).toEqual(model);
    const [c] = recordClauses('要加强建设。');
    const p = classifyLogistic(copy, c!.features);
    expect(p.map((x) => x.label)).toEqual([NONE, 'problem', 'recommendation']);
    expect(p.reduce((n, x) => n + x.p, 0)).toBeCloseTo(1, 10);
  });

  it('continues from a previous model, and an empty model suggests nothing', () => {
    const examples = examplesFromRecord(A, spansA, { unlabelledAsNone: true });
    const first = trainLogistic(examples.slice(0, 3));
    const next = trainLogistic(examples.slice(3), first);
    expect(next.exampleCount).toBe(examples.length);
    expect(next.modelVersion).not.toBe(first.modelVersion);
    expect(scoreClausesLogistic(trainLogistic([]), '要加强建设。')).toEqual([]);
  });
});
