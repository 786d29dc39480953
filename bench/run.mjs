// `npm run bench`: drives the built app (dist/) in headless Chromium through the paths an analyst
// uses, on generated meeting records of 20k, 200k and 1M characters, measures the peer
// @recogito/text-annotator on the same text and spans, prints a Markdown table of medians and
// writes the raw figures to bench/results/latest.json. docs/performance.md says what each figure
// means. No figure is asserted: a run fails only when the app cannot be driven at all.
//
//   node bench/run.mjs [--smoke] [--sizes 20k,200k,1m] [--runs 5,5,3] [--peer-runs 3,3,1]
//                      [--cycles 3] [--no-peer] [--peer-timeout 180] [--library 1000]
//                      [--library-runs 3] [--export testid=measure] [--out file]
//                      [--dist dir (a build other than dist/)] [--note text (printed with the results)]
//                      [--report results.json (print the tables of an earlier run again)]
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { build, preview } from 'vite';
import { launchChromium, selectInEditor } from '../tests/e2e/harness.mjs';
import { ROOT, SIZES, writeBenchFile, writeLibraryFile } from './generate.mjs';
import { installOurs } from './page.mjs';

const BENCH = join(ROOT, 'bench');
const RESULTS = join(BENCH, 'results');
const VIEWPORT = { width: 1280, height: 800 };
const FRAME_MS = 1000 / 60;

/**
 * The exports measured. `button`: a button whose export the app times itself with a User Timing
 * measure. `dialog`: every format the export dialog offers (found at run time from its
 * `export-format-<id>` boxes), one at a time for the open record, timed in the page from the
 * click on Download until the dialog reports the file handed over. Add an entry here (or pass
 * --export testid=measure) when the app gains another exporter.
 */
export const EXPORTS = [
  { kind: 'button', name: 'JSON button', testId: 'export-json', measure: 'yishi:export-json' },
  { kind: 'dialog', name: 'dialog', testId: 'export-dialog' },
];

/** The actions measured, in the order they run in each cycle. */
const ACTIONS = ['add', 'relabel', 'move', 'delete', 'undo'];
const ACTION_NAMES = { add: 'add', relabel: 'relabel', move: 'boundary move', delete: 'delete', undo: 'undo' };

// --- options -----------------------------------------------------------------------------------

function parseArgs(argv) {
  const o = {
    smoke: false,
    sizes: Object.keys(SIZES),
    runs: { '20k': 5, '200k': 5, '1m': 3 },
    peerRuns: { '20k': 3, '200k': 3, '1m': 1 },
    cycles: 3,
    peer: true,
    peerTimeoutS: 180,
    library: 1000,
    libraryRuns: 3,
    exports: [...EXPORTS],
    dist: join(ROOT, 'dist'),
    note: null,
    out: join(RESULTS, 'latest.json'),
  };
  const perSize = (value, sizes) => {
    const parts = String(value).split(',').map(Number);
    return Object.fromEntries(sizes.map((s, i) => [s, parts[Math.min(i, parts.length - 1)]]));
  };
  let runs;
  let peerRuns;
  let cycles;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = a.includes('=') && a.startsWith('--') && !a.startsWith('--export') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const name = a.includes('=') && !a.startsWith('--export') ? a.slice(0, a.indexOf('=')) : a;
    switch (name) {
      case '--smoke':
        o.smoke = true;
        break;
      case '--sizes': {
        const v = value().toLowerCase();
        o.sizes = v === 'none' ? [] : v.split(',');
        break;
      }
      case '--runs':
        runs = value();
        break;
      case '--peer-runs':
        peerRuns = value();
        break;
      case '--cycles':
        cycles = Number(value());
        break;
      case '--no-peer':
        o.peer = false;
        break;
      case '--peer-timeout':
        o.peerTimeoutS = Number(value());
        break;
      case '--library':
        o.library = Number(value());
        break;
      case '--library-runs':
        o.libraryRuns = Number(value());
        break;
      case '--export': {
        const [testId, measure] = value().split('=');
        o.exports.push({ kind: 'button', testId, measure, name: testId });
        break;
      }
      case '--out':
        o.out = value();
        break;
      case '--dist':
        o.dist = value();
        break;
      case '--note':
        o.note = value();
        break;
      case '--report':
        o.report = value();
        break;
      default:
        throw new Error(`unknown option ${a}`);
    }
  }
  if (o.smoke) {
    o.sizes = ['20k'];
    o.runs = { '20k': 1 };
    o.peerRuns = { '20k': 1 };
    o.cycles = 1;
    o.library = 0;
  }
  for (const s of o.sizes) if (!SIZES[s]) throw new Error(`unknown size ${s} (known: ${Object.keys(SIZES).join(', ')})`);
  if (runs) o.runs = perSize(runs, o.sizes);
  if (peerRuns) o.peerRuns = perSize(peerRuns, o.sizes);
  if (cycles) o.cycles = cycles;
  return o;
}

// --- small helpers -----------------------------------------------------------------------------

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function median(xs) {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/** Nearest-rank percentile. */
function percentile(xs, p) {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  return v[Math.min(v.length - 1, Math.max(0, Math.ceil((p / 100) * v.length) - 1))];
}

function fmt(x) {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  if (typeof x === 'string') return x;
  if (x === 0) return '0';
  if (Math.abs(x) >= 100) return Math.round(x).toLocaleString('en-US');
  if (Math.abs(x) >= 10) return x.toFixed(1);
  return x.toFixed(2);
}

/** Main-thread work in the page between two Performance.getMetrics readings, in ms. */
async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}
const workMs = (a, b) => (b.TaskDuration - a.TaskDuration) * 1000;
const breakdown = (a, b) => ({
  taskMs: workMs(a, b),
  scriptMs: (b.ScriptDuration - a.ScriptDuration) * 1000,
  layoutMs: (b.LayoutDuration - a.LayoutDuration) * 1000,
  styleMs: (b.RecalcStyleDuration - a.RecalcStyleDuration) * 1000,
});

/** The processes this Node process started (directly or not), from /proc. */
function descendants() {
  const parent = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const mine = [];
  for (const pid of parent.keys()) {
    for (let p = parent.get(pid), hops = 0; p && p > 1 && hops < 64; p = parent.get(p), hops++) {
      if (p === process.pid) {
        mine.push(pid);
        break;
      }
    }
  }
  return mine;
}

/**
 * Resident memory of the renderer processes of the one browser this process has open, in MB.
 * Headless Chromium keeps three: its own UI (--top-chrome-webui), a spare one for the next tab,
 * and the page's. `rendererMB` is the page's (the non-UI renderer that has used the most CPU);
 * `allRenderersMB` the sum of all three.
 */
function rendererMemory() {
  const renderers = [];
  for (const pid of descendants()) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('--type=renderer')) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      const raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const stat = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
      const cpuTicks = Number(stat[11]) + Number(stat[12]); // utime + stime
      if (rss) renderers.push({ pid, rssMB: Number(rss[1]) / 1024, cpuTicks, ui: cmd.includes('--top-chrome-webui') });
    } catch {
      // gone meanwhile
    }
  }
  const page = renderers.filter((r) => !r.ui).sort((a, b) => b.cpuTicks - a.cpuTicks)[0];
  return { rendererMB: page?.rssMB ?? null, allRenderersMB: renderers.reduce((s, r) => s + r.rssMB, 0), renderers };
}

/**
 * CPU time (s) the whole machine has been busy, and this Node process's own. Over a run, what
 * other programs took is the machine's busy time less this process's and its browser's (read
 * just before the browser closes, see treeCpu). The bench reports it: figures taken while
 * something else ran are not comparable.
 */
function cpuCounters() {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const busy = line[0] + line[1] + line[2] + line[5] + line[6] + (line[7] ?? 0);
  const raw = readFileSync('/proc/self/stat', 'utf8');
  const f = raw.slice(raw.lastIndexOf(')') + 2).split(' ').map(Number);
  return { busyS: busy / HZ, selfS: (f[11] + f[12]) / HZ, at: Date.now() };
}
const HZ = 100; // USER_HZ on Linux

/** CPU time (s) of every live process this one started: the browser of the current run. */
function treeCpu() {
  let ticks = 0;
  for (const pid of descendants()) {
    try {
      const raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = raw.slice(raw.lastIndexOf(')') + 2).split(' ').map(Number);
      ticks += f[11] + f[12] + f[13] + f[14];
    } catch {
      // gone meanwhile
    }
  }
  return ticks / HZ;
}

function otherCpu(a, b, treeS) {
  const wallS = (b.at - a.at) / 1000;
  const otherS = Math.max(0, b.busyS - a.busyS - (b.selfS - a.selfS) - (treeS ?? 0));
  return { wallS, otherCpuS: otherS, otherCores: wallS > 0 ? otherS / wallS : 0 };
}

async function heapMB(cdp) {
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await sleep(200);
  const { usedSize, totalSize } = await cdp.send('Runtime.getHeapUsage');
  return { heapMB: usedSize / 2 ** 20, heapTotalMB: totalSize / 2 ** 20 };
}

/** Closes a browser; kills its processes (started by this process) if it does not close in time. */
async function closeBrowser(browser) {
  let timer;
  const closed = await Promise.race([
    browser.close().then(() => true, () => false),
    new Promise((resolve) => {
      timer = setTimeout(() => resolve(false), 15_000);
    }),
  ]);
  clearTimeout(timer);
  if (closed) return;
  for (const pid of descendants()) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmd.includes('chrom')) process.kill(pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
}

/** Other programs kept a fifth of a core busy during the run (and 0.5 s at least): its figures are suspect. */
const BUSY = 0.2;
const isBusy = (r) => r.machineLoad?.otherCores > BUSY && r.machineLoad.otherCpuS > 0.5;
const busyNote = (r) => (isBusy(r) ? `; other programs used ${r.machineLoad.otherCores.toFixed(2)} cores meanwhile` : '');

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(`${what}: timed out after ${Math.round(ms / 1000)} s`), { timeout: true })), ms);
    }),
  ]);
}

// --- servers -----------------------------------------------------------------------------------

async function serve(root, outDir, configFile) {
  const server = await preview({
    root,
    configFile,
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
    logLevel: 'silent',
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no port');
  return { url: `http://127.0.0.1:${address.port}/`, close: () => server.close() };
}

/**
 * The built app, served like tests/e2e/harness.mjs servePreview() does, but from a copy of dist/
 * taken at the start: a build by someone else during a long run cannot pull the files away.
 */
async function serveApp(dist) {
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`${dist} has no build: run \`vite build\` first (npm run bench does)`);
  const copy = join(RESULTS, 'app-dist');
  rmSync(copy, { recursive: true, force: true });
  cpSync(dist, copy, { recursive: true });
  return serve(ROOT, copy, undefined);
}

/** Builds bench/peer with Vite's build() API and serves it; null (with the reason) without the package. */
async function servePeer() {
  const peerRoot = join(BENCH, 'peer');
  if (!existsSync(join(ROOT, 'node_modules/@recogito/text-annotator/package.json'))) {
    return { skipped: '@recogito/text-annotator is not installed (npm install -D @recogito/text-annotator)' };
  }
  try {
    await build({ root: peerRoot, configFile: false, logLevel: 'warn', build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' } });
  } catch (error) {
    return { skipped: `the peer page did not build: ${error instanceof Error ? error.message : String(error)}` };
  }
  return serve(peerRoot, 'dist', false);
}

// --- the plan: where each run tags, relabels, moves and deletes --------------------------------

/**
 * Deterministic per size: the text an add selects (near the top of the record) and the existing
 * span each cycle relabels, moves, deletes and restores.
 */
function plan(doc, cycles) {
  const cps = Array.from(doc.text);
  const flat = doc.text.replace(/\n/g, ''); // the editor's text nodes hold no line breaks
  const plain = (c) => c !== undefined && !/[\s*#]/.test(c) && c.length === 1;
  const near = doc.annotations.filter((a) => a.start < 5000); // spans near the top (text order)
  const covered = (a) => near.some((b) => b !== a && b.start <= a.start && b.end >= a.end);
  const targets = near.filter((a) => a.start > 0 && a.end - a.start >= 4 && !a.text.includes('\n') && !covered(a));
  const cyclesPlan = [];
  for (let c = 0; c < cycles; c++) {
    let p = 80 + 180 * c;
    while (p < cps.length - 12 && !cps.slice(p, p + 10).every(plain)) p++;
    const needle = cps.slice(p, p + 10).join('');
    const before = cps.slice(0, p).join('').replace(/\n/g, '');
    let occurrence = 0;
    for (let at = flat.indexOf(needle); at >= 0 && at < before.length; at = flat.indexOf(needle, at + 1)) occurrence++;
    const span = targets[1 + 2 * c] ?? targets[c];
    cyclesPlan.push({
      needle,
      occurrence,
      addAt: p,
      span: { id: span.id, label: span.label, start: span.start, end: span.end, text: span.text },
      relabelKey: span.label === 'response' ? '1' : '4',
      relabelTo: span.label === 'response' ? 'proposal' : 'response',
    });
  }
  // The spans that must be painted for a record to count as open: those in its first 250 characters.
  const firstIds = doc.annotations.filter((a) => a.end <= 250).map((a) => a.id);
  return { cycles: cyclesPlan, firstIds };
}

// --- Yishi ---------------------------------------------------------------------------------------

/** A button that exports at once; the app's own User Timing measure says how long it took. */
async function exportByButton(page, cdp, e, timeout) {
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

/** Every format of the export dialog, one at a time, for the open record (or all records). */
async function exportByDialog(page, cdp, e, timeout, scopeName = 'open') {
  const out = {};
  const panel = page.getByTestId('export-dialog-panel');
  await page.getByTestId(e.testId).click();
  await panel.waitFor();
  const formats = await panel.locator('[data-testid^="export-format-"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid').slice('export-format-'.length)));
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
      out[`${e.name}: ${format}`] = { error: error instanceof Error ? error.message : String(error) };
      console.error(`  export ${format} (${scopeName}): ${out[`${e.name}: ${format}`].error}`);
    }
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' }).catch(() => {});
    await page.evaluate(() => window.__yb.settle());
  }
  return out;
}

async function measureOurs(app, input, opts, runIndex) {
  const { doc, path, plan: p } = input;
  const timeout = doc.text.length > 500_000 ? 120_000 : 30_000;
  const browser = await launchChromium();
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
    result.import = await page.evaluate(() => window.__yb.pending);
    let m1 = await metrics(cdp);
    result.import.taskMs = workMs(m0, m1);
    await page.evaluate(() => window.__yb.settle());

    // Open: another record first (the import opened this one), then a click on this one.
    await page.locator(`[data-testid="doc-item"]:not([data-doc-id="${doc.id}"]) .yi-doc-open`).first().click();
    await page.waitForFunction((title) => {
      const r = document.querySelector('.yi-reader');
      return !!r && r.getAttribute('aria-label') !== title && !!r.querySelector('.ProseMirror');
    }, doc.title);
    await page.evaluate(() => window.__yb.settle());
    m0 = await metrics(cdp);
    result.open = await page.evaluate(([id, title, first, t]) => window.__yb.open(id, title, first, t), [doc.id, doc.title, p.firstIds, timeout]);
    m1 = await metrics(cdp);
    Object.assign(result.open, breakdown(m0, m1));
    const loads = await page.evaluate(() => window.__yb.measures('yishi:load-document'));
    const during = loads.filter((l) => l.start >= result.open.t0);
    result.open.loadDocumentMs = during.length ? during[during.length - 1].duration : null;
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
    result.actions = Object.fromEntries(ACTIONS.map((a) => [a, []]));
    const act = async (name, expect, keyInit) => {
      // Collect the garbage of what came before (the harness reads the whole text to select a
      // needle), so a young-generation collection of it does not land inside the measured action.
      await cdp.send('HeapProfiler.collectGarbage');
      await page.evaluate((e) => window.__yb.prepare(e), expect);
      const a = await metrics(cdp);
      const r = await page.evaluate(([k, t]) => window.__yb.key(k, t), [keyInit, timeout]);
      const b = await metrics(cdp);
      Object.assign(r, breakdown(a, b));
      result.actions[name].push(r);
      await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.getAttribute('data-state') !== 'saving');
      await page.evaluate(() => window.__yb.settle());
      return r;
    };
    for (const c of p.cycles) {
      await page.evaluate(() => {
        const sc = document.querySelector('.yi-scroll');
        if (sc) sc.scrollTop = 0;
      });
      await selectInEditor(page, c.needle, c.occurrence);
      // ProseMirror takes the DOM selection on selectionchange; wait until its state has it.
      await page.waitForFunction(() => {
        const root = document.querySelector('[data-testid="editor"] .ProseMirror');
        return root?.editor ? !root.editor.state.selection.empty : true;
      });
      await page.evaluate(() => window.__yb.raf2());
      await act('add', { kind: 'add' }, { key: '2', code: 'Digit2' });

      // Select the span as an analyst does: its entry in the sidebar (or, failing that, the text).
      const item = page.locator(`[data-testid="annotation-item"][data-annotation-id="${c.span.id}"] button`);
      if (await item.count()) await item.first().click();
      else await page.locator(`[data-testid="editor"] [data-annotation-ids~="${c.span.id}"]`).first().click();
      await page.waitForFunction((id) => {
        const li = document.querySelector(`[data-testid="annotation-item"][data-annotation-id="${CSS.escape(id)}"]`);
        return li ? li.getAttribute('aria-current') === 'true' : true;
      }, c.span.id);
      await page.evaluate(() => window.__yb.settle());
      await act('relabel', { kind: 'relabel', id: c.span.id, label: c.relabelTo }, { key: c.relabelKey, code: `Digit${c.relabelKey}` });
      await act('move', { kind: 'move', id: c.span.id }, { key: ']', code: 'BracketRight' });
      await act('delete', { kind: 'delete', id: c.span.id }, { key: 'Delete', code: 'Delete' });
      await act('undo', { kind: 'restore', id: c.span.id }, { key: 'z', code: 'KeyZ', ctrlKey: true });
      await page.evaluate(() => {
        const root = document.querySelector('[data-testid="editor"] .ProseMirror');
        root?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true, cancelable: true }));
      });
    }
    await page.evaluate(() => window.__yb.settle());

    // Scrolling the whole record, then memory with everything laid out once.
    result.scroll = await page.evaluate((max) => window.__yb.scroll(max), 20_000);
    delete result.scroll.tasks;
    await page.evaluate(() => window.__yb.settle());
    result.memory = { ...(await heapMB(cdp)), ...rendererMemory() };

    // Storage: every stored change of this run.
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
    result.treeCpuS = treeCpu();
    result.cpuEnd = cpuCounters();
    await closeBrowser(browser);
  }
  return result;
}

// --- a library of ordinary records ------------------------------------------------------------

/** Imports a library of many ordinary records in one file, then exports all of it in every format. */
async function measureLibrary(app, input, opts, runIndex) {
  const { file, path } = input;
  const first = file.documents[0];
  const last = file.documents[file.documents.length - 1];
  const firstIds = first.annotations.filter((a) => a.end <= 250).map((a) => a.id);
  const timeout = 180_000;
  const browser = await launchChromium();
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
    result.import = await page.evaluate(() => window.__yb.pending);
    result.import.taskMs = workMs(m0, await metrics(cdp));
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
    result.treeCpuS = treeCpu();
    result.cpuEnd = cpuCounters();
    await closeBrowser(browser);
  }
  return result;
}

// --- the peer ----------------------------------------------------------------------------------

async function measurePeer(peer, input, opts, runIndex) {
  const { doc, plan: p, u16 } = input;
  const timeoutMs = opts.peerTimeoutS * 1000;
  const browser = await launchChromium();
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

    const run = async (fn, arg) => {
      const a = await metrics(cdp);
      const r = await withTimeout(page.evaluate(fn, arg), timeoutMs, 'peer');
      const b = await metrics(cdp);
      return Object.assign(r, breakdown(a, b));
    };
    result.open = await run(([first, t]) => window.__peer.open(first, t), [p.firstIds, timeoutMs]);
    result.actions = { add: [], remove: [] };
    for (const [i, c] of p.cycles.entries()) {
      const start = c.addAt;
      const span = { id: `peer-add-${i}`, label: 'problem', start16: u16[start], end16: u16[start + 10], text: c.needle };
      result.actions.add.push(await run(([s, t]) => window.__peer.add(s, t), [span, timeoutMs]));
      await sleep(50);
      result.actions.remove.push(await run(([id, t]) => window.__peer.remove(id, t), [c.span.id, timeoutMs]));
      await sleep(50);
    }
    result.memory = { ...(await heapMB(cdp)), ...rendererMemory() };
    await context.close();
  } catch (error) {
    result.failed = error instanceof Error ? error.message : String(error);
    if (error?.timeout) result.timeout = true;
  } finally {
    result.treeCpuS = treeCpu();
    result.cpuEnd = cpuCounters();
    await closeBrowser(browser);
  }
  return result;
}

// --- figures -----------------------------------------------------------------------------------

const ok = (runs) => runs.filter((r) => !r.failed);
const pick = (runs, get) => ok(runs).map(get);
const pooled = (runs, get) => ok(runs).flatMap(get);

function summarise(size, ours, peer) {
  const s = { size, runs: ours.length, failedRuns: ours.filter((r) => r.failed).length };
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
  s.exports = {};
  for (const r of ok(ours)) {
    for (const [name, e] of Object.entries(r.exports ?? {})) (s.exports[name] ??= []).push(e.ms);
  }
  for (const name of Object.keys(s.exports)) s.exports[name] = median(s.exports[name]);
  if (peer) {
    const done = ok(peer);
    s.peer = {
      runs: peer.length,
      timedOut: peer.some((r) => r.timeout),
      failed: peer.filter((r) => r.failed && !r.timeout).map((r) => r.failed),
      renderMs: median(done.map((r) => r.render?.ms)),
      openMs: median(done.map((r) => r.open?.ms)),
      openTaskMs: median(done.map((r) => r.open?.taskMs)),
      addMs: median(done.flatMap((r) => r.actions.add.map((x) => x.ms))),
      addTaskMs: median(done.flatMap((r) => r.actions.add.map((x) => x.taskMs))),
      removeMs: median(done.flatMap((r) => r.actions.remove.map((x) => x.ms))),
      removeTaskMs: median(done.flatMap((r) => r.actions.remove.map((x) => x.taskMs))),
      heapMB: median(done.map((r) => r.memory?.heapMB)),
      rendererMB: median(done.map((r) => r.memory?.rendererMB)),
      unanchored: Math.max(0, ...done.map((r) => (r.open?.unanchored ?? 0) + (r.open?.misanchored ?? 0))),
    };
  }
  return s;
}

/** The issue's targets (issue 6), checked against the medians. */
function targets(summary, opts, lib) {
  const by = Object.fromEntries(summary.map((s) => [s.size, s]));
  const out = [];
  const t = (size, what, value, limit, cmp = '≤') => {
    if (!by[size]) return;
    const met = value === null || value === undefined ? null : cmp === '≤' ? value <= limit : value >= limit;
    out.push({ size, what, value, limit: `${cmp} ${limit}`, met });
  };
  t('20k', 'open, ms', by['20k']?.openMs, 100);
  t('200k', 'open, ms', by['200k']?.openMs, 250);
  t('1m', 'open, ms', by['1m']?.openMs, 600);
  for (const a of ['add', 'relabel', 'delete', 'move']) {
    t('1m', `${ACTION_NAMES[a]}: main-thread work, ms`, by['1m']?.actions[a].taskMs, 4);
    t('1m', `${ACTION_NAMES[a]}: key → painted, ms (next frame: 2 frames incl. the double rAF)`, by['1m']?.actions[a].ms, Math.round(2 * FRAME_MS * 10) / 10);
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
  const speedup = (size, limit) => {
    const s = by[size];
    if (!s?.peer) return;
    if (s.peer.timedOut && s.peer.openMs === null) {
      out.push({ size, what: 'open: peer ÷ ours', value: `> ${fmt((opts.peerTimeoutS * 1000) / s.openMs)}`, limit: `≥ ${limit}`, met: (opts.peerTimeoutS * 1000) / s.openMs >= limit ? true : null });
    } else t(size, 'open: peer ÷ ours', s.peer.openMs / s.openMs, limit, '≥');
  };
  speedup('200k', 5);
  speedup('1m', 50);
  for (const size of opts.sizes) {
    const s = by[size];
    if (!s?.peer || s.peer.addMs === null) continue;
    t(size, 'add, painted: peer ÷ ours (never slower)', s.peer.addMs / s.actions.add.ms, 1, '≥');
    t(size, 'add, main thread: peer ÷ ours (never slower)', s.peer.addTaskMs / s.actions.add.taskMs, 1, '≥');
    t(size, 'delete, painted: peer remove ÷ ours (never slower)', s.peer.removeMs / s.actions.delete.ms, 1, '≥');
    t(size, 'delete, main thread: peer remove ÷ ours (never slower)', s.peer.removeTaskMs / s.actions.delete.taskMs, 1, '≥');
  }
  return out;
}

const SIZE_NAMES = { '20k': '20k', '200k': '200k', '1m': '1M', library: 'library' };

function table(summary, opts) {
  const cols = summary.map((s) => SIZE_NAMES[s.size]);
  const rows = [];
  const row = (label, get) => rows.push(`| ${label} | ${summary.map((s) => get(s)).join(' | ')} |`);
  const pair = (a, b) => `${fmt(a)} / ${fmt(b)}`;
  row('runs (failed)', (s) => `${s.runs}${s.failedRuns ? ` (${s.failedRuns})` : ''}`);
  row('import: file chosen → record listed, ms', (s) => fmt(s.importMs));
  row('import → record open and painted, ms', (s) => fmt(s.importOpenMs));
  row('**open**: click → text and spans in view painted, ms', (s) => `**${fmt(s.openMs)}**`);
  row('open: main-thread work, ms', (s) => fmt(s.openTaskMs));
  row('load all spans (`yishi:load-document`), ms', (s) => fmt(s.loadDocumentMs));
  for (const a of ACTIONS) row(`${ACTION_NAMES[a]}: key → painted / main thread, ms`, (s) => pair(s.actions[a].ms, s.actions[a].taskMs));
  if (summary.some((s) => s.baselineTaskMs !== null && s.baselineTaskMs !== undefined)) row('(floor: the same bracket around 2 idle frames, main thread, ms)', (s) => fmt(s.baselineTaskMs));
  row('scroll top → bottom: longest task, ms (tasks ≥ 50 ms)', (s) => `${fmt(s.scrollLongestMs)} (${fmt(s.scrollLongTasks)})`);
  row('JS heap after GC, MB', (s) => fmt(s.heapMB));
  row('renderer memory (RSS): the page’s / all three, MB', (s) => pair(s.rendererMB, s.allRenderersMB));
  row('store a change (`yishi:store-change`) median / p95, ms', (s) => pair(s.storeChangeMs.median, s.storeChangeMs.p95));
  const exportNames = [...new Set(summary.flatMap((s) => Object.keys(s.exports)))];
  for (const name of exportNames) row(`export, ${name}, ms`, (s) => (s.exports[name] === undefined ? 'n/a' : fmt(s.exports[name])));
  if (opts.peer && summary.some((s) => s.peer)) {
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
    const ratio = (ours, peer) => (ours === null || peer === null || ours === undefined || peer === undefined ? '–' : `${fmt(ours / peer)} (peer ${fmt(peer / ours)}×)`);
    const r = [];
    const rrow = (label, get) => r.push(`| ${label} | ${summary.map((s) => get(s)).join(' | ')} |`);
    const timedOut = (s) => s.peer?.timedOut && s.peer.openMs === null;
    rrow('open (painted)', (s) => (!s.peer ? 'n/a' : timedOut(s) ? `< ${fmt(s.openMs / (opts.peerTimeoutS * 1000))} (peer > ${fmt((opts.peerTimeoutS * 1000) / s.openMs)}×)` : ratio(s.openMs, s.peer.openMs)));
    rrow('open, the peer’s text render added to its open', (s) => (!s.peer || timedOut(s) ? '–' : ratio(s.openMs, s.peer.openMs + s.peer.renderMs)));
    rrow('open (main thread)', (s) => (!s.peer ? 'n/a' : timedOut(s) ? '–' : ratio(s.openTaskMs, s.peer.openTaskMs)));
    rrow('add (painted)', (s) => (!s.peer || timedOut(s) ? '–' : ratio(s.actions.add.ms, s.peer.addMs)));
    rrow('add (main thread)', (s) => (!s.peer || timedOut(s) ? '–' : ratio(s.actions.add.taskMs, s.peer.addTaskMs)));
    rrow('delete vs remove (painted)', (s) => (!s.peer || timedOut(s) ? '–' : ratio(s.actions.delete.ms, s.peer.removeMs)));
    rrow('delete vs remove (main thread)', (s) => (!s.peer || timedOut(s) ? '–' : ratio(s.actions.delete.taskMs, s.peer.removeTaskMs)));
    out += `\n| ours / peer | ${cols.join(' | ')} |\n| --- | ${cols.map(() => '---:').join(' | ')} |\n${r.join('\n')}\n`;
  }
  return out;
}

function summariseLibrary(count, stats, runs) {
  const done = ok(runs);
  const exports = {};
  for (const r of done) for (const [name, e] of Object.entries(r.exports ?? {})) (exports[name] ??= []).push(e.ms);
  for (const name of Object.keys(exports)) exports[name] = median(exports[name]);
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

function libraryTable(l) {
  const rows = [
    `| import the file: chosen → last record listed, ms | ${fmt(l.importMs)} |`,
    `| import → first record open and painted, ms | ${fmt(l.importOpenMs)} |`,
    ...Object.entries(l.exports).map(([name, ms]) => `| export, ${name.replace('all records: ', '')}, ms | ${fmt(ms)} |`),
  ];
  return `| library: ${l.documents.toLocaleString('en-US')} records, ${l.codePoints.toLocaleString('en-US')} characters, ${l.spans.toLocaleString('en-US')} spans (median of ${l.runs}${l.failedRuns ? `, ${l.failedRuns} failed` : ''}) | |\n| --- | ---: |\n${rows.join('\n')}\n`;
}

function targetTable(list) {
  const mark = (m) => (m === true ? 'met' : m === false ? '**not met**' : '–');
  return `| size | target | measured | limit | |\n| --- | --- | ---: | --- | --- |\n${list
    .map((t) => `| ${SIZE_NAMES[t.size]} | ${t.what} | ${typeof t.value === 'string' ? t.value : fmt(t.value)} | ${t.limit} | ${mark(t.met)} |`)
    .join('\n')}\n`;
}

function machine(browserVersion) {
  const sh = (cmd, args) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return null;
    }
  };
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? null,
    memoryGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    chromium: browserVersion ?? null,
    os: `${os.type()} ${os.release()}`,
    commit: sh('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']),
    dirty: !!sh('git', ['-C', ROOT, 'status', '--porcelain', '--untracked-files=no']),
  };
}

// --- main --------------------------------------------------------------------------------------

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.report) {
    // Print the tables of an earlier run again, with this version's table layout and targets.
    const raw = JSON.parse(readFileSync(opts.report, 'utf8'));
    const saved = raw.options ?? {};
    return report(raw, { ...opts, ...saved, out: opts.report, exports: saved.exports ?? opts.exports, sizes: Object.keys(raw.sizes) });
  }
  const began = Date.now();
  mkdirSync(RESULTS, { recursive: true });
  const appInfo = machine(null);
  appInfo.dist = opts.dist;
  appInfo.bundle = /assets\/(index-[^"]+\.js)/.exec(readFileSync(join(opts.dist, 'index.html'), 'utf8'))?.[1] ?? null;
  const app = await serveApp(opts.dist);
  let peer = null;
  let peerSkipped = null;
  if (opts.peer) {
    const served = await servePeer();
    if (served.skipped) peerSkipped = served.skipped;
    else peer = served;
    if (peerSkipped) console.error(`peer skipped: ${peerSkipped}`);
  }
  const raw = { startedAt: new Date(began).toISOString(), options: { ...opts, out: undefined }, loadavg: { before: os.loadavg() }, sizes: {} };
  const summary = [];
  try {
    for (const size of opts.sizes) {
      const { path, file, stats } = await writeBenchFile(size, join(RESULTS, 'data'));
      const doc = file.documents[0];
      // Code point → UTF-16 offset, for the peer (which counts UTF-16 units, as the DOM does).
      const cps = Array.from(doc.text);
      const u16 = new Int32Array(cps.length + 1);
      for (let i = 0; i < cps.length; i++) u16[i + 1] = u16[i] + cps[i].length;
      const input = { doc, path, stats, u16, plan: plan(doc, opts.cycles) };
      const ours = [];
      for (let i = 0; i < (opts.runs[size] ?? 1); i++) {
        const c0 = cpuCounters();
        const r = await measureOurs(app, input, opts, i);
        r.machineLoad = otherCpu(c0, r.cpuEnd, r.treeCpuS);
        delete r.cpuEnd;
        ours.push(r);
        console.error(`${size} run ${i + 1}: ${r.failed ? `FAILED: ${r.failed}` : `open ${fmt(r.open.ms)} ms`} (${Math.round(r.machineLoad.wallS)} s${busyNote(r)})`);
        for (const e of r.errors ?? []) console.error(`  ${e}`);
      }
      let peerRuns = null;
      if (peer) {
        peerRuns = [];
        for (let i = 0; i < (opts.peerRuns[size] ?? 1); i++) {
          const c0 = cpuCounters();
          const r = await measurePeer(peer, input, opts, i);
          r.machineLoad = otherCpu(c0, r.cpuEnd, r.treeCpuS);
          delete r.cpuEnd;
          peerRuns.push(r);
          console.error(`${size} peer run ${i + 1}: ${r.failed ? `${r.timeout ? 'TIMEOUT' : 'FAILED'}: ${r.failed}` : `open ${fmt(r.open.ms)} ms`} (${Math.round(r.machineLoad.wallS)} s${busyNote(r)})`);
          if (r.timeout) break; // one timeout says enough; the next would time out too
        }
      }
      raw.sizes[size] = { stats, plan: input.plan, ours, peer: peerRuns, loadavg: os.loadavg() };
      summary.push(summarise(size, ours, peerRuns));
    }
    if (opts.library > 0) {
      const { path, file, stats } = await writeLibraryFile(opts.library, join(RESULTS, 'data'));
      const runs = [];
      for (let i = 0; i < opts.libraryRuns; i++) {
        const c0 = cpuCounters();
        const r = await measureLibrary(app, { path, file }, opts, i);
        r.machineLoad = otherCpu(c0, r.cpuEnd, r.treeCpuS);
        delete r.cpuEnd;
        runs.push(r);
        console.error(`library of ${opts.library} run ${i + 1}: ${r.failed ? `FAILED: ${r.failed}` : `import ${fmt(r.import.ms)} ms`} (${Math.round(r.machineLoad.wallS)} s${busyNote(r)})`);
      }
      raw.library = { stats, runs, loadavg: os.loadavg() };
      raw.librarySummary = summariseLibrary(opts.library, stats, runs);
    }
  } finally {
    await app.close();
    await peer?.close();
  }
  const browserVersion = Object.values(raw.sizes).flatMap((s) => s.ours).find((r) => r.browserVersion)?.browserVersion;
  raw.machine = { ...appInfo, chromium: browserVersion ?? null, note: opts.note };
  raw.loadavg.after = os.loadavg();
  raw.seconds = Math.round((Date.now() - began) / 1000);
  raw.summary = summary;
  raw.targets = targets(summary, opts, raw.librarySummary);
  raw.peerSkipped = peerSkipped;
  mkdirSync(join(opts.out, '..'), { recursive: true });
  writeFileSync(opts.out, `${JSON.stringify(raw, null, 1)}\n`);

  report(raw, opts);
}

/** Prints the tables of a run (just measured, or read back with --report). */
function report(raw, opts) {
  const m = raw.machine;
  const summary = raw.summary;
  const runs = (s) => raw.sizes[s]?.ours.length ?? opts.runs[s];
  console.log(`\n## Yishi bench ${raw.startedAt}${opts.smoke ? ' (smoke)' : ''}\n`);
  console.log(`${m.cpus} × ${m.cpuModel}, ${m.memoryGB} GB, Node ${m.node}, Chromium ${m.chromium}; app: ${m.note ?? `commit ${m.commit}${m.dirty ? ' with uncommitted changes' : ''}`} (${m.bundle}); load average before ${raw.loadavg.before.map((x) => x.toFixed(2)).join(' ')}\n`);
  console.log(`Medians over ${opts.sizes.map((s) => `${runs(s)} run(s) at ${SIZE_NAMES[s]}`).join(', ')}; actions: ${opts.cycles} cycle(s) per run.${raw.peerSkipped ? ` Peer skipped: ${raw.peerSkipped}.` : ''}\n`);
  if (summary.length) console.log(table(summary, opts));
  if (raw.librarySummary) console.log(libraryTable(raw.librarySummary));
  console.log(`### Targets (issue 6)\n\n${targetTable(targets(summary, opts, raw.librarySummary))}`);
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

await main();
