/**
 * Opens the analyst's library: in the browser's IndexedDB when it works, otherwise in memory,
 * with the reason, so a private window or a browser policy that refuses IndexedDB still gets a
 * working session (and the interface says clearly that nothing will be kept).
 */
import { YishiDb } from './db';
import { storageError } from './errors';
import { Library } from './library';

/** How long the probe waits for IndexedDB to answer before giving up on it. */
export const PROBE_TIMEOUT_MS = 4000;

const PROBE_STORE = 'probe';

function describe(error: unknown): string {
  if (error && typeof error === 'object') {
    const { name, message } = error as { name?: unknown; message?: unknown };
    const text = [typeof name === 'string' ? name : '', typeof message === 'string' ? message : ''].filter(Boolean).join(': ');
    if (text) return text.replace(/[.\s]+$/, '');
  }
  return String(error);
}

/**
 * Checks that this IndexedDB can open a database and commit a write: opens a throwaway database,
 * writes one row, then deletes the database (without waiting for that). Resolves to null when it works, otherwise to why it
 * does not (in words for the analyst). Never throws; gives up after `timeoutMs` (some browsers
 * leave `open` unanswered instead of failing).
 */
export function probeIndexedDB(
  factory: IDBFactory | undefined,
  timeoutMs = PROBE_TIMEOUT_MS,
  name = 'yishi-probe',
): Promise<string | null> {
  if (!factory) return Promise.resolve('this browser provides no IndexedDB (it may be switched off, e.g. in some private windows)');
  return new Promise<string | null>((resolve) => {
    let settled = false;
    let opened: IDBDatabase | undefined;
    const finish = (problem: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      try {
        opened?.close();
        factory.deleteDatabase(name);
      } catch {
        // Nothing to clean up where the browser refuses access.
      }
      resolve(problem);
    };
    const timer = setTimeout(
      () => finish(`IndexedDB did not answer within ${timeoutMs / 1000} s (the browser may be refusing it)`),
      timeoutMs,
    );
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(name, 1);
    } catch (error) {
      finish(`the browser refused to open IndexedDB (${describe(error)})`);
      return;
    }
    request.onupgradeneeded = () => {
      request.result.createObjectStore(PROBE_STORE);
    };
    request.onerror = (event) => {
      event.preventDefault();
      finish(`the browser refused to open IndexedDB (${describe(request.error)})`);
    };
    request.onsuccess = () => {
      opened = request.result;
      if (settled) {
        // Too late (the probe already gave up): close what the slow open returned, or the
        // probe's deleteDatabase stays blocked and every later tab's probe queues behind it.
        opened.close();
        return;
      }
      try {
        const tx = opened.transaction(PROBE_STORE, 'readwrite');
        tx.objectStore(PROBE_STORE).put(Date.now(), 'written');
        tx.oncomplete = () => finish(null);
        tx.onabort = () => finish(`the browser refused to write to IndexedDB (${describe(tx.error)})`);
      } catch (error) {
        finish(`the browser refused to write to IndexedDB (${describe(error)})`);
      }
    };
  });
}

/**
 * The library in IndexedDB when the probe passes; otherwise the same YishiDb and Library over
 * fake-indexeddb, an in-memory IndexedDB (loaded only then, so the usual bundle does not carry
 * it): the whole storage code path stays the same, only nothing survives the page. When the
 * probe passes but the library itself cannot be opened (e.g. it was written by a newer Yishi),
 * that error is thrown: the analyst's stored data exists, and an empty session would hide it.
 */
export async function openLibrary(
  name = 'yishi',
  options: { factory?: IDBFactory | undefined; probeTimeoutMs?: number } = {},
): Promise<Library> {
  const factory = 'factory' in options ? options.factory : typeof indexedDB === 'undefined' ? undefined : indexedDB;
  const problem = await probeIndexedDB(factory, options.probeTimeoutMs ?? PROBE_TIMEOUT_MS);
  if (problem === null) return Library.open(name);
  const memory = await import('fake-indexeddb');
  // A name of its own, so the tab's sync channel does not hear (or talk to) other tabs.
  const db = new YishiDb(`${name}-memory-${crypto.randomUUID()}`, {
    indexedDB: new memory.IDBFactory(),
    IDBKeyRange: memory.IDBKeyRange,
    reason: problem,
  });
  try {
    await db.open();
  } catch (error) {
    db.close();
    throw storageError('storage.openMemory', { detail: describe(error), probe: problem }, error);
  }
  return new Library(db);
}
