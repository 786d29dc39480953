// @ts-check
// Machine accounting: what else used the CPU during a run (/proc/stat less this process and its
// browser), the renderer's memory, the processes this bench started, and the machine it ran on.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { ROOT } from './generate.mjs';

/** @typedef {import('./types').CpuCounters} CpuCounters */
/** @typedef {import('./types').MachineLoad} MachineLoad */
/** @typedef {import('./types').RendererMemory} RendererMemory */
/** @typedef {import('./types').RunBase} RunBase */

const HZ = 100; // USER_HZ on Linux

/**
 * The fields of /proc/<pid>/stat after the command name (field 3 on), as numbers where they are.
 * @param {string} raw
 */
const statFields = (raw) => raw.slice(raw.lastIndexOf(')') + 2).split(' ');

/**
 * The processes this Node process started (directly or not), from /proc.
 * @returns {number[]}
 */
export function descendants() {
  /** @type {Map<number, number>} */
  const parent = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(statFields(stat)[1]));
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
 * @returns {RendererMemory}
 */
export function rendererMemory() {
  /** @type {RendererMemory['renderers']} */
  const renderers = [];
  for (const pid of descendants()) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('--type=renderer')) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      const stat = statFields(readFileSync(`/proc/${pid}/stat`, 'utf8'));
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
 * @returns {CpuCounters}
 */
export function cpuCounters() {
  const line = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const at = (/** @type {number} */ i) => line[i] ?? 0;
  const busy = at(0) + at(1) + at(2) + at(5) + at(6) + at(7);
  const f = statFields(readFileSync('/proc/self/stat', 'utf8')).map(Number);
  return { busyS: busy / HZ, selfS: ((f[11] ?? 0) + (f[12] ?? 0)) / HZ, at: Date.now() };
}

/**
 * CPU time (s) of every live process this one started: the browser of the current run.
 * @returns {number}
 */
export function treeCpu() {
  let ticks = 0;
  for (const pid of descendants()) {
    try {
      const f = statFields(readFileSync(`/proc/${pid}/stat`, 'utf8')).map(Number);
      ticks += (f[11] ?? 0) + (f[12] ?? 0) + (f[13] ?? 0) + (f[14] ?? 0);
    } catch {
      // gone meanwhile
    }
  }
  return ticks / HZ;
}

/**
 * What other programs used between two readings, given the CPU time of this bench's browser.
 * @param {CpuCounters} a
 * @param {CpuCounters} b
 * @param {number | undefined} treeS
 * @returns {MachineLoad}
 */
export function otherCpu(a, b, treeS) {
  const wallS = (b.at - a.at) / 1000;
  const otherS = Math.max(0, b.busyS - a.busyS - (b.selfS - a.selfS) - (treeS ?? 0));
  return { wallS, otherCpuS: otherS, otherCores: wallS > 0 ? otherS / wallS : 0 };
}

/**
 * Closes a browser; kills its processes (started by this process) if it does not close in time.
 * @param {import('playwright-core').Browser} browser
 */
export async function closeBrowser(browser) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const closed = await Promise.race([
    browser.close().then(
      () => true,
      () => false,
    ),
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

/**
 * Runs a measurement in a fresh browser's lifetime and records what the machine did meanwhile:
 * `machineLoad` is what other programs used while it ran.
 * @template {RunBase} R
 * @param {() => Promise<R>} measure a subject's run, which sets `treeCpuS` and `cpuEnd` before its browser closes
 * @returns {Promise<R>}
 */
export async function accounted(measure) {
  const c0 = cpuCounters();
  const r = await measure();
  r.machineLoad = otherCpu(c0, /** @type {CpuCounters} */ (r.cpuEnd), r.treeCpuS);
  delete r.cpuEnd;
  return r;
}

/**
 * What a subject's run reads just before its browser closes (see accounted()).
 * @param {RunBase} result
 */
export function readCpuAtEnd(result) {
  result.treeCpuS = treeCpu();
  result.cpuEnd = cpuCounters();
}

/** Other programs kept a fifth of a core busy during the run (and 0.5 s at least): its figures are suspect. */
const BUSY = 0.2;
/** @param {RunBase} r */
export const isBusy = (r) => !!r.machineLoad && r.machineLoad.otherCores > BUSY && r.machineLoad.otherCpuS > 0.5;
/** @param {RunBase} r */
export const busyNote = (r) => (isBusy(r) && r.machineLoad ? `; other programs used ${r.machineLoad.otherCores.toFixed(2)} cores meanwhile` : '');

/**
 * The machine and the app's commit, for the report's heading.
 * @param {string | null} browserVersion
 * @returns {import('./types').MachineInfo}
 */
export function machine(browserVersion) {
  /**
   * @param {string} cmd
   * @param {string[]} args
   */
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
