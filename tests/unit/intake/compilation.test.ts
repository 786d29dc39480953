import { describe, expect, it } from 'vitest';
import { detectCompilation, isoDate, splitCompilation } from '../../../src/io/intake/compilation';

const BRACKETED = `天津市政协十四届五次会议提案汇编

【提案0001】关于加快先进制造业发展的提案
案由：关于加快先进制造业发展的提案
提案人：赵长龙
会议：政协天津市第十四届委员会第五次会议
提出日期：2021年1月5日
近年来，我市制造业……建议如下。
时间：2025年底前完成。

【提案0002】关于完善养老服务体系的提案
案由：关于完善养老服务体系的提案
提案人：民进天津市委
日期：2021-01-06
我市老龄化程度……
`;

describe('compilations of proposals', () => {
  it('splits at 【提案N】 headers, with each item’s details', () => {
    const preview = detectCompilation(BRACKETED)!;
    expect(preview.patternName).toBe('【提案N】');
    expect(preview.preamble).toBe('天津市政协十四届五次会议提案汇编');
    expect(preview.items).toHaveLength(2);
    expect(preview.items[0]!.details).toEqual({
      number: '0001',
      subject: '关于加快先进制造业发展的提案',
      proposer: '赵长龙',
      meeting: '政协天津市第十四届委员会第五次会议',
      date: '2021-01-05',
    });
    expect(preview.items[1]!.details).toMatchObject({ number: '0002', proposer: '民进天津市委', date: '2021-01-06' });
    expect(preview.items[1]!.title).toBe('关于完善养老服务体系的提案');
    // The items are the text itself, cut at the headers: nothing is lost between them.
    expect(preview.preamble + '\n\n' + preview.items.map((i) => BRACKETED.slice(i.start, i.end)).join('')).toBe(BRACKETED);
    expect(preview.items[0]!.text.startsWith('【提案0001】')).toBe(true);
  });

  it('recognises 第N号提案 and 案由： headers', () => {
    const numbered = '第1号提案\n案由：甲\n正文一\n第2号提案\n案由：乙\n正文二\n第3号提案\n案由：丙\n正文三';
    const byNumber = detectCompilation(numbered)!;
    expect(byNumber.patternName).toBe('第N号提案');
    expect(byNumber.items.map((i) => i.details.subject)).toEqual(['甲', '乙', '丙']);
    const bySubject = detectCompilation('案由：甲\n提案人：张三\n正文\n案由：乙\n提案人：李四\n正文')!;
    expect(bySubject.patternName).toBe('案由：');
    expect(bySubject.items.map((i) => i.details.proposer)).toEqual(['张三', '李四']);
  });

  it('finds nothing in a single record, and takes a pattern the analyst adjusts', () => {
    expect(detectCompilation('天津市政协常委会会议综述\n\n案由：只有一件。')).toBeNull();
    const custom = splitCompilation('=== A\nx\n=== B\ny', '^=== .*$');
    expect(custom?.items.map((i) => i.title)).toEqual(['=== A', '=== B']);
    expect(splitCompilation('x', '(')).toBeNull();
  });

  it('writes full dates as ISO dates', () => {
    expect(isoDate('2021年1月5日')).toBe('2021-01-05');
    expect(isoDate('2021.1.5')).toBe('2021-01-05');
    expect(isoDate('2021年初')).toBe('2021年初');
  });
});
