/**
 * Every suggester stays linear on adversarial input (issue 18): long runs of spaces, 、 and
 * punctuation, and 100,000-character lines. The bounds are generous (complexity, not speed: the
 * machine is shared and these run beside other test files; a linear run takes 0.2–2.5 s here): the
 * old trailing-whitespace regex took 42 s on "…建议" + 20,000 spaces + one character, and a
 * quadratic scan at 100,000 would take many minutes.
 */
import { describe, expect, it } from 'vitest';
import { examplesFromRecord, scoreClauses, trainModel } from '../../src/domain/suggest/learned';
import { suggestByRules } from '../../src/domain/suggest/rules';
import { readStructure } from '../../src/domain/suggest/structure';

const N = 100_000;
const inputs: [string, string][] = [
  ['a clause ending in 建议 then 100,000 spaces', `会上，李华委员建议${' '.repeat(N)}，加快建设。`],
  ['a run of 100,000 spaces before the end of a clause', `会上，李华委员建议${' '.repeat(N)}好，加快建设。`],
  ['100,000 spaces inside a speaker phrase', `对此，张${' '.repeat(N)}表示，我们将推进。`],
  ['100,000 enumeration commas', `一${'、'.repeat(N)}加强统筹。`],
  ['100,000 commas and colons', `问题分析：${'，：'.repeat(N / 2)}存在问题。`],
  ['a 100,000-character line', `建议${'加强统筹推进'.repeat(N / 6)}`],
  ['100,000 full stops', '。'.repeat(N)],
  ['a 100,000-character line of a flattened proposal', `案由：提案 提案人：某某 ${'问题分析：一是不足。对策建议：1、加强。'.repeat(N / 20)}`],
];

const timed = (f: () => unknown): number => {
  const t = performance.now();
  f();
  return performance.now() - t;
};

describe('suggesters are linear on adversarial input', () => {
  const model = trainModel(examplesFromRecord('存在不足。要加强统筹。', [{ label: 'problem', start: 0, end: 4 }], { unlabelledAsNone: true }));
  it.each(inputs)('%s: rules, structure and the learned model each under 10 s', (_name, text) => {
    expect(timed(() => suggestByRules(text))).toBeLessThan(10_000);
    expect(timed(() => readStructure(text))).toBeLessThan(10_000);
    expect(timed(() => scoreClauses(model, text))).toBeLessThan(10_000);
  }, 60_000);
});
