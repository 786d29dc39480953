import { describe, expect, it } from 'vitest';
import { detectDocumentType, enumerationMarker, readStructure } from '../../src/domain/suggest/structure';

const PROPOSAL_FLAT =
  '关于加强校园周边交通安全的提案 案由：关于加强校园周边交通安全的提案 提案人：王某某 类别：城市管理 办理单位：市交通运输委（主办）、市公安局（会办） ' +
  '调研情况：全市共有中小学校412所。问题分析：一是接送车辆乱停乱放现象普遍。二是部分学校将接送压力转嫁给家长，家长只能占道等候。' +
  '对策建议：1、在学校周边设置限时停车位。2、推动错峰放学，缓解高峰拥堵。';


describe('document structure', () => {
  it('detects the document type of each kind of record', () => {
    expect(detectDocumentType(PROPOSAL_FLAT)).toBe('proposal');
    expect(detectDocumentType('关于第12号提案的答复\n\n某某委员：\n\n您提出的提案收悉，现答复如下：')).toBe('reply');
    expect(detectDocumentType('# 政府工作报告\n\n过去一年……')).toBe('workReport');
    expect(detectDocumentType('立法會書面質詢\n\n問題：\n\n……')).toBe('qa');
    expect(detectDocumentType('# 打造当家产业\n\n## 专题协商会议综述')).toBe('summary');
  });

  it('maps sections of a flattened proposal, labels inline ("…。问题分析：…")', () => {
    const s = readStructure(PROPOSAL_FLAT);
    const chars = Array.from(PROPOSAL_FLAT);
    const kinds = s.sections.map((x) => [x.kind, chars.slice(x.labelStart, x.labelEnd).join('')]);
    expect(kinds).toContainEqual(['header', '提案人：']);
    expect(kinds).toContainEqual(['survey', '调研情况：']);
    expect(kinds).toContainEqual(['problem', '问题分析：']);
    expect(kinds).toContainEqual(['recommendation', '对策建议：']);
    // Contiguous and covering the text.
    expect(s.sections[0]!.start).toBe(0);
    expect(s.sections[s.sections.length - 1]!.end).toBe(chars.length);
    for (let i = 1; i < s.sections.length; i++) expect(s.sections[i]!.start).toBe(s.sections[i - 1]!.end);
  });

  it('reads headed sections in simplified and traditional characters', () => {
    const text = '# 書面質詢\n\n問題：\n\n輪候時間過長。\n\n答覆：\n\n主席：\n\n政府已增加名額。';
    expect(readStructure(text).sections.map((x) => x.kind)).toEqual(['other', 'question', 'answer']);
  });

  it('reads bold section lines (**二、主要问题**) as sections', () => {
    const text = '**关于治理内涝的提案**\n\n提案人：某某\n\n**二、主要问题**\n\n排水标准偏低。\n\n**三、意见建议**\n\n提高设防标准。';
    expect(readStructure(text).sections.map((x) => x.kind)).toEqual(['other', 'header', 'other', 'problem', 'recommendation']);
  });

  it('recognises typographic enumeration markers and nothing else', () => {
    for (const m of ['（一）', '(2)', '一、', '1、', '12.', '①']) expect(enumerationMarker(Array.from(`${m}加强统筹`), 0)).toBe(Array.from(m).length);
    for (const t of ['1.5倍', '一是加强', '2025年', '十分重视']) expect(enumerationMarker(Array.from(t), 0)).toBe(0);
  });
});
