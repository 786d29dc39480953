/**
 * The team server (issue 14) as a real process with real clients: blind layers, release for
 * curation, read-only writes that reach nobody, forged and revoked tokens, a SIGKILL mid-sync.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { documentName } from '../../src/domain/team/documents';
import { RECORDS_MAP, SPANS_MAP, TEXT_MAP } from '../../src/domain/team/projectDoc';
import { connect, decided, invite, startServer, synced, team, tempDataDir, until, type Client, type RunningServer } from './harness';

const data = tempDataDir();
let server: RunningServer;
let project: string;
const tokens: Record<string, string> = {};
const open: Client[] = [];
const record = 'r1';
const layerDoc = (layer: string) => documentName({ kind: 'layer', project, record, layer });
const projectDoc = () => documentName({ kind: 'project', project });

function client(name: string, member: string): Client {
  const c = connect(server.url, name, tokens[member]!);
  open.push(c);
  return c;
}
function span(doc: Y.Doc, id: string, label = 'problem'): void {
  doc.getMap(SPANS_MAP).set(id, { id, label, start: 0, end: 2, text: '问题' });
}

beforeAll(async () => {
  project = await team(data.dir, 'create-project', '政协提案标注');
  tokens.owner = await invite(data.dir, project, '主任', 'owner');
  tokens.a = await invite(data.dir, project, '王芳', 'annotator');
  tokens.b = await invite(data.dir, project, '李明', 'annotator');
  tokens.cur = await invite(data.dir, project, '审校', 'curator');
  server = await startServer(data.dir);
});

afterAll(async () => {
  if (process.env.DEBUG_TEAM) console.log(server.lines.join('\n'));
  for (const c of open) c.close();
  await server?.stop();
  data.remove();
});

describe('the team server', () => {
  it('keeps annotators blind until release, then the curator reads every layer and the curation layer reaches the annotators read-only', async () => {
    const owner = client(projectDoc(), 'owner');
    await synced(owner);
    owner.doc.getMap(RECORDS_MAP).set(record, { title: '提案一', hash: 'h', sharedBy: '主任', sharedAt: '2026-12-02T00:00:00Z' });
    const text = client(documentName({ kind: 'text', project, record }), 'owner');
    await synced(text);
    text.doc.getMap(TEXT_MAP).set('text', '问题');

    const a = client(layerDoc('王芳'), 'a');
    await synced(a);
    expect(a.events.authenticated).toBe('read-write');
    span(a.doc, 'a1');

    const bPeek = client(layerDoc('王芳'), 'b');
    await decided(bPeek);
    expect(bPeek.events.failed).toBeDefined();
    expect(bPeek.doc.getMap(SPANS_MAP).size).toBe(0);

    const curEarly = client(layerDoc('王芳'), 'cur');
    await decided(curEarly);
    expect(curEarly.events.failed).toBeDefined();

    // Release by the curator (the project document is theirs to write).
    const curProject = client(projectDoc(), 'cur');
    await synced(curProject);
    await until(() => curProject.doc.getMap(RECORDS_MAP).has(record), 'the record entry to reach the curator');
    curProject.doc.getMap(RECORDS_MAP).set(record, { ...(curProject.doc.getMap(RECORDS_MAP).get(record) as object), released: true, releasedBy: '审校' });
    await until(() => (owner.doc.getMap(RECORDS_MAP).get(record) as { released?: boolean }).released === true, 'the release to reach the owner');

    const cur = client(layerDoc('王芳'), 'cur');
    await synced(cur);
    expect(cur.events.authenticated).toBe('readonly');
    await until(() => cur.doc.getMap(SPANS_MAP).has('a1'), "A's span to reach the curator");

    // The curation layer: the curator writes, the annotators read it and cannot write it.
    const gold = client(layerDoc('curation'), 'cur');
    await synced(gold);
    span(gold.doc, 'g1', 'recommendation');
    const aGold = client(layerDoc('curation'), 'a');
    await synced(aGold);
    expect(aGold.events.authenticated).toBe('readonly');
    await until(() => aGold.doc.getMap(SPANS_MAP).has('g1'), 'the gold span to reach A');
    span(aGold.doc, 'forged-by-a');
    const bGold = client(layerDoc('curation'), 'b');
    await synced(bGold);
    await until(() => server.lines.some((l) => l.includes('write to a read-only document') && l.includes('王芳')), 'the refusal in the log');
    expect(bGold.doc.getMap(SPANS_MAP).has('g1')).toBe(true);
    expect(bGold.doc.getMap(SPANS_MAP).has('forged-by-a')).toBe(false);
    expect(gold.doc.getMap(SPANS_MAP).has('forged-by-a')).toBe(false);
  });

  it('refuses a forged token, a revoked one and a document of another form, logging each without the token', async () => {
    const forged = connect(server.url, projectDoc(), 'x'.repeat(43));
    open.push(forged);
    await decided(forged);
    expect(forged.events.failed).toBeDefined();

    const extra = await invite(data.dir, project, '临时', 'annotator');
    await team(data.dir, 'revoke', '临时');
    const revoked = connect(server.url, projectDoc(), extra);
    open.push(revoked);
    await decided(revoked);
    expect(revoked.events.failed).toBeDefined();

    const odd = client('yishi/../../etc/passwd', 'owner');
    await decided(odd);
    expect(odd.events.failed).toBeDefined();

    await until(() => server.lines.filter((l) => l.includes(' refused ')).length >= 3, 'three refusals in the log');
    const log = server.lines.join('\n');
    expect(log).toContain('unknown or revoked token');
    expect(log).toContain('unknown document');
    for (const t of [...Object.values(tokens), extra, 'x'.repeat(43)]) expect(log).not.toContain(t);
  });

  it('closes a connection that sends a malformed or an oversized update, and nobody else is affected', async () => {
    const a = client(layerDoc('王芳'), 'a');
    await synced(a);
    const before = server.lines.length;
    // A raw client: authenticates as A, then sends a sync update that is not a Yjs update.
    const raw = new WebSocket(server.url.replace('/sync', '/'));
    await new Promise((r) => raw.once('open', r));
    const enc = (parts: number[][]) => Buffer.concat(parts.map((p) => Buffer.from(p)));
    const str = (s: string) => {
      const b = Buffer.from(s, 'utf8');
      return [...varuint(b.length), ...b];
    };
    const name = layerDoc('王芳');
    raw.send(enc([str(name), [2, 0], str(tokens.a!)])); // Auth: token
    await until(() => server.lines.slice(before).some((l) => l.includes('connected') && l.includes('王芳')), 'the raw client to be authenticated');
    raw.send(enc([str(name), [0, 2], [5, 0xff, 0xff, 0xff, 0xff, 0xff]])); // Sync update: garbage
    await until(() => server.lines.slice(before).some((l) => l.includes('malformed update')), 'the malformed update to be refused');
    raw.send(Buffer.alloc(9 * 1024 * 1024)); // over the 8 MB limit
    await until(() => raw.readyState === WebSocket.CLOSED, 'the oversized sender to be disconnected');

    // A still syncs with the curator.
    span(a.doc, 'a-after');
    const cur = client(layerDoc('王芳'), 'cur');
    await synced(cur);
    await until(() => cur.doc.getMap(SPANS_MAP).has('a-after'), "A's later span to reach the curator");
  });

  it('loses nothing when the server is killed (SIGKILL) mid-sync and restarted', async () => {
    const a = client(layerDoc('王芳'), 'a');
    await synced(a);
    for (let i = 0; i < 20; i++) span(a.doc, `k${i}`);
    await server.stop('SIGKILL');
    server = await startServer(data.dir, {}, server.port);
    await until(() => a.provider.isSynced && !a.provider.hasUnsyncedChanges, 'A to reconnect and sync', 20_000);
    const cur = client(layerDoc('王芳'), 'cur');
    await synced(cur);
    await until(() => Array.from({ length: 20 }, (_, i) => `k${i}`).every((k) => cur.doc.getMap(SPANS_MAP).has(k)), 'all 20 spans at the curator');
  });
});

function varuint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}
