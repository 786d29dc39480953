import { describe, expect, it } from 'vitest';
import { columns, detectHardWrap } from '../../../src/io/intake/hardWrap';

/** Wraps paragraphs at `width` columns (a CJK character counts two), as a fixed-width export does. */
function wrap(paragraphs: readonly string[], width: number): string {
  return paragraphs
    .map((p) => {
      const lines: string[] = [];
      let line = '';
      for (const ch of p) {
        if (columns(line + ch) > width) {
          lines.push(line);
          line = '';
        }
        line += ch;
      }
      lines.push(line);
      return lines.join('\n');
    })
    .join('\n');
}

const PARAGRAPHS = [
  '　　主任委员：现在开会。本次会议的议程是审议关于加强先进制造业研发基地建设的决定草案，听取市政府有关部门的汇报，并进行分组审议。',
  '　　张委员：我完全赞成这个决定草案。建议进一步明确财政资金支持的方向和重点，加大对关键核心技术攻关的投入力度，完善人才引进配套政策。',
  '　　李委员：建议在决定中写明考核机制，把先进制造业发展情况纳入各区绩效考核，每年向常委会报告一次。',
];

describe('hard-wrapped text', () => {
  it('sees a text wrapped at a constant width and joins its lines without spaces', () => {
    const text = wrap(PARAGRAPHS, 40);
    const preview = detectHardWrap(text);
    expect(preview.suspected).toBe(true);
    expect(preview.width).toBe(40);
    expect(preview.joined).toBe(PARAGRAPHS.join('\n'));
    expect(preview.joins).toBe(text.split('\n').length - PARAGRAPHS.length);
  });

  it('does not suspect a text whose line breaks are paragraph breaks', () => {
    const text = ['第一段。', '第二段文字较长，一直写到这里才结束。', '第三段。', '第四段也很短。'].join('\n');
    expect(detectHardWrap(text)).toMatchObject({ suspected: false, joined: text });
    const prose = PARAGRAPHS.join('\n\n');
    expect(detectHardWrap(prose).suspected).toBe(false);
  });

  it('keeps paragraph starts (indent, numbering) and blank lines as breaks', () => {
    const text = wrap(['一、' + PARAGRAPHS[1]!.trim(), '二、' + PARAGRAPHS[2]!.trim(), '（一）' + PARAGRAPHS[0]!.trim()], 30) + '\n\n结束。';
    const preview = detectHardWrap(text);
    expect(preview.suspected).toBe(true);
    expect(preview.joined).toBe(['一、' + PARAGRAPHS[1]!.trim(), '二、' + PARAGRAPHS[2]!.trim(), '（一）' + PARAGRAPHS[0]!.trim(), '', '结束。'].join('\n'));
  });

  it('keeps a break after a full line when the next line starts a paragraph', () => {
    // 一、 + 38 characters: exactly two full lines of 20; the next item starts on a line of its own.
    const items = ['一、' + '甲'.repeat(38), '二、' + '乙'.repeat(38), '　　' + '丙'.repeat(38), '（一）' + '丁'.repeat(37)];
    const preview = detectHardWrap(wrap(items, 40));
    expect(preview.suspected).toBe(true);
    expect(preview.joined).toBe(items.join('\n'));
  });

  it('does not suspect a text whose breaks are mostly line-per-line (a list, a table of names)', () => {
    const names = Array.from({ length: 12 }, (_, i) => `委员${'甲乙丙丁戊己庚辛壬癸子丑'[i]}`);
    const text = [wrap([PARAGRAPHS[0]!], 40), ...names].join('\n');
    const preview = detectHardWrap(text);
    expect(preview.joins).toBe(0);
    expect(preview.suspected).toBe(false);
  });

  it('joins Latin words with a space', () => {
    const english = 'The committee heard the report of the municipal government on the construction of the advanced manufacturing base and discussed it.';
    // Word-wrapped at 40 columns: each line as full as whole words allow.
    const words = english.split(' ');
    const lines: string[] = [];
    for (const word of words) {
      if (lines.length > 0 && (lines.at(-1)! + ' ' + word).length <= 40) lines[lines.length - 1] += ' ' + word;
      else lines.push(word);
    }
    const text = [wrap([PARAGRAPHS[0]!], 40), ...lines, wrap([PARAGRAPHS[1]!], 40)].join('\n');
    const preview = detectHardWrap(text);
    expect(preview.suspected).toBe(true);
    const latin = preview.joined.split('\n').filter((l) => /^[A-Za-z .,]+$/.test(l));
    expect(latin.join(' ')).toBe(english);
    expect(latin.length).toBeLessThan(lines.length);
  });
});
