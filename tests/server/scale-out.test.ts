/**
 * Two team server instances on one Redis and one data directory (issue 14's scale-out): a client
 * on each sees the other's edit, and what was written through one is stored for a later start.
 * The test starts its own redis-server (Debian's package; scripts/setup installs it) on a free port.
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentName } from '../../src/domain/team/documents';
import { SPANS_MAP } from '../../src/domain/team/projectDoc';
import { connect, invite, startRedis, startServer, synced, team, tempDataDir, until, type Client, type RunningServer } from './harness';

const data = tempDataDir();
let redis: ChildProcess;
let redisUrl: string;
const servers: RunningServer[] = [];
const clients: Client[] = [];

beforeAll(async () => {
  const started = await startRedis();
  redis = started.process;
  redisUrl = started.url;
});

afterAll(async () => {
  for (const c of clients) c.close();
  for (const s of servers) await s.stop();
  redis?.kill('SIGTERM');
  data.remove();
});

describe('several instances behind Redis', () => {
  it("shows a client on each instance the other's edit, both ways", async () => {
    const project = await team(data.dir, 'create-project', 'p');
    const owner = await invite(data.dir, project, 'owner', 'owner');
    const one = await startServer(data.dir, { YISHI_REDIS_URL: redisUrl, YISHI_INSTANCE: 'one' });
    servers.push(one);
    const two = await startServer(data.dir, { YISHI_REDIS_URL: redisUrl, YISHI_INSTANCE: 'two' });
    servers.push(two);
    const name = documentName({ kind: 'layer', project, record: 'r1', layer: 'owner' });
    const a = connect(one.url, name, owner);
    const b = connect(two.url, name, owner);
    clients.push(a, b);
    await synced(a);
    await synced(b);
    a.doc.getMap(SPANS_MAP).set('from-one', { label: 'problem' });
    await until(() => b.doc.getMap(SPANS_MAP).has('from-one'), 'the edit through instance one to reach a client of instance two');
    b.doc.getMap(SPANS_MAP).set('from-two', { label: 'response' });
    await until(() => a.doc.getMap(SPANS_MAP).has('from-two'), 'the edit through instance two to reach a client of instance one');
    expect(one.lines.some((l) => l.includes('redis=on'))).toBe(true);

    // Stored: after both stop, a fresh instance serves both edits to a new client.
    a.close();
    b.close();
    await one.stop();
    await two.stop();
    const three = await startServer(data.dir, { YISHI_REDIS_URL: redisUrl, YISHI_INSTANCE: 'three' });
    servers.push(three);
    const c = connect(three.url, name, owner);
    clients.push(c);
    await synced(c);
    await until(() => c.doc.getMap(SPANS_MAP).has('from-one') && c.doc.getMap(SPANS_MAP).has('from-two'), 'both edits from storage');
  });
});
