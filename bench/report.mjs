// @ts-check
// The report: the targets checked against the medians, the Markdown tables (medians, ours / peer
// ratios, the library, the targets) and the heading and machine-load note printed with them.
import { FRAME_MS } from './cdp.mjs';
import { isBusy } from './machine.mjs';
import { ACTION_NAMES, ACTIONS } from './plan.mjs';
import { fmt } from './stats.mjs';

/** @typedef {import('./types').SizeSummary} SizeSummary */
/** @typedef {import('./types').LibrarySummary} LibrarySummary */
/** @typedef {import('./types').BenchOptions} BenchOptions */
/** @typedef {import('./types').Target} Target */
/** @typedef {import('./types').RawRun} RawRun */

/**
 * `a / b` as JavaScript computes it when either is missing (null counts as 0), for ratios of medians.
 * @param {number | null | undefined} a
 * @param {number | null | undefined} b
 */
const div = (a, b) => /** @type {number} */ (a) / /** @type {number} */ (b);

/**
 * The issue's targets (issue 6), checked against the medians.
 * @param {SizeSummary[]} summary
 * @param {BenchOptions} opts
 * @param {LibrarySummary | undefined} lib
 * @returns {Target[]}
 */
export function targets(summary, opts, lib) {
  /** @type {Record<string, SizeSummary>} */
  const by = Object.fromEntries(summary.map((s) => [s.size, s]));
  /** @type {Target[]} */
  const out = [];
  /**
   * @param {string} size
   * @param {string} what
   * @param {number | null | undefined} value
   * @param {number} limit
   * @param {'≤' | '≥'} [cmp]
   */
  const t = (size, what, value, limit, cmp = '≤') => {
    if (!by[size]) return;
    const met = value === null || value === undefined ? null : cmp === '≤' ? value <= limit : value >= limit;
    out.push({ size, what, value, limit: `${cmp} ${limit}`, met });
  };
  t('20k', 'open, ms', by['20k']?.openMs, 100);
  t('200k', 'open, ms', by['200k']?.openMs, 250);
  t('1m', 'open, ms', by['1m']?.openMs, 600);
  for (const a of ['add', 'relabel', 'delete', 'move']) {
    t('1m', `${ACTION_NAMES[a]}: main-thread work, ms`, by['1m']?.actions[a]?.taskMs, 4);
    t('1m', `${ACTION_NAMES[a]}: key → painted, ms (next frame: 2 frames incl. the double rAF)`, by['1m']?.actions[a]?.ms, Math.round(2 * FRAME_MS * 10) / 10);
  }
  // Issue 12: each action ≤ 6 ms of main-thread work at 20k, ≤ 10 ms at 1M.
  for (const [size, limit] of /** @type {const} */ ([['20k', 6], ['1m', 10]])) {
    for (const a of ['add', 'relabel', 'delete', 'move']) t(size, `${ACTION_NAMES[a]}: main-thread work, ms (issue 12)`, by[size]?.actions[a]?.taskMs, limit);
  }
  t('1m', 'scroll: longest task, ms (none over 50 ms)', by['1m']?.scrollLongestMs, 50);
  t('1m', 'JS heap, MB', by['1m']?.heapMB, 40);
  t('1m', 'renderer memory, MB', by['1m']?.rendererMB, 250);
  for (const size of opts.sizes) t(size, 'store a change, median ms', by[size]?.storeChangeMs.median, 5);
  t('1m', 'load all spans of the record, ms', by['1m']?.loadDocumentMs, 50);
  t('1m', 'import the native JSON file, ms', by['1m']?.importMs, 1500);
  for (const [name, ms] of Object.entries(by['1m']?.exports ?? {})) t('1m', `export, ${name}, ms`, ms, 1000);
  if (lib) {
    for (const [name, ms] of Object.entries(lib.exports)) {
      const met = ms === null ? null : ms <= 3000;
      out.push({ size: 'library', what: `export a library of ${lib.documents.toLocaleString('en-US')} records, ${name.replace('all records: ', '')}, ms`, value: ms, limit: '≤ 3000', met });
    }
  }
  /**
   * @param {string} size
   * @param {number} limit
   */
  const speedup = (size, limit) => {
    const s = by[size];
    if (!s?.peer) return;
    if (s.peer.timedOut && s.peer.openMs === null) {
      const bound = div(opts.peerTimeoutS * 1000, s.openMs);
      out.push({ size, what: 'open: peer ÷ ours', value: `> ${fmt(bound)}`, limit: `≥ ${limit}`, met: bound >= limit ? true : null });
    } else t(size, 'open: peer ÷ ours', div(s.peer.openMs, s.openMs), limit, '≥');
  };
  speedup('200k', 5);
  speedup('1m', 50);
  for (const size of opts.sizes) {
    const s = by[size];
    if (!s?.peer || s.peer.addMs === null) continue;
    t(size, 'add, painted: peer ÷ ours (never slower)', div(s.peer.addMs, s.actions.add?.ms), 1, '≥');
    t(size, 'add, main thread: peer ÷ ours (never slower)', div(s.peer.addTaskMs, s.actions.add?.taskMs), 1, '≥');
    t(size, 'delete, painted: peer remove ÷ ours (never slower)', div(s.peer.removeMs, s.actions.delete?.ms), 1, '≥');
    t(size, 'delete, main thread: peer remove ÷ ours (never slower)', div(s.peer.removeTaskMs, s.actions.delete?.taskMs), 1, '≥');
    t(size, 'relabel, main thread: peer add ÷ ours (issue 12: never slower)', div(s.peer.addTaskMs, s.actions.relabel?.taskMs), 1, '≥');
    t(size, 'boundary move, main thread: peer add ÷ ours (issue 12: never slower)', div(s.peer.addTaskMs, s.actions.move?.taskMs), 1, '≥');
  }
  return out;
}

/** @type {Record<string, string>} */
export const SIZE_NAMES = { '20k': '20k', '200k': '200k', '1m': '1M', library: 'library' };

/**
 * The table of medians, one column per size, and the ours / peer ratios when the peer ran.
 * @param {SizeSummary[]} summary
 * @param {BenchOptions} opts
 * @returns {string}
 */
export function table(summary, opts) {
  const cols = summary.map((s) => SIZE_NAMES[s.size]);
  /** @type {string[]} */
  const rows = [];
  /**
   * @param {string} label
   * @param {(s: SizeSummary) => string} get
   */
  const row = (label, get) => rows.push(`| ${label} | ${summary.map((s) => get(s)).join(' | ')} |`);
  /**
   * @param {number | null | undefined} a
   * @param {number | null | undefined} b
   */
  const pair = (a, b) => `${fmt(a)} / ${fmt(b)}`;
  row('runs (failed)', (s) => `${s.runs}${s.failedRuns ? ` (${s.failedRuns})` : ''}`);
  row('import: file chosen → record listed, ms', (s) => fmt(s.importMs));
  row('import → record open and painted, ms', (s) => fmt(s.importOpenMs));
  row('**open**: click → text and spans in view painted, ms', (s) => `**${fmt(s.openMs)}**`);
  row('open: main-thread work, ms', (s) => fmt(s.openTaskMs));
  row('load all spans (`yishi:load-document`), ms', (s) => fmt(s.loadDocumentMs));
  for (const a of ACTIONS) row(`${ACTION_NAMES[a]}: key → painted / main thread, ms`, (s) => pair(s.actions[a]?.ms, s.actions[a]?.taskMs));
  // CPU time of the main thread over the same bracket: less inflated than the tasks' wall time
  // when other programs compete for the cores (recorded since the bench's split; older runs lack it).
  if (summary.some((s) => ACTIONS.some((a) => typeof s.actions[a]?.cpuMs === 'number'))) {
    for (const a of ACTIONS) row(`${ACTION_NAMES[a]}: main thread's CPU time, ms`, (s) => fmt(s.actions[a]?.cpuMs));
  }
  if (summary.some((s) => s.baselineTaskMs !== null && s.baselineTaskMs !== undefined)) row('(floor: the same bracket around 2 idle frames, main thread, ms)', (s) => fmt(s.baselineTaskMs));
  row('scroll top → bottom: longest task, ms (tasks ≥ 50 ms)', (s) => `${fmt(s.scrollLongestMs)} (${fmt(s.scrollLongTasks)})`);
  row('JS heap after GC, MB', (s) => fmt(s.heapMB));
  row('renderer memory (RSS): the page’s / all three, MB', (s) => pair(s.rendererMB, s.allRenderersMB));
  row('store a change (`yishi:store-change`) median / p95, ms', (s) => pair(s.storeChangeMs.median, s.storeChangeMs.p95));
  const exportNames = [...new Set(summary.flatMap((s) => Object.keys(s.exports)))];
  for (const name of exportNames) row(`export, ${name}, ms`, (s) => (s.exports[name] === undefined ? 'n/a' : fmt(s.exports[name])));
  if (opts.peer && summary.some((s) => s.peer)) {
    /**
     * @param {SizeSummary} s
     * @param {(p: import('./types').PeerSummary) => string} get
     */
    const peerCell = (s, get) => (!s.peer ? 'n/a' : s.peer.timedOut && s.peer.openMs === null ? `> ${opts.peerTimeoutS} s (timeout)` : get(s.peer));
    row('peer: render the text (not in its open), ms', (s) => peerCell(s, (p) => fmt(p.renderMs)));
    row('**peer open**: create + setAnnotations → painted / main thread, ms', (s) => peerCell(s, (p) => `**${pair(p.openMs, p.openTaskMs)}**`));
    row('peer addAnnotation → painted / main thread, ms', (s) => peerCell(s, (p) => pair(p.addMs, p.addTaskMs)));
    row('peer removeAnnotation → painted / main thread, ms', (s) => peerCell(s, (p) => pair(p.removeMs, p.removeTaskMs)));
    row('peer JS heap after GC / page renderer RSS, MB', (s) => peerCell(s, (p) => pair(p.heapMB, p.rendererMB)));
  }
  const head = `| median | ${cols.join(' | ')} |\n| --- | ${cols.map(() => '---:').join(' | ')} |`;
  let out = `${head}\n${rows.join('\n')}\n`;
  if (opts.peer && summary.some((s) => s.peer)) {
    /**
     * @param {number | null | undefined} ours
     * @param {number | null | undefined} peer
     */
    const ratio = (ours, peer) => (ours === null || peer === null || ours === undefined || peer === undefined ? '–' : `${fmt(ours / peer)} (peer ${fmt(peer / ours)}×)`);
    /** @type {string[]} */
    const r = [];
    /**
     * @param {string} label
     * @param {(s: SizeSummary) => string} get
     */
    const rrow = (label, get) => r.push(`| ${label} | ${summary.map((s) => get(s)).join(' | ')} |`);
    /** @param {SizeSummary} s */
    const timedOut = (s) => s.peer?.timedOut && s.peer.openMs === null;
    rrow('open (painted)', (s) => (!s.peer ? 'n/a' : timedOut(s) ? `< ${fmt(div(s.openMs, opts.peerTimeoutS * 1000))} (peer > ${fmt(div(opts.peerTimeoutS * 1000, s.openMs))}×)` : ratio(s.openMs, s.peer.openMs)));
    rrow('open, the peer’s text render added to its open', (s) => (!s.peer || timedOut(s) ? '–' : ratio(s.openMs, /** @type {number} */ (s.peer.openMs) + /** @type {number} */ (s.peer.renderMs))));
    rrow('open (main thread)', (s) => (!s.peer ? 'n/a' : timedOut(s) ? '–' : ratio(s.openTaskMs, s.peer.openTaskMs)));
    rrow('add (painted)', (s) => (!s.peer || timedOut(s) ? '–' : ratio(s.actions.add?.ms, s.peer.addMs)));
    rrow('add (main thread)', (s) => (!s.peer || timedOut(s) ? '–' : ratio(s.actions.add?.taskMs, s.peer.addTaskMs)));
    rrow('delete vs remove (painted)', (s) => (!s.peer || timedOut(s) ? '–' : ratio(s.actions.delete?.ms, s.peer.removeMs)));
    rrow('delete vs remove (main thread)', (s) => (!s.peer || timedOut(s) ? '–' : ratio(s.actions.delete?.taskMs, s.peer.removeTaskMs)));
    out += `\n| ours / peer | ${cols.join(' | ')} |\n| --- | ${cols.map(() => '---:').join(' | ')} |\n${r.join('\n')}\n`;
  }
  return out;
}

/**
 * @param {LibrarySummary} l
 * @returns {string}
 */
export function libraryTable(l) {
  const rows = [
    `| import the file: chosen → last record listed, ms | ${fmt(l.importMs)} |`,
    `| import → first record open and painted, ms | ${fmt(l.importOpenMs)} |`,
    ...Object.entries(l.exports).map(([name, ms]) => `| export, ${name.replace('all records: ', '')}, ms | ${fmt(ms)} |`),
  ];
  return `| library: ${l.documents.toLocaleString('en-US')} records, ${l.codePoints.toLocaleString('en-US')} characters, ${l.spans.toLocaleString('en-US')} spans (median of ${l.runs}${l.failedRuns ? `, ${l.failedRuns} failed` : ''}) | |\n| --- | ---: |\n${rows.join('\n')}\n`;
}

/**
 * @param {Target[]} list
 * @returns {string}
 */
export function targetTable(list) {
  /** @param {boolean | null} m */
  const mark = (m) => (m === true ? 'met' : m === false ? '**not met**' : '–');
  return `| size | target | measured | limit | |\n| --- | --- | ---: | --- | --- |\n${list
    .map((t) => `| ${SIZE_NAMES[t.size]} | ${t.what} | ${typeof t.value === 'string' ? t.value : fmt(t.value)} | ${t.limit} | ${mark(t.met)} |`)
    .join('\n')}\n`;
}

/**
 * Prints the tables of a run (just measured, or read back with --report).
 * @param {RawRun} raw
 * @param {BenchOptions} opts
 */
export function report(raw, opts) {
  const m = raw.machine;
  const summary = raw.summary;
  /** @param {string} s */
  const runs = (s) => raw.sizes[s]?.ours.length ?? opts.runs[s];
  console.log(`\n## Yishi bench ${raw.startedAt}${opts.smoke ? ' (smoke)' : ''}\n`);
  console.log(`${m.cpus} × ${m.cpuModel}, ${m.memoryGB} GB, Node ${m.node}, Chromium ${m.chromium}; app: ${m.note ?? `commit ${m.commit}${m.dirty ? ' with uncommitted changes' : ''}`} (${m.bundle}); load average before ${raw.loadavg.before.map((x) => x.toFixed(2)).join(' ')}\n`);
  console.log(`Medians over ${opts.sizes.map((s) => `${runs(s)} run(s) at ${SIZE_NAMES[s]}`).join(', ')}; actions: ${opts.cycles} cycle(s) per run.${raw.peerSkipped ? ` Peer skipped: ${raw.peerSkipped}.` : ''}\n`);
  if (summary.length) console.log(table(summary, opts));
  if (raw.librarySummary) console.log(libraryTable(raw.librarySummary));
  console.log(`### Targets (issues 6 and 12)\n\n${targetTable(targets(summary, opts, raw.librarySummary))}`);
  const runsAll = [...Object.values(raw.sizes).flatMap((x) => [...x.ours, ...(x.peer ?? [])]), ...(raw.library?.runs ?? [])];
  const busy = runsAll.filter(isBusy);
  const worst = Math.max(0, ...runsAll.map((r) => r.machineLoad?.otherCores ?? 0));
  console.log(
    busy.length
      ? `**Warning**: other programs kept the CPU busy during ${busy.length} of ${runsAll.length} runs (up to ${worst.toFixed(2)} of ${m.cpus} cores): these figures are not comparable; run again on a quiet machine.\n`
      : `Quiet machine: other programs used at most ${worst.toFixed(2)} of ${m.cpus} cores during any run.\n`,
  );
  console.log(`Raw figures: ${opts.out} (${raw.seconds} s)`);
  const failed = [...Object.values(raw.sizes).flatMap((s) => s.ours), ...(raw.library?.runs ?? [])].filter((r) => r.failed);
  if (failed.length) {
    console.error(`${failed.length} run(s) failed`);
    process.exitCode = 1;
  }
}
