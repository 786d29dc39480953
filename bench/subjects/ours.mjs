// @ts-check
// Yishi, the subject: a fresh browser per run imports the size's record, opens it, runs the action
// cycles through the keys an analyst presses, scrolls it, reads memory and times every export.
import { launchChromium } from '../../tests/e2e/harness.mjs';
import { breakdown, heapMB, metrics, VIEWPORT, workMs } from '../cdp.mjs';
import { runCycle } from '../cycle.mjs';
import { closeBrowser, readCpuAtEnd, rendererMemory } from '../machine.mjs';
import { installOurs } from '../page.mjs';
import { ACTIONS } from '../plan.mjs';
import { exportByButton, exportByDialog } from './exports.mjs';

/** @typedef {import('../types').OursRun} OursRun */
/** @typedef {import('../types').ActionSample} ActionSample */

/**
 * One run of Yishi on one size's record.
 * @param {import('../types').Served} app
 * @param {import('../types').SizeInput} input
 * @param {import('../types').BenchOptions} opts
 * @param {number} runIndex
 * @returns {Promise<OursRun>}
 */
export async function measureOurs(app, input, opts, runIndex) {
  const { doc, path, plan: p } = input;
  const timeout = doc.text.length > 500_000 ? 120_000 : 30_000;
  const browser = await launchChromium();
  /** @type {OursRun} */
  const result = { run: runIndex, errors: [] };
  try {
    result.browserVersion = browser.version();
    const context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
    const page = await context.newPage();
    page.on('pageerror', (e) => result.errors.push(`pageerror: ${e.message}`));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(app.url);
    await page.getByTestId('editor').locator('.ProseMirror').waitFor();
    await page.evaluate(installOurs, doc.annotations.map((a) => a.id));
    await page.evaluate(() => window.__yb.settle());

    // Import: the file input's change event → the record in the list, painted (and → opened).
    await page.evaluate(([id, title, first, t]) => window.__yb.armImport(id, title, first, t), [doc.id, doc.title, p.firstIds, timeout]);
    let m0 = await metrics(cdp);
    await page.getByTestId('import-file').setInputFiles(path);
    const imported = await page.evaluate(() => window.__yb.pending);
    let m1 = await metrics(cdp);
    imported.taskMs = workMs(m0, m1);
    result.import = imported;
    await page.evaluate(() => window.__yb.settle());

    // Open: another record first (the import opened this one), then a click on this one.
    await page.locator(`[data-testid="doc-item"]:not([data-doc-id="${doc.id}"]) .yi-doc-open`).first().click();
    await page.waitForFunction((title) => {
      const r = document.querySelector('.yi-reader');
      return !!r && r.getAttribute('aria-label') !== title && !!r.querySelector('.ProseMirror');
    }, doc.title);
    await page.evaluate(() => window.__yb.settle());
    m0 = await metrics(cdp);
    const opened = await page.evaluate(([id, title, first, t]) => window.__yb.open(id, title, first, t), [doc.id, doc.title, p.firstIds, timeout]);
    result.open = opened;
    m1 = await metrics(cdp);
    Object.assign(opened, breakdown(m0, m1));
    /** @type {{ start: number; duration: number }[]} */
    const loads = await page.evaluate(() => window.__yb.measures('yishi:load-document'));
    const during = loads.filter((l) => l.start >= opened.t0);
    opened.loadDocumentMs = during.length ? /** @type {{ duration: number }} */ (during[during.length - 1]).duration : null;
    result.annotationCount = await page.evaluate(() => window.__yb.count());
    await page.evaluate(() => window.__yb.settle());

    // The floor of the main-thread figure: the same bracket around two idle animation frames.
    result.baseline = [];
    for (let i = 0; i < 3; i++) {
      const a = await metrics(cdp);
      await page.evaluate(() => window.__yb.raf2());
      result.baseline.push(workMs(a, await metrics(cdp)));
    }

    // Actions, each through the keys an analyst presses.
    /** @type {Record<string, ActionSample[]>} */
    const actions = Object.fromEntries(ACTIONS.map((a) => [a, []]));
    result.actions = actions;
    /**
     * One action: `expect` says what the page waits for (bench/page.mjs key()), `keyInit` the key.
     * @param {string} name
     * @param {{ kind: string; id?: string; label?: string }} expect
     * @param {{ key: string; code: string; ctrlKey?: boolean; shiftKey?: boolean }} keyInit
     * @returns {Promise<ActionSample>}
     */
    const act = async (name, expect, keyInit) => {
      // Collect the garbage of what came before (the harness reads the whole text to select a
      // needle), so a young-generation collection of it does not land inside the measured action.
      await cdp.send('HeapProfiler.collectGarbage');
      await page.evaluate((e) => window.__yb.prepare(e), expect);
      const a = await metrics(cdp);
      const r = await page.evaluate(([k, t]) => window.__yb.key(k, t), [keyInit, timeout]);
      const b = await metrics(cdp);
      Object.assign(r, breakdown(a, b));
      actions[name]?.push(r);
      await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.getAttribute('data-state') !== 'saving');
      await page.evaluate(() => window.__yb.settle());
      return r;
    };
    for (const c of p.cycles) await runCycle(page, c, act);
    await page.evaluate(() => window.__yb.settle());

    // Scrolling the whole record, then memory with everything laid out once.
    const scroll = await page.evaluate((max) => window.__yb.scroll(max), 20_000);
    delete scroll.tasks;
    result.scroll = scroll;
    await page.evaluate(() => window.__yb.settle());
    result.memory = { ...(await heapMB(cdp)), ...rendererMemory() };

    // Storage: every stored change of this run.
    /** @type {{ duration: number }[]} */
    const stores = await page.evaluate(() => window.__yb.measures('yishi:store-change'));
    result.storage = { storeChangeMs: stores.map((s) => s.duration) };

    // Export, every format the app offers.
    result.exports = {};
    for (const e of opts.exports) {
      if (!(await page.getByTestId(e.testId).count())) {
        result.exports[e.name] = { missing: true };
        continue;
      }
      if (e.kind === 'button') Object.assign(result.exports, await exportByButton(page, cdp, e, timeout));
      else Object.assign(result.exports, await exportByDialog(page, cdp, e, timeout));
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
