// @ts-check
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
//
// The parts: options.mjs (the options), machine.mjs (what else used the CPU, memory, the
// machine), serve.mjs (the servers), plan.mjs (where the actions happen), subjects/ (Yishi, the
// peer, the library, the exports), summary.mjs (medians) and report.mjs (targets and tables).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { writeBenchFile, writeLibraryFile } from './generate.mjs';
import { accounted, busyNote, machine } from './machine.mjs';
import { parseArgs } from './options.mjs';
import { plan } from './plan.mjs';
import { report, targets } from './report.mjs';
import { RESULTS, serveApp, servePeer } from './serve.mjs';
import { fmt } from './stats.mjs';
import { measureLibrary } from './subjects/library.mjs';
import { measureOurs } from './subjects/ours.mjs';
import { measurePeer } from './subjects/peer.mjs';
import { summarise, summariseLibrary } from './summary.mjs';

export { EXPORTS } from './options.mjs';

/** @typedef {import('./types').RawRun} RawRun */

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.report) {
    // Print the tables of an earlier run again, with this version's table layout and targets.
    /** @type {RawRun} */
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
  /** @type {import('./types').Served | null} */
  let peer = null;
  /** @type {string | null} */
  let peerSkipped = null;
  if (opts.peer) {
    const served = await servePeer();
    if ('skipped' in served) peerSkipped = served.skipped;
    else peer = served;
    if (peerSkipped) console.error(`peer skipped: ${peerSkipped}`);
  }
  /** @type {Partial<RawRun> & Pick<RawRun, 'sizes' | 'loadavg'>} */
  const raw = { startedAt: new Date(began).toISOString(), options: { ...opts, out: undefined }, loadavg: { before: os.loadavg() }, sizes: {} };
  /** @type {import('./types').SizeSummary[]} */
  const summary = [];
  try {
    for (const size of opts.sizes) {
      const { path, file, stats } = await writeBenchFile(size, join(RESULTS, 'data'));
      const doc = /** @type {import('./types').BenchDocument} */ (file.documents[0]);
      // Code point → UTF-16 offset, for the peer (which counts UTF-16 units, as the DOM does).
      const cps = Array.from(doc.text);
      const u16 = new Int32Array(cps.length + 1);
      for (let i = 0; i < cps.length; i++) u16[i + 1] = /** @type {number} */ (u16[i]) + /** @type {string} */ (cps[i]).length;
      const input = { doc, path, stats, u16, plan: plan(doc, opts.cycles) };
      const ours = [];
      for (let i = 0; i < (opts.runs[size] ?? 1); i++) {
        const r = await accounted(() => measureOurs(app, input, opts, i));
        ours.push(r);
        console.error(`${size} run ${i + 1}: ${r.failed ? `FAILED: ${r.failed}` : `open ${fmt(r.open?.ms)} ms`} (${Math.round(r.machineLoad?.wallS ?? 0)} s${busyNote(r)})`);
        for (const e of r.errors ?? []) console.error(`  ${e}`);
      }
      let peerRuns = null;
      if (peer) {
        const served = peer;
        peerRuns = [];
        for (let i = 0; i < (opts.peerRuns[size] ?? 1); i++) {
          const r = await accounted(() => measurePeer(served, input, opts, i));
          peerRuns.push(r);
          console.error(`${size} peer run ${i + 1}: ${r.failed ? `${r.timeout ? 'TIMEOUT' : 'FAILED'}: ${r.failed}` : `open ${fmt(r.open?.ms)} ms`} (${Math.round(r.machineLoad?.wallS ?? 0)} s${busyNote(r)})`);
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
        const r = await accounted(() => measureLibrary(app, { path, file }, opts, i));
        runs.push(r);
        console.error(`library of ${opts.library} run ${i + 1}: ${r.failed ? `FAILED: ${r.failed}` : `import ${fmt(r.import?.ms)} ms`} (${Math.round(r.machineLoad?.wallS ?? 0)} s${busyNote(r)})`);
      }
      raw.library = { stats, runs, loadavg: os.loadavg() };
      raw.librarySummary = summariseLibrary(opts.library, stats, runs);
    }
  } finally {
    await app.close();
    await peer?.close();
  }
  const browserVersion = Object.values(raw.sizes)
    .flatMap((s) => s.ours)
    .find((r) => r.browserVersion)?.browserVersion;
  raw.machine = { ...appInfo, chromium: browserVersion ?? null, note: opts.note };
  raw.loadavg.after = os.loadavg();
  raw.seconds = Math.round((Date.now() - began) / 1000);
  raw.summary = summary;
  raw.targets = targets(summary, opts, raw.librarySummary);
  raw.peerSkipped = peerSkipped;
  mkdirSync(join(opts.out, '..'), { recursive: true });
  writeFileSync(opts.out, `${JSON.stringify(raw, null, 1)}\n`);

  report(/** @type {RawRun} */ (raw), opts);
}

await main();
