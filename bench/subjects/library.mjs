// @ts-check
// A library of ordinary records, the subject: one file of many records imported at once, then
// all of it exported in every format of the export dialog.
import { launchChromium } from '../../tests/e2e/harness.mjs';
import { metrics, VIEWPORT, workMs } from '../cdp.mjs';
import { closeBrowser, readCpuAtEnd } from '../machine.mjs';
import { installOurs } from '../page.mjs';
import { exportByDialog } from './exports.mjs';

/** @typedef {import('../types').LibraryRun} LibraryRun */

/**
 * Imports a library of many ordinary records in one file, then exports all of it in every format.
 * @param {import('../types').Served} app
 * @param {import('../types').LibraryInput} input
 * @param {import('../types').BenchOptions} opts
 * @param {number} runIndex
 * @returns {Promise<LibraryRun>}
 */
export async function measureLibrary(app, input, opts, runIndex) {
  const { file, path } = input;
  const first = file.documents[0];
  const last = file.documents[file.documents.length - 1];
  if (!first || !last) throw new Error('the library file holds no record');
  const firstIds = first.annotations.filter((a) => a.end <= 250).map((a) => a.id);
  const timeout = 180_000;
  const browser = await launchChromium();
  /** @type {LibraryRun} */
  const result = { run: runIndex, errors: [] };
  try {
    const context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
    const page = await context.newPage();
    page.on('pageerror', (e) => result.errors.push(`pageerror: ${e.message}`));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(app.url);
    await page.getByTestId('editor').locator('.ProseMirror').waitFor();
    await page.evaluate(installOurs, []);
    await page.evaluate(() => window.__yb.settle());
    await page.evaluate(([id, title, ids, t]) => window.__yb.armImport(id, title, ids, t), [last.id, first.title, firstIds, timeout]);
    const m0 = await metrics(cdp);
    await page.getByTestId('import-file').setInputFiles(path);
    const imported = await page.evaluate(() => window.__yb.pending);
    imported.taskMs = workMs(m0, await metrics(cdp));
    result.import = imported;
    result.listed = await page.getByTestId('doc-item').count();
    await page.evaluate(() => window.__yb.settle());
    result.exports = {};
    for (const e of opts.exports.filter((x) => x.kind === 'dialog')) {
      if (await page.getByTestId(e.testId).count()) Object.assign(result.exports, await exportByDialog(page, cdp, { ...e, name: 'all records' }, timeout, 'all'));
    }
    await context.close();
  } catch (error) {
    result.failed = error instanceof Error ? error.message : String(error);
  } finally {
    readCpuAtEnd(result);
    await closeBrowser(browser);
  }
  return result;
}
