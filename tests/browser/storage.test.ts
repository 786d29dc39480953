import { DEFAULT_LABELS } from '../../src/domain/labels';
import { describeError } from '../../src/i18n/messages';
import { describe, it, expect, afterEach } from 'vitest';
import Dexie from 'dexie';
import type { Annotation } from '../../src/domain/annotation';
import type { MeetingDocument } from '../../src/domain/document';
import { cp } from '../../src/domain/units';
import {
  Library,
  StorageError,
  requestPersistentStorage,
} from '../../src/storage/library';
import type { AnnotatedRecord } from '../../src/domain/record';

// ---------------------------------------------------------------------------------------------
// Fixtures and bookkeeping

const opened: Library[] = [];
const names: string[] = [];

function uniqueName(): string {
  const name = `yishi-test-${crypto.randomUUID()}`;
  names.push(name);
  return name;
}

async function openLibrary(name: string): Promise<Library> {
  const library = await Library.open(name);
  opened.push(library);
  return library;
}

afterEach(async () => {
  for (const library of opened.splice(0)) library.close();
  for (const name of names.splice(0)) await Dexie.delete(name);
});

const OLD = '2000-01-01T00:00:00.000Z';

function doc(id: string, title: string, text: string): MeetingDocument {
  return { id, title, text, format: 'markdown', meta: { sourceName: `${title}.md`, encoding: 'UTF-8' }, createdAt: OLD, updatedAt: OLD };
}

function ann(id: string, text: string, start: number, end: number, label = 'proposal'): Annotation {
  return {
    id,
    label,
    start: cp(start),
    end: cp(end),
    text: Array.from(text).slice(start, end).join(''),
    createdAt: OLD,
    updatedAt: OLD,
  };
}

const TEXT_A = '# 第一次会议\n\n主席：我们讨论𠮷先进制造业。\n委员甲：我建议加大投入。\n委员乙：存在人才短缺问题。\n';
const TEXT_B = '# 第二次会议\n\n主席：继续讨论。\n委员丙：我回应上次的问题。\n';

/** Annotations of TEXT_A deliberately out of text order. */
function annotationsA(): Annotation[] {
  return [
    ann('a-late', TEXT_A, 30, 40, 'recommendation'),
    ann('a-inner', TEXT_A, 12, 15, 'problem'),
    ann('a-outer', TEXT_A, 12, 25),
    ann('a-same-2', TEXT_A, 5, 8),
    ann('a-same-1', TEXT_A, 5, 8, 'response'),
  ];
}
const ORDER_A = ['a-same-1', 'a-same-2', 'a-outer', 'a-inner', 'a-late'];

function itemA(): AnnotatedRecord {
  return { document: doc('doc-a', '第一次会议', TEXT_A), annotations: annotationsA() };
}
function itemB(): AnnotatedRecord {
  return { document: doc('doc-b', '第二次会议', TEXT_B), annotations: [ann('b-1', TEXT_B, 10, 14, 'response')] };
}

/** Everything stored, read straight from the tables (not through Library), for before/after checks. */
async function snapshot(library: Library) {
  const { db } = library;
  return {
    documents: await db.documents.orderBy('id').toArray(),
    texts: await db.texts.orderBy('docId').toArray(),
    annotations: await db.annotationBuckets.toArray(),
  };
}

/** How many annotations are stored, over all records, read straight from the bucket rows. */
async function storedAnnotations(library: Library): Promise<number> {
  const rows = await library.db.annotationBuckets.toArray();
  return rows.reduce((n, r) => n + r.annotations.length, 0);
}

type WriteMethod = 'put' | 'add';

/**
 * Replaces IDBObjectStore.prototype.put/add so that, after `passFirst` successful calls, every call
 * throws a QuotaExceededError, as a full disk would. Always restores them.
 */
async function withQuotaExceeded<T>(
  methods: WriteMethod[],
  passFirst: number,
  run: () => Promise<T>,
  failure: () => Error = () => new DOMException('full', 'QuotaExceededError'),
): Promise<{ error: unknown; calls: number }> {
  const proto = IDBObjectStore.prototype as unknown as Record<WriteMethod, (...args: unknown[]) => IDBRequest>;
  const originals = methods.map((m) => [m, proto[m]] as const);
  let calls = 0;
  for (const [m, original] of originals) {
    proto[m] = function (this: IDBObjectStore, ...args: unknown[]) {
      calls++;
      if (calls > passFirst) throw failure();
      return original.apply(this, args);
    };
  }
  try {
    await run();
    return { error: undefined, calls };
  } catch (error) {
    return { error, calls };
  } finally {
    for (const [m, original] of originals) proto[m] = original;
  }
}

// ---------------------------------------------------------------------------------------------

describe('Library (IndexedDB in Chromium)', () => {
  it('imports a record and loads the same document and annotations, in text order', async () => {
    const library = await openLibrary(uniqueName());
    const report = await library.importDocuments([itemA(), itemB()]);
    expect(report).toEqual({ added: ['第一次会议', '第二次会议'], addedIds: ['doc-a', 'doc-b'], merged: [], skipped: [] });

    const loaded = await library.loadDocument('doc-a');
    expect(loaded).toBeDefined();
    expect(loaded!.document).toEqual(itemA().document);
    expect(loaded!.annotations.map((a) => a.id)).toEqual(ORDER_A);
    const byId = new Map(annotationsA().map((a) => [a.id, a]));
    expect(loaded!.annotations).toEqual(ORDER_A.map((id) => byId.get(id)));
    // No storage field leaks into the domain objects.
    expect(loaded!.annotations.every((a) => !('docId' in a))).toBe(true);

    const list = await library.listDocuments();
    expect(list.map((d) => [d.id, d.title, d.annotationCount])).toEqual(
      expect.arrayContaining([
        ['doc-a', '第一次会议', 5],
        ['doc-b', '第二次会议', 1],
      ]),
    );
    expect(list).toHaveLength(2);
    expect(list[0]).not.toHaveProperty('text');
    expect(list[0]).not.toHaveProperty('contentHash');

    expect(await library.loadDocument('nope')).toBeUndefined();
    const exported = await library.exportAll();
    expect(exported.map((i) => i.document.id).sort()).toEqual(['doc-a', 'doc-b']);
    expect(exported.find((i) => i.document.id === 'doc-a')!.annotations.map((a) => a.id)).toEqual(ORDER_A);
  });

  it('persists add, relabel and delete across closing and reopening, keeping count and updatedAt', async () => {
    const name = uniqueName();
    let library = await openLibrary(name);
    await library.importDocuments([itemA(), itemB()]);

    const added = ann('new-1', TEXT_A, 40, 45, 'problem');
    const t0 = new Date().toISOString();
    await library.applyChange('doc-a', { added: [added], removed: [] });
    const t1 = new Date().toISOString();

    let summary = (await library.listDocuments()).find((d) => d.id === 'doc-a')!;
    expect(summary.annotationCount).toBe(6);
    expect(summary.updatedAt >= t0 && summary.updatedAt <= t1).toBe(true);
    expect((await library.listDocuments())[0]!.id).toBe('doc-a'); // newest change first

    library.close();
    library = await openLibrary(name);
    let loaded = (await library.loadDocument('doc-a'))!;
    expect(loaded.annotations.find((a) => a.id === 'new-1')).toEqual(added);

    // Relabel: the old version removed, the new one (same id) added.
    const relabelled = { ...added, label: 'recommendation', updatedAt: new Date().toISOString() };
    await library.applyChange('doc-a', { added: [relabelled], removed: [added] });
    library.close();
    library = await openLibrary(name);
    loaded = (await library.loadDocument('doc-a'))!;
    expect(loaded.annotations.filter((a) => a.id === 'new-1')).toEqual([relabelled]);
    summary = (await library.listDocuments()).find((d) => d.id === 'doc-a')!;
    expect(summary.annotationCount).toBe(6);

    // Delete two (one of them original).
    const original = loaded.annotations.find((a) => a.id === 'a-late')!;
    await library.applyChange('doc-a', { added: [], removed: [relabelled, original] });
    library.close();
    library = await openLibrary(name);
    loaded = (await library.loadDocument('doc-a'))!;
    expect(loaded.annotations.map((a) => a.id)).toEqual(ORDER_A.filter((id) => id !== 'a-late'));
    summary = (await library.listDocuments()).find((d) => d.id === 'doc-a')!;
    expect(summary.annotationCount).toBe(4);
    expect(await storedAnnotations(library)).toBe(4 + 1);

    // The other record was not touched.
    const b = (await library.listDocuments()).find((d) => d.id === 'doc-b')!;
    expect(b.updatedAt).toBe(OLD);
    expect(b.annotationCount).toBe(1);
  });

  it('refuses a change made against annotations that are no longer stored as it saw them, and counts rows', async () => {
    const library = await openLibrary(uniqueName());
    await library.importDocuments([itemA()]);
    const existing = annotationsA()[0]!;
    const before = await snapshot(library);
    // Removing something not stored, re-adding something stored, or replacing a version that
    // another tab has changed since: refused, nothing changed.
    for (const stale of [
      { added: [], removed: [ann('ghost', TEXT_A, 1, 2)] },
      { added: [existing], removed: [] },
      { added: [{ ...existing, label: 'response' }], removed: [{ ...existing, updatedAt: '2020-01-01T00:00:00.000Z' }] },
    ]) {
      await expect(library.applyChange('doc-a', stale)).rejects.toThrow(/no longer stored|already stored|was changed/);
    }
    expect(await snapshot(library)).toEqual(before);
    expect((await library.listDocuments())[0]!.annotationCount).toBe(5);
    await library.applyChange('doc-a', { added: [ann('x', TEXT_A, 1, 2), ann('x', TEXT_A, 1, 3)], removed: [] });
    expect((await library.listDocuments())[0]!.annotationCount).toBe(6);
    expect(await storedAnnotations(library)).toBe(6);
  });

  it('refuses a change to a record that does not exist', async () => {
    const library = await openLibrary(uniqueName());
    await expect(library.applyChange('missing', { added: [ann('z', TEXT_A, 0, 1)], removed: [] })).rejects.toBeInstanceOf(
      StorageError,
    );
    expect(await storedAnnotations(library)).toBe(0);
  });

  it('does not duplicate when the same items are imported twice, merges new ids and skips identical texts', async () => {
    const library = await openLibrary(uniqueName());
    await library.importDocuments([itemA(), itemB()]);
    const before = await snapshot(library);

    const again = await library.importDocuments([itemA(), itemB()]);
    expect(again).toEqual({
      added: [],
      addedIds: [],
      merged: [
        { title: '第一次会议', newAnnotations: 0 },
        { title: '第二次会议', newAnnotations: 0 },
      ],
      skipped: [],
    });
    expect(await snapshot(library)).toEqual(before);

    // The same text under a new id (e.g. the same file imported again, text only): skipped.
    const textOnly = await library.importDocuments([{ document: doc('doc-a2', '又一次', TEXT_A), annotations: [] }]);
    expect(textOnly).toEqual({
      added: [],
      addedIds: [],
      merged: [],
      skipped: [
        {
          title: '又一次',
          reason: 'identical text is already stored as “第一次会议”',
          problem: { code: 'storage.sameText', params: { stored: '“第一次会议”' } },
        },
      ],
    });
    expect(await snapshot(library)).toEqual(before);

    // A merge adds only new ids and never overwrites a stored annotation.
    const stored = annotationsA()[0]!;
    const merged = await library.importDocuments([
      {
        document: itemA().document,
        annotations: [{ ...stored, label: 'problem' }, ann('a-extra', TEXT_A, 2, 4)],
      },
    ]);
    expect(merged.merged).toEqual([{ title: '第一次会议', newAnnotations: 1 }]);
    const loaded = (await library.loadDocument('doc-a'))!;
    expect(loaded.annotations.find((a) => a.id === stored.id)).toEqual(stored);
    expect(loaded.annotations).toHaveLength(6);
    expect((await library.listDocuments()).find((d) => d.id === 'doc-a')!.annotationCount).toBe(6);
  });

  it('stores the first and skips the second of two items with the same text in one import', async () => {
    const library = await openLibrary(uniqueName());
    const report = await library.importDocuments([
      { document: doc('one', '甲', TEXT_B), annotations: [] },
      { document: doc('two', '乙', TEXT_B), annotations: [ann('t', TEXT_B, 0, 1)] },
    ]);
    expect(report.added).toEqual(['甲']);
    expect(report.skipped).toEqual([
      { title: '乙', reason: 'identical text is already stored as “甲”', problem: { code: 'storage.sameText', params: { stored: '“甲”' } } },
    ]);
    expect((await library.listDocuments()).map((d) => d.id)).toEqual(['one']);
    expect(await storedAnnotations(library)).toBe(0);
  });

  it('rejects an import whose id is stored with a different text, and stores nothing of it', async () => {
    const library = await openLibrary(uniqueName());
    await library.importDocuments([itemA()]);
    const before = await snapshot(library);
    const listBefore = await library.listDocuments();

    const conflicting = doc('doc-a', '冒名的会议', TEXT_A + '多了一行。\n');
    const error = await library
      .importDocuments([itemB(), { document: conflicting, annotations: [ann('c-1', conflicting.text, 0, 3)] }])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    const message = (error as StorageError).message;
    expect(message).toContain('第一次会议');
    expect(message).toContain('冒名的会议');
    expect(message).toContain('doc-a');

    expect(await library.listDocuments()).toEqual(listBefore);
    expect(await snapshot(library)).toEqual(before);
    expect(await library.loadDocument('doc-b')).toBeUndefined();
  });

  it('deletes a record with its text and every annotation', async () => {
    const library = await openLibrary(uniqueName());
    await library.importDocuments([itemA(), itemB()]);
    await library.deleteDocument('doc-a');
    expect(await library.loadDocument('doc-a')).toBeUndefined();
    expect((await library.listDocuments()).map((d) => d.id)).toEqual(['doc-b']);
    expect(await library.db.texts.count()).toBe(1);
    expect([...new Set((await library.db.annotationBuckets.toArray()).map((r) => r.docId))]).toEqual(['doc-b']);
    expect((await library.loadDocument('doc-b'))!.annotations).toHaveLength(1);
    // The text may now be imported again.
    expect((await library.importDocuments([itemA()])).added).toEqual(['第一次会议']);
  });

  it('reports a full disk during a change, keeps the stored annotations exactly, and succeeds on retry', async () => {
    const library = await openLibrary(uniqueName());
    await library.importDocuments([itemA()]);
    const before = await snapshot(library);
    const loadedBefore = await library.loadDocument('doc-a');

    const [first, second] = loadedBefore!.annotations;
    const change = {
      // A relabel, a deletion and an addition: the deletion runs before the failing write.
      added: [{ ...first!, label: 'problem' }, ann('new', TEXT_A, 44, 48)],
      removed: [first!, second!],
    };
    // Let the first write through, so the failure is in the middle of the change.
    const { error, calls } = await withQuotaExceeded(['put', 'add'], 1, () => library.applyChange('doc-a', change));
    expect(calls).toBeGreaterThan(1);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).message).toMatch(/storage is full/);
    expect((error as StorageError).message).toContain('第一次会议');
    expect((error as StorageError).message).toMatch(/not saved/);

    expect(await snapshot(library)).toEqual(before);
    expect(await library.loadDocument('doc-a')).toEqual(loadedBefore);

    await library.applyChange('doc-a', change);
    const after = (await library.loadDocument('doc-a'))!;
    expect(after.annotations.find((a) => a.id === first!.id)!.label).toBe('problem');
    expect(after.annotations.some((a) => a.id === second!.id)).toBe(false);
    expect(after.annotations.some((a) => a.id === 'new')).toBe(true);
    expect((await library.listDocuments())[0]!.annotationCount).toBe(5);
  });

  it("reports Chromium's failed blob write as a full disk, naming the record, and keeps what was stored", async () => {
    const library = await openLibrary(uniqueName());
    await library.importDocuments([itemA()]);
    const before = await snapshot(library);
    const loaded = (await library.loadDocument('doc-a'))!;
    const change = { added: [ann('big', TEXT_A, 44, 48)], removed: [] };
    const { error } = await withQuotaExceeded(['put', 'add'], 0, () => library.applyChange('doc-a', change), () =>
      new DOMException('Failed to write blobs (IOError)', 'DataError'),
    );
    expect(error).toBeInstanceOf(StorageError);
    const message = (error as StorageError).message;
    expect(message).toContain('“第一次会议”');
    expect(message).toMatch(/the disk or the browser's storage is full .* free space or export a backup/);
    expect(message).not.toMatch(/invalid key/);
    expect(describeError('zh-CN', error)).toMatch(/第一次会议.*磁盘或浏览器的存储配额已满/);
    expect(await snapshot(library)).toEqual(before);
    expect(await library.loadDocument('doc-a')).toEqual(loaded);
  });

  it('leaves the library unchanged when the disk fills up during an import', async () => {
    const library = await openLibrary(uniqueName());
    await library.importDocuments([itemB()]);
    const before = await snapshot(library);

    const item = itemA();
    const third = { document: doc('doc-c', '第三次会议', '第三次会议的记录。'), annotations: [] };
    // Document, text and two annotations of the first item are written before the disk is full.
    const { error, calls } = await withQuotaExceeded(['put', 'add'], 4, () =>
      library.importDocuments([item, third]),
    );
    expect(calls).toBeGreaterThan(4);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).message).toMatch(/storage is full/);
    expect((error as StorageError).message).toMatch(/Nothing was imported/);

    expect(await snapshot(library)).toEqual(before);
    expect(await library.loadDocument('doc-a')).toBeUndefined();

    expect((await library.importDocuments([item, third])).added).toEqual(['第一次会议', '第三次会议']);
  });

  it('tells another Library instance over the same database about a change', async () => {
    const name = uniqueName();
    const first = await openLibrary(name);
    const second = await openLibrary(name);
    await first.importDocuments([itemA()]);

    const heard = new Promise((resolve) => {
      const stop = second.onExternalChange((event) => {
        if (event.kind === 'annotations') {
          stop();
          resolve(event);
        }
      });
    });
    const added = ann('from-first', TEXT_A, 3, 6);
    await first.applyChange('doc-a', { added: [added], removed: [] });
    expect(await heard).toEqual({ docId: 'doc-a', kind: 'annotations' });
    expect((await second.loadDocument('doc-a'))!.annotations).toContainEqual(added);

    const deleted = new Promise((resolve) => second.onExternalChange(resolve));
    await first.deleteDocument('doc-a');
    expect(await deleted).toEqual({ docId: 'doc-a', kind: 'documents' });
  });

  it('keeps settings', async () => {
    const name = uniqueName();
    let library = await openLibrary(name);
    expect(await library.getSetting('snapMode')).toBe('none');
    expect(await library.getSetting('lastOpenDocId')).toBeUndefined();
    await library.setSetting('snapMode', 'clause');
    await library.setSetting('lastOpenDocId', 'doc-a');
    // A key outside the registry is kept as given.
    await library.setSetting('layout', { order: ['proposal', 'problem'] });
    library.close();
    library = await openLibrary(name);
    expect(await library.getSetting('snapMode')).toBe('clause');
    expect(await library.getSetting('lastOpenDocId')).toBe('doc-a');
    expect(await library.getSetting<{ order: string[] }>('layout')).toEqual({ order: ['proposal', 'problem'] });
  });

  it('reads a badly stored setting as its default and refuses to store a value of the wrong type', async () => {
    const library = await openLibrary(uniqueName());
    await library.db.settings.bulkPut([
      { key: 'snapMode', value: 'sideways' },
      { key: 'sampleSeeded', value: 'yes' },
      { key: 'labels', value: { order: ['proposal'] } },
      { key: 'annotator', value: 42 },
    ]);
    expect(await library.getSetting('snapMode')).toBe('none');
    expect(await library.getSetting('sampleSeeded')).toBe(false);
    expect(await library.getLabels()).toBeUndefined();
    expect(await library.getSetting('annotator')).toBe('');
    // A backup carries only what reads as its type.
    expect(await library.backupSettings()).toEqual({});
    await expect(library.setSetting('snapMode', 'sideways' as never)).rejects.toThrow(/snapMode.*cannot hold.*sideways/);
    expect((await library.db.settings.get('snapMode'))!.value).toBe('sideways');
  });

  it('asks for persistent storage without throwing', async () => {
    const result = await requestPersistentStorage();
    expect([true, false, undefined]).toContain(result);
  });

  it('round-trips a record of 1,000,000 characters with 20,000 annotations', { timeout: 120_000 }, async () => {
    const name = uniqueName();
    let library = await openLibrary(name);
    const sentence = '委员甲：我们建议加大对先进制造业的投入，解决人才短缺问题。\n';
    const text = sentence.repeat(Math.ceil(1_000_000 / sentence.length)).slice(0, 1_000_000);
    const labels = ['proposal', 'problem', 'recommendation', 'response'];
    const annotations: Annotation[] = [];
    for (let i = 0; i < 20_000; i++) {
      const start = i * 50;
      annotations.push({
        id: `n-${String(19_999 - i).padStart(5, '0')}`, // ids in reverse of text order
        label: labels[i % 4]!,
        start: cp(start),
        end: cp(start + 10),
        text: text.slice(start, start + 10),
        createdAt: OLD,
        updatedAt: OLD,
      });
    }
    const tImport = performance.now();
    await library.importDocuments([{ document: doc('big', '大型会议', text), annotations }]);
    const importMs = performance.now() - tImport;

    library.close();
    library = await openLibrary(name);
    const tLoad = performance.now();
    const loaded = (await library.loadDocument('big'))!;
    const loadMs = performance.now() - tLoad;

    const tWarm = performance.now();
    await library.loadDocument('big');
    const warmMs = performance.now() - tWarm;

    expect(loaded.document.text).toBe(text);
    expect(loaded.annotations).toHaveLength(20_000);
    expect(loaded.annotations).toEqual(annotations);
    expect((await library.listDocuments())[0]!.annotationCount).toBe(20_000);

    const tChange = performance.now();
    await library.applyChange('big', {
      added: [{ ...annotations[100]!, label: 'response' }],
      removed: [annotations[100]!, annotations[200]!],
    });
    const changeMs = performance.now() - tChange;
    expect((await library.listDocuments())[0]!.annotationCount).toBe(19_999);

    console.log(
      `20,000 annotations / 1,000,000 characters: import ${importMs.toFixed(0)} ms, ` +
        `load ${loadMs.toFixed(1)} ms (again: ${warmMs.toFixed(1)} ms), one change ${changeMs.toFixed(1)} ms`,
    );
  });

  it('adds labels from two tabs without losing either, and never gives two labels one key or colour', async () => {
    const name = uniqueName();
    const tabA = await openLibrary(name);
    const tabB = await openLibrary(name);
    const heard = new Promise<void>((resolve) => tabB.onExternalChange((e) => e.kind === 'labels' && resolve()));
    // Both tabs start from the defaults (nothing stored yet), as two open windows would.
    await tabA.addLabels(DEFAULT_LABELS, ['finance']);
    const merged = await tabB.addLabels(DEFAULT_LABELS, ['housing']);
    await heard;
    expect(merged.map((l) => l.id)).toEqual([...DEFAULT_LABELS.map((l) => l.id), 'finance', 'housing']);
    expect(new Set(merged.map((l) => l.key)).size).toBe(merged.length);
    expect(new Set(merged.map((l) => l.color)).size).toBe(merged.length);
    expect(await tabA.getLabels()).toEqual(merged);
  });
});
