import { describe, expect, it } from 'vitest';
import { classify, examplesFromRecord, NONE, recordClauses, scoreClauses, trainModel } from '../../src/domain/suggest/learned';

const spanOf = (text: string, label: string, needle: string) => {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`test setup: ${needle}`);
  const start = Array.from(text.slice(0, at)).length;
  return { label, start, end: start + Array.from(needle).length };
};

const TRAIN = [
  '目前产业链存在短板问题。要加强产业链建设。',
  '人才培养存在不足问题。要完善人才培养体系。',
  '资本市场存在偏少问题。要加快资本市场建设。',
  '会议在天津召开。委员们参加了会议。',
].join('\n\n');
const trainSpans = [
  spanOf(TRAIN, 'problem', '目前产业链存在短板问题'),
  spanOf(TRAIN, 'recommendation', '要加强产业链建设'),
  spanOf(TRAIN, 'problem', '人才培养存在不足问题'),
  spanOf(TRAIN, 'recommendation', '要完善人才培养体系'),
  spanOf(TRAIN, 'problem', '资本市场存在偏少问题'),
  spanOf(TRAIN, 'recommendation', '要加快资本市场建设'),
];

describe('learned suggester', () => {
  it('learns a toy set and scores the clauses of a new text', () => {
    const model = trainModel(examplesFromRecord(TRAIN, trainSpans, { unlabelledAsNone: true }));
    expect(Object.keys(model.classes).sort()).toEqual([NONE, 'problem', 'recommendation']);
    const text = '科技创新存在短板问题。要加强科技创新体系。会议在北京召开。';
    const s = scoreClauses(model, text);
    expect(s.map((x) => [x.label, x.text])).toEqual([
      ['problem', '科技创新存在短板问题'],
      ['recommendation', '要加强科技创新体系'],
    ]);
    for (const x of s) {
      expect(x.source).toBe('model');
      expect(x.modelVersion).toBe(model.modelVersion);
      expect(x.confidence).toBeGreaterThan(0.5);
      expect(x.cues.length).toBeGreaterThan(0);
    }
  });
  it('trains incrementally: a then b equals a and b at once, version included', () => {
    const examples = examplesFromRecord(TRAIN, trainSpans, { unlabelledAsNone: true });
    const half = Math.floor(examples.length / 2);
    const batch = trainModel(examples);
    const previous = trainModel(examples.slice(0, half));
    const incremental = trainModel(examples.slice(half), previous);
    expect(incremental).toEqual(batch);
    expect(previous).toEqual(trainModel(examples.slice(0, half))); // previous is not changed
    expect(trainModel(examples.slice(1)).modelVersion).not.toBe(batch.modelVersion);
  });
  it('survives a JSON round trip unchanged and scores the same', () => {
    const model = trainModel(examplesFromRecord(TRAIN, trainSpans, { unlabelledAsNone: true }));
    const copy = JSON.parse(JSON.stringify(model));
    expect(copy).toEqual(model);
    const text = '要加强人才建设。';
    expect(scoreClauses(copy, text)).toEqual(scoreClauses(model, text));
  });
  it('uses rejected suggestions as NONE and ignores unlabelled clauses unless told', () => {
    const text = '要加强建设。会议召开。天气很好。';
    const ex = examplesFromRecord(text, [spanOf(text, 'recommendation', '要加强建设')], { rejected: [spanOf(text, 'recommendation', '会议召开')] });
    expect(ex.map((e) => e.label)).toEqual(['recommendation', NONE]);
    expect(examplesFromRecord(text, [], { unlabelledAsNone: true }).map((e) => e.label)).toEqual([NONE, NONE, NONE]);
  });
  it('gives posteriors that sum to 1, and no suggestion from an empty model', () => {
    const model = trainModel(examplesFromRecord(TRAIN, trainSpans, { unlabelledAsNone: true }));
    const [c] = recordClauses('要加强建设。');
    const total = classify(model, c!.features).reduce((n, x) => n + x.p, 0);
    expect(total).toBeCloseTo(1, 10);
    expect(scoreClauses(trainModel([]), '要加强建设。')).toEqual([]);
  });
  it('learns from the unit, not only its characters: a problem section of another proposal in other words', () => {
    const a = '关于甲的提案\n案由：关于甲\n提案人：某某\n\n二、存在问题\n\n设施闲置较多。护理人员年龄偏大。\n\n三、具体建议\n\n盘活闲置设施。提高护理人员待遇。';
    const spans = [
      spanOf(a, 'problem', '设施闲置较多'),
      spanOf(a, 'problem', '护理人员年龄偏大'),
      spanOf(a, 'recommendation', '盘活闲置设施'),
      spanOf(a, 'recommendation', '提高护理人员待遇'),
    ];
    const model = trainModel(examplesFromRecord(a, spans, { unlabelledAsNone: true }));
    const b = '关于乙的提案\n案由：关于乙\n提案人：某某\n\n二、存在问题\n\n校车线路覆盖面窄。\n\n三、具体建议\n\n增开农村校车线路。';
    expect(scoreClauses(model, b).map((x) => [x.label, x.text])).toEqual([
      ['problem', '校车线路覆盖面窄'],
      ['recommendation', '增开农村校车线路'],
    ]);
  });
});
