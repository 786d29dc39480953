// Where an action's main-thread time goes: opens the generated 1M record (or --size) in the built
// app, then for each of --adds adds (key 2 on a selection near the top) and --relabels relabels
// records a Chromium trace and a CPU profile, and prints the renderer main thread's time per trace
// event name and the JavaScript functions with the most self time. Diagnostic only (npm run bench
// is the measurement of record); `vite build` first.
//
//   node bench/trace.mjs [--size 1m] [--adds 4] [--top 25] [--css 'a style sheet to add, for an experiment']
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, selectInEditor, servePreview } from '../tests/e2e/harness.mjs';
import { ROOT, benchDocument, writeBenchFile } from './generate.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const size = args.size ?? '1m';
const adds = Number(args.adds ?? 4);
const top = Number(args.top ?? 25);

const dir = join(ROOT, 'bench/results/data');
const file = join(dir, `yishi-bench-${size}.yishi.json`);
if (!existsSync(file)) await writeBenchFile(size, dir);
const doc = benchDocument(size).file.documents[0];

const server = await servePreview();
const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(server.url);
  await page.getByTestId('editor').locator('.ProseMirror').waitFor();
  await page.getByTestId('import-file').setInputFiles(file);
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="annotation-count"]')?.textContent) === n, doc.annotations.length, { timeout: 120_000 });
  // --css: a style sheet added for an experiment (what an action costs without some part of the page).
  if (args.css) await page.addStyleTag({ content: args.css });
  await page.waitForTimeout(1500); // let the open's idle work finish (diagnostic script, not a test)
  const dom = await page.evaluate(() => ({
    elements: document.getElementsByTagName('*').length,
    decorated: document.querySelectorAll('[data-annotation-ids]').length,
    sections: document.querySelectorAll('.ProseMirror > *').length,
  }));
  console.log(`${size}: ${doc.annotations.length} spans; DOM ${JSON.stringify(dom)}`);

  const byName = new Map();
  const fnSelf = new Map();
  const fnTotal = new Map();
  let totalTask = 0;
  const needles = [];
  const cps = Array.from(doc.text);
  for (let c = 0; c < adds; c++) {
    let p = 80 + 180 * c;
    while (!cps.slice(p, p + 10).every((ch) => !/[\s*#]/.test(ch) && ch.length === 1)) p++;
    needles.push(cps.slice(p, p + 10).join(''));
  }
  for (const needle of needles) {
    await page.evaluate(() => {
      document.querySelector('.yi-scroll').scrollTop = 0;
    });
    await selectInEditor(page, needle, 0);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const before = await page.evaluate(() => Number(document.querySelector('[data-testid="annotation-count"]').textContent));
    const events = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
    const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
    await page.evaluate(
      (n) =>
        new Promise((resolve) => {
          const root = document.querySelector('[data-testid="editor"] .ProseMirror');
          root.dispatchEvent(new KeyboardEvent('keydown', { key: '2', code: 'Digit2', bubbles: true, cancelable: true }));
          const check = () => {
            if (Number(document.querySelector('[data-testid="annotation-count"]').textContent) > n) requestAnimationFrame(() => requestAnimationFrame(resolve));
            else requestAnimationFrame(check);
          };
          check();
        }),
      before,
    );
    await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.getAttribute('data-state') !== 'saving');
    await cdp.send('Tracing.end');
    await done;
    const { profile } = await cdp.send('Profiler.stop');
    // The renderer's main thread: the thread with the most RunTask time.
    const threads = new Map();
    for (const e of events) if (e.ph === 'X' && e.name === 'RunTask') threads.set(`${e.pid}:${e.tid}`, (threads.get(`${e.pid}:${e.tid}`) ?? 0) + e.dur);
    const main = [...threads.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    for (const e of events) {
      if (e.ph !== 'X' || `${e.pid}:${e.tid}` !== main || !e.dur) continue;
      if (e.name === 'RunTask') totalTask += e.dur / 1000;
      byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur / 1000);
    }
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const name = (n) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
    const dt = profile.timeDeltas;
    profile.samples.forEach((id, i) => {
      const ms = (dt[i] ?? 0) / 1000;
      const n = nodes.get(id);
      fnSelf.set(name(n), (fnSelf.get(name(n)) ?? 0) + ms);
      if (['(program)', '(idle)', '(root)'].includes(n.callFrame.functionName)) return;
      const seen = new Set();
      for (let at = id; at !== undefined; at = parent.get(at)) {
        const k = name(nodes.get(at));
        if (seen.has(k)) continue;
        seen.add(k);
        fnTotal.set(k, (fnTotal.get(k) ?? 0) + ms);
      }
    });
  }
  const per = (ms) => (ms / adds).toFixed(2).padStart(8);
  console.log(`\nper add (mean of ${adds}), main thread, inclusive ms by trace event (RunTask total ${(totalTask / adds).toFixed(1)}):`);
  for (const [name, ms] of [...byName.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${per(ms)}  ${name}`);
  console.log(`\nper add, self ms by JS function (sampled):`);
  for (const [name, ms] of [...fnSelf.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${per(ms)}  ${name}`);
  console.log(`\nper add, inclusive ms by JS function (sampled):`);
  for (const [name, ms] of [...fnTotal.entries()].sort((a, b) => b[1] - a[1]).slice(0, top * 2)) console.log(`${per(ms)}  ${name}`);
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
