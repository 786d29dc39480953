import { describe, expect, it } from 'vitest';
import { compileCues, DEFAULT_CUE_FILE, type CueFile } from '../../src/domain/suggest/cueConfig';
import { analyseRecord, suggestByRules } from '../../src/domain/suggest/rules';
import { detectSpeaker } from '../../src/domain/suggest/speakers';
import { suggestionId } from '../../src/domain/suggest/suggestion';

const cues = compileCues();
const slice = (text: string, s: number, e: number): string => Array.from(text).slice(s, e).join('');

describe('speaker detection', () => {
  it.each([
    ['马丽娟委员建议', '马丽娟', 'member'],
    ['政协委员、天津工业投资有限公司总经理刘金泉认为', '刘金泉', 'member'],
    ['天津市政协常委、民进天津市委专职副主委赵长龙:', '赵长龙', 'member'],
    ['市委副书记、市长廖国勋', '廖国勋', 'official'],
    ['副市长王小明表示', '王小明', 'official'],
    ['天津市工业和信息化局:', '市工业和信息化局', 'official'],
    ['据市发改委介绍', '市发改委', 'official'],
    ['市人力社保局表示', '市人力社保局', 'official'],
  ])('%s → %s (%s)', (phrase, name, role) => {
    expect(detectSpeaker(phrase, cues)).toEqual({ name, role });
  });
  it('finds nobody where 委员 is an object', () => {
    expect(detectSpeaker('全面吸纳委员建议', cues)).toBeUndefined();
  });
  it('resolves a bare name seen earlier in the record', () => {
    const text = '市长李四出席会议。\n\n李四表示,将加快推进。';
    const s = suggestByRules(text);
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ label: 'response', text: '将加快推进', speaker: '李四' });
  });
});

describe('rules', () => {
  it('labels by cues, cuts the speaker phrase, the final mark, the quotes and markup', () => {
    const text = '“目前产业链未形成完整配套。”张三委员建议,推动链条化布局,建设研究院。\n\n**大力发展汽车产业**';
    const s = suggestByRules(text);
    expect(s.map((x) => [x.label, x.text, x.speaker])).toEqual([
      ['problem', '目前产业链未形成完整配套', '张三'],
      ['recommendation', '推动链条化布局,建设研究院', '张三'],
      ['proposal', '大力发展汽车产业', undefined],
    ]);
    for (const x of s) {
      expect(slice(text, x.start, x.end)).toBe(x.text);
      expect(x.id).toBe(suggestionId(x.label, x.start, x.end));
      expect(x.source).toBe('rule');
      expect(x.confidence).toBeGreaterThan(0);
      expect(x.confidence).toBeLessThanOrEqual(1);
      expect(x.cues.length).toBeGreaterThan(0);
    }
    expect(s[0]!.cues).toContain('prob.notFormed');
    expect(s[1]!.cues).toContain('rec.leadIn.verb');
  });
  it('starts a problem at the turn (但…) when the cues fire only from there', () => {
    const [s] = suggestByRules('“培育取得一定成效,但仍存在总数偏少的问题。”');
    expect(s).toMatchObject({ label: 'problem', text: '但仍存在总数偏少的问题' });
  });
  it('turns a measure stated by an official into a response, in a 政府回应 section', () => {
    const text = '### 政府回应\n\n市科技局:  \n**推动成果转化**\n\n要加强关键核心技术攻关。';
    const s = suggestByRules(text);
    expect(s.map((x) => [x.label, x.text, x.speaker])).toEqual([
      ['response', '推动成果转化', '市科技局'],
      ['response', '要加强关键核心技术攻关', '市科技局'],
    ]);
    expect(s[1]!.cues).toContain('role:official:recommendation→response');
  });
  it('suggests nothing for narrative and for talk about finding problems', () => {
    expect(suggestByRules('委员们深入企业调研,分析企业发展存在的问题及解决办法……')).toEqual([]);
    expect(suggestByRules('6月29日,市政协召开会议。')).toEqual([]);
  });
  it('keeps the speaker line out and gives its speaker to the next paragraph only', () => {
    const a = analyseRecord('赵六委员:\n\n加强建设。\n\n新一轮变革蓄势待发。');
    expect(a.map((x) => [x.kind, x.speaker?.name])).toEqual([
      ['speakerLine', '赵六'],
      ['text', '赵六'],
      ['text', undefined],
    ]);
  });
  it('takes cues from a cue file: a cue added as data fires without code', () => {
    const file: CueFile = structuredClone(DEFAULT_CUE_FILE);
    expect(suggestByRules('数据孤岛现象突出。', { cues: file })).toEqual([]);
    file.cues.push({ id: 'prob.island', label: 'problem', pattern: '孤岛', weight: 0.6, scope: 'clause' });
    expect(suggestByRules('数据孤岛现象突出。', { cues: file })).toMatchObject([{ label: 'problem', cues: ['prob.island'] }]);
  });
  it('refuses a bad cue with its id', () => {
    const file: CueFile = structuredClone(DEFAULT_CUE_FILE);
    file.cues.push({ id: 'bad', label: 'problem', regex: '(', weight: 0.5, scope: 'clause' });
    expect(() => compileCues(file)).toThrow(/bad.*invalid regular expression/);
    file.cues.pop();
    file.cues.push({ id: 'bad2', label: 'problem', pattern: 'x', weight: 2, scope: 'clause' });
    expect(() => compileCues(file)).toThrow(/bad2.*weight/);
  });
  it('is deterministic', () => {
    const text = '张三委员建议,加强建设。廖国勋表示,将落实。';
    expect(suggestByRules(text)).toEqual(suggestByRules(text));
  });
});
