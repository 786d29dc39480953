import { describe, expect, it } from 'vitest';
import { segmentClauses, segmentSentences } from '../../src/domain/suggest/segment';

const cut = (text: string, r: { start: number; end: number }): string => Array.from(text).slice(r.start, r.end).join('');
const sentences = (text: string, o = {}): string[] => segmentSentences(text, o).map((s) => cut(text, s));
const clauses = (text: string, o = {}): string[] => segmentClauses(text, o).map((c) => cut(text, c));

describe('sentences', () => {
  it('end at 。！？；, half-width !?; and line breaks, trimming white space', () => {
    expect(sentences('  甲。乙！丙？丁；戊;己\n　庚  ')).toEqual(['甲。', '乙！', '丙？', '丁；', '戊;', '己', '庚']);
  });
  it('keep a 。 inside a quotation, and end after the closing mark when the quote ends the sentence', () => {
    expect(sentences('他说“我们同意。然后再议。”马丽娟委员建议,推动。')).toEqual(['他说“我们同意。然后再议。”', '马丽娟委员建议,推动。']);
    expect(sentences('“有价值!很多问题。”廖国勋表示,将做好。')).toEqual(['“有价值!很多问题。”', '廖国勋表示,将做好。']);
  });
  it('handle nested quotes: the sentence ends only when every quote is closed', () => {
    expect(sentences('“院所是‘国家队。’但作用未发挥。”委员建议。')).toEqual(['“院所是‘国家队。’但作用未发挥。”', '委员建议。']);
    expect(sentences('「甲『乙。』丙。」丁。')).toEqual(['「甲『乙。』丙。」', '丁。']);
  });
  it('keep a 。 inside brackets', () => {
    expect(sentences('公司(天津。有限)成立。后来。')).toEqual(['公司(天津。有限)成立。', '后来。']);
  });
  it('ignore an unpaired quotation mark instead of swallowing the line', () => {
    expect(sentences('他说“没有结尾。下一句。')).toEqual(['他说“没有结尾。', '下一句。']);
  });
  it('never split at ellipses, decimals or enumerations', () => {
    expect(sentences('解决办法……然后...再说。降低0.5公噸和3.5%。(一)加强。1.完善。①推动。')).toEqual([
      '解决办法……然后...再说。',
      '降低0.5公噸和3.5%。',
      '(一)加强。',
      '1.完善。',
      '①推动。',
    ]);
  });
  it('keep Markdown heading marks and mark headings and bold lines', () => {
    const text = '### 委员观点\n\n韩远达:  \n**以工业互联网助推**\n\n强化建设。';
    const s = segmentSentences(text);
    expect(s.map((x) => cut(text, x))).toEqual(['### 委员观点', '韩远达:', '**以工业互联网助推**', '强化建设。']);
    expect(s.map((x) => x.heading)).toEqual([3, 0, 0, 0]);
    expect(s.map((x) => x.boldLine)).toEqual([false, false, true, false]);
    expect(s.map((x) => x.paragraph)).toEqual([0, 1, 1, 2]);
  });
  it('count code points, not UTF-16 units', () => {
    const text = '𠮷一。二。';
    expect(segmentSentences(text).map((s) => [s.start, s.end])).toEqual([[0, 3], [3, 5]]);
  });
});

describe('clauses', () => {
  it('split at ，,：: but not inside quotes, between digits or after an enumeration', () => {
    expect(clauses('营造“尊重技术,崇尚技术”的氛围,打破偏见：提高地位。')).toEqual(['营造“尊重技术,崇尚技术”的氛围,', '打破偏见：', '提高地位。']);
    expect(clauses('投入1,000万元,时间10:30,完成。')).toEqual(['投入1,000万元,', '时间10:30,', '完成。']);
  });
  it('split inside a sentence that is one whole quotation', () => {
    expect(clauses('“目前取得成效,但仍存在问题。”')).toEqual(['“目前取得成效,', '但仍存在问题。”']);
  });
  it('split at 、 only when asked, never after an enumeration marker', () => {
    expect(clauses('一、加强甲、乙建设。')).toEqual(['一、加强甲、乙建设。']);
    expect(clauses('一、加强甲、乙建设。', { clauseEnds: '，,、' })).toEqual(['一、加强甲、', '乙建设。']);
    expect(clauses('(二)、完善。', { clauseEnds: '，,、' })).toEqual(['(二)、完善。']);
  });
});
