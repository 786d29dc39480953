/**
 * Intake in the built app, under its Content-Security-Policy: a PDF printed by Chromium, a Word
 * file and a saved web page chosen in the file picker become records whose text is the source's
 * (pdf.js runs in its bundled worker: worker-src 'self'); an old .doc is refused with the advice
 * to save it as .docx, and stores nothing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDocx } from '../unit/intake/docxBuilder';
import { useBuiltApp } from './builtApp';

const app = useBuiltApp();
const work = mkdtempSync(join(tmpdir(), 'yishi-intake-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const TITLE = '关于加快全国先进制造研发基地建设的调研报告';
const BODY = [
  '人民代表大会常务委员会立法工作的气氛热烈，委员们认为，民生领域立法要立足实际，把群众的期盼作为立法的出发点和落脚点，做到立得住、行得通、真管用。天津要抓住本轮汽车电子产业转型发展浪潮，大力发展智能汽车产业链。',
  '建议：一是完善产业链协同机制；二是加大对关键核心技术攻关的支持力度；三是健全人才引进和培养政策，为先进制造业发展提供有力支撑。',
];

/** The web page has one more paragraph: a text already stored would be skipped as a duplicate. */
const NEWS = '（来源：天津政协网）';

const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
  body { font-family: 'Noto Serif CJK SC', serif; font-size: 14pt; } p { text-indent: 2em; } h1 { text-align: center; }
</style></head><body><h1>${TITLE}</h1>${BODY.map((p) => `<p>${p}</p>`).join('')}</body></html>`;

const paragraphs = async (page: Page) =>
  (await page.getByTestId('editor').locator('p, h1, h2').allTextContents()).map((t) => t.trim()).filter((t) => t !== '');

async function openDoc(page: Page, title: string): Promise<void> {
  await page.getByTestId('doc-item').filter({ hasText: title }).locator('.yi-doc-open').click();
  await expect.poll(() => page.locator('.yi-reader').getAttribute('aria-label')).toBe(title);
}

describe('intake in the built app', () => {
  it('imports a PDF, a .docx and a saved web page as records of their text, and refuses a .doc', async () => {
    const context = await app.browser.newContext();
    const problems: string[] = [];
    const printer = await context.newPage();
    await printer.setContent(html);
    const pdf = await printer.pdf({ format: 'A4', margin: { top: '25mm', bottom: '25mm', left: '25mm', right: '25mm' } });
    await printer.close();
    const files = {
      pdf: join(work, '调研报告.pdf'),
      docx: join(work, '提案.docx'),
      html: join(work, '新闻.html'),
      doc: join(work, '旧文件.doc'),
    };
    writeFileSync(files.pdf, pdf);
    writeFileSync(files.docx, buildDocx([{ kind: 'heading', level: 1, text: TITLE }, ...BODY.map((text) => ({ kind: 'p' as const, text }))]));
    writeFileSync(files.html, `<html><head><title>${TITLE}</title></head><body><nav><a href="/">首页</a></nav><article><h1>${TITLE}</h1>${[...BODY, NEWS].map((p) => `<p>${p}</p>`).join('')}</article><footer>版权所有</footer></body></html>`);
    writeFileSync(files.doc, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));

    const page = await context.newPage();
    page.on('console', (m) => {
      if (/Content.Security.Policy|worker/i.test(m.text()) && m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(app.url);
    await page.getByTestId('editor').locator('.ProseMirror').waitFor();
    const titles = () => page.getByTestId('doc-item').locator('.yi-doc-title').allTextContents();
    const before = (await titles()).length;

    await page.getByTestId('import-file').setInputFiles([files.pdf, files.docx, files.html, files.doc]);
    await expect.poll(titles, { timeout: 30_000 }).toEqual(expect.arrayContaining(['调研报告', '提案', '新闻']));
    expect((await titles()).length).toBe(before + 3);
    await expect.poll(() => page.getByRole('alert').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/旧文件\.doc.*\.docx/)]));
    await expect.poll(() => page.getByTestId('import-summary').textContent()).toMatch(/旧文件\.doc.*save it as \.docx/);

    await openDoc(page, '调研报告');
    expect(await paragraphs(page)).toEqual([TITLE, ...BODY]);
    await openDoc(page, '提案');
    expect(await paragraphs(page)).toEqual([`# ${TITLE}`, ...BODY]);
    await openDoc(page, '新闻');
    expect(await paragraphs(page)).toEqual([`# ${TITLE}`, ...BODY, NEWS]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
