/**
 * The team server on PostgreSQL (YISHI_DATABASE_URL): members, tokens and Yjs documents in the
 * database, the command line and the server sharing it, a restart losing nothing. The test runs a
 * PostgreSQL cluster of its own (Debian's postgresql; scripts/setup installs it) in a temporary
 * directory on a free port.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentName } from '../../src/domain/team/documents';
import { SPANS_MAP } from '../../src/domain/team/projectDoc';
import { connect, freePort, decided, invite, startServer, synced, team, tempDataDir, until, useDatabase, type Client, type RunningServer } from './harness';

const data = tempDataDir();
let postgres: ChildProcess | undefined;
let stopPostgres: (() => void) | undefined;
const clients: Client[] = [];
let server: RunningServer | undefined;

function pgBin(name: string): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(join(root, v, 'bin', name))) return join(root, v, 'bin', name);
  throw new Error(`PostgreSQL's ${name} was not found under ${root}: install Debian's postgresql (scripts/setup does, as root)`);
}

beforeAll(async () => {
  // PostgreSQL refuses to run as root: as root, the cluster belongs to Debian's postgres user.
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => (asRoot ? { cmd: 'runuser', args: ['-u', 'postgres', '--', cmd, ...args] } : { cmd, args });
  const cluster = join(data.dir, 'pg');
  const sockets = join(data.dir, 'pg-sockets');
  mkdirSync(cluster);
  mkdirSync(sockets);
  if (asRoot) {
    const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    for (const d of [data.dir, cluster, sockets]) chownSync(d, uid, gid);
  }
  const init = run(pgBin('initdb'), ['-D', cluster, '-A', 'trust', '-U', 'yishi', '--no-sync']);
  const r = spawnSync(init.cmd, init.args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`initdb failed: ${r.stderr || r.error}`);
  const port = await freePort();
  const start = run(pgBin('postgres'), ['-D', cluster, '-p', String(port), '-k', sockets, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off']);
  postgres = spawn(start.cmd, start.args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  postgres.stderr!.on('data', (c: Buffer) => (log += c.toString()));
  postgres.stdout!.on('data', (c: Buffer) => (log += c.toString()));
  await until(() => log.includes('ready to accept connections') || postgres!.exitCode !== null, 'PostgreSQL to start', 30_000);
  if (!log.includes('ready to accept connections')) throw new Error(`PostgreSQL did not start:\n${log}`);
  useDatabase(`postgres://yishi@127.0.0.1:${port}/postgres`);
  const stop = run(pgBin('pg_ctl'), ['stop', '-D', cluster, '-m', 'fast', '-w']);
  stopPostgres = () => void spawnSync(stop.cmd, stop.args);
});

afterAll(async () => {
  for (const c of clients) c.close();
  await server?.stop();
  useDatabase(undefined);
  if (postgres && postgres.exitCode === null) {
    stopPostgres?.();
    await until(() => postgres!.exitCode !== null, 'PostgreSQL to stop', 30_000);
  }
  data.remove();
});

describe('the team server on PostgreSQL', () => {
  it('keeps members and documents in the database, through a restart, and the rules hold', async () => {
    const project = await team(data.dir, 'create-project', '数据库项目');
    const a = await invite(data.dir, project, '王芳', 'annotator');
    const b = await invite(data.dir, project, '李明', 'annotator');
    const owner = await invite(data.dir, project, '主任', 'owner');
    server = await startServer(data.dir);
    expect(server.lines.some((l) => l.includes('data="postgres"'))).toBe(true);
    const layer = documentName({ kind: 'layer', project, record: 'r1', layer: '王芳' });
    const writer = connect(server.url, layer, a);
    clients.push(writer);
    await synced(writer);
    writer.doc.getMap(SPANS_MAP).set('p1', { label: 'problem' });
    const peek = connect(server.url, layer, b);
    clients.push(peek);
    await decided(peek);
    expect(peek.events.failed).toBeDefined();

    writer.close();
    await server.stop();
    server = await startServer(data.dir);
    const reader = connect(server.url, layer, owner);
    clients.push(reader);
    await synced(reader);
    await until(() => reader.doc.getMap(SPANS_MAP).has('p1'), 'the span from PostgreSQL after a restart');

    await team(data.dir, 'revoke', '王芳');
    const revoked = connect(server.url, layer, a);
    clients.push(revoked);
    await decided(revoked);
    expect(revoked.events.failed).toBeDefined();
  });
});
