/**
 * PDFs as they arrive: printed by Chromium itself (Noto CJK fonts, a running header, page
 * numbers), read back through pdf.js in its worker, character for character; and the PDFs that
 * must be refused (encrypted, empty, scanned, damaged), built byte by byte here.
 */
import { describe, expect, it } from 'vitest';
import { commands } from 'vitest/browser';
import { intakeFile } from '../../src/io/intake';

declare module 'vitest/browser' {
  interface BrowserCommands {
    /** tests/browser/print-pdf-command.mjs */
    printPdf: (html: string, options?: { header?: string; pageNumbers?: boolean }) => Promise<string>;
  }
}

const TITLE = '关于加快全国先进制造研发基地建设的调研报告';
const PARAGRAPHS = [
  '天津市政协调研组在滨海新区调研。天津要抓住本轮汽车电子产业“重构式”的转型发展浪潮，大力发展以智能驾舱、域控制器等为代表的智能汽车产业链。鼓励电池回收及再资源化产业，支持储能、备能等梯次利用，关注固态电池等新技术发展，充分发挥自贸区及金融示范区的政策先行优势。',
  '人民代表大会常务委员会立法工作的气氛热烈，委员们认为，民生领域立法要立足实际，把群众的期盼作为立法的出发点和落脚点，做到立得住、行得通、真管用。',
  '建议：一是完善产业链协同机制；二是加大对关键核心技术攻关的支持力度；三是健全人才引进和培养政策，为先进制造业发展提供有力支撑。',
];

/** Enough paragraphs for several pages, each numbered so the order is checked too. */
const BODY = Array.from({ length: 12 }, (_, i) => `第${i + 1}段。${PARAGRAPHS[i % PARAGRAPHS.length]}`);

const page = (paragraphs: readonly string[]) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
  body { font-family: 'Noto Serif CJK SC', 'Noto Sans CJK SC', serif; font-size: 14pt; line-height: 1.6; }
  h1 { font-size: 20pt; text-align: center; }
  p { text-indent: 2em; margin: 0 0 0.6em; text-align: justify; }
</style></head><body><h1>${TITLE}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</body></html>`;

const fromBase64 = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

/** A PDF with the given objects (numbered from 1), its cross-reference table and trailer. */
function buildPdf(objects: readonly string[], trailer = ''): Uint8Array {
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Uint8Array.from(out, (c) => c.charCodeAt(0));
}

const stream = (content: string, dict = '') => `<< /Length ${content.length} ${dict} >>\nstream\n${content}\nendstream`;
const onePage = (resources: string, content: string, extra: string[] = []) => [
  '<< /Type /Catalog /Pages 2 0 R >>',
  '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources ${resources} /Contents 4 0 R >>`,
  stream(content),
  ...extra,
];

describe('PDF intake', () => {
  it('reads a PDF printed by Chromium: same paragraphs in the same order, no space between CJK characters, headers and page numbers dropped, radicals mapped', { timeout: 60_000 }, async () => {
    const pdf = fromBase64(await commands.printPdf(page(BODY), { header: '天津市政协 · 调研报告', pageNumbers: true }));
    const result = await intakeFile('调研报告.pdf', pdf);
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    const pages = result.notes.find((n) => n.kind === 'pdfPages');
    expect(pages && pages.kind === 'pdfPages' && pages.pages).toBeGreaterThan(1);
    const count = pages && pages.kind === 'pdfPages' ? pages.pages : 0;
    // Each page's running header and its page number.
    expect(result.notes).toContainEqual({ kind: 'headersDropped', count: 2 * count });
    expect(result.text).toBe([TITLE, ...BODY].join('\n\n'));
    // Chromium's Noto CJK text layer gives radicals for 立, 气, 民 and many more: all mapped back.
    expect(result.notes.find((n) => n.kind === 'radicalsMapped')).toMatchObject({ count: expect.any(Number) });
    expect(result.text).not.toMatch(/[\u2E80-\u2EFF\u2F00-\u2FDF]/u);
    expect(result.meta).toMatchObject({ sourceName: '调研报告.pdf', pages: count });
    expect(result.format).toBe('plain');
  });

  it('keeps the bytes it was given (pdf.js works on a copy)', { timeout: 60_000 }, async () => {
    const pdf = fromBase64(await commands.printPdf(page(PARAGRAPHS.slice(0, 1))));
    const before = pdf.slice();
    const result = await intakeFile('短.pdf', pdf);
    expect(result).toMatchObject({ ok: true, text: [TITLE, PARAGRAPHS[0]].join('\n\n') });
    expect(pdf).toEqual(before);
  });

  it('reads a PDF whose Chinese font is not embedded (a predefined Adobe-GB1 CMap, as some Chinese PDF writers make)', async () => {
    // 政协会议 in UCS-2, drawn with STSong-Light through the UniGB-UCS2-H CMap: pdf.js needs that CMap's data.
    const content = 'BT /F1 24 Tf 72 700 Td <653F534F4F1A8BAE> Tj ET';
    const pdf = buildPdf(
      onePage('<< /Font << /F1 5 0 R >> >>', content, [
        '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
        '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R /DW 1000 >>',
        '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
      ]),
    );
    expect(await intakeFile('非嵌入字体.pdf', pdf)).toMatchObject({ ok: true, text: '政协会议' });
  });

  it('refuses an encrypted PDF, an empty PDF, a scanned PDF and a damaged PDF with what is wrong', async () => {
    const id = '<0123456789abcdef0123456789abcdef>';
    const encrypted = buildPdf(onePage('<< >>', 'BT ET', ['<< /Filter /Standard /V 1 /R 2 /O <' + 'ab'.repeat(32) + '> /U <' + 'cd'.repeat(32) + '> /P -44 >>']), `/Encrypt 5 0 R /ID [${id} ${id}]`);
    expect(await intakeFile('加密.pdf', encrypted)).toEqual({ ok: false, kind: 'encryptedPdf' });
    expect(await intakeFile('空白.pdf', buildPdf(onePage('<< >>', '')))).toEqual({ ok: false, kind: 'emptyPdf' });
    const noPages = buildPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>']);
    expect(await intakeFile('无页.pdf', noPages)).toMatchObject({ ok: false });
    const image = stream('\u0000\u00ff\u00ff\u0000', '/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8');
    const scanned = buildPdf(onePage('<< /XObject << /Im1 5 0 R >> >>', 'q 500 0 0 700 40 60 cm /Im1 Do Q', [image]));
    expect(await intakeFile('扫描.pdf', scanned)).toEqual({ ok: false, kind: 'noTextLayer' });
    expect(await intakeFile('坏.pdf', Uint8Array.from('%PDF-1.4\n1 0 obj\n<< /Type', (c) => c.charCodeAt(0)))).toMatchObject({ ok: false });
  });
});
