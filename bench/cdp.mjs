// @ts-check
// What the bench reads from Chromium over CDP: main-thread work (Performance.getMetrics) and the
// JS heap after a collection; and the small waits the subjects share.

/** @typedef {import('playwright-core').CDPSession} CDPSession */
/** @typedef {import('./types').Metrics} Metrics */
/** @typedef {import('./types').Breakdown} Breakdown */

/** The page's viewport in every run. */
export const VIEWPORT = { width: 1280, height: 800 };
/** One frame at 60 Hz, ms. */
export const FRAME_MS = 1000 / 60;

/** @param {number} ms */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Chromium's counters of the page's main thread (TaskDuration and the like, in seconds).
 * @param {CDPSession} cdp
 * @returns {Promise<Metrics>}
 */
export async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

/**
 * Main-thread work in the page between two Performance.getMetrics readings, in ms.
 * @param {Metrics} a
 * @param {Metrics} b
 */
export const workMs = (a, b) => (num(b.TaskDuration) - num(a.TaskDuration)) * 1000;

/**
 * The main-thread work between two readings, and its script, layout and style shares, in ms;
 * `cpuMs` is the CPU time the main thread got meanwhile (`ThreadTime`), which other programs
 * competing for the cores inflate much less than the tasks' wall time.
 * @param {Metrics} a
 * @param {Metrics} b
 * @returns {Breakdown}
 */
export const breakdown = (a, b) => ({
  taskMs: workMs(a, b),
  scriptMs: (num(b.ScriptDuration) - num(a.ScriptDuration)) * 1000,
  layoutMs: (num(b.LayoutDuration) - num(a.LayoutDuration)) * 1000,
  styleMs: (num(b.RecalcStyleDuration) - num(a.RecalcStyleDuration)) * 1000,
  cpuMs: (num(b.ThreadTime) - num(a.ThreadTime)) * 1000,
});

/** @param {number | undefined} x */
const num = (x) => x ?? Number.NaN;

/**
 * The page's JS heap after a garbage collection, MB.
 * @param {CDPSession} cdp
 * @returns {Promise<import('./types').HeapFigures>}
 */
export async function heapMB(cdp) {
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await sleep(200);
  const { usedSize, totalSize } = await cdp.send('Runtime.getHeapUsage');
  return { heapMB: usedSize / 2 ** 20, heapTotalMB: totalSize / 2 ** 20 };
}

/**
 * Rejects with an error carrying `timeout: true` when `promise` has not settled within `ms`.
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @param {string} what named in the error
 * @returns {Promise<T>}
 */
export function withTimeout(promise, ms, what) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(`${what}: timed out after ${Math.round(ms / 1000)} s`), { timeout: true })), ms);
    }),
  ]);
}
