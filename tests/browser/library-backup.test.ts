import { describe, expect, it } from 'vitest';
import { useTemporaryLibraries } from './temporary-libraries';
import type { Annotation } from '../../src/domain/annotation';
import type { MeetingDocument } from '../../src/domain/document';
import { DEFAULT_LABELS } from '../../src/domain/labels';
import { addLabel, retireLabel } from '../../src/domain/labelSet';
import { relationsOf } from '../../src/domain/relations';
import { cp } from '../../src/domain/units';
import { parseNative, serializeNative } from '../../src/io/native';
import { Library, type Backup } from '../../src/storage/library';
import { DocumentSession } from '../../src/app/documentSession';
import { seedSampleOnce } from '../../src/app/sample';
import { u16 } from '../../src/domain/units';

const openLibrary = useTemporaryLibraries();

const T0 = '2025-01-01T00:00:00.000Z';
const T1 = '2025-02-01T00:00:00.000Z';
const T2 = '2025-03-01T00:00:00.000Z';
const A = '马丽娟委员表示，目前产业链未形成配套。建议建设产业技术研究院。';
const B = '市长廖国勋表示将全面实施链长制。';
function doc(id: string, title: string, text: string): MeetingDocument {
  return { id, title, text, format: 'plain', meta: { tags: ['工业'], status: 'in_progress' }, createdAt: T0, updatedAt: T0 };
}
function ann(id: string, text: string, needle: string, label: string, extra: Partial<Annotation> = {}): Annotation {
  const at = Array.from(text.slice(0, text.indexOf(needle))).length;
  return { id, label, start: cp(at), end: cp(at + Array.from(needle).length), text: needle, createdAt: T0, updatedAt: T0, ...extra };
}

/** A library as a backup file would carry it, through the real file format. */
async function backupOf(library: Library): Promise<Backup> {
  const labels = (await library.getLabels()) ?? [...DEFAULT_LABELS];
  const json = serializeNative(await library.exportAll(), labels, T2, undefined, await library.backupSettings());
  const parsed = parseNative(json, 'backup.yishi.json');
  return { documents: parsed.documents, labels: parsed.labels, settings: parsed.settings, exportedAt: parsed.exportedAt };
}

async function filled(): Promise<Library> {
  const library = await openLibrary();
  const p = ann('p', A, '目前产业链未形成配套', 'problem', { speaker: '马丽娟委员' });
  const r = ann('r', A, '建设产业技术研究院', 'recommendation', { note: '重点', links: [{ id: 'l1', type: 'addresses', to: 'p' }] });
  const s = ann('s', B, '全面实施链长制', 'risk', { annotator: '王', origin: { kind: 'rule' } });
  await library.importDocuments([
    { document: doc('a', '第一次', A), annotations: [p, r] },
    { document: doc('b', '第二次', B), annotations: [s] },
  ]);
  await library.saveLabels(retireLabel(addLabel(DEFAULT_LABELS, 'risk', '风险'), 'proposal'));
  await library.setSetting('annotator', '王分析');
  await library.setSetting('snapMode', 'clause');
  return library;
}

describe('backups: export everything, restore', () => {
  it('round-trips the whole library (records, annotations, relations, labels, settings) into an empty one', async () => {
    const source = await filled();
    const backup = await backupOf(source);
    const target = await openLibrary();
    const report = await target.restoreBackup(backup, 'replace');
    expect(report).toMatchObject({ added: 2, annotationsAdded: 3 });
    expect(await target.exportAll()).toEqual(await source.exportAll());
    expect(await target.getLabels()).toEqual(await source.getLabels());
    expect(await target.backupSettings()).toEqual({ annotator: '王分析', snapMode: 'clause' });
    const restoredA = (await target.loadDocument('a'))!;
    expect(relationsOf(restoredA.annotations)).toEqual([{ id: 'l1', type: 'addresses', from: 'r', to: 'p' }]);
    expect((await backupOf(target)).documents).toEqual(backup.documents);
  });

  it('merge: adds what is missing, takes newer versions, never replaces a newer annotation with an older one', async () => {
    const library = await filled();
    const backup = await backupOf(library);
    // After the backup: "p" is edited here (newer than the backup), "s" is deleted here, "x" is new here.
    const a = (await library.loadDocument('a'))!;
    const p = a.annotations.find((x) => x.id === 'p')!;
    await library.applyChange('a', { removed: [p], added: [{ ...p, note: '此处更新', updatedAt: T2 }] });
    const s = (await library.loadDocument('b'))!.annotations[0]!;
    await library.applyChange('b', { removed: [s], added: [] });
    const x = ann('x', A, '马丽娟委员', 'proposal', { updatedAt: T1 });
    await library.applyChange('a', { removed: [], added: [x] });
    // …and the backup has a newer "r" than the library (edited elsewhere after).
    const r = backup.documents[0]!.annotations.find((y) => y.id === 'r')!;
    backup.documents[0]!.annotations = backup.documents[0]!.annotations.map((y) => (y.id === 'r' ? { ...r, note: '备份中较新', updatedAt: '2025-04-01T00:00:00.000Z' } : y));
    const preview = await library.restorePreview(backup);
    expect(preview).toMatchObject({ documents: 2, annotations: 3 });

    const report = await library.restoreBackup(backup, 'merge');
    expect(report).toMatchObject({ mode: 'merge', added: 0, updated: 1, keptNewer: 1, annotationsAdded: 1 });
    const after = new Map([...(await library.loadDocument('a'))!.annotations, ...(await library.loadDocument('b'))!.annotations].map((y) => [y.id, y]));
    expect(after.get('p')!.note).toBe('此处更新'); // newer here: kept
    expect(after.get('r')!.note).toBe('备份中较新'); // newer in the backup: taken
    expect(after.has('s')).toBe(true); // missing here: added back
    expect(after.has('x')).toBe(true); // only here: kept
    const summaries = await library.listDocuments();
    expect(summaries.find((d) => d.id === 'a')!.annotationCount).toBe(3);
    expect(summaries.find((d) => d.id === 'b')!.annotationCount).toBe(1);
  });

  it('merge: an undo made after the backup is newer than the backup, and stays', async () => {
    const library = await openLibrary();
    await library.importDocuments([{ document: doc('a', '第一次', A), annotations: [] }]);
    const loaded = (await library.loadDocument('a'))!;
    let tick = 0;
    const clock = () => new Date(Date.UTC(2025, 5, 1, 0, 0, tick++)).toISOString();
    const session = new DocumentSession(loaded.document, loaded.annotations, library, DEFAULT_LABELS, (m) => { throw new Error(m); }, clock);
    const at = A.indexOf('建设产业技术研究院');
    session.tag({ start: u16(at), end: u16(at + 9) }, 'proposal');
    session.relabelSelected('recommendation');
    await session.idle();
    const backup = await backupOf(library); // holds the recommendation
    session.undo(); // back to proposal: an edit made after the backup
    await session.idle();
    // The undo counts as changed after the backup (a replace would lose it)…
    expect((await library.restorePreview(backup)).newerThanBackup).toBe(1);
    // …and a merge keeps it: the backup's recommendation is the older version.
    const report = await library.restoreBackup(backup, 'merge');
    expect(report).toMatchObject({ updated: 0, keptNewer: 1 });
    expect((await library.loadDocument('a'))!.annotations.map((x) => x.label)).toEqual(['proposal']);
  });

  it('refuses a backup whose record id is stored with another text, and changes nothing', async () => {
    const library = await filled();
    const before = await library.exportAll();
    const backup = await backupOf(library);
    backup.documents[1] = { ...backup.documents[1]!, document: { ...backup.documents[1]!.document, text: '另一段文字。' }, annotations: [] };
    backup.documents.push({ document: doc('c', '第三次', '新的记录。'), annotations: [] });
    await expect(library.restoreBackup(backup, 'merge')).rejects.toThrow(/id b is stored with a different text.*Nothing was restored/s);
    expect(await library.exportAll()).toEqual(before);
  });

  it('restoring a backup into a new browser does not add the sample record a second time (issue 17 item 6)', async () => {
    // The analyst's first browser: the sample was seeded there, and tagged.
    const before = await openLibrary();
    await seedSampleOnce(before);
    const [sample] = await before.listDocuments();
    const { document } = (await before.loadDocument(sample!.id))!;
    const needle = Array.from(document.text).slice(2, 8).join('');
    await before.applyChange(sample!.id, { added: [ann('tagged', document.text, needle, 'problem', { updatedAt: T1 })], removed: [] });
    const backup = await backupOf(before);

    // A new browser seeds the sample too (under an id of its own), then the backup is restored.
    const fresh = await openLibrary();
    await seedSampleOnce(fresh);
    const report = await fresh.restoreBackup(backup, 'merge');

    const records = await fresh.listDocuments();
    expect(records).toHaveLength(1);
    expect(records[0]!.annotationCount).toBe(1);
    expect(report).toMatchObject({ added: 0, annotationsAdded: 1 });
    const restored = (await fresh.loadDocument(records[0]!.id))!;
    expect(restored.document.text).toBe(document.text);
    expect(restored.annotations.map((a) => [a.id, a.text])).toEqual([['tagged', needle]]);
    // Seeding again changes nothing, and importing the same text again adds no record.
    await seedSampleOnce(fresh);
    expect((await fresh.importDocuments([{ document: { ...document, id: 'another-id' }, annotations: [] }])).skipped).toHaveLength(1);
    expect(await fresh.listDocuments()).toHaveLength(1);
  });
});
