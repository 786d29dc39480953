// @ts-check
// The peer, @recogito/text-annotator (bench/peer/): the same text and spans, opened, then a span
// added and one removed per action cycle, in a fresh browser per run.
import { launchChromium } from '../../tests/e2e/harness.mjs';
import { breakdown, heapMB, metrics, sleep, VIEWPORT, withTimeout } from '../cdp.mjs';
import { closeBrowser, readCpuAtEnd, rendererMemory } from '../machine.mjs';

/** @typedef {import('../types').PeerRun} PeerRun */

/**
 * One run of the peer on one size's record.
 * @param {import('../types').Served} peer
 * @param {import('../types').SizeInput} input
 * @param {import('../types').BenchOptions} opts
 * @param {number} runIndex
 * @returns {Promise<PeerRun>}
 */
export async function measurePeer(peer, input, opts, runIndex) {
  const { doc, plan: p, u16 } = input;
  const timeoutMs = opts.peerTimeoutS * 1000;
  const browser = await launchChromium();
  /** @type {PeerRun} */
  const result = { run: runIndex };
  try {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    page.on('console', () => {}); // the peer logs each redraw
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(peer.url);
    await page.waitForFunction(() => window.__peerReady === true);
    result.render = await page.evaluate((text) => window.__peer.render(text), doc.text);
    const spans = doc.annotations.map((a) => ({ id: a.id, label: a.label, start16: u16[a.start], end16: u16[a.end], text: a.text }));
    await page.evaluate((s) => window.__peer.stage(s), spans);
    await page.evaluate(() => new Promise((r) => requestIdleCallback(() => r(undefined), { timeout: 2000 })));

    /**
     * A step in the peer's page with its main-thread work; a timeout ends the run.
     * @param {(arg: any) => Promise<import('../types').Timed>} fn
     * @param {unknown} arg
     */
    const run = async (fn, arg) => {
      const a = await metrics(cdp);
      const r = await withTimeout(page.evaluate(fn, arg), timeoutMs, 'peer');
      const b = await metrics(cdp);
      return Object.assign(r, breakdown(a, b));
    };
    result.open = await run(([first, t]) => window.__peer.open(first, t), [p.firstIds, timeoutMs]);
    /** @type {NonNullable<PeerRun['actions']>} */
    const actions = { add: [], remove: [] };
    result.actions = actions;
    for (const [i, c] of p.cycles.entries()) {
      const start = c.addAt;
      const span = { id: `peer-add-${i}`, label: 'problem', start16: u16[start], end16: u16[start + 10], text: c.needle };
      actions.add.push(await run(([s, t]) => window.__peer.add(s, t), [span, timeoutMs]));
      await sleep(50);
      actions.remove.push(await run(([id, t]) => window.__peer.remove(id, t), [c.span.id, timeoutMs]));
      await sleep(50);
    }
    result.memory = { ...(await heapMB(cdp)), ...rendererMemory() };
    await context.close();
  } catch (error) {
    result.failed = error instanceof Error ? error.message : String(error);
    if (/** @type {{ timeout?: boolean } | null} */ (error)?.timeout) result.timeout = true;
  } finally {
    readCpuAtEnd(result);
    await closeBrowser(browser);
  }
  return result;
}
