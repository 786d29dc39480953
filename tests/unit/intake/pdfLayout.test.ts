import { describe, expect, it } from 'vitest';
import { layoutParagraphs, type PdfPageText, type PdfTextItem } from '../../../src/io/intake/pdfLayout';

const SIZE = 12;
const LEFT = 72;
const CHARS_PER_LINE = 30;
const item = (str: string, x: number, y: number, size = SIZE): PdfTextItem => ({ str, x, y, width: Array.from(str).length * size, size, hasEOL: false });

/** Lays paragraphs out as a PDF would draw them: 30 CJK characters a line, the first indented two, a running header and a page number. */
function pages(paragraphs: readonly string[], linesPerPage: number, header: string | null = '天津市政协 会议综述'): PdfPageText[] {
  const lines: { text: string; indent: boolean }[] = [];
  for (const p of paragraphs) {
    const chars = Array.from(p);
    let first = true;
    for (let i = 0; i < chars.length; ) {
      const room = first ? CHARS_PER_LINE - 2 : CHARS_PER_LINE;
      lines.push({ text: chars.slice(i, i + room).join(''), indent: first });
      i += room;
      first = false;
    }
  }
  const out: PdfPageText[] = [];
  for (let p = 0; p * linesPerPage < lines.length; p++) {
    const items: PdfTextItem[] = [];
    // Drawn last on the page by some writers: position, not order, makes a header.
    lines.slice(p * linesPerPage, (p + 1) * linesPerPage).forEach((l, i) => items.push(item(l.text, LEFT + (l.indent ? 2 * SIZE : 0), 760 - i * 18)));
    if (header !== null) items.push(item(header, 200, 810, 9));
    items.push(item(`- ${p + 1} -`, 290, 30, 9));
    out.push({ items });
  }
  return out;
}

const PARAGRAPHS = [
  '天津要抓住本轮汽车电子产业重构式的转型发展浪潮，大力发展以智能驾舱、域控制器等为代表的智能汽车产业链。鼓励电池回收及再资源化产业，支持储能、备能等梯次利用。',
  '充分发挥自贸区及金融示范区的政策先行优势，积极发展汽车融资租赁、互联网汽车金融、产业链金融等。',
  '培育一批具有核心竞争力的龙头企业，推动产业链上下游协同发展，形成完整的产业生态，为全市经济高质量发展提供有力支撑。',
];

describe('PDF text into paragraphs', () => {
  it('rejoins lines without spaces between CJK characters and drops running headers and page numbers', () => {
    const result = layoutParagraphs(pages(PARAGRAPHS, 3));
    expect(result.paragraphs).toEqual(PARAGRAPHS);
    const pageCount = pages(PARAGRAPHS, 3).length;
    expect(pageCount).toBeGreaterThan(2);
    expect(result.dropped).toBe(2 * pageCount);
  });

  it('drops a lone page number on a one-page document but keeps its last line of text', () => {
    const result = layoutParagraphs(pages([PARAGRAPHS[0]!, '最后一段。'], 10, null));
    expect(result.paragraphs).toEqual([PARAGRAPHS[0], '最后一段。']);
    expect(result.dropped).toBe(1);
  });

  it('puts a space between Latin words split across items or lines, none next to CJK', () => {
    const page: PdfPageText = {
      items: [
        item('The', LEFT, 700), item('committee', LEFT + 4 * SIZE, 700), item('met', LEFT + 14 * SIZE, 700),
        item('and', LEFT + 18 * SIZE, 700), item('agreed', LEFT + 22 * SIZE, 700), item('会议', LEFT + 29 * SIZE, 700),
        item('决定', LEFT, 682), item('to', LEFT + 3 * SIZE, 682),
      ],
    };
    expect(layoutParagraphs([page]).paragraphs).toEqual(['The committee met and agreed会议决定to']);
  });

  it('starts a paragraph after a wide gap, at a change of type size, and keeps a centred heading apart', () => {
    const page: PdfPageText = {
      items: [item('会议综述', 250, 760, 18), item('正文第一行文字正文第一行文字正文第一行文字', LEFT, 720), item('正文第二行', LEFT, 702), item('另起一段文字', LEFT, 650)],
    };
    expect(layoutParagraphs([page]).paragraphs).toEqual(['会议综述', '正文第一行文字正文第一行文字正文第一行文字正文第二行', '另起一段文字']);
  });

  it('keeps a centred heading that wraps onto two lines as one paragraph', () => {
    const right = LEFT + 30 * SIZE;
    // As Chromium prints a long centred h1: a full first line, the rest centred under it.
    const centred = (text: string, y: number, size: number) => item(text, (LEFT + right - Array.from(text).length * size) / 2, y, size);
    const page: PdfPageText = {
      items: [
        item('关于加快全国先进制造研发基地建设的调', LEFT, 782, 20), centred('研报告', 752, 20),
        item('一'.repeat(28), LEFT + 2 * SIZE, 700), item('二'.repeat(30), LEFT, 682), item('三'.repeat(30), LEFT, 664), item('四'.repeat(30), LEFT, 646), item('完。', LEFT, 628),
      ],
    };
    expect(layoutParagraphs([page]).paragraphs).toEqual(['关于加快全国先进制造研发基地建设的调研报告', `${'一'.repeat(28)}${'二'.repeat(30)}${'三'.repeat(30)}${'四'.repeat(30)}完。`]);
  });

  it('starts a paragraph at an indented line even when the line before is full', () => {
    const full = '甲'.repeat(28 + 30);
    const result = layoutParagraphs(pages([full, '乙'.repeat(40)], 10, null));
    expect(result.paragraphs).toEqual([full, '乙'.repeat(40)]);
  });

  it('gives nothing for pages without text', () => {
    expect(layoutParagraphs([{ items: [] }, { items: [{ ...item('', 0, 0), hasEOL: true }] }])).toEqual({ paragraphs: [], dropped: 0 });
  });
});
