/**
 * The team server as a real process and real Yjs clients (Hocuspocus' provider over `ws`), for
 * the server tests. Every wait is on a condition, bounded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { HocuspocusProvider } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { runTeamCommand } from '../../src/server/cli';

export async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A TCP port free on loopback right now (for a server a test starts itself). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** A redis-server of the caller's own on a free loopback port, with nothing saved to disk. */
export async function startRedis(): Promise<{ url: string; process: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.env.REDIS_SERVER ?? 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let failed: Error | undefined;
  child.on('error', (e) => (failed = new Error(`redis-server could not start (${e.message}): install Debian's redis-server (scripts/setup does, as root)`)));
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  await until(() => failed !== undefined || out.includes('Ready to accept connections'), 'redis-server to be ready');
  if (failed) throw failed;
  return { url: `redis://127.0.0.1:${port}`, process: child };
}

export interface RunningServer {
  readonly port: number;
  readonly url: string;
  readonly lines: string[];
  readonly process: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function tempDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'yishi-team-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The storage the tests use: SQLite in the data directory, or the PostgreSQL a test set up. */
let databaseUrl: string | undefined;
export function useDatabase(url: string | undefined): void {
  databaseUrl = url;
}
function storageEnv(): Record<string, string> {
  return databaseUrl ? { YISHI_DATABASE_URL: databaseUrl } : {};
}

export async function startServer(dataDir: string, env: Record<string, string> = {}, port = 0): Promise<RunningServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, ...storageEnv(), YISHI_DATA: dataDir, YISHI_PORT: String(port), YISHI_DIST: join(dataDir, 'no-dist'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let exited = false;
  child.on('exit', () => (exited = true));
  const take = (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  await until(() => exited || lines.some((l) => l.includes(' listening ')), 'the server to listen', 20_000);
  const line = lines.find((l) => l.includes(' listening '));
  if (!line) throw new Error(`the server did not start:\n${lines.join('\n')}`);
  const actual = Number(/:(\d+)\//.exec(line)![1]);
  return {
    port: actual,
    url: `ws://127.0.0.1:${actual}/sync`,
    lines,
    process: child,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (exited) return;
      child.kill(signal);
      await until(() => exited, 'the server to stop');
    },
  };
}

export async function team(dataDir: string, ...args: string[]): Promise<string> {
  const { out, code } = await runTeamCommand(args, { YISHI_DATA: dataDir, ...storageEnv() });
  if (code !== 0) throw new Error(`team ${args.join(' ')}: ${out}`);
  return out;
}

/** A member's join token from `team invite`. */
export async function invite(dataDir: string, project: string, name: string, role: string): Promise<string> {
  return (await team(dataDir, 'invite', project, name, '--role', role)).split('#join=')[1]!;
}

export interface Client {
  readonly doc: Y.Doc;
  readonly provider: HocuspocusProvider;
  readonly events: { authenticated?: string; failed?: string };
  close(): void;
}

export function connect(url: string, name: string, token: string, doc = new Y.Doc()): Client {
  const events: Client['events'] = {};
  const provider = new HocuspocusProvider({
    url,
    name,
    token,
    document: doc,
    WebSocketPolyfill: WebSocket,
    onAuthenticated: ({ scope }) => (events.authenticated = scope),
    onAuthenticationFailed: ({ reason }) => (events.failed = reason),
  } as ConstructorParameters<typeof HocuspocusProvider>[0]);
  const close = () => {
    // A socket still connecting (a refused client retrying) errs when closed; nobody is listening.
    const ws = (provider.configuration.websocketProvider as unknown as { webSocket?: { on?(e: string, f: () => void): void } }).webSocket;
    ws?.on?.('error', () => {});
    provider.configuration.websocketProvider.destroy();
    provider.destroy();
  };
  return { doc, provider, events, close };
}

export async function synced(c: Client, timeoutMs = 10_000): Promise<void> {
  await until(() => c.provider.isSynced, `${c.provider.configuration.name} to sync (events ${JSON.stringify(c.events)})`, timeoutMs);
}

/** Waits until the client's connection is decided: authenticated (scope) or refused (reason). */
export async function decided(c: Client): Promise<void> {
  await until(() => c.events.authenticated !== undefined || c.events.failed !== undefined, `${c.provider.configuration.name} to be authenticated or refused`);
}
