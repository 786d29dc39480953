import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { annotationCount, useBuiltApp } from './builtApp';
import { tagAll } from './harness.mjs';

const app = useBuiltApp();
const work = mkdtempSync(join(tmpdir(), 'yishi-backup-'));

const openApp = (context: BrowserContext): Promise<Page> => app.open(context);
const count = annotationCount;

describe('backups in the built app', () => {
  it('"Export all" is a backup; restoring asks merge or replace, replace restores it whole, merge keeps what is newer here', async () => {
    const context = await app.browser.newContext({ acceptDownloads: true });
    const page = await openApp(context);
    await page.getByTestId('annotator-name').fill('王分析');
    await page.getByTestId('annotator-name').press('Enter');
    await tagAll(page, [
      ['大力发展汽车产业', '1'],
      ['未形成完整的产业链上下游配套', '2'],
    ]);
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state')).toBe('saved');
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-all-json').click()]);
    const backupPath = join(work, file.suggestedFilename());
    await file.saveAs(backupPath);

    // A fresh profile holds only the sample: restoring asks, and "replace" brings the backup back whole.
    const fresh = await app.browser.newContext();
    const other = await openApp(fresh);
    expect(await count(other)).toBe(0);
    await other.getByTestId('restore-file').setInputFiles(backupPath);
    await other.getByTestId('restore-dialog').waitFor({ state: 'visible' });
    await other.getByTestId('restore-replace').click();
    await expect.poll(() => count(other)).toBe(2);
    expect(await other.getByTestId('annotator-name').inputValue()).toBe('王分析');
    await fresh.close();

    // Here: a span added after the backup. Merging the backup back keeps it (it is newer than the
    // backup), and the dialog says a replace would lose it.
    await tagAll(page, [['以工业互联网助推现代工业体系', '3']]);
    await expect.poll(() => count(page)).toBe(3);
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state')).toBe('saved');
    await page.getByTestId('restore-file').setInputFiles(backupPath);
    await page.getByTestId('restore-dialog').waitFor({ state: 'visible' });
    expect(await page.getByTestId('restore-newer').textContent()).toMatch(/: 1\.?$/);
    await page.getByTestId('restore-merge').click();
    await expect.poll(() => page.getByTestId('doc-item').count()).toBe(1);
    await expect.poll(() => count(page)).toBe(3);
    await context.close();
  });
});
