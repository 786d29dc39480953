#!/usr/bin/env node
/**
 * Writes the FROZEN fixture database of one schema version, once: tests/fixtures/db/<version>/
 * database.json (every object store of the IndexedDB database as that version created it, with
 * every row) and expected.json (what the current code must find in it: records with their
 * annotations, the label set, the settings, in domain terms). tests/browser/migrations.test.ts
 * loads each database.json into a real IndexedDB and opens it with the CURRENT Yishi.
 *
 *   node scripts/make-db-fixture.mjs v1   (or v2, …)
 *
 * Each version below carries a COPY of its schema and writes its rows in that version's shape,
 * so later changes to src/storage never change what it writes. It refuses to overwrite a fixture:
 * a fixture is what an analyst's browser holds, and is never regenerated. To add version n: add
 * an entry `vn` (a copy of every `db.version(k)` up to n and rows in version n's shape), run the
 * script once for it, commit the folder.
 *
 * Runs in Node over fake-indexeddb (an in-memory IndexedDB), with Dexie creating the stores
 * exactly as it does in the browser.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'fixtures', 'db');

// ---------------------------------------------------------------------------------------------
// Shared helpers (copies: frozen with the fixtures, not imported from src)

const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
const slice = (text, start, end) => Array.from(text).slice(start, end).join('');

/** FNV-1a over UTF-16 units, modulo 64: the bucket of an annotation id in schema v1. */
function bucketOf(id) {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % 64;
}

/** An annotation on the code points [start, end) of `text`, with its exact quote. */
function ann(text, id, label, start, end, at) {
  if (!(start >= 0 && end > start && end <= Array.from(text).length)) throw new RangeError(`${id}: [${start}, ${end})`);
  return { id, label, start, end, text: slice(text, start, end), createdAt: at, updatedAt: at };
}

/** An annotation on the first (or n-th) occurrence of `quote` in `text`, in code points. */
function annOn(text, id, label, quote, at, occurrence = 0) {
  let from = -1;
  for (let i = 0; i <= occurrence; i++) {
    from = text.indexOf(quote, from + 1);
    if (from < 0) throw new Error(`${id}: “${quote}” not in the text`);
  }
  const start = Array.from(text.slice(0, from)).length;
  return ann(text, id, label, start, start + Array.from(quote).length, at);
}

/** Every object store of a database: schema and rows (in key order). Raw IndexedDB API. */
async function dump(factory, name) {
  const db = await new Promise((resolve, reject) => {
    const request = factory.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const stores = [];
  for (const storeName of [...db.objectStoreNames].sort()) {
    const store = db.transaction(storeName).objectStore(storeName);
    const indexes = [...store.indexNames].sort().map((n) => {
      const index = store.index(n);
      return { name: n, keyPath: index.keyPath, unique: index.unique, multiEntry: index.multiEntry };
    });
    if (store.keyPath === null) throw new Error(`${storeName}: out-of-line keys are not supported by the fixture format`);
    const rows = await new Promise((resolve, reject) => {
      const request = store.getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    stores.push({ name: storeName, keyPath: store.keyPath, autoIncrement: store.autoIncrement, indexes, rows });
  }
  const nativeVersion = db.version;
  db.close();
  return { nativeVersion, stores };
}

// ---------------------------------------------------------------------------------------------
// Version 1

const V1_AT = '2026-03-02T08:00:00.000Z';
const V1_LATER = '2026-03-05T09:30:00.000Z';

const V1_LABELS = [
  { id: 'proposal', name: '主张', nameEn: 'proposal', color: '#0072b2', key: '1' },
  { id: 'problem', name: '问题', nameEn: 'problem', color: '#d55e00', key: '2' },
  { id: 'recommendation', name: '建议', nameEn: 'recommendation', color: '#009e73', key: '3' },
  { id: 'response', name: '回应', nameEn: 'response', color: '#cc79a7', key: '4' },
  // Added by the analyst (an import with unknown labels): a custom label set.
  { id: 'finance', name: 'finance', nameEn: 'finance', color: '#e69f00', key: '5' },
  { id: '承诺', name: '承诺', nameEn: '承诺', color: '#56b4e9', key: '6' },
];

function v1Records() {
  const overlap = [
    '# 市政协专题协商会（𠮷）',
    '',
    '　　王𠮷委员说：目前我市先进制造业存在产业链上下游配套不完整的问题。',
    '　　李明委员👩‍💻建议：加快建设引领性、高端型的产业技术研究院，设立𪚥专项基金。',
    '　　市工业和信息化局表示：我们将全面实施“链长制”，做好产业转型升级工作。',
    '',
  ].join('\n');
  const plain = '市发改委表示：我们将加快推进。\n委员：建议设立融资担保基金，解决融资难的问题。\n';
  const empty = '第三次会议\n\n会议未形成意见。\n';
  let many = '# 长篇记录\n\n';
  for (let i = 0; i < 60; i++) many += `　　第${i}位委员发言：建议加强𠮷人才培养，解决技工短缺问题（${i}）。\n`;

  const records = [
    {
      document: { id: 'doc-overlap', title: '市政协专题协商会（𠮷）', text: overlap, format: 'markdown', meta: { sourceName: '专题协商会.md', encoding: 'UTF-8', normalised: [] }, createdAt: V1_AT, updatedAt: V1_LATER },
      annotations: [
        annOn(overlap, 'ov-problem', 'problem', '目前我市先进制造业存在产业链上下游配套不完整的问题', V1_AT),
        annOn(overlap, 'ov-nested', 'proposal', '先进制造业', V1_AT), // inside ov-problem
        annOn(overlap, 'ov-astral', 'response', '王𠮷委员', V1_AT), // covers an astral character
        annOn(overlap, 'ov-crossing', 'proposal', '王𠮷委员说：目前我市', V1_AT), // crosses ov-problem
        annOn(overlap, 'ov-same-1', 'recommendation', '加快建设引领性、高端型的产业技术研究院', V1_AT),
        annOn(overlap, 'ov-same-2', 'proposal', '加快建设引领性、高端型的产业技术研究院', V1_LATER), // same range
        annOn(overlap, 'ov-zwj', 'finance', '李明委员👩‍💻', V1_AT), // a ZWJ emoji, custom label
        annOn(overlap, 'ov-fund', 'finance', '设立𪚥专项基金', V1_AT),
        annOn(overlap, 'ov-response', 'response', '我们将全面实施“链长制”', V1_AT),
        annOn(overlap, 'ov-commit', '承诺', '做好产业转型升级工作', V1_LATER), // a label id in Chinese
        annOn(overlap, 'ov-title', 'proposal', '𠮷', V1_AT), // a lone astral character in the heading
      ],
    },
    {
      document: { id: 'doc-plain', title: 'meeting', text: plain, format: 'plain', meta: { sourceName: 'meeting.txt', encoding: 'GB18030', normalised: ['CRLF→LF'] }, createdAt: V1_AT, updatedAt: V1_AT },
      annotations: [
        annOn(plain, 'pl-1', 'response', '我们将加快推进', V1_AT),
        annOn(plain, 'pl-2', 'recommendation', '设立融资担保基金', V1_AT),
        annOn(plain, 'pl-3', 'problem', '融资难', V1_AT),
      ],
    },
    {
      document: { id: 'doc-empty', title: '第三次会议', text: empty, format: 'plain', meta: {}, createdAt: V1_LATER, updatedAt: V1_LATER },
      annotations: [],
    },
    {
      document: { id: 'doc-many', title: '长篇记录', text: many, format: 'markdown', meta: { sourceName: 'long.md', encoding: 'UTF-8 with BOM', normalised: ['removed BOM'] }, createdAt: V1_AT, updatedAt: V1_LATER },
      annotations: Array.from({ length: 60 }, (_, i) => [
        annOn(many, `many-${i}-r`, 'recommendation', `建议加强𠮷人才培养`, V1_AT, i),
        annOn(many, `many-${i}-p`, 'problem', '技工短缺问题', V1_AT, i),
        annOn(many, `many-${i}-n`, 'proposal', '𠮷人才', V1_AT, i), // nested in the recommendation
      ]).flat(),
    },
  ];
  return records;
}

async function writeV1(factory, name) {
  const db = new Dexie(name, { indexedDB: factory, IDBKeyRange });
  // A copy of src/storage/db.ts's version 1, as shipped.
  db.version(1).stores({
    documents: 'id, updatedAt, contentHash',
    texts: 'docId',
    annotationBuckets: '[docId+bucket]',
    settings: 'key',
  });
  await db.open();
  const records = v1Records();
  await db.transaction('rw', db.tables, async () => {
    for (const { document: d, annotations } of records) {
      await db.table('documents').add({
        id: d.id,
        title: d.title,
        format: d.format,
        meta: d.meta,
        createdAt: d.createdAt,
        updatedAt: d.updatedAt,
        annotationCount: annotations.length,
        contentHash: sha256(d.text),
      });
      await db.table('texts').add({ docId: d.id, text: d.text });
      const buckets = new Map();
      for (const a of annotations) {
        const b = bucketOf(a.id);
        if (!buckets.has(b)) buckets.set(b, []);
        buckets.get(b).push(a);
      }
      await db.table('annotationBuckets').bulkAdd([...buckets].map(([bucket, list]) => ({ docId: d.id, bucket, annotations: list })));
    }
    await db.table('settings').bulkAdd([
      { key: 'labels', value: V1_LABELS },
      { key: 'sampleSeeded', value: true },
      { key: 'lastOpenDocId', value: 'doc-overlap' },
    ]);
  });
  db.close();
  return {
    documents: records,
    labels: V1_LABELS,
    settings: { labels: V1_LABELS, sampleSeeded: true, lastOpenDocId: 'doc-overlap' },
  };
}

// ---------------------------------------------------------------------------------------------
// Version 2: the suggesters' data in tables of their own (suggestModels, suggestRejections)
// instead of settings keys `suggest.model` and `suggest.rejected:<docId>`.

const V2_AT = '2026-12-02T10:00:00.000Z';

/** A small learned model as the app stores it (app/suggestTraining.ts StoredModel). */
const V2_MODEL = {
  model: {
    kind: 'yishi.suggest.naive-bayes',
    version: 1,
    alpha: 0.5,
    exampleCount: 3,
    classes: {
      problem: { examples: 1, tokens: 3, counts: { 'w:问题': 1, 'c:存在': 1, 'w:𠮷': 1 } },
      recommendation: { examples: 1, tokens: 2, counts: { 'c:建议': 1, 'w:基金': 1 } },
      none: { examples: 1, tokens: 1, counts: { 'w:会议': 1 } },
    },
    modelVersion: 'nb-v2-fixture',
  },
  trained: { 'doc-overlap': '11.2.abc123', 'doc-plain': '3.0.def456' },
  trainedAt: V2_AT,
};

/** Rejected suggestions per record (code points), as Library.rejectSuggestions stores them. */
function v2Rejections(records) {
  const overlap = records.find((r) => r.document.id === 'doc-overlap').document.text;
  const plain = records.find((r) => r.document.id === 'doc-plain').document.text;
  const rejection = (text, id, label, quote, source) => {
    const { start, end, text: q } = annOn(text, id, label, quote, V2_AT);
    return { id, label, start, end, text: q, source, rejectedAt: V2_AT };
  };
  return {
    'doc-overlap': [
      rejection(overlap, 'rule-problem-1', 'problem', '王𠮷委员说', 'rule'),
      rejection(overlap, 'model-recommendation-2', 'recommendation', '设立𪚥专项基金', 'model'),
    ],
    'doc-plain': [rejection(plain, 'rule-response-1', 'response', '市发改委表示', 'rule')],
  };
}

async function writeV2(factory, name) {
  const db = new Dexie(name, { indexedDB: factory, IDBKeyRange });
  // A copy of src/storage/db.ts's versions 1 and 2, as shipped (the upgrade step of version 2
  // runs only on a database of version 1: this one is created at version 2).
  db.version(1).stores({
    documents: 'id, updatedAt, contentHash',
    texts: 'docId',
    annotationBuckets: '[docId+bucket]',
    settings: 'key',
  });
  db.version(2).stores({
    suggestModels: 'id',
    suggestRejections: '[docId+id]',
  });
  await db.open();
  const records = v1Records();
  const rejections = v2Rejections(records);
  const settings = {
    labels: V1_LABELS,
    sampleSeeded: true,
    lastOpenDocId: 'doc-plain',
    annotator: '张分析员',
    snapMode: 'clause',
    language: 'zh-CN',
  };
  await db.transaction('rw', db.tables, async () => {
    for (const { document: d, annotations } of records) {
      await db.table('documents').add({
        id: d.id,
        title: d.title,
        format: d.format,
        meta: d.meta,
        createdAt: d.createdAt,
        updatedAt: d.updatedAt,
        annotationCount: annotations.length,
        contentHash: sha256(d.text),
      });
      await db.table('texts').add({ docId: d.id, text: d.text });
      const buckets = new Map();
      for (const a of annotations) {
        const b = bucketOf(a.id);
        if (!buckets.has(b)) buckets.set(b, []);
        buckets.get(b).push(a);
      }
      await db.table('annotationBuckets').bulkAdd([...buckets].map(([bucket, list]) => ({ docId: d.id, bucket, annotations: list })));
    }
    await db.table('settings').bulkAdd(Object.entries(settings).map(([key, value]) => ({ key, value })));
    await db.table('suggestModels').add({ id: 'learned', model: V2_MODEL });
    for (const [docId, list] of Object.entries(rejections)) {
      await db.table('suggestRejections').bulkAdd(list.map((r) => ({ ...r, docId })));
    }
  });
  db.close();
  return { documents: records, labels: V1_LABELS, settings, model: V2_MODEL, rejections };
}

const VERSIONS = {
  v1: { schemaVersion: 1, write: writeV1 },
  v2: { schemaVersion: 2, write: writeV2 },
};

// ---------------------------------------------------------------------------------------------

async function main() {
  const version = process.argv[2];
  const spec = VERSIONS[version];
  if (!spec) throw new Error(`usage: node scripts/make-db-fixture.mjs <${Object.keys(VERSIONS).join('|')}>`);
  const dir = join(ROOT, version);
  if (existsSync(dir)) throw new Error(`${dir} exists: a fixture is frozen and never regenerated`);
  const factory = new IDBFactory();
  const name = 'yishi';
  const expected = await spec.write(factory, name);
  const { nativeVersion, stores } = await dump(factory, name);
  const database = {
    format: 'yishi.db-fixture',
    formatVersion: 1,
    schemaVersion: spec.schemaVersion,
    nativeVersion,
    writtenBy: `scripts/make-db-fixture.mjs ${version} (Dexie ${Dexie.semVer}, fake-indexeddb)`,
    stores,
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'database.json'), JSON.stringify(database, null, 1) + '\n');
  writeFileSync(join(dir, 'expected.json'), JSON.stringify({ schemaVersion: spec.schemaVersion, ...expected }, null, 1) + '\n');
  const rows = stores.reduce((n, s) => n + s.rows.length, 0);
  console.log(`wrote ${dir}: ${stores.length} stores, ${rows} rows, native version ${nativeVersion}`);
}

await main();
