/**
 * Every schema version has a frozen fixture database (tests/fixtures/db/<version>/, written once
 * by that version and never regenerated). Each is materialised into a real IndexedDB and opened
 * with the CURRENT YishiDb and Library, which must upgrade it and find every record, text,
 * annotation, label and setting. A new schema version adds its folder; nothing here changes.
 */
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { compareAnnotations, type Annotation } from '../../src/domain/annotation';
import { cp } from '../../src/domain/units';
import { YishiDb } from '../../src/storage/db';
import { Library } from '../../src/storage/library';
import { materialise, type DatabaseDump, type ExpectedContent } from '../fixtures/db/materialise';

const databases = import.meta.glob<DatabaseDump>('../fixtures/db/*/database.json', { eager: true, import: 'default' });
const expectations = import.meta.glob<ExpectedContent>('../fixtures/db/*/expected.json', { eager: true, import: 'default' });
const folder = (path: string) => path.split('/').at(-2)!;
const fixtures = Object.entries(databases)
  .map(([path, dump]) => ({ version: folder(path), dump, expected: expectations[path.replace('database.json', 'expected.json')]! }))
  .sort((a, b) => a.dump.schemaVersion - b.dump.schemaVersion);

const opened: Library[] = [];
const names: string[] = [];
afterEach(async () => {
  for (const library of opened.splice(0)) library.close();
  for (const name of names.splice(0)) await Dexie.delete(name);
});

const current = new YishiDb('yishi-version-probe').verno;

describe('frozen fixture databases', () => {
  it('exist for every schema version up to the current one', () => {
    expect(fixtures.map((f) => f.dump.schemaVersion)).toEqual(Array.from({ length: current }, (_, i) => i + 1));
    for (const f of fixtures) {
      expect(f.version).toBe(`v${f.dump.schemaVersion}`);
      expect(f.expected, `${f.version}/expected.json`).toBeDefined();
      expect(f.expected.schemaVersion).toBe(f.dump.schemaVersion);
    }
  });

  for (const { version, dump, expected } of fixtures) {
    it(`${version}: the current code opens it and finds every record, text, annotation, label and setting`, async () => {
      const name = `yishi-migration-${version}-${crypto.randomUUID()}`;
      names.push(name);
      await materialise(dump, name);
      const library = await Library.open(name);
      opened.push(library);

      // Upgraded to the current schema, with no store missing (Dexie would otherwise patch it
      // silently under a higher native version).
      expect(library.db.backendDB().version).toBe(current * 10);
      for (const table of library.db.tables) expect([...library.db.backendDB().objectStoreNames]).toContain(table.name);

      const wanted = expected.documents;
      const list = await library.listDocuments();
      expect(list.map((d) => d.id).sort()).toEqual(wanted.map((w) => w.document.id).sort());
      for (const w of wanted) {
        const summary = list.find((d) => d.id === w.document.id)!;
        expect(summary.title).toBe(w.document.title);
        expect(summary.annotationCount).toBe(w.annotations.length);

        const loaded = await library.loadDocument(w.document.id);
        expect(loaded, w.document.title).toBeDefined();
        expect(loaded!.document).toMatchObject(w.document);
        const sorted = [...(w.annotations as unknown as Annotation[])].sort(compareAnnotations);
        expect(loaded!.annotations).toMatchObject(sorted);
        for (const a of loaded!.annotations) expect(Array.from(loaded!.document.text).slice(a.start, a.end).join('')).toBe(a.text);
      }

      const exported = await library.exportAll();
      expect(exported.map((i) => i.document.id).sort()).toEqual(wanted.map((w) => w.document.id).sort());
      expect(exported.reduce((n, i) => n + i.annotations.length, 0)).toBe(wanted.reduce((n, w) => n + w.annotations.length, 0));

      expect(await library.getLabels()).toMatchObject(expected.labels);
      for (const [key, value] of Object.entries(expected.settings)) expect(await library.getSetting(key), key).toEqual(value);
      if (expected.model !== undefined) expect(await library.learnedModel()).toEqual(expected.model);
      if (expected.rejections !== undefined) {
        const stored = await library.rejectedSuggestions();
        expect([...stored.keys()].sort()).toEqual(Object.keys(expected.rejections).sort());
        for (const [docId, list] of Object.entries(expected.rejections)) {
          const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
          expect([...stored.get(docId)!].sort(byId), docId).toEqual([...list].sort(byId));
        }
      }

      // The upgraded database takes changes and keeps them.
      const first = wanted.find((w) => w.annotations.length > 0)!;
      const text = first.document.text;
      const added: Annotation = {
        id: `after-${version}`, label: 'problem', start: cp(0), end: cp(1), text: Array.from(text)[0]!,
        createdAt: '2030-01-01T00:00:00.000Z', updatedAt: '2030-01-01T00:00:00.000Z',
      };
      await library.applyChange(first.document.id, { added: [added], removed: [] });
      library.close();
      const reopened = await Library.open(name);
      opened.push(reopened);
      expect((await reopened.loadDocument(first.document.id))!.annotations).toHaveLength(first.annotations.length + 1);
    });
  }

  it('v1 → v2: the learned model and the rejected suggestions move out of the settings into tables of their own', async () => {
    const v1 = fixtures.find((f) => f.version === 'v1')!;
    const name = `yishi-migration-suggest-${crypto.randomUUID()}`;
    names.push(name);
    await materialise(v1.dump, name);
    // What schema 1 kept in its settings for assisted tagging, written with the raw API.
    const model = { model: { kind: 'yishi.suggest.naive-bayes', version: 1, alpha: 0.5, exampleCount: 1, classes: {}, modelVersion: 'nb-1' }, trained: { 'doc-plain': '1.0.x' }, trainedAt: '2026-03-06T00:00:00.000Z' };
    const rejection = (id: string, start: number, end: number) => ({ id, label: 'problem', start, end, text: 'x', source: 'rule', rejectedAt: '2026-03-06T00:00:00.000Z' });
    const rows = [
      { key: 'suggest.model', value: model },
      { key: 'suggest.rejected:doc-overlap', value: [rejection('r1', 0, 2), rejection('r2', 3, 5)] },
      { key: 'suggest.rejected:doc-plain', value: [rejection('r3', 1, 4)] },
      { key: 'suggest.rejected:doc-odd', value: 'not a list' },
    ];
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(name, v1.dump.nativeVersion);
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        const db = request.result;
        const tx = db.transaction('settings', 'readwrite');
        for (const row of rows) tx.objectStore('settings').put(row);
        tx.oncomplete = () => (db.close(), resolve());
        tx.onerror = () => reject(tx.error);
      };
    });

    const library = await Library.open(name);
    opened.push(library);
    expect(await library.learnedModel()).toEqual(model);
    const rejected = await library.rejectedSuggestions();
    expect(Object.fromEntries(rejected)).toEqual({
      'doc-overlap': [rejection('r1', 0, 2), rejection('r2', 3, 5)],
      'doc-plain': [rejection('r3', 1, 4)],
    });
    // Moved, not copied; a value that is not a list of rejections is left where it was.
    const keys = (await library.db.settings.toCollection().primaryKeys()).filter((k) => k.startsWith('suggest.'));
    expect(keys).toEqual(['suggest.rejected:doc-odd']);
    // Everything else of the fixture is as it was.
    for (const [key, value] of Object.entries(v1.expected.settings)) expect(await library.getSetting(key), key).toEqual(value);
    // Deleting a record deletes its rejections.
    await library.deleteDocument('doc-plain');
    expect([...(await library.rejectedSuggestions()).keys()]).toEqual(['doc-overlap']);
  });
});
