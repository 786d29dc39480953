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
});
