// @ts-check
// The figures of a size (and of the library): medians over the runs that did not fail.
import { ACTIONS } from './plan.mjs';
import { median, percentile } from './stats.mjs';

/** @typedef {import('./types').OursRun} OursRun */
/** @typedef {import('./types').PeerRun} PeerRun */
/** @typedef {import('./types').LibraryRun} LibraryRun */
/** @typedef {import('./types').SizeSummary} SizeSummary */

/**
 * @template {{ failed?: string }} R
 * @param {R[]} runs
 */
const ok = (runs) => runs.filter((r) => !r.failed);
/**
 * @template {{ failed?: string }} R
 * @template T
 * @param {R[]} runs
 * @param {(r: R) => T} get
 */
const pick = (runs, get) => ok(runs).map(get);
/**
 * @template {{ failed?: string }} R
 * @template T
 * @param {R[]} runs
 * @param {(r: R) => T[]} get
 */
const pooled = (runs, get) => ok(runs).flatMap(get);

/**
 * The medians of one size: Yishi's runs and, when it ran, the peer's.
 * @param {string} size
 * @param {OursRun[]} ours
 * @param {PeerRun[] | null} peer
 * @returns {SizeSummary}
 */
export function summarise(size, ours, peer) {
  /** @type {SizeSummary} */
  const s = /** @type {SizeSummary} */ ({ size, runs: ours.length, failedRuns: ours.filter((r) => r.failed).length });
  s.importMs = median(pick(ours, (r) => r.import?.ms));
  s.importOpenMs = median(pick(ours, (r) => r.import?.openMs));
  s.importTaskMs = median(pick(ours, (r) => r.import?.taskMs));
  s.openMs = median(pick(ours, (r) => r.open?.ms));
  s.openTaskMs = median(pick(ours, (r) => r.open?.taskMs));
  s.loadDocumentMs = median(pick(ours, (r) => r.open?.loadDocumentMs));
  s.actions = {};
  for (const a of ACTIONS) {
    const samples = pooled(ours, (r) => r.actions?.[a] ?? []);
    s.actions[a] = {
      samples: samples.length,
      ms: median(samples.map((x) => x.ms)),
      taskMs: median(samples.map((x) => x.taskMs)),
      cpuMs: median(samples.map((x) => x.cpuMs)),
      storeMs: median(samples.map((x) => x.storeMs)),
    };
  }
  s.baselineTaskMs = median(pooled(ours, (r) => r.baseline ?? []));
  s.scrollLongestMs = median(pick(ours, (r) => r.scroll?.longest));
  s.scrollLongTasks = median(pick(ours, (r) => r.scroll?.count));
  s.scrollFrames = median(pick(ours, (r) => r.scroll?.frames));
  s.heapMB = median(pick(ours, (r) => r.memory?.heapMB));
  s.rendererMB = median(pick(ours, (r) => r.memory?.rendererMB));
  s.allRenderersMB = median(pick(ours, (r) => r.memory?.allRenderersMB));
  const stores = pooled(ours, (r) => r.storage?.storeChangeMs ?? []);
  s.storeChangeMs = { samples: stores.length, median: median(stores), p95: percentile(stores, 95) };
  s.exports = exportMedians(ok(ours));
  if (peer) {
    const done = ok(peer);
    s.peer = {
      runs: peer.length,
      timedOut: peer.some((r) => r.timeout),
      failed: peer.filter((r) => r.failed && !r.timeout).map((r) => String(r.failed)),
      renderMs: median(done.map((r) => r.render?.ms)),
      openMs: median(done.map((r) => r.open?.ms)),
      openTaskMs: median(done.map((r) => r.open?.taskMs)),
      addMs: median(done.flatMap((r) => (r.actions?.add ?? []).map((x) => x.ms))),
      addTaskMs: median(done.flatMap((r) => (r.actions?.add ?? []).map((x) => x.taskMs))),
      removeMs: median(done.flatMap((r) => (r.actions?.remove ?? []).map((x) => x.ms))),
      removeTaskMs: median(done.flatMap((r) => (r.actions?.remove ?? []).map((x) => x.taskMs))),
      heapMB: median(done.map((r) => r.memory?.heapMB)),
      rendererMB: median(done.map((r) => r.memory?.rendererMB)),
      unanchored: Math.max(0, ...done.map((r) => (r.open?.unanchored ?? 0) + (r.open?.misanchored ?? 0))),
    };
  }
  return s;
}

/**
 * The medians of the library's runs.
 * @param {number} count records in the library
 * @param {Record<string, any>} stats the generated file's statistics
 * @param {LibraryRun[]} runs
 * @returns {import('./types').LibrarySummary}
 */
export function summariseLibrary(count, stats, runs) {
  const done = ok(runs);
  const exports = exportMedians(done);
  return {
    documents: count,
    codePoints: stats.codePoints,
    spans: stats.spans,
    runs: runs.length,
    failedRuns: runs.length - done.length,
    importMs: median(done.map((r) => r.import?.ms)),
    importOpenMs: median(done.map((r) => r.import?.openMs)),
    exports,
  };
}

/**
 * The median time of each export over the runs, in the order the runs met them.
 * @param {{ exports?: Record<string, import('./types').ExportResult> }[]} runs
 * @returns {Record<string, number | null>}
 */
function exportMedians(runs) {
  /** @type {Record<string, (number | undefined)[]>} */
  const by = {};
  for (const r of runs) for (const [name, e] of Object.entries(r.exports ?? {})) (by[name] ??= []).push(e.ms);
  return Object.fromEntries(Object.entries(by).map(([name, xs]) => [name, median(xs)]));
}
