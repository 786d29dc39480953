// @ts-check
// Where an action's main-thread time goes: imports the generated record of --size (20k unless
// told) into the built app, then runs --cycles action cycles as the bench does (add: key 2 on a
// selection near the top; relabel, boundary move, delete on a span picked in the sidebar; undo to
// restore it, not traced), records a Chromium trace and a CPU profile around each traced action,
// and prints, per action, the renderer main thread's time per trace event name, the JavaScript
// functions with the most inclusive time (React components among them) and the React commits.
// Diagnostic only (npm run bench is the measurement of record); tracing itself adds overhead, so
// only the split is meaningful. Function names need a build without minifying:
//
//   npx vite build --minify false --outDir bench/results/trace-dist
//   node bench/trace.mjs --dist bench/results/trace-dist [--size 20k] [--cycles 3]
//        [--actions add,relabel,move,delete] [--top 25] [--css 'a style sheet to add, for an experiment']
//        [--no-trace (main-thread figures and React's renders only, without the tracing overhead)]
import { join } from 'node:path';
import { launchChromium } from '../tests/e2e/harness.mjs';
import { breakdown, metrics, VIEWPORT } from './cdp.mjs';
import { runCycle } from './cycle.mjs';
import { benchDocument, ROOT, writeBenchFile } from './generate.mjs';
import { installOurs } from './page.mjs';
import { ACTION_NAMES, plan } from './plan.mjs';
import { serveApp } from './serve.mjs';
import { median } from './stats.mjs';

/** @type {Record<string, string>} */
const args = Object.fromEntries(
  process.argv.slice(2).reduce((/** @type {[string, string][]} */ acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1] ?? '']] : acc), []),
);
const size = args.size ?? '20k';
const cycles = Number(args.cycles ?? 3);
const top = Number(args.top ?? 25);
const traced = (args.actions ?? 'add,relabel,move,delete').split(',');
const dist = args.dist ?? join(ROOT, 'dist');
/** --no-trace: no Chromium trace or CPU profile, only the main-thread figures and React's renders (less overhead). */
const untraced = 'no-trace' in args;

const { path, file } = await writeBenchFile(size, join(ROOT, 'bench/results/data'));
const doc = /** @type {import('./types').BenchDocument} */ (benchDocument(size).file.documents[0] ?? file.documents[0]);
const thePlan = plan(doc, cycles);

/**
 * What the traced runs of one action add up to.
 * @typedef {{ n: number; byName: Map<string, number>; fnSelf: Map<string, number>; fnTotal: Map<string, number>; task: number; metricsTask: number; scriptMs: number; layoutMs: number; styleMs: number; commits: number; rendered: Map<string, number>; layouts: string[]; tasks: number[]; cpus: number[] }} Tally
 */
/** @type {Map<string, Tally>} */
const tallies = new Map();
/** @param {string} action */
const tally = (action) => {
  let t = tallies.get(action);
  if (!t) tallies.set(action, (t = { n: 0, byName: new Map(), fnSelf: new Map(), fnTotal: new Map(), task: 0, metricsTask: 0, scriptMs: 0, layoutMs: 0, styleMs: 0, commits: 0, rendered: new Map(), layouts: [], tasks: [], cpus: [] }));
  return t;
};
/**
 * @param {Map<string, number>} map
 * @param {string} key
 * @param {number} ms
 */
const bump = (map, key, ms) => map.set(key, (map.get(key) ?? 0) + ms);

const server = await serveApp(dist, 'trace-app-dist');
const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  // React's commits and the components each one rendered, through the DevTools hook React looks
  // for when it starts (a component rendered when it mounted or did work: React DevTools' rule).
  await context.addInitScript(() => {
    const w = /** @type {any} */ (window);
    w.__commits = 0;
    /** @type {Record<string, number>} */
    w.__rendered = {};
    /** @param {any} f */
    const nameOf = (f) => f.type?.displayName || f.type?.name || f.type?.render?.name || f.type?.type?.name || `tag${f.tag}`;
    /** @param {any} fiber */
    const walk = (fiber) => {
      for (let f = fiber; f; f = f.sibling) {
        if ([0, 1, 11, 14, 15].includes(f.tag) && (f.alternate === null || (f.flags & 1) === 1)) w.__rendered[nameOf(f)] = (w.__rendered[nameOf(f)] ?? 0) + 1;
        if (f.child && !(f.alternate && f.alternate.child === f.child)) walk(f.child);
      }
    };
    w.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
      supportsFiber: true,
      renderers: new Map(),
      inject: () => 1,
      checkDCE: () => {},
      onScheduleFiberRoot: () => {},
      onCommitFiberUnmount: () => {},
      onPostCommitFiberRoot: () => {},
      /** @param {number} _id @param {any} root */
      onCommitFiberRoot: (_id, root) => {
        w.__commits++;
        if (w.__counting) walk(root.current.child);
      },
    };
  });
  await page.goto(server.url);
  await page.getByTestId('editor').locator('.ProseMirror').waitFor();
  await page.evaluate(installOurs, doc.annotations.map((a) => a.id));
  await page.getByTestId('import-file').setInputFiles(path);
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="annotation-count"]')?.textContent) === n, doc.annotations.length, { timeout: 120_000 });
  // --css: a style sheet added for an experiment (what an action costs without some part of the page).
  if (args.css) await page.addStyleTag({ content: args.css });
  await page.evaluate(() => window.__yb.settle());
  const dom = await page.evaluate(() => ({
    elements: document.getElementsByTagName('*').length,
    decorated: document.querySelectorAll('[data-annotation-ids]').length,
    sections: document.querySelectorAll('.ProseMirror > *').length,
  }));
  console.log(`${size}: ${doc.annotations.length} spans; DOM ${JSON.stringify(dom)}; build ${dist}`);

  /**
   * Runs one action through bench/page.mjs (the bench's own watchers), traced when asked.
   * @param {string} action
   * @param {{ kind: string; id?: string; label?: string }} expect
   * @param {{ key: string; code: string; ctrlKey?: boolean }} keyInit
   */
  const act = async (action, expect, keyInit) => {
    await cdp.send('HeapProfiler.collectGarbage');
    await page.evaluate((e) => window.__yb.prepare(e), expect);
    const counted = traced.includes(action);
    const trace = counted && !untraced;
    /** @type {any[]} */
    const events = [];
    /** @param {{ value: any[] }} e */
    const collect = (e) => events.push(...e.value);
    let done = Promise.resolve();
    if (trace) {
      cdp.on('Tracing.dataCollected', collect);
      done = new Promise((r) => cdp.once('Tracing.tracingComplete', () => r(undefined)));
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
      await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
    }
    const commits0 = await page.evaluate(() => {
      const w = /** @type {any} */ (window);
      w.__rendered = {};
      w.__counting = true;
      return w.__commits;
    });
    const m0 = await metrics(cdp);
    await page.evaluate(([k, t]) => window.__yb.key(k, t), [keyInit, 30_000]);
    const m1 = await metrics(cdp);
    await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.getAttribute('data-state') !== 'saving');
    await page.evaluate(() => window.__yb.raf2());
    /** @type {{ rendered: Record<string, number>; commits: number }} */
    const { rendered, commits } = await page.evaluate((c0) => {
      const w = /** @type {any} */ (window);
      w.__counting = false;
      return { rendered: w.__rendered, commits: w.__commits - c0 };
    }, commits0);
    if (counted) {
      const t = tally(action);
      t.n++;
      t.commits += commits;
      for (const [k, v] of Object.entries(rendered)) bump(t.rendered, k, v);
      const b = breakdown(m0, m1);
      t.tasks.push(b.taskMs);
      t.cpus.push(b.cpuMs);
      t.metricsTask += b.taskMs;
      t.scriptMs += b.scriptMs;
      t.layoutMs += b.layoutMs;
      t.styleMs += b.styleMs;
    }
    if (trace) {
      await cdp.send('Tracing.end');
      await done;
      cdp.off('Tracing.dataCollected', collect);
      const { profile } = await cdp.send('Profiler.stop');
      const t = tally(action);
      // The renderer's main thread: the thread with the most RunTask time.
      /** @type {Map<string, number>} */
      const threads = new Map();
      for (const e of events) if (e.ph === 'X' && e.name === 'RunTask') bump(threads, `${e.pid}:${e.tid}`, e.dur);
      const main = [...threads.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
      for (const e of events) {
        if (e.ph !== 'X' || `${e.pid}:${e.tid}` !== main || !e.dur) continue;
        if (e.name === 'RunTask') t.task += e.dur / 1000;
        bump(t.byName, e.name, e.dur / 1000);
        if (e.name === 'Layout' && e.args?.beginData) {
          t.layouts.push(`${e.args.beginData.dirtyObjects}/${e.args.beginData.totalObjects} ${(e.dur / 1000).toFixed(2)}ms`);
        }
      }
      const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
      /** @type {Map<number, number>} */
      const parent = new Map();
      for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
      /** @param {any} n */
      const name = (n) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
      const dt = profile.timeDeltas ?? [];
      (profile.samples ?? []).forEach((id, i) => {
        const ms = (dt[i] ?? 0) / 1000;
        const n = nodes.get(id);
        bump(t.fnSelf, name(n), ms);
        if (['(program)', '(idle)', '(root)'].includes(n?.callFrame.functionName ?? '')) return;
        const seen = new Set();
        for (let at = /** @type {number | undefined} */ (id); at !== undefined; at = parent.get(at)) {
          const k = name(nodes.get(at));
          if (seen.has(k)) continue;
          seen.add(k);
          bump(t.fnTotal, k, ms);
        }
      });
    }
    await page.evaluate(() => window.__yb.settle());
  };

  for (const c of thePlan.cycles) await runCycle(page, c, act);

  for (const [action, t] of tallies) {
    /** @param {number} ms */
    const per = (ms) => (ms / t.n).toFixed(2).padStart(8);
    console.log(`\n## ${ACTION_NAMES[action] ?? action} (mean of ${t.n}${untraced ? '' : ', traced'})`);
    console.log(`main-thread work (CDP TaskDuration${untraced ? '' : ', tracing on'}): median ${median(t.tasks)?.toFixed(2)} ms (main thread's CPU time: median ${median(t.cpus)?.toFixed(2)} ms); mean ${per(t.metricsTask)} ms: script ${per(t.scriptMs)}, layout ${per(t.layoutMs)}, style ${per(t.styleMs)}; React commits to the end of its save ${(t.commits / t.n).toFixed(1)}`);
    console.log(`components rendered per action (to the end of its save): ${[...t.rendered.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${(v / t.n).toFixed(1)}`).join(', ')}`);
    console.log(`layouts (objects to lay out / in the page, time): ${t.layouts.join('; ')}`);
    console.log(`\nmain thread, inclusive ms by trace event (RunTask total ${per(t.task)}):`);
    for (const [name, ms] of [...t.byName.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${per(ms)}  ${name}`);
    console.log(`\nself ms by JS function (sampled):`);
    for (const [name, ms] of [...t.fnSelf.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${per(ms)}  ${name}`);
    console.log(`\ninclusive ms by JS function (sampled):`);
    for (const [name, ms] of [...t.fnTotal.entries()].sort((a, b) => b[1] - a[1]).slice(0, top * 2)) console.log(`${per(ms)}  ${name}`);
  }
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
