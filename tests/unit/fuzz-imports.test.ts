/**
 * Fuzzed imports (issue 7, item 2): at least 10,000 deterministically generated bad inputs across
 * every importer that `readImportFiles` dispatches to (text, native JSON, Label Studio, dataset
 * JSONL, doccano, brat pairs, zip), plus one ~50 MB file. Each input must be refused with a message
 * naming the file (and, where the generator knows it, the place), no exception may escape, and a
 * checksum of the whole store (fake-indexeddb) must not change for an input that was refused.
 *
 * The generator is a seeded PRNG (mulberry32): the same seed gives the same inputs on every run.
 * Inputs the generator cannot guarantee to be bad (random byte flips, unknown labels that the
 * format importers are designed to ask about, CRs that are normalised, …) are marked `mayBeValid`
 * and counted when accepted; any other accepted input fails the test.
 */
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readImportFiles, type FileInput } from '../../src/app/importFiles';
import { DEFAULT_LABELS } from '../../src/domain/labels';
import { cp } from '../../src/domain/units';
import { zipFiles } from '../../src/io/formats/zip';
import { Library } from '../../src/storage/library';

const SEED = 0x1e5b1;
const NOW = '2026-11-26T14:00:00.000Z';
const LABELS = DEFAULT_LABELS;

// ---------------------------------------------------------------------------------------------
// Seeded randomness

class Rng {
  constructor(private s: number) {}
  next(): number {
    this.s = (this.s + 0x6d2b79f5) | 0;
    let t = Math.imul(this.s ^ (this.s >>> 15), 1 | this.s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  bytes(n: number, from = 0, to = 256): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = from + this.int(to - from);
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Material

const TEXT = '第一段：委员𠮷提出建议。\n问题在于资金👩‍💻不足，\n回应：将加强管理。';
const SPANS: ReadonlyArray<readonly [string, string]> = [
  ['委员𠮷提出建议', 'proposal'],
  ['资金👩‍💻不足', 'problem'],
  ['将加强管理', 'response'],
];
const TEXT_CP = Array.from(TEXT).length;
const TEXT_U16 = TEXT.length;
function cpRange(sub: string): [number, number] {
  const u = TEXT.indexOf(sub);
  const s = Array.from(TEXT.slice(0, u)).length;
  return [s, s + Array.from(sub).length];
}
function u16Range(sub: string): [number, number] {
  const u = TEXT.indexOf(sub);
  return [u, u + sub.length];
}
const enc = new TextEncoder();
const utf8 = (s: string): Uint8Array => enc.encode(s);
const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

/** Placeholders replaced by raw JSON that JSON.stringify cannot write (1e999, deep nesting). */
const RAW = (id: string) => `@@RAW:${id}@@`;
function withRaw(json: string, raws: Record<string, string>): string {
  let out = json;
  for (const [id, raw] of Object.entries(raws)) out = out.split(JSON.stringify(RAW(id))).join(raw);
  return out;
}
const deepArray = (n: number) => '['.repeat(n) + ']'.repeat(n);
const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

interface Case {
  kind: string;
  fault: string;
  files: FileInput[];
  /** The generator cannot guarantee the input is bad. */
  mayBeValid?: boolean;
  /** Where the message must point (when the generator knows). */
  where?: RegExp;
  /** If accepted, this label must be reported as unknown. */
  unknownLabel?: string;
}

type OffsetFault = { name: string; start: unknown; end: unknown; raws?: Record<string, string> };
/** Offsets that are never a valid non-empty range inside a text of `len` units, around [s, e). */
function badOffsets(r: Rng, s: number, e: number, len: number): OffsetFault {
  const faults: Array<() => OffsetFault> = [
    () => ({ name: 'negative', start: -1 - r.int(1000), end: e }),
    () => ({ name: 'negative-end', start: s, end: -1 - r.int(5) }),
    () => ({ name: 'fractional', start: s + 0.5, end: e }),
    () => ({ name: 'fractional-end', start: s, end: e - 0.25 }),
    () => ({ name: 'huge', start: s, end: 1e20 }),
    () => ({ name: 'huge-unsafe', start: 2 ** 53 + 2, end: 2 ** 53 + 4 }),
    () => ({ name: 'out-of-range', start: s, end: len + 1 + r.int(100) }),
    () => ({ name: 'both-out-of-range', start: len + r.int(10), end: len + 11 + r.int(10) }),
    () => ({ name: 'reversed', start: e, end: s }),
    () => ({ name: 'empty', start: s, end: s }),
    () => ({ name: 'string', start: String(s), end: e }),
    () => ({ name: 'NaN-string', start: 'NaN', end: e }),
    () => ({ name: 'null', start: null, end: e }),
    () => ({ name: 'missing', start: undefined, end: e }),
    () => ({ name: 'boolean', start: s, end: true }),
    () => ({ name: 'array', start: [s], end: e }),
    () => ({ name: 'infinity', start: s, end: RAW('inf'), raws: { inf: '1e999' } }),
    () => ({ name: '-infinity', start: RAW('ninf'), end: e, raws: { ninf: '-1e999' } }),
    () => ({ name: 'deep', start: RAW('deep'), end: e, raws: { deep: deepArray(5000) } }),
    () => ({ name: 'long-string', start: 'x'.repeat(20_000), end: e }),
  ];
  return r.pick(faults)();
}

const nameOf = (r: Rng, i: number, ext: string) => `${r.pick(['', '会议记录-', 'a b ', 'x.y.', '提案'])}${i}.${ext}`;

// ---------------------------------------------------------------------------------------------
// Text files (.txt / .md without a brat .ann)

const SIGNATURES: Record<string, number[]> = {
  png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  zip: [0x50, 0x4b, 0x03, 0x04],
  pdf: [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37],
  gif: [0x47, 0x49, 0x46, 0x38, 0x39, 0x61],
  jpeg: [0xff, 0xd8, 0xff, 0xe0],
};

function textCase(r: Rng, i: number): Case {
  const name = nameOf(r, i, r.pick(['txt', 'md']));
  const body = utf8(TEXT);
  const faults: Array<() => Omit<Case, 'kind'>> = [
    () => ({ fault: 'empty', files: [{ name, bytes: new Uint8Array(0) }] }),
    () => ({ fault: 'white-space only', files: [{ name, bytes: utf8(r.pick([' ', '\n', '\r\n', '\t', '\u3000', '  \n\u3000\r\n']).repeat(1 + r.int(50))) }] }),
    () => ({ fault: 'UTF-8 BOM only', files: [{ name, bytes: new Uint8Array([0xef, 0xbb, 0xbf]) }] }),
    () => ({ fault: 'UTF-16 BOM only', files: [{ name, bytes: new Uint8Array(r.pick([[0xff, 0xfe], [0xfe, 0xff]])) }] }),
    () => ({ fault: 'BOM and white space', files: [{ name, bytes: concat(new Uint8Array([0xef, 0xbb, 0xbf]), utf8(' \n'.repeat(1 + r.int(9)))) }] }),
    () => {
      const b = body.slice();
      b[r.int(b.length)] = 0;
      return { fault: 'NUL byte', files: [{ name, bytes: b }] };
    },
    () => {
      const b = r.bytes(16 + r.int(2000));
      b[r.int(b.length)] = 0;
      return { fault: 'random binary', files: [{ name, bytes: b }] };
    },
    () => {
      const sig = r.pick(Object.keys(SIGNATURES));
      return { fault: `${sig} header`, files: [{ name, bytes: concat(new Uint8Array(SIGNATURES[sig]!), r.chance(0.5) ? body : r.bytes(r.int(500))) }] };
    },
    () => ({ fault: 'many control bytes', files: [{ name, bytes: concat(body, r.bytes(body.length * 2, 1, 9)) }] }),
    () => {
      // 0xFF is invalid in both UTF-8 and GB18030.
      const at = r.int(body.length);
      return { fault: 'invalid UTF-8 and GB18030', files: [{ name, bytes: concat(body.slice(0, at), new Uint8Array([0xff]), body.slice(at)) }] };
    },
    () => ({ fault: 'random high bytes', files: [{ name, bytes: r.bytes(1 + r.int(300), 0x80, 0x100) }], mayBeValid: true }),
    () => ({ fault: 'few control bytes', files: [{ name, bytes: concat(body, r.bytes(1, 1, 9)) }], mayBeValid: true }),
  ];
  return { kind: 'text', ...r.pick(faults)() };
}

// ---------------------------------------------------------------------------------------------
// Native JSON

type Obj = Record<string, unknown>;
type NativeDoc = Obj & { annotations: Obj[] };
type NativeData = Obj & { labels: Obj[]; documents: NativeDoc[] };

function nativeBase(r: Rng): NativeData {
  const data = {
    format: 'yishi.annotations',
    version: 1,
    offsetUnit: 'codepoint',
    exportedAt: NOW,
    labels: LABELS.map((l) => ({ ...l })) as Record<string, unknown>[],
    documents: [
      {
        id: `doc-${r.int(1e9)}`,
        title: '会议',
        text: TEXT,
        format: 'plain',
        meta: {} as unknown,
        createdAt: NOW,
        updatedAt: NOW,
        annotations: SPANS.map(([sub, label], k) => {
          const [start, end] = cpRange(sub);
          return { id: `a${k}`, label, start, end, text: sub, createdAt: NOW, updatedAt: NOW } as Record<string, unknown>;
        }),
      } as Record<string, unknown>,
    ],
  };
  return data as unknown as NativeData;
}

function nativeCase(r: Rng, i: number): Case {
  const name = nameOf(r, i, 'json');
  const data = nativeBase(r);
  const doc = data.documents[0]!;
  const k = r.int(doc.annotations.length);
  const ann = doc.annotations[k]!;
  const annWhere = /documents\[0\].*annotations\[\d+\]/;
  let raws: Record<string, string> = {};
  let fault = '';
  let where: RegExp | undefined;
  let mayBeValid = false;
  let textOut: string | undefined;
  const mutations: Array<() => void> = [
    () => {
      const o = badOffsets(r, ann.start as number, ann.end as number, TEXT_CP);
      fault = `offsets ${o.name}`;
      if (o.start === undefined) delete ann.start;
      else ann.start = o.start;
      ann.end = o.end;
      raws = o.raws ?? {};
      where = annWhere;
    },
    () => {
      fault = 'quote does not match';
      ann.text = r.pick(['会议', `${ann.text as string}。`, '', (ann.text as string).slice(0, -1), 'x']);
      where = annWhere;
    },
    () => {
      fault = 'duplicate annotation ids';
      doc.annotations[(k + 1) % doc.annotations.length]!.id = ann.id;
      where = /duplicate/;
    },
    () => {
      fault = 'duplicate document ids';
      data.documents.push({ ...doc, text: `${TEXT}另`, annotations: [] });
      where = /documents\[1\]/;
    },
    () => {
      fault = 'unknown label';
      ann.label = r.pick(['opinion', 'Problem', '问题', ' problem', '']);
      where = annWhere;
    },
    () => {
      fault = 'id with space';
      ann.id = r.pick(['a 1', 'a\t1', ' a1', 'a1\n', '', 'a\u3000b']);
      where = annWhere;
    },
    () => {
      fault = 'CR in text';
      const at = r.int(TEXT.length);
      doc.text = TEXT.slice(0, at) + r.pick(['\r', '\r\n']) + TEXT.slice(at);
      where = /carriage return|documents\[0\]/;
    },
    () => {
      fault = 'BOM in text';
      doc.text = `\ufeff${TEXT}`;
      where = /byte order mark/;
    },
    () => {
      fault = 'newer version';
      data.version = 3 + r.int(100);
      where = /version/;
    },
    () => {
      fault = 'wrong version type';
      data.version = r.pick(['1', 1.5, null, 0, -1, [1]]);
      where = /version/;
    },
    () => {
      fault = 'wrong format';
      data.format = r.pick(['yishi', 'labelstudio', 5, null, 'Yishi.Annotations']);
      where = /format/;
    },
    () => {
      fault = 'wrong offset unit';
      data.offsetUnit = r.pick(['utf16', 'utf-8', 'bytes', 1, null]);
      where = /offsetUnit/;
    },
    () => {
      fault = 'documents missing or empty';
      if (r.chance(0.5)) delete (data as Obj).documents;
      else data.documents = [];
      where = /documents/;
    },
    () => {
      fault = 'wrong types';
      const set: Array<[string, () => void, RegExp]> = [
        ['title', () => (doc.title = r.pick([5, null, [], {}])), /title/],
        ['text', () => (doc.text = r.pick([123, '', null, ['a']])), /text/],
        ['annotations', () => (doc.annotations = r.pick(['x', 5, {}]) as never), /annotations/],
        ['format', () => (doc.format = r.pick(['html', 5, 'Markdown'])), /format/],
        ['meta', () => (doc.meta = r.pick(['m', 5, [], null])), /meta/],
        ['id', () => (doc.id = r.pick([7, null, '', {}])), /id/],
        ['labels', () => (data.labels = r.pick(['x', 7, {}, []]) as never), /labels/],
        ['label colour', () => (data.labels[0]!.color = r.pick(['red', '#fff', 5, null])), /labels\[0\]/],
        ['annotation label', () => (ann.label = r.pick([3, null, ['problem']])), annWhere],
        ['annotation', () => (doc.annotations[k] = r.pick([5, 'a', null, []]) as never), annWhere],
        ['createdAt', () => (doc.createdAt = r.pick(['yesterday', 5, '2026-13-45'])), /createdAt/],
        ['exportedAt', () => (data.exportedAt = r.pick([5, 'now', {}])), /exportedAt/],
        ['document', () => (data.documents[0] = r.pick([5, 'doc', null, []]) as never), /documents\[0\]/],
      ];
      const [what, apply, w] = r.pick(set);
      fault = `wrong type: ${what}`;
      apply();
      where = w;
    },
    () => {
      fault = 'deep nesting in meta';
      doc.meta = RAW('deep');
      raws = { deep: deepObject(5000) };
      mayBeValid = true;
    },
    () => {
      fault = '__proto__ instead of documents';
      textOut = JSON.stringify(data).replace('"documents":', '"__proto__":');
      where = /documents/;
    },
    () => {
      fault = '__proto__ in meta';
      doc.meta = RAW('proto');
      raws = { proto: '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}' };
      mayBeValid = true;
    },
    () => {
      fault = '__proto__ label id';
      data.labels.push({ id: '__proto__', name: 'x', color: '#000000' });
      ann.label = '__proto__';
      mayBeValid = true;
    },
    () => {
      fault = 'top level not an object';
      textOut = r.pick(['5', '"text"', 'null', 'true', '{}', '""', '-0']);
      where = /top level|format/;
    },
    () => {
      fault = 'truncated';
      const full = JSON.stringify(data);
      textOut = full.slice(0, r.int(full.length));
      where = /not valid JSON/;
    },
    () => {
      fault = 'garbage after';
      textOut = `${JSON.stringify(data)}${r.pick([' x', ',', '}', '\u0000', ' {"a":1}'])}`;
      where = /not valid JSON/;
    },
    () => {
      fault = 'random byte flips';
      const b = utf8(JSON.stringify(data));
      for (let n = 1 + r.int(5); n > 0; n--) b[r.int(b.length)] = r.int(256);
      mayBeValid = true;
      textOut = undefined;
      raws = {};
      (data as Record<string, unknown>).__bytes = b;
    },
  ];
  r.pick(mutations)();
  const bytesOverride = (data as Record<string, unknown>).__bytes as Uint8Array | undefined;
  let bytes: Uint8Array;
  if (bytesOverride) bytes = bytesOverride;
  else bytes = utf8(textOut ?? withRaw(JSON.stringify(data), raws));
  if (!bytesOverride && !mayBeValid && r.chance(0.03)) {
    // Also not UTF-8.
    const at = r.int(bytes.length);
    bytes = concat(bytes.slice(0, at), new Uint8Array([0xff, 0xfe]), bytes.slice(at));
    fault += ' + invalid UTF-8';
    where = undefined;
  }
  return { kind: 'native json', fault, files: [{ name, bytes }], where, mayBeValid };
}

// ---------------------------------------------------------------------------------------------
// Label Studio

function labelStudioCase(r: Rng, i: number): Case {
  const name = nameOf(r, i, 'json');
  const taskId = 1 + r.int(1000);
  const results = SPANS.map(([sub, label], k) => {
    const [start, end] = cpRange(sub);
    return { id: `r${k}`, type: 'labels', from_name: 'label', to_name: 'text', value: { start, end, text: sub, labels: [label] } as Record<string, unknown> } as Record<string, unknown>;
  });
  const task: Record<string, unknown> = { id: taskId, data: { text: TEXT } as Record<string, unknown>, annotations: [{ result: results }] };
  const k = r.int(results.length);
  const res = results[k]!;
  const value = res.value as Record<string, unknown>;
  const at = new RegExp(`task ${taskId}`);
  let fault = '';
  let where: RegExp | undefined = at;
  let mayBeValid = false;
  let unknownLabel: string | undefined;
  let raws: Record<string, string> = {};
  let textOut: string | undefined;
  const tasks: unknown[] = [task];
  const mutations: Array<() => void> = [
    () => {
      const o = badOffsets(r, value.start as number, value.end as number, TEXT_CP);
      fault = `offsets ${o.name}`;
      if (o.start === undefined) delete value.start;
      else value.start = o.start;
      value.end = o.end;
      raws = o.raws ?? {};
    },
    () => {
      fault = 'quote does not match';
      value.text = r.pick(['会议', `${value.text as string}。`, '', 'x']);
    },
    () => {
      fault = 'wrong types';
      const set: Array<[string, () => void]> = [
        ['data', () => (task.data = r.pick([5, 'text', null, []]))],
        ['data.text', () => ((task.data as Record<string, unknown>).text = r.pick([5, '', '  ', null, ['a']]))],
        ['annotations item', () => (task.annotations = [r.pick([5, 'a', null, []])])],
        ['result', () => (task.annotations = [{ result: r.pick(['x', 5, {}, null]) }])],
        ['result item', () => (results[k] = r.pick([5, 'r', null, []]) as never)],
        ['value', () => (res.value = r.pick([3, 'v', null, []]))],
        ['value.labels', () => (value.labels = r.pick([[], [5], [''], 'problem', null]))],
        ['value.text', () => (value.text = r.pick([5, null, ['a'], {}]))],
      ];
      const [what, apply] = r.pick(set);
      fault = `wrong type: ${what}`;
      apply();
    },
    () => {
      fault = 'task not an object';
      tasks.push(r.pick([5, 'task', null, [1]]));
      where = /task #2/;
    },
    () => {
      fault = 'id with space';
      res.id = r.pick(['r 1', 'r\t1', ' r', 'a\u3000b']);
    },
    () => {
      fault = 'text hidden behind __proto__';
      task.data = RAW('proto');
      raws = { proto: `{"__proto__":{"text":${JSON.stringify(TEXT)}}}` };
    },
    () => {
      fault = 'unknown label';
      unknownLabel = r.pick(['opinion', 'Problem2', '意见']);
      value.labels = [unknownLabel];
      mayBeValid = true;
    },
    () => {
      fault = 'duplicate result ids';
      results[(k + 1) % results.length]!.id = res.id;
      mayBeValid = true;
    },
    () => {
      fault = 'CR in text';
      (task.data as Record<string, unknown>).text = TEXT.replace('\n', '\r\n');
      mayBeValid = true;
    },
    () => {
      fault = 'truncated';
      const full = JSON.stringify(tasks);
      textOut = full.slice(0, 1 + r.int(full.length - 1));
      where = /not valid JSON/;
    },
    () => {
      fault = 'deep nesting';
      textOut = deepArray(r.chance(0.9) ? 5000 : 100_000);
      where = /task #1/;
    },
    () => {
      fault = 'deep nesting in a task';
      task.meta = RAW('deep');
      raws = { deep: deepObject(5000) };
      (task.data as Record<string, unknown>).text = 5;
    },
    () => {
      fault = 'empty task list';
      textOut = r.pick(['[]', '[ ]', '\n[]\n']);
      where = /no documents/;
    },
  ];
  r.pick(mutations)();
  let json = textOut ?? withRaw(JSON.stringify(r.chance(0.2) && tasks.length === 1 ? task : tasks), raws);
  if (!json.trimStart().startsWith('[') && !/^\{\s*"(id|data|annotations|predictions)"/.test(json.trimStart())) json = `[${json}]`;
  return { kind: 'Label Studio json', fault, files: [{ name, bytes: utf8(json) }], where, mayBeValid, unknownLabel };
}

// ---------------------------------------------------------------------------------------------
// Dataset JSONL

function datasetCase(r: Rng, i: number): Case {
  const name = nameOf(r, i, 'jsonl');
  const n = 1 + r.int(3);
  const lines = Array.from({ length: n }, (_, d) => ({
    id: `d${d}`,
    text: `${TEXT}${'。'.repeat(d)}`,
    spans: SPANS.map(([sub, label], k) => {
      const [start, end] = cpRange(sub);
      return { id: `s${k}`, start, end, label, text: sub } as Record<string, unknown>;
    }),
    meta: {} as Record<string, unknown>,
  })) as Array<Record<string, unknown> & { spans: Array<Record<string, unknown>> }>;
  const L = r.int(n);
  const line = lines[L]!;
  const k = r.int(line.spans.length);
  const span = line.spans[k]!;
  let fault = '';
  let where: RegExp | undefined = new RegExp(`line ${L + 1}\\b`);
  let mayBeValid = false;
  let unknownLabel: string | undefined;
  let raws: Record<string, string> = {};
  let lineOut: string | undefined;
  const mutations: Array<() => void> = [
    () => {
      const o = badOffsets(r, span.start as number, span.end as number, TEXT_CP + L);
      fault = `offsets ${o.name}`;
      if (o.start === undefined) delete span.start;
      else span.start = o.start;
      span.end = o.end;
      raws = o.raws ?? {};
    },
    () => {
      fault = 'quote does not match';
      span.text = r.pick(['会议', `${span.text as string}。`, 'x']);
    },
    () => {
      fault = 'wrong types';
      const set: Array<[string, () => void]> = [
        ['text', () => (line.text = r.pick([5, '', null, ['a']]))],
        ['spans', () => (line.spans = r.pick(['x', 5, {}]) as never)],
        ['span', () => (line.spans[k] = r.pick([5, 's', null, []]) as never)],
        ['label', () => (span.label = r.pick(['', 5, null, ['problem']]))],
        ['span text', () => (span.text = r.pick([5, null, ['a']]))],
        ['offset unit', () => (line.meta = { offset_unit: r.pick(['bytes', 'utf-8', 5, 'UTF16']) })],
        ['line', () => (lineOut = r.pick(['5', '"text"', 'null', '[1,2]']))],
      ];
      const [what, apply] = r.pick(set);
      fault = `wrong type: ${what}`;
      apply();
    },
    () => {
      fault = 'duplicate span ids';
      line.spans[(k + 1) % line.spans.length]!.id = span.id;
    },
    () => {
      fault = 'duplicate document ids';
      lines.push({ ...line, text: `${TEXT}另一份`, spans: [] });
      where = new RegExp(`line ${lines.length}\\b`);
    },
    () => {
      fault = 'id with space';
      span.id = r.pick(['s 1', 's\t1', ' s', 'a\u3000b']);
    },
    () => {
      fault = 'truncated line';
      const full = JSON.stringify(line);
      lineOut = full.slice(0, 1 + r.int(full.length - 2));
    },
    () => {
      fault = 'deep nesting';
      lineOut = deepArray(5000);
    },
    () => {
      fault = 'unknown label';
      unknownLabel = r.pick(['opinion', 'Problem2', '意见']);
      span.label = unknownLabel;
      mayBeValid = true;
    },
    () => {
      fault = 'CR in text';
      line.text = (line.text as string).replace('\n', '\r\n');
      mayBeValid = true;
    },
    () => {
      fault = '__proto__ keys';
      lineOut = JSON.stringify(line).replace('"meta":{}', '"meta":{"__proto__":{"offset_unit":"utf16"}},"__proto__":{"polluted":"yes"}');
      mayBeValid = true;
    },
  ];
  r.pick(mutations)();
  const out = lines.map((l, d) => (d === L && lineOut !== undefined ? lineOut : withRaw(JSON.stringify(l), d === L ? raws : {})));
  // Keep the first line recognisable as dataset JSONL when the fault is on a later line.
  return { kind: 'dataset jsonl', fault, files: [{ name, bytes: utf8(`${out.join(r.pick(['\n', '\r\n']))}\n`) }], where, mayBeValid, unknownLabel };
}

// ---------------------------------------------------------------------------------------------
// doccano JSONL (UTF-16 offsets)

function doccanoCase(r: Rng, i: number): Case {
  const name = nameOf(r, i, 'jsonl');
  const entitiesVariant = r.chance(0.5);
  const n = 1 + r.int(3);
  const make = (d: number): Record<string, unknown> => {
    const text = `${TEXT}${'。'.repeat(d)}`;
    if (entitiesVariant) {
      return { text, entities: SPANS.map(([sub, label], k) => ({ id: k + 1, label, start_offset: u16Range(sub)[0], end_offset: u16Range(sub)[1] })) };
    }
    return { text, label: SPANS.map(([sub, label]) => [...u16Range(sub), label]) };
  };
  const lines = Array.from({ length: n }, (_, d) => make(d));
  const L = r.int(n);
  const line = lines[L]!;
  const k = r.int(SPANS.length);
  let fault = '';
  let where: RegExp | undefined = new RegExp(`line ${L + 1}\\b`);
  let mayBeValid = false;
  let unknownLabel: string | undefined;
  let raws: Record<string, string> = {};
  let lineOut: string | undefined;
  const setSpan = (start: unknown, end: unknown, label?: unknown) => {
    if (entitiesVariant) {
      const e = (line.entities as Array<Record<string, unknown>>)[k]!;
      if (start === undefined) delete e.start_offset;
      else e.start_offset = start;
      e.end_offset = end;
      if (label !== undefined) e.label = label;
    } else {
      const item = (line.label as unknown[][])[k]!;
      item[0] = start;
      item[1] = end;
      if (label !== undefined) item[2] = label;
    }
  };
  const [s0, e0] = u16Range(SPANS[k]![0]);
  const mutations: Array<() => void> = [
    () => {
      const o = badOffsets(r, s0, e0, TEXT_U16 + L);
      fault = `offsets ${o.name}`;
      setSpan(o.start === undefined && !entitiesVariant ? null : o.start, o.end);
      raws = o.raws ?? {};
    },
    () => {
      fault = 'offset inside a surrogate pair';
      const astral = TEXT.indexOf('𠮷');
      setSpan(r.chance(0.5) ? astral + 1 : s0, r.chance(0.5) ? astral + 1 : TEXT.indexOf('👩') + 1);
      if (!(astral + 1 > s0)) setSpan(astral + 1, e0);
    },
    () => {
      fault = 'wrong types';
      const set: Array<[string, () => void]> = [
        ['text', () => (line.text = r.pick([5, '', null, ['a']]))],
        ['label list', () => (entitiesVariant ? (line.entities = r.pick(['x', 5, {}])) : (line.label = r.pick(['x', 5, {}])))],
        ['span item', () => (entitiesVariant ? ((line.entities as unknown[])[k] = r.pick([5, 'e', null, []])) : ((line.label as unknown[])[k] = r.pick(['problem', [1, 2], 5, null])))],
        ['label name', () => setSpan(s0, e0, r.pick(['', 5, ['problem']]))],
        ['line', () => (lineOut = r.pick(['5', '"text"', 'null', '[1,2]']))],
      ];
      const [what, apply] = r.pick(set);
      fault = `wrong type: ${what}`;
      apply();
    },
    () => {
      fault = 'truncated line';
      const full = JSON.stringify(line);
      lineOut = full.slice(0, 1 + r.int(full.length - 2));
    },
    () => {
      fault = 'deep nesting';
      lineOut = deepArray(5000);
    },
    () => {
      fault = 'unknown label';
      unknownLabel = r.pick(['OPINION', 'Problem2', '意见']);
      setSpan(s0, e0, unknownLabel);
      mayBeValid = true;
    },
  ];
  r.pick(mutations)();
  const out = lines.map((l, d) => (d === L && lineOut !== undefined ? lineOut : withRaw(JSON.stringify(l), d === L ? raws : {})));
  return { kind: 'doccano jsonl', fault, files: [{ name, bytes: utf8(`${out.join('\n')}\n`) }], where, mayBeValid, unknownLabel };
}

// ---------------------------------------------------------------------------------------------
// brat .txt + .ann (as a pair, or in a zip)

function bratFiles(r: Rng, stem: string): Omit<Case, 'kind'> & { files: FileInput[] } {
  const txtName = `${stem}.txt`;
  const annName = `${stem}.ann`;
  const crlf = r.chance(0.2);
  const text = crlf ? TEXT.replace(/\n/g, '\r\n') : TEXT;
  const cps = Array.from(text);
  const rangeIn = (sub: string): [number, number] => {
    const u = text.indexOf(sub);
    const s = Array.from(text.slice(0, u)).length;
    return [s, s + Array.from(sub).length];
  };
  const lines = SPANS.map(([sub, label], k) => {
    const [s, e] = rangeIn(sub);
    return `T${k + 1}\t${label} ${s} ${e}\t${sub}`;
  });
  const k = r.int(lines.length);
  const [sub, label] = SPANS[k]!;
  const [s, e] = rangeIn(sub);
  let fault = '';
  let where: RegExp | undefined = new RegExp(`${annName.replace(/\./g, '\\.')} line ${k + 1}\\b`);
  let mayBeValid = false;
  let unknownLabel: string | undefined;
  let txtBytes: Uint8Array | undefined = utf8(text);
  let annBytes: Uint8Array | undefined;
  const mutations: Array<() => void> = [
    () => {
      fault = 'too few columns';
      lines[k] = r.pick([`T${k + 1}\t${label} ${s} ${e}`, `T${k + 1}`, `T${k + 1} ${label} ${s} ${e} ${sub}`]);
    },
    () => {
      fault = 'bad type/offsets column';
      lines[k] = `T${k + 1}\t${r.pick([`${label} a b`, `${label} ${s}`, label, `${label} ${s} ${e};x`, `${label} -1 ${e}`, `${label} ${s}.5 ${e}`, ` ${s} ${e}`, `${label} ${s}  ${e}`, `${label} 1e3 ${e}`])}\t${sub}`;
    },
    () => {
      fault = 'offsets out of range or reversed';
      const [a, b] = r.pick([
        [e, s],
        [s, s],
        [s, cps.length + 1 + r.int(100)],
        [cps.length, cps.length + 3],
        [s, 99999999999999999999],
      ]);
      lines[k] = `T${k + 1}\t${label} ${a} ${b}\t${sub}`;
    },
    () => {
      fault = 'quote does not match';
      lines[k] = `T${k + 1}\t${label} ${s} ${e}\t${r.pick(['会议', `${sub}。`, '', sub.slice(1)])}`;
    },
    () => {
      fault = 'fragments skip text';
      lines[k] = `T${k + 1}\t${label} ${s} ${s + 1};${s + 2} ${e}\t${cps.slice(s, s + 1).join('')} ${cps.slice(s + 2, e).join('')}`;
    },
    () => {
      fault = 'fragments overlap';
      lines[k] = `T${k + 1}\t${label} ${s} ${s + 2};${s + 1} ${e}\t${sub}`;
    },
    () => {
      fault = '.ann without .txt';
      txtBytes = undefined;
      where = /has no .*\.txt beside it/;
    },
    () => {
      fault = '.txt not UTF-8';
      txtBytes = concat(utf8(text), new Uint8Array([0xff, 0xc0]));
      where = new RegExp(`${txtName.replace(/\./g, '\\.')}.*UTF-8`);
    },
    () => {
      fault = '.txt empty';
      txtBytes = utf8(r.pick(['', ' ', '\n\n']));
      where = new RegExp(`${txtName.replace(/\./g, '\\.')}.*empty`);
    },
    () => {
      fault = '.ann not UTF-8';
      annBytes = concat(utf8(lines.join('\n')), new Uint8Array([0xff]));
      where = new RegExp(`${annName.replace(/\./g, '\\.')}.*UTF-8`);
    },
    () => {
      fault = 'unknown label';
      unknownLabel = r.pick(['Opinion', 'Problem2', '意见']);
      lines[k] = `T${k + 1}\t${unknownLabel} ${s} ${e}\t${sub}`;
      mayBeValid = true;
    },
    () => {
      fault = 'non-T garbage lines';
      lines.push(r.pick(['R1\tRel Arg1:T1 Arg2:T2', '#1\tAnnotatorNotes T1\tnote', 'garbage', '\u0000\u0001', '']));
      mayBeValid = true;
    },
  ];
  r.pick(mutations)();
  const files: FileInput[] = [];
  if (txtBytes) files.push({ name: txtName, bytes: txtBytes });
  files.push({ name: annName, bytes: annBytes ?? utf8(`${lines.join(crlf ? '\r\n' : '\n')}\n`) });
  return { fault, files, where, mayBeValid, unknownLabel };
}

function bratCase(r: Rng, i: number): Case {
  const c = bratFiles(r, `${r.pick(['', '会议', 'a b '])}brat${i}`);
  if (r.chance(0.5)) c.files.reverse();
  return { kind: 'brat pair', ...c };
}

function zipCase(r: Rng, i: number): Case {
  const name = nameOf(r, i, 'zip');
  if (r.chance(0.5)) {
    const c = bratFiles(r, `${r.pick(['', 'brat/'])}z${i}`);
    const bytes = zipFiles(c.files.map((f) => ({ path: f.name, content: f.bytes, mime: 'text/plain' })), NOW);
    return { kind: 'zip', fault: `brat in zip: ${c.fault}`, files: [{ name, bytes }], where: c.where ? /line|\.txt|\.ann/ : undefined, mayBeValid: c.mayBeValid, unknownLabel: c.unknownLabel };
  }
  const good = zipFiles([{ path: 'a.txt', content: TEXT, mime: 'text/plain' }, { path: 'a.ann', content: 'T1\tproblem 0 2\t第一\n', mime: 'text/plain' }], NOW);
  const faults: Array<() => [string, Uint8Array]> = [
    () => ['empty', new Uint8Array(0)],
    () => ['random bytes', r.bytes(1 + r.int(2000))],
    () => ['PK header then garbage', concat(new Uint8Array(SIGNATURES.zip!), r.bytes(r.int(2000)))],
    () => ['truncated zip', good.slice(0, r.int(good.length - 22))],
    () => ['text', utf8(TEXT)],
    () => ['no brat files inside', zipFiles([{ path: r.pick(['readme.md', 'a.json', 'x/y.csv']), content: TEXT, mime: 'text/plain' }], NOW)],
  ];
  const [fault, bytes] = r.pick(faults)();
  return { kind: 'zip', fault, files: [{ name, bytes }] };
}

// ---------------------------------------------------------------------------------------------
// One ~50 MB file: a valid native prefix, then garbage.

function largeCase(): Case {
  const head = `{"format":"yishi.annotations","version":1,"offsetUnit":"codepoint","documents":[{"id":"big","title":"大","text":"`;
  const chunk = '委员提出建议，问题在于资金不足。\\n';
  const body = chunk.repeat(Math.ceil((50 * 1024 * 1024) / utf8(chunk).length));
  const json = `${head}${body}","annotations":[{"id":"a1","label":"problem","start":0,"end":2,"text":"委员"},{"id":"a2",@@garbage ${'\u0001'.repeat(10)}`;
  return { kind: 'large json (50 MB)', fault: 'valid prefix then garbage', files: [{ name: 'big-会议.json', bytes: utf8(json) }], where: /not valid JSON/ };
}

// ---------------------------------------------------------------------------------------------

const GENERATORS: Array<[string, number, (r: Rng, i: number) => Case]> = [
  ['text', 2000, textCase],
  ['native json', 2600, nativeCase],
  ['Label Studio json', 1500, labelStudioCase],
  ['dataset jsonl', 1300, datasetCase],
  ['doccano jsonl', 1300, doccanoCase],
  ['brat pair', 1000, bratCase],
  ['zip', 400, zipCase],
];

function generate(): Case[] {
  const r = new Rng(SEED);
  const cases: Case[] = [];
  let i = 0;
  for (const [, count, gen] of GENERATORS) for (let n = 0; n < count; n++) cases.push(gen(r, i++));
  return cases;
}

type Outcome = ReturnType<typeof readImportFiles>;

/** A message longer than this is not "clear": it quotes far too much of the file. */
const MAX_MESSAGE = 5000;

async function checksum(library: Library): Promise<string> {
  const { db } = library;
  const tables = {
    documents: await db.documents.orderBy(':id').toArray(),
    texts: await db.texts.orderBy(':id').toArray(),
    annotationBuckets: await db.annotationBuckets.orderBy(':id').toArray(),
    settings: await db.settings.orderBy(':id').toArray(),
  };
  return createHash('sha256').update(JSON.stringify(tables)).digest('hex');
}

describe('fuzzed imports', () => {
  it('refuses every generated bad input with a message naming the file and the place, and leaves the store unchanged', { timeout: 120_000 }, async () => {
    const t0 = performance.now();
    const cases = [...generate(), largeCase()];
    const tGen = performance.now() - t0;

    const perKind = new Map<string, { generated: number; refused: number; accepted: number; acceptedMayBeValid: number }>();
    const escaped: string[] = [];
    const wrongOutcome: string[] = [];
    const badMessages: string[] = [];
    const unexpectedAccepts: string[] = [];
    const unknownNotReported: string[] = [];
    const outcomes: Outcome[] = [];
    let largeMs = 0;

    const t1 = performance.now();
    for (const [n, c] of cases.entries()) {
      const stats = perKind.get(c.kind) ?? { generated: 0, refused: 0, accepted: 0, acceptedMayBeValid: 0 };
      perKind.set(c.kind, stats);
      stats.generated++;
      const label = `#${n} ${c.kind} / ${c.fault} (${c.files.map((f) => f.name).join(', ')})`;
      let out: Outcome;
      const ts = performance.now();
      try {
        out = readImportFiles(c.files, NOW, LABELS);
      } catch (error) {
        escaped.push(`${label}: ${String(error)}`);
        outcomes.push({ ok: [], failed: [] });
        continue;
      }
      if (c.kind.startsWith('large')) largeMs = performance.now() - ts;
      outcomes.push(out);
      if (out.ok.length + out.failed.length !== 1) {
        wrongOutcome.push(`${label}: ${out.ok.length} ok, ${out.failed.length} failed`);
        continue;
      }
      if (out.failed.length === 1) {
        stats.refused++;
        const f = out.failed[0]!;
        const names = c.files.map((x) => x.name);
        const problems: string[] = [];
        for (const nm of names) if (!f.name.includes(nm)) problems.push(`failure name ${JSON.stringify(f.name)} lacks ${nm}`);
        for (const nm of names) if (!f.message.includes(nm)) problems.push(`message lacks the file name ${nm}`);
        if (f.message.length <= f.name.length + 10) problems.push('message says nothing beyond the name');
        if (f.message.length > MAX_MESSAGE) problems.push(`message is ${f.message.length} characters long`);
        if (c.where && !c.where.test(f.message)) problems.push(`message does not match ${c.where}`);
        if (problems.length > 0) badMessages.push(`${label}: ${problems.join('; ')}: ${JSON.stringify(f.message.slice(0, 400))}`);
      } else {
        stats.accepted++;
        const okOut = out.ok[0]!;
        if (!c.mayBeValid) unexpectedAccepts.push(`${label}: accepted (${okOut.note})`);
        else stats.acceptedMayBeValid++;
        if (c.unknownLabel && okOut.items.some((it) => it.annotations.length > 0) && !okOut.unknownLabels.includes(c.unknownLabel)) {
          unknownNotReported.push(`${label}: unknown label ${c.unknownLabel} not reported (${JSON.stringify(okOut.unknownLabels)})`);
        }
      }
    }
    const tRead = performance.now() - t1;

    // --- The store: a baseline record, then every accepted result of a batch stored in turn.
    const t2 = performance.now();
    const library = await Library.open(`fuzz-imports-${SEED}-${Date.now()}`);
    const baselineText = '基线记录：委员提出建议，问题在于资金不足。';
    const baseline = {
      document: { id: 'baseline-doc', title: '基线', text: baselineText, format: 'plain' as const, meta: {}, createdAt: NOW, updatedAt: NOW },
      annotations: [
        { id: 'b1', label: 'proposal', start: cp(5), end: cp(11), text: '委员提出建议', createdAt: NOW, updatedAt: NOW },
        { id: 'b2', label: 'problem', start: cp(12), end: cp(20), text: '问题在于资金不足', createdAt: NOW, updatedAt: NOW },
      ],
    };
    await library.importDocuments([baseline]);
    await library.setSetting('labels', LABELS);

    // The batch: every accepted input (they do write), 300 refused ones, and valid files that
    // the store must refuse (the baseline's id with another text).
    const batch: number[] = [];
    for (let n = 0; n < cases.length; n++) if (outcomes[n]!.ok.length > 0) batch.push(n);
    const refusedIdx = cases.map((_, n) => n).filter((n) => outcomes[n]!.failed.length > 0 && !cases[n]!.kind.startsWith('large'));
    for (let n = 0; n < 300 && refusedIdx.length > 0; n++) batch.push(refusedIdx[(n * 7919) % refusedIdx.length]!);
    const conflicts: Case[] = [0, 1, 2].map((n) => {
      const data = nativeBase(new Rng(n));
      data.documents[0]!.id = 'baseline-doc';
      return { kind: 'conflict', fault: 'baseline id, other text', files: [{ name: `conflict${n}.json`, bytes: utf8(JSON.stringify(data)) }] };
    });

    let before = await checksum(library);
    const storeProblems: string[] = [];
    let stored = 0;
    let storeRefused = 0;
    const attempt = async (c: Case, label: string) => {
      const out = readImportFiles(c.files, NOW, LABELS);
      let threw = false;
      for (const o of out.ok) {
        try {
          await library.importDocuments(o.items);
          stored++;
        } catch {
          threw = true;
          storeRefused++;
        }
      }
      const after = await checksum(library);
      if ((out.ok.length === 0 || threw) && after !== before) storeProblems.push(`${label}: the store changed although nothing was accepted`);
      before = after;
    };
    for (const n of batch) await attempt(cases[n]!, `#${n} ${cases[n]!.kind} / ${cases[n]!.fault}`);
    const conflictBefore = before;
    for (const c of conflicts) await attempt(c, `${c.kind} ${c.files[0]!.name}`);
    const afterConflicts = await checksum(library);
    const reloaded = await library.loadDocument('baseline-doc');
    library.close();
    const tStore = performance.now() - t2;

    // --- Figures
    const total = cases.length;
    const refused = [...perKind.values()].reduce((n, s) => n + s.refused, 0);
    const accepted = [...perKind.values()].reduce((n, s) => n + s.accepted, 0);
    console.log(
      [
        `fuzzed imports: ${total} inputs (seed ${SEED}), ${refused} refused, ${accepted} accepted (all marked may-be-valid: ${accepted - unexpectedAccepts.length})`,
        ...[...perKind].map(([k, s]) => `  ${k.padEnd(20)} generated ${String(s.generated).padStart(5)}  refused ${String(s.refused).padStart(5)}  accepted ${String(s.accepted).padStart(4)}`),
        `  50 MB file read in ${largeMs.toFixed(0)} ms`,
        `  store: ${batch.length + conflicts.length} inputs tried against fake-indexeddb, ${stored} stored, ${storeRefused} refused by the store, checksum unchanged for every refused input: ${storeProblems.length === 0}`,
        `  time: generate ${tGen.toFixed(0)} ms, read ${tRead.toFixed(0)} ms, store ${tStore.toFixed(0)} ms`,
      ].join('\n'),
    );

    expect(total).toBeGreaterThanOrEqual(10_000);
    expect(escaped).toEqual([]);
    expect(wrongOutcome).toEqual([]);
    expect(unexpectedAccepts.slice(0, 20)).toEqual([]);
    expect(badMessages.slice(0, 20)).toEqual([]);
    expect(unknownNotReported.slice(0, 20)).toEqual([]);
    expect(storeProblems.slice(0, 20)).toEqual([]);
    expect(storeRefused).toBeGreaterThanOrEqual(conflicts.length);
    expect(afterConflicts).toBe(conflictBefore);
    expect(reloaded?.document.text).toBe(baselineText);
    expect(reloaded?.annotations.map((a) => [a.id, a.start, a.end, a.text])).toEqual(baseline.annotations.map((a) => [a.id, a.start, a.end, a.text]));
    // No input polluted Object.prototype.
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  // Offsets that once broke the importers' messages: a deeply nested value overflowed the stack of
  // JSON.stringify, and a long string was quoted whole.
  const deep = deepArray(5000);
  const tooDeep: Array<[string, string, RegExp]> = [
    ['ls.json', `[{"id":1,"data":{"text":"abc"},"annotations":[{"result":[{"id":"r","type":"labels","value":{"start":${deep},"end":2,"labels":["problem"]}}]}]}]`, /task 1/],
    ['d.jsonl', `{"text":"abc","spans":[{"start":${deep},"end":2,"label":"problem"}]}\n`, /line 1/],
    ['c.jsonl', `{"text":"abc","label":[[${deep},2,"problem"]]}\n`, /line 1/],
  ];
  for (const [name, content, where] of tooDeep) {
    it(`a deeply nested offset in ${name} is refused with its place, not a stack overflow`, () => {
      const out = readImportFiles([{ name, bytes: utf8(content) }], NOW, LABELS);
      expect(out.failed[0]?.message).toMatch(where);
      expect(out.failed[0]?.message).not.toMatch(/Maximum call stack/);
    });
  }
  it('a long string offset is not quoted whole in the message', () => {
    const content = `{"text":"abc","spans":[{"start":"${'x'.repeat(1_000_000)}","end":2,"label":"problem"}]}\n`;
    const out = readImportFiles([{ name: 'long.jsonl', bytes: utf8(content) }], NOW, LABELS);
    expect(out.failed).toHaveLength(1);
    expect(out.failed[0]!.message.length).toBeLessThan(MAX_MESSAGE);
  });
});
