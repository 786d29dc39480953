import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { useBuiltApp } from './builtApp';
import { tagAll } from './harness.mjs';

const app = useBuiltApp();
const work = mkdtempSync(join(tmpdir(), 'yishi-workbench-'));

const RECORD = [
  '专题协商会议记录',
  '',
  '　　王𠮷委员说：目前我市先进制造业存在产业链上下游配套不完整的问题。',
  '　　李明委员建议：加快建设引领性、高端型的产业技术研究院。',
  '　　市工业和信息化局表示：我们将全面实施“链长制”，做好产业转型升级工作。',
  '',
].join('\n');
const PROBLEM = '目前我市先进制造业存在产业链上下游配套不完整的问题';
const RECOMMENDATION = '加快建设引领性、高端型的产业技术研究院';
const RESPONSE = '全面实施“链长制”，做好产业转型升级工作';

/** Every request of every page in these tests: the app must make none outside its own origin. */
const requests: string[] = [];
afterAll(() => {
  const foreign = requests.filter((u) => !u.startsWith(app.url) && !u.startsWith('data:') && !u.startsWith('blob:'));
  console.log(`workbench sessions: requests seen: ${requests.length}, outside the app's origin: ${foreign.length}`);
  expect(foreign).toEqual([]);
});

async function openApp(context: BrowserContext): Promise<Page> {
  if (!(context as { recorded?: boolean }).recorded) {
    (context as { recorded?: boolean }).recorded = true;
    context.on('request', (r) => requests.push(r.url()));
  }
  return app.open(context);
}

async function openDoc(page: Page, title: string): Promise<void> {
  await page.getByTestId('doc-item').filter({ hasText: title }).locator('.yi-doc-open').click();
  await expect.poll(() => page.locator('.yi-reader').getAttribute('aria-label')).toBe(title);
}

/** The id of the (only) annotation with this label in the list. */
async function idOf(page: Page, label: string): Promise<string> {
  return (await page.locator(`[data-testid="annotation-item"][data-label="${label}"]`).getAttribute('data-annotation-id'))!;
}

async function pick(page: Page, label: string): Promise<void> {
  await page.locator(`[data-testid="annotation-item"][data-label="${label}"] button`).click();
  await expect.poll(() => page.getByTestId('span-panel').count()).toBe(1);
}

async function relations(page: Page): Promise<string[]> {
  const items = page.getByTestId('relation-list').getByTestId('relation-item');
  const out: string[] = [];
  for (let i = 0; i < (await items.count()); i++) {
    const item = items.nth(i);
    out.push(`${await item.getAttribute('data-from')} ${await item.getAttribute('data-type')} ${await item.getAttribute('data-to')}`);
  }
  return out.sort();
}

/** The export of the open record, without the export time. */
async function exportRecord(page: Page, name: string): Promise<any> {
  await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state')).toBe('saved');
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  const path = join(work, name);
  await file.saveAs(path);
  const json = JSON.parse(readFileSync(path, 'utf8'));
  delete json.exportedAt;
  return { path, json };
}

describe('the workbench: speakers, notes, annotator and relations', () => {
  it('tags a problem → recommendation → response chain with speakers and notes, exports it and finds it identical in a fresh profile', async () => {
    const context = await app.browser.newContext({ acceptDownloads: true });
    const page = await openApp(context);
    const path = join(work, '协商会.txt');
    writeFileSync(path, RECORD);
    await page.getByTestId('import-file').setInputFiles(path);
    await openDoc(page, '协商会');

    // The annotator is set once and stamped on every new span.
    await page.getByTestId('annotator-name').fill('王分析');
    await page.getByTestId('annotator-name').press('Enter');
    await tagAll(page, [
      [PROBLEM, '2'],
      [RECOMMENDATION, '3'],
      [RESPONSE, '4'],
    ]);
    const [problem, recommendation, response] = [await idOf(page, 'problem'), await idOf(page, 'recommendation'), await idOf(page, 'response')];

    // Keyboard: S edits the speaker (Enter saves), N the note (Ctrl+Enter saves), R links by picking the target.
    await pick(page, 'recommendation');
    await page.keyboard.press('s');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('span-speaker');
    await page.keyboard.type('李明委员');
    await page.keyboard.press('Enter');
    await page.keyboard.press('n');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('span-note');
    await page.keyboard.type('研究院, "高端型"');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('第二行');
    await page.keyboard.press('Control+Enter');
    // Esc discards a draft: nothing is stored.
    await page.keyboard.press('s');
    await page.keyboard.type('草稿');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('ProseMirror'))).toBe(true);
    expect(await page.getByTestId('span-speaker').inputValue()).toBe('李明委员');
    await page.keyboard.press('r');
    await page.getByTestId('link-target-search').waitFor();
    await page.keyboard.type('配套');
    await page.keyboard.press('Enter');
    await expect.poll(() => relations(page)).toEqual([`${recommendation} addresses ${problem}`]);

    // Mouse: the speaker field with autocompletion from the library, and R then a click on the target span.
    await pick(page, 'problem');
    await page.getByTestId('span-speaker').click();
    await page.getByTestId('span-speaker').fill('王𠮷委员');
    await page.getByTestId('annotation-count').click(); // blur saves
    await pick(page, 'response');
    await page.getByTestId('span-speaker').fill('市工业和信息化局');
    await page.getByTestId('link-start').click();
    await page.locator(`[data-testid="editor"] [data-annotation-ids~="${recommendation}"]`).first().click();
    await expect.poll(() => relations(page)).toEqual([`${recommendation} addresses ${problem}`, `${response} responds_to ${recommendation}`].sort());

    // Link mode ends when the span is deselected: a later click on a span links nothing.
    await pick(page, 'problem');
    await page.keyboard.press('r');
    await page.getByTestId('link-target-search').waitFor();
    await page.locator('[data-testid="editor"] p').first().click({ position: { x: 2, y: 2 } });
    await expect.poll(() => page.getByTestId('span-panel').count()).toBe(0);
    await page.locator(`[data-testid="editor"] [data-annotation-ids~="${response}"]`).first().click();
    await expect.poll(() => page.getByTestId('span-panel').count()).toBe(1);
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state')).toBe('saved');
    expect(await relations(page)).toHaveLength(2);
    expect(await page.locator(`[data-testid="annotation-item"][data-annotation-id="${response}"]`).getAttribute('aria-current')).toBe('true');

    // Hovering the problem marks the recommendation that addresses it.
    await page.locator(`[data-testid="editor"] [data-annotation-ids~="${problem}"]`).first().hover();
    await expect.poll(() => page.locator(`[data-annotation-ids~="${recommendation}"].is-related`).count()).toBeGreaterThan(0);

    // Deleting the recommendation deletes both its relations; one undo brings all three back.
    await pick(page, 'recommendation');
    await page.keyboard.press('Delete');
    await expect.poll(() => page.getByTestId('relation-count').textContent()).toBe('0');
    await page.keyboard.press('Control+z');
    await expect.poll(() => relations(page)).toHaveLength(2);

    // A reload finds everything as it was.
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state')).toBe('saved');
    await page.reload();
    await openDoc(page, '协商会');
    await expect.poll(() => relations(page)).toHaveLength(2);
    await pick(page, 'recommendation');
    expect(await page.getByTestId('span-speaker').inputValue()).toBe('李明委员');
    expect(await page.getByTestId('span-note').inputValue()).toBe('研究院, "高端型"\n第二行');

    const first = await exportRecord(page, 'first.yishi.json');
    const doc = first.json.documents[0];
    expect(first.json.version).toBe(2);
    const byId = new Map<string, any>(doc.annotations.map((a: any) => [a.id, a]));
    expect(byId.get(recommendation)).toMatchObject({ speaker: '李明委员', note: '研究院, "高端型"\n第二行', annotator: '王分析', origin: { kind: 'manual' } });
    expect(byId.get(problem).speaker).toBe('王𠮷委员');
    expect(byId.get(response).speaker).toBe('市工业和信息化局');
    expect(doc.relations.map((r: any) => `${r.from} ${r.type} ${r.to}`).sort()).toEqual(
      [`${recommendation} addresses ${problem}`, `${response} responds_to ${recommendation}`].sort(),
    );
    await context.close();

    // A fresh profile imports the file and exports the same record, relations and attributes.
    const fresh = await app.browser.newContext({ acceptDownloads: true });
    const other = await openApp(fresh);
    await other.getByTestId('import-file').setInputFiles(first.path);
    await openDoc(other, '协商会');
    await expect.poll(() => relations(other)).toHaveLength(2);
    const second = await exportRecord(other, 'second.yishi.json');
    expect(second.json).toEqual(first.json);
    await fresh.close();
  });

  it('finds in the record with Ctrl+F, tags all matches as one undo step, snaps to clauses, and edits the label set', async () => {
    const context = await app.browser.newContext();
    const page = await openApp(context);
    const path = join(work, '查找.txt');
    writeFileSync(path, RECORD + '　　李明委员再次建议：加快建设产业技术研究院。\n');
    await page.getByTestId('import-file').setInputFiles(path);
    await openDoc(page, '查找');

    // Ctrl+F opens find (the browser's own find cannot tag); matches are highlighted, counted and tagged at once.
    await page.locator('[data-testid="editor"] .ProseMirror').click();
    await page.keyboard.press('Control+f');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('find-in-doc');
    await page.keyboard.type('产业技术研究院');
    await expect.poll(() => page.getByTestId('find-count').getAttribute('data-count')).toBe('2');
    expect(await page.locator('[data-testid="editor"] .yi-find').count()).toBe(2);
    expect(await page.locator('[data-testid="editor"] .yi-find.is-current').count()).toBe(1);
    await page.getByTestId('find-label').selectOption('recommendation');
    await page.getByTestId('find-tag-all').click();
    await expect.poll(() => page.locator('[data-testid="annotation-item"][data-label="recommendation"]').count()).toBe(2);
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('find-in-doc').count()).toBe(0);
    await expect.poll(() => page.locator('[data-testid="editor"] .yi-find').count()).toBe(0);
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('annotation-count').textContent()).toBe('0');

    // Snapping to clauses: two characters inside a clause tag the whole clause, without its 。
    await page.getByTestId('snap-mode').selectOption('clause');
    await tagAll(page, [['全面实施', '4']]);
    await expect.poll(() => page.locator('[data-testid="annotation-item"][data-label="response"]').getAttribute('title')).toBe(null);
    const responseText = await page.locator('[data-testid="annotation-item"][data-label="response"] .yi-excerpt').textContent();
    expect(responseText).toBe('我们将全面实施“链长制”');

    // The label set: add a label, give it a key, retire another only after being told how many spans carry it.
    await page.getByTestId('label-set').click();
    await page.getByTestId('label-new-id').fill('risk');
    await page.getByTestId('label-new-name').fill('风险');
    await page.getByTestId('label-add').click();
    await expect.poll(() => page.getByTestId('label-row').count()).toBe(5);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.accept();
    });
    await page.locator('[data-testid="label-row"][data-label-id="response"] [data-testid="label-retire"]').click();
    await expect.poll(() => page.locator('[data-testid="label-row"][data-label-id="response"].is-retired').count()).toBe(1);
    expect(dialogs[0]).toMatch(/^Spans in the library that carry "response": 1\./);
    await page.locator('[data-testid="label-row"][data-label-id="risk"] [data-testid="label-key"]').fill('4');
    await page.getByTestId('label-set-close').click();
    expect(await page.getByTestId('label-button-response').count()).toBe(0);
    expect(await page.getByTestId('label-button-risk').textContent()).toContain('4');
    // The retired label stays on its span; key 4 now tags as risk.
    expect(await page.locator('[data-testid="annotation-item"][data-label="response"]').count()).toBe(1);
    await page.getByTestId('snap-mode').selectOption('none');
    await tagAll(page, [['上下游配套', '4']]);
    await expect.poll(() => page.locator('[data-testid="annotation-item"][data-label="risk"]').count()).toBe(1);
    // …and the label set survives a reload.
    await page.reload();
    await page.getByTestId('label-button-risk').waitFor();
    expect(await page.getByTestId('label-button-response').count()).toBe(0);
    await context.close();
  });
});
