import { describe, expect, it } from 'vitest';
import { suggestByRules } from '../../src/domain/suggest/rules';

const PROPOSAL_FLAT =
  '关于加强校园周边交通安全的提案 案由：关于加强校园周边交通安全的提案 提案人：王某某 类别：城市管理 办理单位：市交通运输委（主办）、市公安局（会办） ' +
  '调研情况：全市共有中小学校412所。问题分析：一是接送车辆乱停乱放现象普遍。二是部分学校将接送压力转嫁给家长，家长只能占道等候。' +
  '对策建议：1、在学校周边设置限时停车位。2、推动错峰放学，缓解高峰拥堵。';

const at = (text: string, s: { start: number; end: number }): string => Array.from(text).slice(s.start, s.end).join('');

describe('rules read the structure', () => {
  const sug = suggestByRules(PROPOSAL_FLAT);
  const texts = sug.map((x) => [x.label, at(PROPOSAL_FLAT, x)]);

  it('keeps section labels, header lines and enumeration markers out of spans', () => {
    for (const [, t] of texts) {
      expect(t).not.toMatch(/问题分析|对策建议|调研情况|案由|提案人|办理单位|^1、|^2、/u);
    }
    expect(texts).toContainEqual(['recommendation', '在学校周边设置限时停车位']);
  });

  it('reads a structured record\'s bold lines as headings, not as viewpoint titles', () => {
    const text = '**关于系统治理城市内涝问题、全面提升城市排水防涝能力和应急处置水平的提案**\n\n提案人：某某\n\n**三、意见建议**\n\n提高设防标准。';
    expect(suggestByRules(text).map((x) => [x.label, at(text, x)])).toEqual([['recommendation', '提高设防标准']]);
  });

  it('takes 将 before a noun as the object marker, not "we will"', () => {
    expect(texts).toContainEqual(['problem', '二是部分学校将接送压力转嫁给家长，家长只能占道等候']);
    const summary = '# 会议综述\n\n部分企业将实习学生当作廉价劳动力。';
    expect(suggestByRules(summary).filter((x) => x.label === 'response')).toEqual([]);
  });

  it('never makes a department named in the opening the speaker, nor the proposer\'s measures responses', () => {
    expect(sug.every((x) => x.label !== 'response')).toBe(true);
    expect(sug.some((x) => x.speaker && /交通运输委|公安局/u.test(x.speaker))).toBe(false);
    const lined = '关于加强校园周边交通安全的提案\n提案人：王某某\n\n市交通运输委：\n\n要在学校周边设置限时停车位，推动错峰放学。\n\n要加强高峰时段的交通疏导。';
    const s = suggestByRules(lined);
    expect(s.map((x) => x.label)).toEqual(['recommendation', 'recommendation']);
    expect(s.some((x) => x.speaker === '市交通运输委')).toBe(false);
  });

  it('catches "某某委员建议…" without a comma and leaves the phrase out', () => {
    const text = '# 协商会综述\n\n会上，李华委员建议加快建设城市停车信息平台。';
    const s = suggestByRules(text).map((x) => [x.label, at(text, x), x.speaker]);
    expect(s).toContainEqual(['recommendation', '加快建设城市停车信息平台', '李华']);
  });

  it('leaves a speaker phrase such as "对此，某某表示，" outside the span', () => {
    const text = '# 协商会综述\n\n对此，张建国表示，我们将进一步优化审批流程。';
    const s = suggestByRules(text).map((x) => at(text, x));
    expect(s).toEqual(['我们将进一步优化审批流程']);
  });

  it('suggests nothing in a reply\'s courtesy opening, answers what follows', () => {
    const text = '关于第12号提案的答复\n\n李明委员：\n\n您提出的提案收悉。感谢您对我们工作的关心。现答复如下：\n\n一、工作开展情况\n\n今年我局已建成停车信息平台。\n\n二、下一步工作\n\n我们将加快完善平台功能。';
    const s = suggestByRules(text).map((x) => [x.label, at(text, x)]);
    expect(s).toEqual([
      ['response', '今年我局已建成停车信息平台'],
      ['response', '我们将加快完善平台功能'],
    ]);
  });

  it('reads a traditional-character question and reply: the ask is a recommendation, the reply a response', () => {
    const text = '# 立法會書面質詢\n\n問題：\n\n長者輪候時間過長。政府會否增加服務名額？\n\n答覆：\n\n主席：\n\n社會福利署已把名額增加至一萬張。';
    expect(suggestByRules(text).map((x) => [x.label, at(text, x)])).toEqual([
      ['problem', '長者輪候時間過長'],
      ['recommendation', '政府會否增加服務名額'],
      ['response', '社會福利署已把名額增加至一萬張'],
    ]);
  });
});
