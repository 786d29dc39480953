/**
 * `npm run bench:sync`: the team server measured with real clients (Hocuspocus' provider over
 * `ws`, in this Node process) against real server processes on loopback. Figures only; nothing
 * is asserted. Prints a Markdown table and writes bench/results/sync.json.
 *
 *   1. edit → visible: one client adds a span, a second client on the same layer sees it; 500
 *      edits one after another; p50 / p95 / max.
 *   2. 50 annotators tagging at an analyst's pace (a span every 3 s each, jittered), each in their
 *      own layer, each layer watched by the owner's client: edit → visible for every edit, and the
 *      server's CPU over the window; on one instance, then on two behind Redis (writers on one,
 *      the watchers on the other).
 *
 *   npx tsx bench/sync.ts [--smoke] [--clients 50] [--seconds 30] [--edits 500]
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { percentile } from './stats.mjs';
import { documentName } from '../src/domain/team/documents';
import { SPANS_MAP } from '../src/domain/team/projectDoc';
import { connect, invite, startRedis, startServer, synced, team, tempDataDir, until, type Client, type RunningServer } from '../tests/server/harness';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const num = (name: string, dflt: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const smoke = flag('--smoke');
const CLIENTS = num('--clients', smoke ? 5 : 50);
const SECONDS = num('--seconds', smoke ? 4 : 30);
const EDITS = num('--edits', smoke ? 50 : 500);
const PACE_MS = 3000;

const fmt = (x: number | null) => (x !== null && Number.isFinite(x) ? x.toFixed(1) : '–');

/** CPU seconds (user + system) a process has used, from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

/** Edit → visible, one edit at a time. */
async function latencySerial(server: RunningServer, project: string, token: string): Promise<number[]> {
  const name = documentName({ kind: 'layer', project, record: 'bench', layer: 'owner' });
  const writer = connect(server.url, name, token);
  const reader = connect(server.url, name, token);
  await synced(writer);
  await synced(reader);
  const seen = new Map<string, number>();
  reader.doc.getMap(SPANS_MAP).observe((e) => {
    for (const k of e.keysChanged) seen.set(k, performance.now());
  });
  const out: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    const id = `s${i}`;
    const t0 = performance.now();
    writer.doc.getMap(SPANS_MAP).set(id, { id, label: 'problem', start: i, end: i + 2 });
    await until(() => seen.has(id), `edit ${i} at the reader`, 10_000);
    out.push(seen.get(id)! - t0);
  }
  writer.close();
  reader.close();
  return out;
}

/** 50 annotators at an analyst's pace, watched by the owner (possibly through another instance). */
async function load(writersOn: RunningServer, watchersOn: RunningServer, project: string, tokens: string[], ownerToken: string) {
  const writers: Client[] = [];
  const watchers: Client[] = [];
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const name = documentName({ kind: 'layer', project, record: 'bench', layer: `a${i}` });
    const w = connect(writersOn.url, name, tokens[i]!);
    const o = connect(watchersOn.url, name, ownerToken);
    writers.push(w);
    watchers.push(o);
    o.doc.getMap(SPANS_MAP).observe((e) => {
      const now = performance.now();
      for (const k of e.keysChanged) {
        const t0 = sentAt.get(k);
        if (t0 !== undefined) latencies.push(now - t0);
      }
    });
  }
  const opened = performance.now();
  await Promise.all([...writers, ...watchers].map((c) => synced(c, 60_000)));
  const connectSeconds = (performance.now() - opened) / 1000;
  const cpu0 = cpuSeconds(writersOn.process.pid!) + (watchersOn === writersOn ? 0 : cpuSeconds(watchersOn.process.pid!));
  const start = performance.now();
  let sent = 0;
  const timers = writers.map((w, i) => {
    let n = 0;
    const tick = () => {
      if (performance.now() - start > SECONDS * 1000) return;
      const id = `w${i}-${n++}`;
      sentAt.set(id, performance.now());
      w.doc.getMap(SPANS_MAP).set(id, { id, label: 'problem', start: n, end: n + 3 });
      sent++;
      timer = setTimeout(tick, PACE_MS * (0.5 + Math.random()));
    };
    let timer = setTimeout(tick, Math.random() * PACE_MS);
    return () => clearTimeout(timer);
  });
  await until(() => performance.now() - start > SECONDS * 1000, 'the load window', SECONDS * 1000 + 5000);
  await until(() => latencies.length >= sent, 'every edit to be seen', 20_000).catch(() => undefined);
  const wall = (performance.now() - start) / 1000;
  const cpu1 = cpuSeconds(writersOn.process.pid!) + (watchersOn === writersOn ? 0 : cpuSeconds(watchersOn.process.pid!));
  for (const stop of timers) stop();
  for (const c of [...writers, ...watchers]) c.close();
  return { sent, seen: latencies.length, latencies, cpuPercent: ((cpu1 - cpu0) / wall) * 100, connectSeconds };
}

const data = tempDataDir();
const results: Record<string, unknown> = { machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version }, options: { CLIENTS, SECONDS, EDITS, PACE_MS } };
const servers: RunningServer[] = [];
let redis: { url: string; process: ChildProcess } | undefined;
try {
  const project = await team(data.dir, 'create-project', 'bench');
  const owner = await invite(data.dir, project, 'owner', 'owner');
  const tokens: string[] = [];
  for (let i = 0; i < CLIENTS; i++) tokens.push(await invite(data.dir, project, `a${i}`, 'annotator'));
  const one = await startServer(data.dir);
  servers.push(one);
  const serial = await latencySerial(one, project, owner);
  const single = await load(one, one, project, tokens, owner);
  await one.stop();

  redis = await startRedis();
  const a = await startServer(data.dir, { YISHI_REDIS_URL: redis.url, YISHI_INSTANCE: 'bench-a' });
  const b = await startServer(data.dir, { YISHI_REDIS_URL: redis.url, YISHI_INSTANCE: 'bench-b' });
  servers.push(a, b);
  const scaled = await load(a, b, project, tokens.map((t) => t), owner);

  const rows = [
    ['edit → visible, one client to another, one instance', EDITS, EDITS, serial, NaN],
    [`${CLIENTS} annotators at a span every ~3 s, one instance (all ${CLIENTS * 2} connections synced in ${single.connectSeconds.toFixed(1)} s)`, single.sent, single.seen, single.latencies, single.cpuPercent],
    [`${CLIENTS} annotators, two instances behind Redis (writers on one, watchers on the other; synced in ${scaled.connectSeconds.toFixed(1)} s)`, scaled.sent, scaled.seen, scaled.latencies, scaled.cpuPercent],
  ] as const;
  console.log(`\nTeam sync bench (${CLIENTS} clients, ${SECONDS} s window, ${EDITS} serial edits; ${os.cpus().length} cores, Node ${process.version})\n`);
  console.log('| scenario | edits sent | seen | p50 ms | p95 ms | max ms | server CPU (% of a core) |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [what, sent, seen, xs, cpu] of rows) {
    console.log(`| ${what} | ${sent} | ${seen} | ${fmt(percentile([...xs], 50))} | ${fmt(percentile([...xs], 95))} | ${fmt(Math.max(...xs))} | ${fmt(cpu)} |`);
  }
  Object.assign(results, {
    serial: { p50: percentile(serial, 50), p95: percentile(serial, 95), max: Math.max(...serial) },
    single: { sent: single.sent, seen: single.seen, p50: percentile(single.latencies, 50), p95: percentile(single.latencies, 95), cpuPercent: single.cpuPercent },
    redis: { sent: scaled.sent, seen: scaled.seen, p50: percentile(scaled.latencies, 50), p95: percentile(scaled.latencies, 95), cpuPercent: scaled.cpuPercent },
  });
  mkdirSync(join('bench', 'results'), { recursive: true });
  writeFileSync(join('bench', 'results', 'sync.json'), JSON.stringify(results, null, 2));
} finally {
  for (const s of servers) await s.stop().catch(() => undefined);
  redis?.process.kill('SIGTERM');
  data.remove();
}
