import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { intakeFile, MAX_INTAKE_BYTES } from '../../../src/io/intake';
import { chineseNumber, formatNumber } from '../../../src/io/intake/docxNumbering';
import { buildDocx, type ListDef } from './docxBuilder';

const LISTS: ListDef[] = [
  { levels: [{ format: 'chineseCounting', text: '%1、' }, { format: 'chineseCounting', text: '（%2）' }, { format: 'decimal', text: '%3.' }] },
  { levels: [{ format: 'decimal', text: '%1.' }] },
];

describe('Word .docx', () => {
  it('keeps paragraphs, headings, numbering as text, tables and footnotes, character for character', async () => {
    const bytes = buildDocx(
      [
        { kind: 'heading', level: 1, text: '关于推进制造业高质量发展的提案' },
        { kind: 'p', text: '近年来，我市制造业稳步发展，规模以上工业增加值增长 8.2%。', footnote: '数据来源：市统计局《2021年统计公报》。' },
        { kind: 'heading', level: 2, text: '问题与建议' },
        { kind: 'item', list: 1, level: 0, text: '存在的问题' },
        { kind: 'item', list: 1, level: 1, text: '创新能力不足。' },
        { kind: 'item', list: 1, level: 2, text: '研发投入偏低。' },
        { kind: 'item', list: 1, level: 2, text: '成果转化慢。' },
        { kind: 'item', list: 1, level: 1, text: '人才短缺。' },
        { kind: 'item', list: 1, level: 0, text: '建议' },
        { kind: 'item', list: 1, level: 1, text: '加大投入。' },
        { kind: 'p', text: 'The <committee> & its "members" agreed.', footnote: '会议记录。' },
        { kind: 'item', list: 2, level: 0, text: '第一项' },
        { kind: 'item', list: 2, level: 0, text: '第二项' },
        { kind: 'table', rows: [['指标', '2020年', '2021年'], ['产值（亿元）', '100', '120']] },
        { kind: 'p', text: '以上提案，请审议。' },
      ],
      LISTS,
    );
    const result = await intakeFile('提案.docx', bytes);
    expect(result).toMatchObject({ ok: true, format: 'markdown', source: 'docx', meta: { sourceName: '提案.docx' } });
    if (!result.ok) return;
    expect(result.text).toBe(
      [
        '# 关于推进制造业高质量发展的提案',
        '近年来，我市制造业稳步发展，规模以上工业增加值增长 8.2%。[1]',
        '## 问题与建议',
        '一、存在的问题',
        '（一）创新能力不足。',
        '1. 研发投入偏低。',
        '2. 成果转化慢。',
        '（二）人才短缺。',
        '二、建议',
        '（一）加大投入。',
        'The <committee> & its "members" agreed.[2]',
        '1. 第一项',
        '2. 第二项',
        '指标\t2020年\t2021年\n产值（亿元）\t100\t120',
        '以上提案，请审议。',
        '[1] 数据来源：市统计局《2021年统计公报》。',
        '[2] 会议记录。',
      ].join('\n\n'),
    );
  });

  it('writes Word’s number formats as Chinese readers see them', () => {
    expect([1, 9, 10, 11, 20, 21, 99, 100, 101, 110, 1000, 1001].map(chineseNumber)).toEqual(
      ['一', '九', '十', '十一', '二十', '二十一', '九十九', '一百', '一百零一', '一百一十', '一千', '一千零一'],
    );
    expect(formatNumber(3, 'decimalEnclosedCircle')).toBe('③');
    expect(formatNumber(2, 'ideographTraditional')).toBe('乙');
    expect(formatNumber(12, 'decimalFullWidth')).toBe('１２');
    expect(formatNumber(4, 'upperRoman')).toBe('IV');
    expect(formatNumber(28, 'lowerLetter')).toBe('bb');
  });
});

describe('files intake refuses, with a reason', () => {
  it('a 0-byte file, a too large file, a legacy Word or WPS file, a corrupt zip', async () => {
    expect(await intakeFile('空.docx', new Uint8Array())).toEqual({ ok: false, kind: 'empty' });
    expect(await intakeFile('空.pdf', new Uint8Array())).toEqual({ ok: false, kind: 'empty' });
    expect(await intakeFile('大.pdf', new Uint8Array(MAX_INTAKE_BYTES + 1))).toMatchObject({ ok: false, kind: 'tooLarge' });
    expect(await intakeFile('旧.doc', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]))).toEqual({ ok: false, kind: 'legacyWord' });
    expect(await intakeFile('旧.wps', new Uint8Array([1, 2, 3]))).toEqual({ ok: false, kind: 'legacyWord' });
    expect(await intakeFile('改名.docx', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]))).toEqual({ ok: false, kind: 'legacyWord' });
    const good = buildDocx([{ kind: 'p', text: '正文' }]);
    expect(await intakeFile('坏.docx', good.slice(0, good.length - 40))).toMatchObject({ ok: false, kind: 'corruptDocx' });
    expect(await intakeFile('文本.docx', strToU8('这不是 Word 文件'))).toMatchObject({ ok: false, kind: 'corruptDocx' });
    expect(await intakeFile('别的.docx', zipSync({ 'a.txt': strToU8('x') }))).toMatchObject({ ok: false, kind: 'corruptDocx' });
    expect(await intakeFile('无字.docx', buildDocx([]))).toEqual({ ok: false, kind: 'noText' });
    expect(await intakeFile('假.pdf', strToU8('not a pdf'))).toMatchObject({ ok: false, kind: 'corruptPdf' });
    expect(await intakeFile('图.png', new Uint8Array([0x89, 0x50]))).toEqual({ ok: false, kind: 'unsupported', detail: 'png' });
  });

  it('reads plain text as before, noting hard wrapping, a compilation and a guessed encoding', async () => {
    const wrapped = Array.from({ length: 6 }, () => '这是一段按固定宽度折行的会议记录文字这是一段按固定宽度折行的会议').join('\n') + '\n结束。';
    const result = await intakeFile('记录.txt', strToU8(wrapped));
    expect(result).toMatchObject({ ok: true, text: wrapped, source: 'text', notes: [{ kind: 'hardWrap', joins: 6 }] });
    const gbk = new Uint8Array([0xd5, 0xfe, 0xd0, 0xad]); // 政协 in GBK
    expect(await intakeFile('gbk.txt', gbk)).toMatchObject({ ok: true, text: '政协', notes: [{ kind: 'encodingUncertain', encoding: 'GB18030' }] });
    const compilation = '【提案0001】甲\n正文\n【提案0002】乙\n正文';
    expect(await intakeFile('汇编.md', strToU8(compilation))).toMatchObject({ ok: true, text: compilation, notes: [{ kind: 'compilation', items: 2 }] });
    expect(await intakeFile('x.txt', new Uint8Array([0, 1, 2]))).toMatchObject({ ok: false, kind: 'unreadable' });
  });
});
