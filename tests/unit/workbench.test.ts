/**
 * The workbench's flows without React: the real Library over fake-indexeddb, the analyst's
 * answers given through the ports. Two Libraries over one database name play two tabs (Node's
 * BroadcastChannel carries their messages as the browser's does).
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { Workbench, type WorkbenchPorts } from '../../src/app/workbench';
import type { Annotation } from '../../src/domain/annotation';
import { DEFAULT_LABELS } from '../../src/domain/labels';
import { withAddedLabels } from '../../src/domain/labelSet';
import type { Problem } from '../../src/domain/problem';
import type { AnnotatedRecord } from '../../src/domain/record';
import { cp, u16 } from '../../src/domain/units';
import { describeProblem } from '../../src/i18n/messages';
import { serializeNative } from '../../src/io/native';
import { Library } from '../../src/storage/library';
import { fillTheDisk } from '../fullDisk';

const T = '2025-01-01T00:00:00.000Z';
const TEXT_A = '马丽娟委员指出产业链配套不完整，建议建设产业技术研究院。';
const TEXT_B = '市长廖国勋表示将全面实施链长制。';

const libraries: Library[] = [];
const workbenches: Workbench[] = [];
const names: string[] = [];
afterEach(async () => {
  for (const w of workbenches.splice(0)) w.dispose();
  for (const l of libraries.splice(0)) l.close();
  for (const n of names.splice(0)) await Dexie.delete(n);
});

async function library(name = `yishi-wb-${crypto.randomUUID()}`): Promise<Library> {
  if (!names.includes(name)) names.push(name);
  const l = await Library.open(name);
  libraries.push(l);
  return l;
}

/** Ports that answer as told and record each question. */
function answering(unknown: 'add' | 'skip' | 'cancel', restore: 'merge' | 'replace' | 'cancel' = 'cancel') {
  const asked: { unknown: string[][]; restore: unknown[] } = { unknown: [], restore: [] };
  const ports: WorkbenchPorts = {
    unknownLabels: async (q) => {
      asked.unknown.push(q.labels);
      return unknown;
    },
    restoreMode: async (q) => {
      asked.restore.push(q);
      return restore;
    },
  };
  return { ports, asked };
}

async function workbench(l: Library, ports?: WorkbenchPorts): Promise<Workbench> {
  const w = await Workbench.start(l, { ports });
  workbenches.push(w);
  return w;
}

function file(name: string, content: string) {
  return { name, arrayBuffer: async () => new TextEncoder().encode(content).buffer as ArrayBuffer };
}

function ann(id: string, label: string, text: string, needle: string, updatedAt = T): Annotation {
  const at = Array.from(text.slice(0, text.indexOf(needle))).length;
  return { id, label, start: cp(at), end: cp(at + Array.from(needle).length), text: needle, createdAt: T, updatedAt };
}

function record(id: string, title: string, text: string, annotations: Annotation[] = []): AnnotatedRecord {
  return { document: { id, title, text, format: 'plain', meta: {}, createdAt: T, updatedAt: T }, annotations };
}

const errors = (w: Workbench) => w.getSnapshot().notices.filter((n) => n.kind === 'error');
/** The Problems of the alerts shown. */
const problems = (w: Workbench): Problem[] => errors(w).flatMap((n) => ('problem' in n ? [n.problem] : []));
const news = (w: Workbench) => w.getSnapshot().notices.flatMap((n) => ('news' in n ? [n.news] : []));
const titles = (w: Workbench) => w.getSnapshot().documents.map((d) => d.title);

/** Resolves once the condition holds (another tab's news arrives on its own turn). */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(condition()).toBe(true);
}

describe('opening', () => {
  it('opens the record open last time, else the oldest; opening it again keeps its session; another record replaces it', async () => {
    const l = await library();
    await l.importDocuments([record('a', 'A', TEXT_A)]);
    await l.importDocuments([record('b', 'B', TEXT_B)]);
    const first = await workbench(l);
    expect(first.getSnapshot().session?.document.id).toBe('a');
    expect(titles(first)).toEqual(['B', 'A']);
    await first.open('b');
    const session = first.getSnapshot().session;
    expect(session?.document.title).toBe('B');
    await first.open('b');
    expect(first.getSnapshot().session).toBe(session);
    first.dispose();
    const again = await workbench(l);
    expect(again.getSnapshot().session?.document.id).toBe('b');
    await again.open(null);
    expect(again.getSnapshot().session).toBeNull();
  });

  it('tells listeners of each change', async () => {
    const w = await workbench(await library());
    let heard = 0;
    const stop = w.subscribe(() => heard++);
    await w.createFromText('新记录', TEXT_A, 'plain');
    stop();
    expect(heard).toBeGreaterThan(0);
    expect(w.getSnapshot().session?.document.title).toBe('新记录');
  });
});

describe('importing', () => {
  it('adds a new record and opens it; the same file again adds nothing', async () => {
    const w = await workbench(await library());
    await w.importFiles([file('会议.txt', TEXT_A)]);
    expect(titles(w)).toEqual(['会议']);
    expect(w.getSnapshot().session?.document.text).toBe(TEXT_A);
    expect(news(w).at(-1)).toMatchObject({ what: 'imported', from: { file: '会议.txt' }, report: { added: ['会议'] } });
    expect(w.getSnapshot().importBatch?.files?.map((f) => f.refused)).toEqual([undefined]);
    await w.importFiles([file('会议.txt', TEXT_A)]);
    expect(titles(w)).toEqual(['会议']);
    const second = news(w).at(-1);
    expect(second).toMatchObject({ what: 'imported', report: { added: [] } });
    expect(second?.what === 'imported' && second.report.skipped).toHaveLength(1);
    expect(errors(w)).toEqual([]);
  });

  const withRisk = () => file('risk.yishi.json', serializeNative([record('r', '风险', TEXT_A, [ann('r1', 'risk', TEXT_A, '产业链'), ann('r2', 'problem', TEXT_A, '配套不完整')])], withAddedLabels(DEFAULT_LABELS, ['risk'])));

  it('asks about labels the label set lacks: yes adds them and keeps their annotations', async () => {
    const l = await library();
    const { ports, asked } = answering('add');
    const w = await workbench(l, ports);
    await w.importFiles([withRisk()]);
    expect(asked.unknown).toEqual([['risk']]);
    expect(w.getSnapshot().labels.map((x) => x.id)).toContain('risk');
    expect((await l.getLabels())?.map((x) => x.id)).toContain('risk');
    expect((await l.loadDocument('r'))?.annotations.map((a) => a.label).sort()).toEqual(['problem', 'risk']);
  });

  it('asks about labels the label set lacks: skip drops their annotations, no refuses the file', async () => {
    const skip = await workbench(await library(), answering('skip').ports);
    await skip.importFiles([withRisk()]);
    expect(skip.getSnapshot().labels.map((x) => x.id)).not.toContain('risk');
    expect((await skip.library.loadDocument('r'))?.annotations.map((a) => a.label)).toEqual(['problem']);

    const l = await library();
    const no = await workbench(l, answering('cancel').ports);
    await no.importFiles([withRisk()]);
    expect(await l.loadDocument('r')).toBeUndefined();
    const summary = no.getSnapshot().importBatch?.files?.[0];
    expect(summary?.problem).toEqual({ code: 'import.labelsRefused', params: { name: 'risk.yishi.json' } });
    expect(describeProblem('zh-CN', summary!.problem!)).toBe('未导入：“risk.yishi.json”（未接受其中的标签）。');
    expect(errors(no)).toEqual([]); // said once, as news: the analyst chose it
  });

  it('without a connected interface, refuses rather than deciding for the analyst', async () => {
    const l = await library();
    const w = await workbench(l);
    await w.importFiles([withRisk()]);
    expect(await l.loadDocument('r')).toBeUndefined();
  });

  it('names a file it cannot read', async () => {
    const w = await workbench(await library());
    await w.importFiles([file('empty.txt', '')]);
    expect(titles(w)).toEqual([]);
    expect(problems(w)).toHaveLength(1);
    expect(describeProblem('en', problems(w)[0]!)).toContain('empty.txt');
  });
});

describe('creating and deleting', () => {
  it('creates a record from text and opens it; deleting the open record closes it', async () => {
    const w = await workbench(await library());
    expect(await w.createFromText('  粘贴的记录 ', TEXT_B, 'plain')).toBe(true);
    const id = w.getSnapshot().session!.document.id;
    expect(titles(w)).toEqual(['粘贴的记录']);
    await w.deleteDocument(id);
    expect(w.getSnapshot().session).toBeNull();
    expect(titles(w)).toEqual([]);
    expect(await w.library.loadDocument(id)).toBeUndefined();
  });

  it('follows another tab: its import is listed, its deletion of the open record closes it here', async () => {
    const name = `yishi-wb-${crypto.randomUUID()}`;
    const here = await workbench(await library(name));
    const there = await library(name);
    await there.importDocuments([record('a', 'A', TEXT_A)]);
    await until(() => titles(here).includes('A'));
    await here.open('a');
    await there.deleteDocument('a');
    await until(() => here.getSnapshot().session === null);
    expect(news(here).at(-1)).toEqual({ what: 'deletedElsewhere', title: 'A' });
  });
});

describe('backup and restore', () => {
  async function backedUp() {
    const l = await library();
    await l.importDocuments([record('a', 'A', TEXT_A, [ann('a1', 'problem', TEXT_A, '配套不完整')])]);
    const w = await workbench(l);
    await w.setAnnotator('张三');
    const backup = await w.exportNative({ kind: 'all' });
    expect(backup).toBeDefined();
    // After the backup: a record added and a span tagged.
    await w.createFromText('后来的记录', TEXT_B, 'plain');
    return { l, json: backup!.json };
  }

  it('merge, asked through the port with what is stored, keeps what was added since', async () => {
    const { l, json } = await backedUp();
    const { ports, asked } = answering('cancel', 'merge');
    const w = await workbench(l, ports);
    await w.restore(file('backup.yishi.json', json));
    expect(asked.restore).toEqual([expect.objectContaining({ fileName: 'backup.yishi.json', stored: expect.objectContaining({ documents: 2, annotations: 1 }) })]);
    expect(titles(w).sort()).toEqual(['A', '后来的记录']);
    expect(news(w).at(-1)).toMatchObject({ what: 'restored', report: { mode: 'merge' } });
  });

  it('replace makes the library the backup, settings included; cancel changes nothing', async () => {
    const { l, json } = await backedUp();
    const cancel = await workbench(l, answering('cancel', 'cancel').ports);
    await cancel.restore(file('backup.yishi.json', json));
    expect(titles(cancel).sort()).toEqual(['A', '后来的记录']);
    cancel.dispose();
    await l.setSetting('annotator', '李四');
    const w = await workbench(l, answering('cancel', 'replace').ports);
    await w.restore(file('backup.yishi.json', json));
    expect(titles(w)).toEqual(['A']);
    expect(w.getSnapshot().annotator).toBe('张三');
    expect(w.getSnapshot().session?.document.id).toBe('a');
  });

  it('a file that is no backup is refused, naming it', async () => {
    const l = await library();
    await l.importDocuments([record('a', 'A', TEXT_A)]);
    const w = await workbench(l, answering('cancel', 'replace').ports);
    await w.restore(file('notes.json', '{"hello": 1}'));
    expect(titles(w)).toEqual(['A']);
    expect(problems(w)[0]).toMatchObject({ code: 'restore.failed', params: { file: 'notes.json' } });
  });
});

describe('settings', () => {
  it('the analyst name, snapping and language are stored, read by the next workbench, and given to the open record', async () => {
    const l = await library();
    await l.importDocuments([record('a', 'A', TEXT_A)]);
    const w = await workbench(l);
    await w.setAnnotator('  王五 ');
    await w.setSnapMode('word');
    await w.setLanguage('en');
    w.dispose();
    const next = await workbench(l);
    expect(next.getSnapshot()).toMatchObject({ annotator: '王五', snapMode: 'word', language: 'en' });
    const session = next.getSnapshot().session!;
    session.tag({ start: u16(7), end: u16(10) }, 'problem');
    await session.idle();
    expect((await l.loadDocument('a'))?.annotations[0]?.annotator).toBe('王五');
  });
});

describe('a refused write', () => {
  it('is reported as a Problem naming the record, in the interface language', async () => {
    const l = await library();
    await l.importDocuments([record('a', '第一次会议', TEXT_A)]);
    const w = await workbench(l);
    const session = w.getSnapshot().session!;
    const restore = fillTheDisk();
    try {
      session.tag({ start: u16(7), end: u16(10) }, 'problem');
      await session.idle();
    } finally {
      restore();
    }
    // The storage's own Problem is the cause: what failed (saving the record) and why (a full disk, and what to do).
    const [p] = problems(w);
    expect(p).toMatchObject({ code: 'record.changeFailed', params: { title: '第一次会议' }, cause: { code: 'storage.save', params: { reason: { code: 'storage.cause.diskFull' } } } });
    const zh = describeProblem('zh-CN', p!);
    expect(zh).toMatch(/^记录“第一次会议”：/);
    expect(zh).toContain('磁盘或浏览器的存储');
    expect(zh).not.toMatch(/[A-Za-z]{4,}/); // no English sentence
    expect((await l.loadDocument('a'))?.annotations).toEqual([]);
  });

  it('an import the storage refuses names the file, and stores nothing', async () => {
    const w = await workbench(await library());
    const restore = fillTheDisk();
    try {
      await w.importFiles([file('会议.txt', TEXT_A)]);
    } finally {
      restore();
    }
    expect(titles(w)).toEqual([]);
    const zh = describeProblem('zh-CN', problems(w)[0]!);
    expect(zh).toMatch(/^未导入：“会议.txt”：/);
    expect(zh).toContain('磁盘或浏览器的存储');
  });
});
