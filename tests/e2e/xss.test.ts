/**
 * Attack surface (issue 7, item 6): a corpus of XSS payloads placed everywhere a record's data can
 * reach the screen (record text, Markdown headings and bold, file names/titles, label names from a
 * doccano file, native JSON titles/meta/ids/label names/speakers/notes/relations, annotation excerpts and
 * data-annotation-ids) and in the exported HTML summary. None may run.
 *
 * The context bypasses the page's Content-Security-Policy on purpose: the CSP is a second line
 * of defence, and this test checks the first (that data is never turned into markup). The CSP
 * meta itself is checked separately. Detection: a dialog hook, `window.__xss` in every page, and
 * the requests the context makes (a payload that reached the DOM would load x, //evil.example…).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBuiltApp } from './builtApp';
import { selectInEditor, tagAll } from './harness.mjs';
import { FILE_NAME_PAYLOADS, ID_PAYLOADS, LABEL_ID_PAYLOADS, PAYLOADS } from './xss-payloads';

const app = useBuiltApp();
const work = mkdtempSync(join(tmpdir(), 'yishi-xss-'));

interface Watch {
  dialogs: string[];
  requests: string[];
  pages: Page[];
}

/** Counts (and dismisses) every dialog in every page of the context, and records every request. */
function watch(context: BrowserContext): Watch {
  const w: Watch = { dialogs: [], requests: [], pages: [] };
  const hook = (page: Page) => {
    w.pages.push(page);
    page.on('dialog', (d) => {
      w.dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss().catch(() => {});
    });
  };
  context.on('page', hook);
  context.on('request', (r) => w.requests.push(r.url()));
  return w;
}

/** window.__xss in every page and every frame of the context. */
async function flags(w: Watch): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const page of w.pages) {
    if (page.isClosed()) continue;
    for (const frame of page.frames()) {
      out.push(await frame.evaluate(() => (window as unknown as { __xss?: unknown }).__xss).catch(() => 'frame gone'));
    }
  }
  return out;
}

async function expectClean(w: Watch, phase: string): Promise<void> {
  // Give any handler (onload, onerror, autofocus/onfocus, animations) a moment to fire.
  for (const page of w.pages) if (!page.isClosed()) await page.waitForTimeout(150);
  expect(w.dialogs, `dialogs after ${phase}`).toEqual([]);
  expect((await flags(w)).filter((v) => v !== undefined), `window.__xss after ${phase}`).toEqual([]);
}

async function openApp(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(app.url);
  await page.getByTestId('editor').locator('.ProseMirror').waitFor();
  return page;
}

async function docTitles(page: Page): Promise<string[]> {
  return page.getByTestId('doc-item').locator('.yi-doc-title').allTextContents();
}

async function openDocAt(page: Page, i: number): Promise<string> {
  const item = page.getByTestId('doc-item').nth(i);
  const title = (await item.locator('.yi-doc-title').textContent())!;
  await item.locator('.yi-doc-open').click();
  await expect.poll(() => page.locator('.yi-reader').getAttribute('aria-label')).toBe(title);
  return title;
}

async function openDocTitled(page: Page, title: string): Promise<void> {
  const titles = await docTitles(page);
  const i = titles.indexOf(title);
  if (i < 0) throw new Error(`no record titled ${title}`);
  await openDocAt(page, i);
}

const placed: Record<string, number> = {};
const place = (where: string, n: number) => (placed[where] = (placed[where] ?? 0) + n);

describe('XSS payloads never run', () => {
  it('the detector works: a payload that reaches the DOM is caught', async () => {
    const context = await app.browser.newContext({ bypassCSP: true });
    const w = watch(context);
    const page = await openApp(context);
    await page.evaluate(() => {
      const div = document.createElement('div');
      div.innerHTML = '<img src=x onerror="top.__xss=1"><img src=x onerror="alert(1)">';
      document.body.append(div);
    });
    await expect.poll(() => flags(w)).toContain(1);
    await expect.poll(() => w.dialogs.length).toBe(1);
    // An iframe's flag is seen too, and a foreign request is recorded.
    await page.evaluate(() => {
      const f = document.createElement('iframe');
      f.srcdoc = '<script>window.__xss=2</script><img src="http://evil.example/x">';
      document.body.append(f);
    });
    await expect.poll(() => flags(w)).toContain(2);
    await expect.poll(() => w.requests.some((u) => u.startsWith('http://evil.example/'))).toBe(true);
    await context.close();
  });

  it(`none of ${PAYLOADS.length} payloads runs in the editor, sidebar, library, labels or exported summary`, async () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(100);
    const started = Date.now();
    const context = await app.browser.newContext({ acceptDownloads: true, bypassCSP: true });
    const w = watch(context);
    const page = await openApp(context);

    // The built page carries the CSP (checked here although this context bypasses it).
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    const scriptSrc = csp?.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'));
    expect(scriptSrc).toBe("script-src 'self'"); // no inline script, no eval, no other origin
    expect(csp).toContain("connect-src 'self'");

    // (1) Record text: every payload on its own line of a .txt file; in the .md file as text,
    // headings and bold.
    const txt = ['议事 XSS 语料', ...PAYLOADS.map((p, i) => `第${i}行：${p}`)].join('\n') + '\n';
    const txtPath = join(work, 'xss-record.txt');
    writeFileSync(txtPath, txt);
    place('txt record text', PAYLOADS.length);
    const md: string[] = ['# 议事 XSS Markdown', ''];
    PAYLOADS.forEach((p, i) => {
      if (i % 3 === 0) md.push(`## ${p}`, '');
      else if (i % 3 === 1) md.push(`**${p}**`, '');
      else md.push(p, '');
    });
    const mdPath = join(work, 'xss-record.md');
    writeFileSync(mdPath, md.join('\n'));
    place('md record text (headings, bold, plain)', PAYLOADS.length);

    // (2) File names: the title is the file name without extension.
    const namePaths = FILE_NAME_PAYLOADS.map((p, i) => {
      const path = join(work, `${p}.txt`);
      writeFileSync(path, `第${i}份记录：标题是一个载荷。\n${p}\n`);
      return path;
    });
    place('file names / titles', FILE_NAME_PAYLOADS.length);
    await page.getByTestId('import-file').setInputFiles([txtPath, mdPath, ...namePaths]);
    await expect.poll(() => docTitles(page), { timeout: 20_000 }).toHaveLength(3 + FILE_NAME_PAYLOADS.length);
    expect(await docTitles(page)).toEqual(expect.arrayContaining(FILE_NAME_PAYLOADS));
    await expectClean(w, 'importing text files');

    // (3) doccano: payloads as label names (unknown labels, added after asking), those a label id
    // may be (markup in a label id is refused on every way in).
    const labelPayloads = LABEL_ID_PAYLOADS.slice(0, 12);
    const doccanoText = labelPayloads.map((p, i) => `标签${i}：${p}`).join('\n');
    const spans = labelPayloads.map((p, i) => {
      const start = doccanoText.indexOf(`标签${i}：`);
      return [start, start + `标签${i}`.length, p];
    });
    const doccanoPath = join(work, 'xss-doccano.jsonl');
    writeFileSync(doccanoPath, JSON.stringify({ text: doccanoText, label: spans, title: 'doccano 标签载荷' }) + '\n');
    place('doccano label names', labelPayloads.length);
    await page.getByTestId('import-file').setInputFiles(doccanoPath);
    await page.getByTestId('unknown-labels-add').click();
    await expect.poll(() => page.getByTestId('label-bar').textContent()).toContain(labelPayloads[labelPayloads.length - 1]);
    // The label names are shown as text in the label bar.
    const barText = (await page.getByTestId('label-bar').textContent())!;
    for (const p of labelPayloads) expect(barText).toContain(p);
    await expectClean(w, 'importing doccano labels');

    // (5) Native JSON: payload titles, meta, document/annotation ids (no white space) and label names.
    // Added as ids (an import adds a label under its id), so payloads a label id may hold.
    const nativeLabels = LABEL_ID_PAYLOADS.slice(0, 8).map((p, i) => ({ id: `lab-${i}-${p}`, name: p, nameEn: p, color: '#aa3300', key: '' }));
    const nativeDocs = PAYLOADS.slice(0, 10).map((p, i) => {
      const text = `原生记录${i}：${p}\n${PAYLOADS[(i + 50) % PAYLOADS.length]}\n`;
      const annotations = [0, 1, 2].map((k) => {
        const id = ID_PAYLOADS[(i * 3 + k) % ID_PAYLOADS.length] + `#${i}-${k}`;
        const quote = k === 0 ? p : k === 1 ? `原生记录${i}` : PAYLOADS[(i + 50) % PAYLOADS.length]!;
        const at = Array.from(text.slice(0, text.indexOf(quote))).length;
        const speakerAndNote = k === 0 ? { speaker: PAYLOADS[(i + 20) % PAYLOADS.length]!, note: PAYLOADS[(i + 40) % PAYLOADS.length]! } : {};
        return { id, label: nativeLabels[(i + k) % nativeLabels.length]!.id, start: at, end: at + Array.from(quote).length, text: quote, ...speakerAndNote };
      });
      return {
        id: `${ID_PAYLOADS[(i + 30) % ID_PAYLOADS.length]}-doc${i}`,
        title: `原生${i} ${p}`,
        text,
        format: i % 2 ? 'markdown' : 'plain',
        meta: { sourceName: p, encoding: p, speaker: p, note: p, [p]: p },
        annotations,
        relations: [{ id: `rel-${i}`, type: 'addresses', from: annotations[0]!.id, to: annotations[1]!.id }],
      };
    });
    const nativePath = join(work, 'xss-native.json');
    writeFileSync(nativePath, JSON.stringify({ format: 'yishi.annotations', version: 2, offsetUnit: 'codepoint', labels: nativeLabels, documents: nativeDocs }));
    place('native JSON titles', nativeDocs.length);
    place('native JSON meta values and keys', nativeDocs.length * 5);
    place('native JSON document ids', nativeDocs.length);
    place('native JSON annotation ids (data-annotation-ids)', nativeDocs.length * 3);
    place('native JSON label names', nativeLabels.length);
    place('native JSON speakers and notes (span panel, summary)', nativeDocs.length * 2);
    place('native JSON relations (relation list over payload quotes)', nativeDocs.length);
    const before = (await docTitles(page)).length;
    await page.getByTestId('import-file').setInputFiles(nativePath);
    const ask = page.getByTestId('unknown-labels-add');
    await Promise.race([
      ask.waitFor({ timeout: 10_000 }).then(() => ask.click()),
      expect.poll(() => docTitles(page), { timeout: 10_000 }).toHaveLength(before + nativeDocs.length),
    ]).catch(() => {});
    await expect.poll(() => docTitles(page), { timeout: 10_000 }).toHaveLength(before + nativeDocs.length);
    await expectClean(w, 'importing native JSON');

    // (4) Annotations on payload text in the .txt record: the excerpts show the payloads as text.
    await openDocTitled(page, 'xss-record');
    const tagged = PAYLOADS.filter((_, i) => i % 4 === 0).slice(0, 20);
    // One by one, waiting on the count (the sidebar list is virtualised: tagAll waits for a row).
    await tagAll(page, [[tagged[0]!, '1']]);
    for (let k = 1; k < tagged.length; k++) {
      await selectInEditor(page, tagged[k]!);
      await page.keyboard.press(String((k % 4) + 1));
      await expect.poll(() => page.getByTestId('annotation-count').textContent()).toBe(String(k + 1));
    }
    place('annotated payload text (sidebar excerpts)', tagged.length);
    const excerpts = await page.getByTestId('annotation-item').locator('.yi-excerpt').allTextContents();
    expect(excerpts.length).toBeGreaterThan(0);
    for (const e of excerpts) expect(tagged.some((p) => p.startsWith(e.replace(/…$/, '')))).toBe(true);
    await expectClean(w, 'tagging payload text');

    // Open every record, so its text, headings, marks, sidebar and filter chips are drawn; hover the
    // text and the sidebar, click a span, to give mouse handlers a chance.
    const n = (await docTitles(page)).length;
    for (let i = 0; i < n; i++) {
      await openDocAt(page, i);
      const marks = page.locator('[data-annotation-ids]');
      if ((await marks.count()) > 0) {
        // Events dispatched, not a real pointer: with 20+ labels the label bar covers the text's top.
        for (const type of ['mouseover', 'mouseenter', 'click']) await marks.first().dispatchEvent(type);
      }
      const items = page.getByTestId('annotation-item');
      if ((await items.count()) > 0) await items.first().dispatchEvent('mouseover');
    }
    // The record text is shown as text: the .md record shows its payloads character for character.
    await openDocTitled(page, 'xss-record');
    const shown = (await page.getByTestId('editor').textContent())!;
    for (const p of PAYLOADS) expect(shown).toContain(p.replace(/\n/g, ''));
    // Payload ids reached data-annotation-ids of a native record, unchanged.
    await openDocTitled(page, nativeDocs[0]!.title);
    const drawn = await page.locator('[data-annotation-ids]').evaluateAll((els) => els.flatMap((e) => e.getAttribute('data-annotation-ids')!.split(' ')));
    for (const a of nativeDocs[0]!.annotations) expect(drawn).toContain(a.id);
    // The selected span's panel shows the payload speaker and note as field values; the relation
    // list shows the payload quotes as text.
    const first = nativeDocs[0]!.annotations[0]!;
    await page.locator(`[data-testid="annotation-item"][data-annotation-id="${first.id.replace(/["\\]/g, '\\$&')}"] button`).dispatchEvent('click');
    await page.getByTestId('span-panel').waitFor();
    expect(await page.getByTestId('span-speaker').inputValue()).toBe(first.speaker);
    expect(await page.getByTestId('span-note').inputValue()).toBe(first.note);
    expect(await page.getByTestId('relation-item').count()).toBe(1);
    // The filter chips show the native label names as text.
    const sidebarText = (await page.getByTestId('label-filter').textContent())!;
    for (const l of nativeLabels) expect(sidebarText).toContain(l.name);
    await expectClean(w, 'opening every record');

    // (6) The exported HTML summary of all records.
    await page.getByTestId('export-dialog').click();
    await page.getByTestId('export-scope-chosen').check(); // lists every title
    await page.getByTestId('export-scope-all').check();
    await page.getByTestId('export-format-json').uncheck();
    await page.getByTestId('export-format-summary-html').check();
    const [file] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), page.getByTestId('export-download').click()]);
    const htmlPath = join(work, 'summary.html');
    await file.saveAs(htmlPath);
    const html = readFileSync(htmlPath, 'utf8');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<(img|svg|iframe|object|embed|details|input|body onload)[\s/>]/i);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;|<meta http-equiv="Content-Security-Policy" content="default-src 'none'/);
    const summary = await context.newPage();
    await summary.goto(pathToFileURL(htmlPath).href);
    const body = (await summary.textContent('body'))!;
    for (const p of tagged) expect(body).toContain(p);
    for (const t of nativeDocs) expect(body).toContain(t.title);
    for (const l of labelPayloads.slice(0, 1)) expect(body).toContain(l);
    for (const l of nativeLabels) expect(body).toContain(l.name);
    for (const d of nativeDocs) expect(body).toContain(d.annotations[0]!.speaker!);
    place('exported HTML summary (titles, quotes, label names, full texts)', tagged.length + nativeDocs.length + nativeLabels.length + 1);
    await expectClean(w, 'opening the exported summary');

    // A reload re-renders everything from IndexedDB.
    await page.reload();
    await page.getByTestId('editor').locator('.ProseMirror').waitFor();
    await openDocTitled(page, 'xss-record');
    await expectClean(w, 'reloading');

    const summaryUrl = pathToFileURL(htmlPath).href;
    const foreign = w.requests.filter((u) => !u.startsWith(app.url) && !u.startsWith('blob:') && !u.startsWith('data:') && u !== summaryUrl);
    expect(foreign).toEqual([]);
    console.log(
      `XSS corpus: ${PAYLOADS.length} distinct payloads (${FILE_NAME_PAYLOADS.length} usable as file names, ${ID_PAYLOADS.length} without white space); placed:\n` +
        Object.entries(placed).map(([k, v]) => `  ${k}: ${v}`).join('\n') +
        `\n  records opened: ${n}; dialogs: ${w.dialogs.length}; requests seen: ${w.requests.length}, foreign: ${foreign.length}; ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    await context.close();
  });
});
