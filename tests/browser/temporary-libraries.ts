import Dexie from 'dexie';
import { afterEach } from 'vitest';
import { Library } from '../../src/storage/library';

/**
 * For a browser test file: `openLibrary()` opens a Library over a database of its own (or over the
 * named one, for a second tab); after each test every library opened is closed and its database
 * deleted.
 */
export function useTemporaryLibraries(): (name?: string) => Promise<Library> {
  const opened: Library[] = [];
  const names = new Set<string>();
  afterEach(async () => {
    for (const library of opened.splice(0)) library.close();
    for (const name of names) await Dexie.delete(name);
    names.clear();
  });
  return async (name = `yishi-test-${crypto.randomUUID()}`) => {
    names.add(name);
    const library = await Library.open(name);
    opened.push(library);
    return library;
  };
}
