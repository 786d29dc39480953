import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import iconv from 'iconv-lite';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { useBuiltApp } from './builtApp';
import { selectInEditor, tagAll } from './harness.mjs';

const app = useBuiltApp();
const work = mkdtempSync(join(tmpdir(), 'yishi-e2e-'));

afterAll(() => {
  expect(cspViolations).toEqual([]);
});

/** Every request the page makes; the app must make none outside its own origin. */
function recordRequests(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (r) => urls.push(r.url()));
  return urls;
}

/** Console messages about the Content-Security-Policy: the built app must trigger none. */
const cspViolations: string[] = [];

async function openApp(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  await page.goto(app.url);
  await page.getByTestId('editor').locator('.ProseMirror').waitFor();
  return page;
}

async function docTitles(page: Page): Promise<string[]> {
  return page.getByTestId('doc-item').locator('.yi-doc-title').allTextContents();
}

async function openDoc(page: Page, title: string): Promise<void> {
  await page.getByTestId('doc-item').filter({ hasText: title }).locator('.yi-doc-open').click();
  await expect.poll(() => page.locator('.yi-reader').getAttribute('aria-label')).toBe(title);
}

async function count(page: Page): Promise<number> {
  return Number(await page.getByTestId('annotation-count').textContent());
}

/** Drags the real mouse from the first to the last character of `needle` in the editor. */
async function dragSelect(page: Page, needle: string): Promise<void> {
  const box = await page.evaluate((needle) => {
    const root = document.querySelector('[data-testid="editor"] .ProseMirror')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const t = n as Text;
      const at = t.data.indexOf(needle);
      if (at < 0) continue;
      const r = document.createRange();
      r.setStart(t, at);
      r.setEnd(t, at + 1);
      const first = r.getBoundingClientRect();
      r.setStart(t, at + needle.length - 1);
      r.setEnd(t, at + needle.length);
      const last = r.getBoundingClientRect();
      return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
    }
    throw new Error(`“${needle}” is not in one text node`);
  }, needle);
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move((box.x1 + box.x2) / 2, box.y2, { steps: 5 });
  await page.mouse.move(box.x2, box.y2, { steps: 5 });
  await page.mouse.up();
}

interface Exported {
  format: string;
  version: number;
  offsetUnit: string;
  documents: { id: string; title: string; text: string; annotations: { id: string; label: string; start: number; end: number; text: string }[] }[];
}

async function download(page: Page, testId: string): Promise<{ path: string; json: Exported }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = join(work, file.suggestedFilename());
  await file.saveAs(path);
  return { path, json: JSON.parse(readFileSync(path, 'utf8')) as Exported };
}

const RECORD_TXT = [
  '市政协专题协商会议记录',
  '',
  '　　王𠮷委员说：目前我市先进制造业存在产业链上下游配套不完整的问题。',
  '　　李明委员建议：加快建设引领性、高端型的产业技术研究院。',
  '　　市工业和信息化局表示：我们将全面实施“链长制”，做好产业转型升级工作。',
  '',
].join('\r\n');

const RECORD_MD = '# 第二次会议\n\n## 委员观点\n\n张华委员：  \n**以工业互联网助推现代工业体系**\n\n呼吁提高技工实习实践补贴额度。\n';

describe('the built app in Chromium', () => {
  it('imports, tags with mouse and keyboard, survives a reload, exports exact offsets, re-imports in a fresh profile', async () => {
    const context = await app.browser.newContext({ acceptDownloads: true });
    const requests = recordRequests(context);
    const page = await openApp(context);

    // The sample record is there on first start.
    expect(await docTitles(page)).toHaveLength(1);
    expect(await page.getByTestId('editor').textContent()).toContain('天津市政协');

    // Import a GB18030 text file (CRLF, full-width spaces, an astral name character) and a Markdown file at once.
    const txtPath = join(work, '专题协商会.txt');
    writeFileSync(txtPath, iconv.encode(RECORD_TXT, 'gb18030'));
    const mdPath = join(work, 'second-meeting.md');
    writeFileSync(mdPath, RECORD_MD);
    await page.getByTestId('import-file').setInputFiles([txtPath, mdPath]);
    await expect.poll(() => docTitles(page)).toHaveLength(3);
    expect(await docTitles(page)).toEqual(expect.arrayContaining(['专题协商会', 'second-meeting']));
    await expect.poll(() => page.getByTestId('status').textContent()).toContain('GB18030');

    // Markdown headings display as headings.
    await openDoc(page, 'second-meeting');
    expect(await page.getByTestId('editor').locator('h2').textContent()).toBe('## 委员观点');

    await openDoc(page, '专题协商会');
    // The canonical text kept the full-width indentation and lost only the CRs.
    expect(await page.getByTestId('editor').locator('p').nth(1).textContent()).toBe(
      '　　王𠮷委员说：目前我市先进制造业存在产业链上下游配套不完整的问题。',
    );

    // Keyboard: select with the DOM selection API, and with Shift+arrows from a caret; press label keys.
    await tagAll(page, [['目前我市先进制造业存在产业链上下游配套不完整的问题', '2']]);
    await selectInEditor(page, '加快');
    await page.keyboard.press('ArrowLeft'); // caret before 加快
    for (let i = 0; i < '加快建设引领性、高端型的产业技术研究院'.length; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('3');
    await expect.poll(() => count(page)).toBe(2);
    // Mouse: drag over text, then click a label button.
    await dragSelect(page, '我们将全面实施“链长制”');
    await page.getByTestId('label-button-response').click();
    await expect.poll(() => count(page)).toBe(3);
    // A span covering the astral character, and an overlapping one.
    await tagAll(page, [['王𠮷委员说：目前我市', '1'], ['王𠮷委员', '4']]);
    await expect.poll(() => count(page)).toBe(5);

    const items = page.getByTestId('annotation-item');
    expect(await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-label')))).toEqual([
      'proposal',
      'response',
      'problem',
      'recommendation',
      'response',
    ]);
    // Every annotation is drawn, overlaps included: each id appears on some piece of the text.
    const ids = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-annotation-id')!));
    const drawn = await page.locator('[data-annotation-ids]').evaluateAll((els) =>
      els.flatMap((e) => e.getAttribute('data-annotation-ids')!.split(' ')),
    );
    for (const id of ids) expect(drawn).toContain(id);

    // Fix a mistake: click the "problem" span in the sidebar, relabel it, shrink its start by one.
    await items.nth(2).locator('button').click();
    await page.keyboard.press('1');
    await page.keyboard.press(']');
    await expect.poll(() => items.nth(2).getAttribute('data-label')).toBe('proposal');
    await expect.poll(() => items.nth(2).locator('.yi-excerpt').textContent()).toBe('前我市先进制造业存在产业链上下游配套不完整的问题');
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state')).toBe('saved');

    // Close and come back: everything is still there.
    await page.reload();
    await page.getByTestId('editor').locator('.ProseMirror').waitFor();
    await openDoc(page, '专题协商会');
    await expect.poll(() => count(page)).toBe(5);

    // Export and check every offset, in JavaScript (code points) and in Python.
    const { path, json } = await download(page, 'export-json');
    expect(json).toMatchObject({ format: 'yishi.annotations', version: 2, offsetUnit: 'codepoint' });
    expect(json.documents).toHaveLength(1);
    const doc = json.documents[0]!;
    expect(doc.text).toBe(RECORD_TXT.replace(/\r\n/g, '\n'));
    for (const a of doc.annotations) expect(Array.from(doc.text).slice(a.start, a.end).join('')).toBe(a.text);
    const python = execFileSync(
      'python3',
      ['-c', 'import json,sys\nd=json.load(open(sys.argv[1],encoding="utf-8"))\nbad=[a["id"] for doc in d["documents"] for a in doc["annotations"] if doc["text"][a["start"]:a["end"]]!=a["text"]]\nprint(len(bad), sum(len(doc["annotations"]) for doc in d["documents"]))', path],
      { encoding: 'utf8' },
    );
    expect(python.trim()).toBe('0 5');

    const all = await download(page, 'export-all-json');
    expect(all.json.documents.map((d) => d.title).sort()).toEqual(
      ['专题协商会', 'second-meeting', '打造天津的当家产业（天津市政协专题议政会综述）'].sort(),
    );

    // The built page carries the Content-Security-Policy.
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toContain("connect-src 'self'");
    // The app made no request outside its own origin.
    expect(requests.filter((u) => !u.startsWith(app.url) && !u.startsWith('blob:'))).toEqual([]);
    await context.close();

    // A fresh browser profile takes the export back, with the same annotations.
    const fresh = await app.browser.newContext();
    const page2 = await openApp(fresh);
    await page2.getByTestId('import-file').setInputFiles(path);
    await expect.poll(() => docTitles(page2)).toContain('专题协商会');
    await openDoc(page2, '专题协商会');
    await expect.poll(() => count(page2)).toBe(5);
    const reimported = await page2.getByTestId('annotation-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-annotation-id')));
    expect(reimported.sort()).toEqual(doc.annotations.map((a) => a.id).sort());
    // Importing the same file again duplicates nothing.
    await page2.getByTestId('import-file').setInputFiles(path);
    await expect.poll(() => page2.getByTestId('status').textContent()).toContain('+0 annotations');
    expect((await docTitles(page2)).filter((t) => t === '专题协商会')).toHaveLength(1);
    // A deleted annotation comes back from the file, and the open record shows it at once.
    await page2.getByTestId('annotation-item').first().locator('button').click();
    await page2.keyboard.press('Delete');
    await expect.poll(() => count(page2)).toBe(4);
    await page2.getByTestId('import-file').setInputFiles(path);
    await expect.poll(() => page2.getByTestId('status').textContent()).toContain('+1 annotations');
    await expect.poll(() => count(page2)).toBe(5);
    await fresh.close();
  });

  it('creates a record from pasted text, keeping it character for character, and deletes one after asking', async () => {
    const context = await app.browser.newContext();
    const page = await openApp(context);
    const pasted = '　　目前存在三个问题。  \r\n\r\n建议：加快立法。\r\n';
    await page.getByTestId('new-doc').click();
    await page.getByTestId('new-doc-title').fill('粘贴的记录');
    await page.getByTestId('new-doc-text').fill(pasted);
    await page.getByTestId('new-doc-create').click();
    await expect.poll(() => docTitles(page)).toContain('粘贴的记录');
    await expect.poll(() => page.locator('.yi-reader').getAttribute('aria-label')).toBe('粘贴的记录');
    // The textarea already turns CRLF into LF; the record keeps the full-width and trailing spaces.
    expect(await page.getByTestId('editor').locator('p').first().textContent()).toBe('　　目前存在三个问题。  ');
    await tagAll(page, [['加快立法', '3']]);

    const item = page.getByTestId('doc-item').filter({ hasText: '粘贴的记录' });
    await item.getByTestId('delete-doc').click();
    expect(await docTitles(page)).toContain('粘贴的记录'); // asked, not yet deleted
    await item.getByTestId('confirm-delete').click();
    await expect.poll(() => docTitles(page)).not.toContain('粘贴的记录');
    await context.close();
  });

  it('exports several formats as one zip from the export dialog, each exact, and one format as a single file', async () => {
    const context = await app.browser.newContext({ acceptDownloads: true });
    const page = await openApp(context);
    await tagAll(page, [
      ['目前天津市先进制造业未形成完整的产业链上下游配套', '2'],
      ['建设引领性、高端型的产业技术研究院', '3'],
      ['产业技术研究院', '1'],
      ['将以此次会议为契机,做好产业转型升级工作', '4'],
    ]);
    await page.getByTestId('export-dialog').click();
    for (const f of ['jsonl', 'brat', 'csv', 'bio', 'labelstudio']) await page.getByTestId(`export-format-${f}`).check();
    const [zip] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
    expect(zip.suggestedFilename()).toMatch(/\.zip$/);
    const zipPath = join(work, zip.suggestedFilename());
    await zip.saveAs(zipPath);
    const entries = unzipSync(readFileSync(zipPath));
    const names = Object.keys(entries);
    expect(names).toEqual(expect.arrayContaining(['annotations.yishi.json', 'annotations.csv']));
    const utf8 = (name: string) => new TextDecoder().decode(entries[name]);
    // Dataset JSONL: code points, with the unit in each line's meta.
    const jsonlName = names.find((n) => n.endsWith('.jsonl'))!;
    const lines = utf8(jsonlName).trim().split('\n').map((l) => JSON.parse(l) as { text: string; spans: { start: number; end: number; text: string }[]; meta: { offset_unit: string } });
    expect(lines[0]!.meta.offset_unit).toBe('codepoint');
    expect(lines[0]!.spans).toHaveLength(4);
    for (const span of lines[0]!.spans) expect(Array.from(lines[0]!.text).slice(span.start, span.end).join('')).toBe(span.text);
    // CSV for Excel/WPS: UTF-8 with BOM.
    expect([...entries['annotations.csv']!.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // BIO cannot hold the nested span: the dialog says so.
    await expect.poll(() => page.getByTestId('export-report').textContent()).toContain('产业技术研究院');

    for (const f of ['json', 'jsonl', 'brat', 'csv', 'bio', 'labelstudio']) await page.getByTestId(`export-format-${f}`).uncheck();
    await page.getByTestId('export-format-summary-html').check();
    const [html] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
    expect(html.suggestedFilename()).toMatch(/\.html$/);
    const htmlPath = join(work, html.suggestedFilename());
    await html.saveAs(htmlPath);
    const summary = readFileSync(htmlPath, 'utf8');
    expect(summary).toContain('目前天津市先进制造业未形成完整的产业链上下游配套');
    expect(summary).not.toMatch(/<script/i);
    await context.close();
  });

  it('imports a doccano file with an unknown label after asking, and a brat pair', async () => {
    const context = await app.browser.newContext();
    const page = await openApp(context);
    const doccano = join(work, 'doccano.jsonl');
    const text = '𠮷委员：目前存在融资难的问题。建议设立专项基金。';
    // doccano counts UTF-16 units: 𠮷 is two.
    const start = text.indexOf('融资难'), end = start + 3;
    writeFileSync(doccano, JSON.stringify({ text, label: [[start, end, 'finance'], [text.indexOf('设立'), text.indexOf('设立') + 6, 'recommendation']] }) + '\n');
    await page.getByTestId('import-file').setInputFiles(doccano);
    await page.getByTestId('unknown-labels-add').click();
    await expect.poll(() => docTitles(page)).toHaveLength(2);
    await expect.poll(() => count(page)).toBe(2);
    expect(await page.getByTestId('label-button-finance').textContent()).toContain('finance');
    const texts = await page.getByTestId('annotation-item').locator('.yi-excerpt').allTextContents();
    expect(texts).toEqual(['融资难', '设立专项基金']);

    const txt = join(work, 'meeting.txt');
    const ann = join(work, 'meeting.ann');
    writeFileSync(txt, '市发改委表示：我们将加快推进。\n');
    writeFileSync(ann, 'T1\tresponse 7 14\t我们将加快推进\n');
    await page.getByTestId('import-file').setInputFiles([txt, ann]);
    await expect.poll(() => docTitles(page)).toHaveLength(3);
    await expect.poll(() => count(page)).toBe(1);
    expect(await page.getByTestId('annotation-item').getAttribute('data-label')).toBe('response');
    await context.close();
  });

  it('two tabs on the same record see each other’s changes', async () => {
    const context = await app.browser.newContext();
    const a = await openApp(context);
    const b = await openApp(context);
    await tagAll(a, [['大力发展汽车产业', '1']]);
    await expect.poll(() => count(b)).toBe(1);
    await tagAll(b, [['以工业互联网助推现代工业体系', '1']]);
    await expect.poll(() => count(a)).toBe(2);
    await context.close();
  });

  it('a write the browser refuses is reported and not shown as saved', async () => {
    const context = await app.browser.newContext();
    const page = await openApp(context);
    await page.evaluate(() => {
      const fail = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
      IDBObjectStore.prototype.put = fail;
      IDBObjectStore.prototype.add = fail;
    });
    await selectInEditor(page, '大力发展汽车产业');
    await page.keyboard.press('2');
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/full|quota/i);
    expect(await count(page)).toBe(0);
    expect(await page.locator('[data-annotation-ids]').count()).toBe(0);
    expect(await page.getByTestId('save-state').getAttribute('data-state')).toBe('failed');
    await context.close();
  });

  it('refuses a bad file with a message naming it, and stores nothing from it', async () => {
    const context = await app.browser.newContext();
    const page = await openApp(context);
    const bad = join(work, 'broken.json');
    writeFileSync(bad, JSON.stringify({ format: 'yishi.annotations', version: 1, offsetUnit: 'codepoint', documents: [{ id: 'x', title: 't', text: '目前存在问题', annotations: [{ id: 'a', label: 'problem', start: 2, end: 99, text: '存在问题' }] }] }));
    const empty = join(work, 'empty.txt');
    writeFileSync(empty, '');
    await page.getByTestId('import-file').setInputFiles([bad, empty]);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('broken.json');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('empty.txt');
    expect(await docTitles(page)).toHaveLength(1);
    await context.close();
  });
});
