import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020';
import type { Annotation } from '../../src/domain/annotation';
import type { MeetingDocument } from '../../src/domain/document';
import { DEFAULT_LABELS, type Label } from '../../src/domain/labels';
import { cp } from '../../src/domain/units';
import {
  MAX_PROBLEMS,
  NATIVE_FORMAT,
  NATIVE_VERSION,
  NativeFormatError,
  parseNative,
  serializeNative,
} from '../../src/io/native';
import type { AnnotatedRecord } from '../../src/domain/record';

// ---------------------------------------------------------------------------------------------
// Independent helpers (deliberately not using TextIndex): Python-like code-point slicing.

/** Python's text[start:end] on code points. */
const pySlice = (text: string, start: number, end: number): string =>
  Array.from(text).slice(start, end).join('');

/** The code-point offsets [start, end) of the `occurrence`-th occurrence of `needle`. */
function span(text: string, needle: string, occurrence = 0): [number, number] {
  let at = -1;
  for (let k = 0; k <= occurrence; k++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`test setup: ${needle} not found`);
  }
  const start = Array.from(text.slice(0, at)).length;
  return [start, start + Array.from(needle).length];
}

const T0 = '2024-05-01T08:00:00.000Z';
const T1 = '2024-05-02T09:30:00.000Z';
const EXPORTED = '2024-06-01T12:00:00.000Z';

function ann(id: string, label: string, text: string, needle: string, occurrence = 0): Annotation {
  const [start, end] = span(text, needle, occurrence);
  return {
    id,
    label,
    start: cp(start),
    end: cp(end),
    text: needle,
    createdAt: T0,
    updatedAt: T1,
  };
}

function doc(id: string, title: string, text: string, extra: Partial<MeetingDocument> = {}) {
  return {
    id,
    title,
    text,
    format: 'markdown',
    meta: {},
    createdAt: T0,
    updatedAt: T1,
    ...extra,
  } satisfies MeetingDocument;
}

// 𠮷 (U+20BB7) is astral: 1 code point, 2 UTF-16 units. 👩‍💻 is U+1F469 U+200D U+1F4BB:
// 3 code points, 5 UTF-16 units.
const TEXT_A =
  '# 𠮷野家区议事会纪要\n\n张三：我建议增加社区食堂的预算。\n\n𠮷田：👩‍💻志愿者团队\n\n严重缺人手。李四：同意，下周再议。';
const TEXT_B = '王五：停车位不足是老问题。\n赵六：建议错峰停车。';

function sample(): AnnotatedRecord[] {
  const a = [
    // Deliberately not in text order.
    ann('a-response', 'response', TEXT_A, '同意，下周再议'),
    ann('a-across', 'problem', TEXT_A, '👩‍💻志愿者团队\n\n严重缺人手'), // across a paragraph break
    ann('a-nested', 'problem', TEXT_A, '👩‍💻'), // nested inside a-across, a ZWJ emoji
    ann('a-overlap', 'recommendation', TEXT_A, '团队\n\n严重缺人手。李四'), // overlaps a-across
    ann('a-proposal', 'proposal', TEXT_A, '我建议增加社区食堂的预算'),
    ann('a-astral', 'response', TEXT_A, '𠮷田', 0), // covers an astral character
    ann('a-same-start', 'proposal', TEXT_A, '👩‍💻志愿者'), // same start as a-across, shorter
  ];
  const b = [
    ann('b2', 'recommendation', TEXT_B, '建议错峰停车'),
    ann('b1', 'problem', TEXT_B, '停车位不足'),
  ];
  return [
    {
      document: doc('doc-a', '第一次会议', TEXT_A, {
        meta: { sourceName: 'a.md', encoding: 'UTF-8', normalised: ['line breaks CRLF/CR → LF'] },
      }),
      annotations: a,
    },
    { document: doc('doc-b', '第二次会议', TEXT_B, { format: 'plain' }), annotations: b },
  ];
}

/** Text order, computed independently of compareAnnotations. */
function textOrder(as: Annotation[]): Annotation[] {
  return [...as].sort((x, y) => x.start - y.start || y.end - x.end || x.id.localeCompare(y.id));
}

function validFile(): Record<string, any> {
  return JSON.parse(serializeNative(sample(), DEFAULT_LABELS, EXPORTED)) as Record<string, any>;
}

/** Parses, expects a refusal, and checks every fragment appears in one problem. */
function refusal(json: string, source = 'meeting.json'): NativeFormatError {
  let caught: unknown;
  try {
    parseNative(json, source);
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(NativeFormatError);
  const err = caught as NativeFormatError;
  expect(err.problems.length).toBeGreaterThan(0);
  for (const p of err.problems) expect(p.startsWith(`${source}: `)).toBe(true);
  // The message carries the summary and the first problem.
  expect(err.message).toContain(source);
  expect(err.message).toContain(err.problems[0]!);
  return err;
}

function expectProblem(err: NativeFormatError, ...fragments: string[]): void {
  const hit = err.problems.find((p) => fragments.every((f) => p.includes(f)));
  expect(hit, `no problem contains ${JSON.stringify(fragments)} in\n${err.problems.join('\n')}`).toBeDefined();
}

function mutated(change: (f: Record<string, any>) => void): string {
  const f = validFile();
  change(f);
  return JSON.stringify(f);
}

// ---------------------------------------------------------------------------------------------

describe('serializeNative → parseNative round trip', () => {
  it('the test texts really have astral characters before the spans', () => {
    // Guards the test data: with no astral characters, code points and UTF-16 would agree.
    expect(TEXT_A.length).toBeGreaterThan(Array.from(TEXT_A).length);
    const [start] = span(TEXT_A, '我建议增加社区食堂的预算');
    expect(TEXT_A.indexOf('我建议增加社区食堂的预算')).toBe(start + 1);
  });

  it('gives back identical documents and annotations (annotations in text order)', () => {
    const items = sample();
    const parsed = parseNative(serializeNative(items, DEFAULT_LABELS, EXPORTED), 'rt.json');
    expect(parsed.labels).toEqual(DEFAULT_LABELS);
    expect(parsed.documents.map((d) => d.document)).toEqual(items.map((d) => d.document));
    expect(parsed.documents.map((d) => d.annotations)).toEqual(
      items.map((d) => textOrder(d.annotations)),
    );
  });

  it('writes code-point offsets that slice correctly, Python-style', () => {
    const file = validFile();
    const docA = file.documents[0];
    expect(docA.text).toBe(TEXT_A);
    const byId = new Map<string, any>(docA.annotations.map((a: any) => [a.id, a]));
    // Hand-counted: "# 𠮷野家区议事会纪要\n\n张三：" is 2 + 9 + 2 + 3 = 16 code points (17 UTF-16).
    expect(byId.get('a-proposal')).toMatchObject({ start: 16, end: 28 });
    // The ZWJ emoji is 3 code points, not 5.
    const nested = byId.get('a-nested');
    expect(nested.end - nested.start).toBe(3);
    expect(byId.get('a-astral').end - byId.get('a-astral').start).toBe(2);
    for (const d of file.documents) {
      for (const a of d.annotations) expect(pySlice(d.text, a.start, a.end)).toBe(a.text);
    }
    expect(byId.get('a-across').text).toContain('\n\n');
  });

  it('writes pretty JSON with keys, documents and annotations in the documented order', () => {
    const json = serializeNative(sample(), DEFAULT_LABELS, EXPORTED);
    expect(json).toMatch(/^\{\n {2}"format": "yishi\.annotations",\n {2}"version": 2,\n/);
    const file = JSON.parse(json);
    expect(Object.keys(file)).toEqual([
      'format',
      'version',
      'offsetUnit',
      'exportedAt',
      'labels',
      'relationTypes',
      'documents',
    ]);
    expect(file.exportedAt).toBe(EXPORTED);
    expect(file.offsetUnit).toBe('codepoint');
    expect(Object.keys(file.labels[0])).toEqual(['id', 'name', 'nameEn', 'color', 'key']);
    expect(Object.keys(file.documents[0])).toEqual([
      'id',
      'title',
      'text',
      'format',
      'meta',
      'createdAt',
      'updatedAt',
      'annotations',
      'relations',
    ]);
    expect(Object.keys(file.documents[0].annotations[0])).toEqual([
      'id',
      'label',
      'start',
      'end',
      'text',
      'createdAt',
      'updatedAt',
    ]);
    expect(file.documents.map((d: any) => d.id)).toEqual(['doc-a', 'doc-b']);
    expect(file.documents[0].annotations.map((a: any) => a.id)).toEqual([
      'a-proposal',
      'a-astral',
      'a-across',
      'a-same-start',
      'a-nested',
      'a-overlap',
      'a-response',
    ]);
    expect(file.documents[1].annotations.map((a: any) => a.id)).toEqual(['b1', 'b2']);
  });

  it('keeps the given document order and custom labels', () => {
    const labels: Label[] = [
      { id: 'claim', name: '论点', nameEn: 'claim', color: '#112233', key: 'c' },
    ];
    const items = sample().reverse();
    for (const it of items) it.annotations = it.annotations.map((a) => ({ ...a, label: 'claim' }));
    const parsed = parseNative(serializeNative(items, labels), 'custom.json');
    expect(parsed.labels).toEqual(labels);
    expect(parsed.documents.map((d) => d.document.id)).toEqual(['doc-b', 'doc-a']);
  });

  it('defaults exportedAt to now', () => {
    const file = JSON.parse(serializeNative(sample(), DEFAULT_LABELS));
    expect(Math.abs(Date.parse(file.exportedAt) - Date.now())).toBeLessThan(60_000);
  });
});

describe('JSON Schema', () => {
  const schema = JSON.parse(
    readFileSync(new URL('../../docs/yishi-annotations.schema.json', import.meta.url), 'utf8'),
  );
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  const validate = ajv.compile(schema);

  it('accepts what serializeNative writes', () => {
    const file = JSON.parse(serializeNative(sample(), DEFAULT_LABELS, EXPORTED));
    const ok = validate(file);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it.each<[string, (f: Record<string, any>) => void]>([
    ['a wrong format', (f) => (f.format = 'other')],
    ['version 3', (f) => (f.version = 3)],
    ['utf16 offsets', (f) => (f.offsetUnit = 'utf16')],
    ['a fractional start', (f) => (f.documents[0].annotations[0].start = 1.5)],
    ['a negative start', (f) => (f.documents[0].annotations[0].start = -1)],
    ['a string offset', (f) => (f.documents[0].annotations[0].end = '30')],
    ['a bad colour', (f) => (f.labels[0].color = 'blue')],
    ['a CR in text', (f) => (f.documents[0].text = 'a\r\nb')],
    ['no documents', (f) => (f.documents = [])],
    ['a missing annotation text', (f) => delete f.documents[0].annotations[0].text],
    ['a bad format', (f) => (f.documents[0].format = 'html')],
  ])('rejects %s', (_name, change) => {
    const f = validFile();
    change(f);
    expect(validate(f)).toBe(false);
  });
});

describe('serializeNative refuses inconsistent data', () => {
  function refusedExport(change: (items: AnnotatedRecord[]) => void): NativeFormatError {
    const items = sample();
    change(items);
    let caught: unknown;
    try {
      serializeNative(items, DEFAULT_LABELS, EXPORTED);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(NativeFormatError);
    return caught as NativeFormatError;
  }

  it('a text that does not match its slice, naming document and annotation', () => {
    const err = refusedExport((items) => {
      items[0]!.annotations[0]!.text = '同意';
    });
    expectProblem(err, '“第一次会议”', 'doc-a', 'a-response', '"同意，下周再议"', '"同意"');
    expect(err.message).toContain('a-response');
  });

  it('UTF-16 offsets, with a hint', () => {
    const err = refusedExport((items) => {
      const a = items[0]!.annotations.find((x) => x.id === 'a-proposal')!;
      const at = TEXT_A.indexOf(a.text);
      a.start = cp(at);
      a.end = cp(at + a.text.length);
    });
    expectProblem(err, 'a-proposal', 'look like UTF-16');
  });

  it('offsets out of range, fractional or reversed, and unknown labels', () => {
    const err = refusedExport((items) => {
      const [a0, a1, a2, a3] = items[1]!.annotations as [Annotation, Annotation, ...Annotation[]];
      a0.end = cp(999);
      a1.start = cp(0.5);
      void a2;
      void a3;
      items[0]!.annotations[0]!.label = 'nonsense';
      items[0]!.annotations[1]!.start = cp(50);
      items[0]!.annotations[1]!.end = cp(40);
    });
    expectProblem(err, 'b2', 'end 999', 'past the end');
    expectProblem(err, 'b1', 'start', '0.5');
    expectProblem(err, 'a-response', 'unknown label', 'nonsense');
    expectProblem(err, 'a-across', 'reversed');
  });
});

describe('parseNative', () => {
  it('accepts the serialized file', () => {
    expect(() => parseNative(JSON.stringify(validFile()), 'ok.json')).not.toThrow();
  });

  it('refuses bad JSON, reporting the parser message', () => {
    const err = refusal('{"format": "yishi.annotations",', 'broken.json');
    expectProblem(err, 'broken.json', 'not valid JSON');
    let parserMessage = '';
    try {
      JSON.parse('{"format": "yishi.annotations",');
    } catch (e) {
      parserMessage = (e as Error).message;
    }
    expectProblem(err, parserMessage);
  });

  it('refuses a top level that is not an object', () => {
    expectProblem(refusal('[1, 2]'), 'top level', 'an array');
  });

  it('refuses a wrong format', () => {
    const err = refusal(mutated((f) => (f.format = 'label-studio')));
    expectProblem(err, 'format', '"label-studio"', 'not a Yishi annotations file');
  });

  it('refuses a newer version, saying it came from a newer Yishi', () => {
    const err = refusal(mutated((f) => (f.version = 3)));
    expectProblem(err, 'version', '3', 'newer Yishi');
    expectProblem(refusal(mutated((f) => delete f.version)), 'version', 'missing');
  });

  it('refuses UTF-16 offsets', () => {
    const err = refusal(mutated((f) => (f.offsetUnit = 'utf16')));
    expectProblem(err, 'offsetUnit', 'UTF-16', 'code points');
  });

  it.each<[string, unknown, string[]]>([
    ['fractional', 1.5, ['start', 'whole number', '1.5']],
    ['negative', -3, ['start', 'negative', '-3']],
    ['a string', '16', ['start', 'integer', '"16"']],
    ['null', null, ['start', 'null']],
  ])('refuses a %s start, naming document and annotation', (_name, value, fragments) => {
    const err = refusal(mutated((f) => (f.documents[0].annotations[0].start = value)));
    expectProblem(
      err,
      'documents[0] “第一次会议” (id doc-a)',
      'annotations[0] (id a-proposal)',
      ...fragments,
    );
  });

  it('refuses a missing end', () => {
    const err = refusal(mutated((f) => delete f.documents[1].annotations[1].end));
    expectProblem(err, 'documents[1]', 'annotations[1] (id b2)', 'end', 'missing');
  });

  it('refuses an out-of-range end, giving the text length', () => {
    const len = Array.from(TEXT_B).length;
    const err = refusal(mutated((f) => (f.documents[1].annotations[1].end = len + 1)));
    expectProblem(err, 'id b2', `end ${len + 1}`, `${len} code points`);
  });

  it('refuses reversed and empty ranges', () => {
    const rev = refusal(
      mutated((f) => {
        const a = f.documents[1].annotations[0];
        [a.start, a.end] = [a.end, a.start];
      }),
    );
    expectProblem(rev, 'id b1', 'reversed');
    const empty = refusal(mutated((f) => (f.documents[1].annotations[0].end = 3)));
    expectProblem(empty, 'id b1', 'both 3');
  });

  it('refuses a text mismatch, showing expected and found (shortened)', () => {
    const long = '很'.repeat(100);
    const err = refusal(mutated((f) => (f.documents[0].annotations[0].text = long)));
    expectProblem(err, 'id a-proposal', 'expected "我建议增加社区食堂的预算"', 'found "很');
    const problem = err.problems.find((p) => p.includes('a-proposal'))!;
    expect(problem).not.toContain(long);
    expect(problem).toContain('…');
  });

  it('refuses an unknown label', () => {
    const err = refusal(mutated((f) => (f.documents[1].annotations[0].label = 'gossip')));
    expectProblem(err, 'id b1', 'label', '"gossip"', '"proposal"');
  });

  it('refuses duplicate annotation ids within a document (but not across documents)', () => {
    const err = refusal(mutated((f) => (f.documents[1].annotations[1].id = 'b1')));
    expectProblem(err, 'documents[1]', 'annotations[1] (id b1)', 'duplicate', 'annotations[0]');
    const across = mutated((f) => (f.documents[1].annotations[0].id = 'a-proposal'));
    expect(() => parseNative(across, 'x.json')).not.toThrow();
  });

  it('refuses an annotation id with white space (ids are listed space-separated in the editor)', () => {
    const err = refusal(mutated((f) => (f.documents[1].annotations[0].id = 'b 1')));
    expectProblem(err, 'documents[1]', 'white space', '"b 1"');
  });

  it('refuses duplicate document ids', () => {
    const err = refusal(mutated((f) => (f.documents[1].id = 'doc-a')));
    expectProblem(err, 'documents[1] “第二次会议” (id doc-a)', 'duplicate', 'documents[0]');
  });

  it('refuses a CR in the text, saying canonical text uses LF', () => {
    const err = refusal(
      mutated((f) => {
        f.documents[1].text = TEXT_B.replace('\n', '\r\n');
        f.documents[1].annotations = [];
      }),
    );
    expectProblem(err, 'documents[1]', 'carriage return', 'LF');
  });

  it('refuses missing, empty or non-array documents', () => {
    expectProblem(refusal(mutated((f) => delete f.documents)), 'documents', 'missing');
    expectProblem(refusal(mutated((f) => (f.documents = []))), 'documents', 'empty');
    expectProblem(refusal(mutated((f) => (f.documents = {}))), 'documents', 'array');
  });

  it('refuses bad document fields', () => {
    const err = refusal(
      mutated((f) => {
        f.documents[0].text = '';
        f.documents[0].annotations = [];
        f.documents[1].format = 'html';
        f.documents[1].meta = [];
        f.documents[1].createdAt = 'yesterday';
        delete f.documents[1].id;
      }),
    );
    expectProblem(err, 'documents[0]', 'text', 'non-empty');
    expectProblem(err, 'documents[1]', 'format', '"html"');
    expectProblem(err, 'documents[1]', 'meta', 'an array');
    expectProblem(err, 'documents[1]', 'createdAt', '"yesterday"');
    expectProblem(err, 'documents[1]', 'id', 'missing');
  });

  it('refuses bad labels', () => {
    const err = refusal(
      mutated((f) => {
        f.labels[1].color = 'red';
        f.labels[2].id = 'proposal';
        f.labels[3].name = 7;
      }),
    );
    expectProblem(err, 'labels[1] (id problem)', 'color', '"red"');
    expectProblem(err, 'labels[2] (id proposal)', 'duplicate', 'labels[0]');
    expectProblem(err, 'labels[3]', 'name', '7');
  });

  it('refuses bad annotation dates', () => {
    const err = refusal(mutated((f) => (f.documents[1].annotations[0].updatedAt = 12)));
    expectProblem(err, 'id b1', 'updatedAt', '12');
  });

  it('stops after about 20 problems', () => {
    const err = refusal(
      mutated((f) => {
        const a = f.documents[0].annotations[0];
        f.documents[0].annotations = Array.from({ length: 50 }, (_, k) => ({
          ...a,
          id: `x${k}`,
          label: 'nope',
        }));
      }),
    );
    expect(err.problems.length).toBe(MAX_PROBLEMS + 1);
    expect(err.problems.at(-1)).toContain('stopped');
    expect(err.message).toContain('more than 20');
  });

  it('fills in defaults for optional fields', () => {
    const f = validFile();
    delete f.labels;
    delete f.exportedAt;
    const d = f.documents[1];
    d.title = '';
    delete d.format;
    delete d.meta;
    delete d.createdAt;
    delete d.updatedAt;
    for (const a of d.annotations) {
      delete a.createdAt;
      delete a.updatedAt;
    }
    delete f.documents[0].annotations;
    const before = Date.now();
    const parsed = parseNative(JSON.stringify(f), 'defaults.json');
    expect(parsed.labels).toEqual(DEFAULT_LABELS);
    expect(parsed.documents[0]!.annotations).toEqual([]);
    const b = parsed.documents[1]!;
    expect(b.document).toMatchObject({ title: 'Untitled', format: 'plain', meta: {} });
    for (const t of [b.document.createdAt, b.annotations[0]!.updatedAt]) {
      expect(Date.parse(t)).toBeGreaterThanOrEqual(before - 1000);
    }
  });

  it('defaults optional label fields', () => {
    const json = mutated((f) => {
      f.labels = [{ id: 'x', name: '某', color: '#abcdef' }];
      for (const d of f.documents) for (const a of d.annotations) a.label = 'x';
    });
    expect(parseNative(json, 'l.json').labels).toEqual([
      { id: 'x', name: '某', nameEn: 'x', color: '#abcdef', key: '' },
    ]);
  });

  it('ignores unknown fields (forward compatibility)', () => {
    const json = mutated((f) => {
      f.futureTopLevel = { a: 1 };
      f.documents[0].speakerTurns = [1, 2];
      f.documents[0].annotations[0].confidence = 0.9;
      f.labels[0].icon = 'star';
    });
    const parsed = parseNative(json, 'future.json');
    const expected = parseNative(JSON.stringify(validFile()), 'now.json');
    expect(parsed).toEqual(expected);
    expect(parsed.documents[0]!.annotations[0]).not.toHaveProperty('confidence');
    expect(parsed.documents[0]!.document).not.toHaveProperty('speakerTurns');
  });

  it('does not let __proto__ or constructor keys through', () => {
    const json = JSON.stringify(validFile()).replace(
      '"meta":{}',
      '"meta":{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"note":{"__proto__":{"polluted":true},"k":1}}',
    );
    expect(json).toContain('__proto__');
    const parsed = parseNative(json, 'evil.json');
    const meta = parsed.documents[1]!.document.meta as Record<string, any>;
    expect(Object.keys(meta)).toEqual(['note']);
    expect(Object.getPrototypeOf(meta)).toBe(Object.prototype);
    expect(meta.polluted).toBeUndefined();
    expect(Object.keys(meta.note)).toEqual(['k']);
    expect(meta.note.polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads only own properties, even if Object.prototype is polluted', () => {
    const json = mutated((f) => {
      delete f.labels;
      delete f.documents[0].annotations;
    });
    const proto = Object.prototype as Record<string, unknown>;
    proto.labels = [{ id: 'evil', name: 'e', color: '#000000' }];
    proto.annotations = [{ id: 'evil', label: 'evil', start: 0, end: 1, text: '#' }];
    try {
      const parsed = parseNative(json, 'proto.json');
      expect(parsed.labels).toEqual(DEFAULT_LABELS);
      expect(parsed.documents[0]!.annotations).toEqual([]);
    } finally {
      delete proto.labels;
      delete proto.annotations;
    }
  });

  it('exports the format constants', () => {
    expect(NATIVE_FORMAT).toBe('yishi.annotations');
    expect(NATIVE_VERSION).toBe(2);
  });
});
