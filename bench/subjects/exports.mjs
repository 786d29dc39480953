// @ts-check
// Exports, as the analyst starts them: a button the app times itself, and every format of the
// export dialog (for the open record, or for all records in the library subject).
import { metrics, workMs } from '../cdp.mjs';

/** @typedef {import('playwright-core').Page} Page */
/** @typedef {import('playwright-core').CDPSession} CDPSession */
/** @typedef {import('../types').ExportSpec} ExportSpec */
/** @typedef {import('../types').ExportResult} ExportResult */

/**
 * A button that exports at once; the app's own User Timing measure says how long it took.
 * @param {Page} page
 * @param {CDPSession} cdp
 * @param {ExportSpec} e
 * @param {number} timeout ms
 * @returns {Promise<Record<string, ExportResult>>}
 */
export async function exportByButton(page, cdp, e, timeout) {
  const before = (await page.evaluate((n) => window.__yb.measures(n), e.measure)).length;
  const download = page.waitForEvent('download', { timeout }).catch(() => null);
  const a = await metrics(cdp);
  await page.getByTestId(e.testId).click();
  await page.waitForFunction(([n, k]) => performance.getEntriesByName(n).length > k, [e.measure, before], { timeout });
  const b = await metrics(cdp);
  const list = await page.evaluate((n) => window.__yb.measures(n), e.measure);
  await download;
  await page.evaluate(() => window.__yb.settle());
  return { [e.name]: { ms: list[list.length - 1].duration, taskMs: workMs(a, b), measure: e.measure } };
}

/**
 * Every format of the export dialog, one at a time, for the open record (or all records).
 * @param {Page} page
 * @param {CDPSession} cdp
 * @param {ExportSpec} e
 * @param {number} timeout ms
 * @param {'open' | 'all'} [scopeName]
 * @returns {Promise<Record<string, ExportResult>>}
 */
export async function exportByDialog(page, cdp, e, timeout, scopeName = 'open') {
  /** @type {Record<string, ExportResult>} */
  const out = {};
  const panel = page.getByTestId('export-dialog-panel');
  await page.getByTestId(e.testId).click();
  await panel.waitFor();
  const formats = await panel.locator('[data-testid^="export-format-"]').evaluateAll((els) => els.map((el) => String(el.getAttribute('data-testid')).slice('export-format-'.length)));
  await page.keyboard.press('Escape');
  for (const format of formats) {
    await page.getByTestId(e.testId).click();
    await panel.waitFor();
    const scope = panel.getByTestId(`export-scope-${scopeName}`);
    if (await scope.count()) await scope.check();
    for (const other of formats) {
      const box = panel.getByTestId(`export-format-${other}`);
      if ((await box.isChecked()) !== (other === format)) await box.click();
    }
    const download = page.waitForEvent('download', { timeout }).catch(() => null);
    try {
      const a = await metrics(cdp);
      const r = await page.evaluate((t) => window.__yb.exportDialog(t), timeout);
      const b = await metrics(cdp);
      out[`${e.name}: ${format}`] = { ...r, taskMs: workMs(a, b), file: (await download)?.suggestedFilename() ?? null };
    } catch (error) {
      const failed = { error: error instanceof Error ? error.message : String(error) };
      out[`${e.name}: ${format}`] = failed;
      console.error(`  export ${format} (${scopeName}): ${failed.error}`);
    }
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' }).catch(() => {});
    await page.evaluate(() => window.__yb.settle());
  }
  return out;
}
