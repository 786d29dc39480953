/**
 * Storage faults in real Chromium IndexedDB: IndexedDB refused (probe and in-memory fallback),
 * and another tab upgrading or deleting the database under an open library.
 */
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../../src/domain/annotation';
import { cp } from '../../src/domain/units';
import { YishiDb } from '../../src/storage/db';
import { Library, StorageError } from '../../src/storage/library';
import { openLibrary, probeIndexedDB } from '../../src/storage/openLibrary';
import type { AnnotatedRecord } from '../../src/domain/record';

/** The native IndexedDB version of the schema after the current one (Dexie's version × 10). */
const NEWER = (new YishiDb('yishi-version-probe').verno + 1) * 10;

const opened: Library[] = [];
const names: string[] = [];

function uniqueName(): string {
  const name = `yishi-faults-${crypto.randomUUID()}`;
  names.push(name);
  return name;
}

afterEach(async () => {
  for (const library of opened.splice(0)) library.close();
  for (const name of names.splice(0)) await Dexie.delete(name);
});

const OLD = '2000-01-01T00:00:00.000Z';
const TEXT = '主席：我们讨论𠮷先进制造业。\n委员甲：我建议加大投入。\n';

function ann(id: string, start: number, end: number, label = 'proposal'): Annotation {
  return { id, label, start: cp(start), end: cp(end), text: Array.from(TEXT).slice(start, end).join(''), createdAt: OLD, updatedAt: OLD };
}

function item(): AnnotatedRecord {
  return {
    document: { id: 'doc-1', title: '第一次会议', text: TEXT, format: 'plain', meta: {}, createdAt: OLD, updatedAt: OLD },
    annotations: [ann('a1', 3, 7), ann('a2', 5, 9, 'problem')],
  };
}

/** An IDBFactory whose `open` is replaced; everything else is Chromium's. */
function factoryWithOpen(open: (name: string, version?: number) => IDBOpenDBRequest): IDBFactory {
  return { open, deleteDatabase: (n: string) => indexedDB.deleteDatabase(n), cmp: indexedDB.cmp.bind(indexedDB), databases: indexedDB.databases.bind(indexedDB) } as IDBFactory;
}

/** An open request that fails, as Firefox's private windows used to answer (InvalidStateError). */
function failingRequest(): IDBOpenDBRequest {
  const request = { error: new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError') } as unknown as IDBOpenDBRequest & { onerror: ((e: Event) => void) | null };
  setTimeout(() => request.onerror?.(new Event('error', { cancelable: true })));
  return request;
}

/** Resolves when a raw open or delete request succeeds; rejects on error; records `blocked`. */
function settle(request: IDBOpenDBRequest): Promise<{ blocked: boolean; result: unknown }> {
  let blocked = false;
  return new Promise((resolve, reject) => {
    request.onblocked = () => {
      blocked = true;
    };
    request.onsuccess = () => resolve({ blocked, result: request.result });
    request.onerror = () => reject(request.error);
  });
}

describe('probing IndexedDB', () => {
  it('passes on Chromium’s IndexedDB and leaves no database behind', async () => {
    const name = uniqueName();
    expect(await probeIndexedDB(indexedDB, 10_000, name)).toBeNull();
    await expect.poll(async () => (await indexedDB.databases()).map((d) => d.name)).not.toContain(name);
  });

  it('names the reason when there is no IndexedDB, when open throws, errs, hangs, or a write is refused', async () => {
    expect(await probeIndexedDB(undefined)).toMatch(/no IndexedDB/);

    const thrown = await probeIndexedDB(
      factoryWithOpen(() => {
        throw new DOMException('The user denied permission to access the database.', 'SecurityError');
      }),
    );
    expect(thrown).toMatch(/refused to open IndexedDB \(SecurityError: The user denied permission/);

    expect(await probeIndexedDB(factoryWithOpen(failingRequest))).toMatch(/refused to open IndexedDB \(InvalidStateError/);

    // A request that never answers: the probe gives up after its timeout.
    const hanging = factoryWithOpen(() => ({}) as IDBOpenDBRequest);
    expect(await probeIndexedDB(hanging, 50)).toMatch(/did not answer within 0.05 s/);

    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    try {
      expect(await probeIndexedDB(indexedDB, 10_000, uniqueName())).toMatch(/refused to write to IndexedDB \(QuotaExceededError/);
    } finally {
      IDBObjectStore.prototype.put = put;
    }
  });
});

describe('an in-memory library when IndexedDB is refused', () => {
  it('runs the whole storage path in memory, says why, and writes nothing to the browser’s IndexedDB', async () => {
    const name = uniqueName();
    const before = (await indexedDB.databases()).map((d) => d.name);
    const library = await openLibrary(name, { factory: factoryWithOpen(failingRequest) });
    opened.push(library);
    expect(library.persistence).toBe('memory');
    expect(library.memoryReason).toMatch(/InvalidStateError/);
    expect(library.status).toBe('open');

    expect((await library.importDocuments([item()])).addedIds).toEqual(['doc-1']);
    await library.applyChange('doc-1', { added: [ann('a3', 10, 12, 'response')], removed: [] });
    await library.setSetting('lastOpenDocId', 'doc-1');
    const loaded = await library.loadDocument('doc-1');
    expect(loaded?.document.text).toBe(TEXT);
    expect(loaded?.annotations.map((a) => a.id)).toEqual(['a1', 'a2', 'a3']);
    expect((await library.listDocuments())[0]?.annotationCount).toBe(3);
    expect(await library.getSetting('lastOpenDocId')).toBe('doc-1');

    const after = (await indexedDB.databases()).map((d) => d.name);
    expect(after.filter((n) => !before.includes(n))).toEqual([]);
  });

  it('uses IndexedDB when the probe passes', async () => {
    const library = await openLibrary(uniqueName());
    opened.push(library);
    expect(library.persistence).toBe('indexeddb');
    expect(library.memoryReason).toBeUndefined();
  });
});

describe('another tab upgrades or deletes the database', () => {
  it('closes at once so the upgrade is not blocked, reports the closed state, and refuses later writes loudly', async () => {
    const name = uniqueName();
    const library = await Library.open(name);
    opened.push(library);
    await library.importDocuments([item()]);
    const heard: unknown[] = [];
    library.onClosed((closed) => heard.push(closed));
    expect(library.status).toBe('open');

    // Another tab with a newer Yishi: Dexie's next version, native version (current + 1) × 10.
    const upgrade = indexedDB.open(name, NEWER);
    upgrade.onupgradeneeded = () => upgrade.result.createObjectStore('relations', { keyPath: 'id' });
    const { blocked, result } = await settle(upgrade);
    const newer = result as IDBDatabase;
    expect(blocked).toBe(false);
    expect(newer.version).toBe(NEWER);
    expect(heard).toEqual([{ cause: 'upgrade', newVersion: NEWER }]);
    expect(library.status).toBe('closed');

    // Dexie's default would reopen on the next access, at the newer version, and write with old code.
    const write = library.applyChange('doc-1', { added: [ann('a3', 10, 12, 'response')], removed: [] });
    await expect(write).rejects.toBeInstanceOf(StorageError);
    await expect(write).rejects.toThrow(/Could not save the change.*closed.*another tab.*reload.*not saved/);
    await expect(library.listDocuments()).rejects.toThrow(/closed/);
    expect(library.db.isOpen()).toBe(false);

    // Nothing was written after the close: the newer tab sees the two annotations only.
    const rows = await new Promise<{ annotations: unknown[] }[]>((resolve, reject) => {
      const request = newer.transaction('annotationBuckets').objectStore('annotationBuckets').getAll();
      request.onsuccess = () => resolve(request.result as { annotations: unknown[] }[]);
      request.onerror = () => reject(request.error);
    });
    expect(rows.flatMap((r) => r.annotations)).toHaveLength(2);
    newer.close();

    // A listener that comes later still hears that it is closed.
    const late: unknown[] = [];
    library.onClosed((closed) => late.push(closed));
    expect(late).toEqual([{ cause: 'upgrade', newVersion: NEWER }]);
  });

  it('closes when another tab deletes the database, without blocking the deletion', async () => {
    const name = uniqueName();
    const library = await Library.open(name);
    opened.push(library);
    const heard: unknown[] = [];
    library.onClosed((closed) => heard.push(closed));
    const { blocked } = await settle(indexedDB.deleteDatabase(name) as IDBOpenDBRequest);
    expect(blocked).toBe(false);
    expect(heard).toEqual([{ cause: 'delete', newVersion: null }]);
    expect(library.status).toBe('closed');
    await expect(library.setSetting('x', 1)).rejects.toThrow(/Could not save the setting.*closed/);
    // The deleted database is not recreated by a later access.
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(name);
  });

  it('an in-memory library over its own YishiDb is told the same way', async () => {
    const memory = await import('fake-indexeddb');
    const factory = new memory.IDBFactory();
    const db = new YishiDb(uniqueName(), { indexedDB: factory, IDBKeyRange: memory.IDBKeyRange, reason: 'test' });
    const library = new Library(db);
    opened.push(library);
    await db.open();
    const heard: unknown[] = [];
    library.onClosed((closed) => heard.push(closed));
    const request = factory.open(db.name, NEWER);
    const { blocked, result } = await settle(request);
    (result as IDBDatabase).close();
    expect(blocked).toBe(false);
    expect(heard).toEqual([{ cause: 'upgrade', newVersion: NEWER }]);
  });
});
