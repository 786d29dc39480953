import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020';
import type { Annotation } from '../../src/domain/annotation';
import { relationsOf } from '../../src/domain/relations';
import { NATIVE_VERSION, NativeFormatError, migrateNative, parseNative, serializeNative } from '../../src/io/native';

const V1 = readFileSync(new URL('../../fixtures/native/v1-two-documents.json', import.meta.url), 'utf8');

/** Python's text[start:end] on code points. */
const pySlice = (text: string, start: number, end: number) => Array.from(text).slice(start, end).join('');

describe('native format migrations', () => {
  it('opens the frozen version-1 file and finds every document, label and annotation unchanged', () => {
    const raw = JSON.parse(V1);
    const parsed = parseNative(V1, 'v1-two-documents.json');
    expect(parsed.labels.map((l) => l.id)).toEqual(raw.labels.map((l: { id: string }) => l.id));
    expect(parsed.documents.map((d) => d.document.id)).toEqual(['doc-v1-a', 'doc-v1-b']);
    raw.documents.forEach((rd: any, i: number) => {
      const { document, annotations } = parsed.documents[i]!;
      expect(document).toMatchObject({ id: rd.id, title: rd.title, text: rd.text, format: rd.format, meta: rd.meta });
      expect(annotations.map((a) => ({ ...a }))).toEqual(rd.annotations);
      for (const a of annotations) expect(pySlice(document.text, a.start, a.end)).toBe(a.text);
    });
    expect(parsed.documents.flatMap((d) => relationsOf(d.annotations))).toEqual([]);
    expect(parsed.relationTypes.map((t) => t.id)).toEqual(['addresses', 'responds_to']);
  });

  it('migrates step by step to the current version, and writes the current version back', () => {
    const migrated = migrateNative(JSON.parse(V1)) as { version: number };
    expect(migrated.version).toBe(NATIVE_VERSION);
    const parsed = parseNative(V1, 'v1');
    const written = JSON.parse(serializeNative(parsed.documents, parsed.labels, '2025-04-01T00:00:00.000Z'));
    expect(written.version).toBe(NATIVE_VERSION);
    const again = parseNative(JSON.stringify(written), 'again');
    expect(again.documents).toEqual(parsed.documents);
  });

  it('ignores version-2 field names in a version-1 file, as a version-1 reader did', () => {
    const raw = JSON.parse(V1);
    raw.documents[0].relations = [{ id: 'x', type: 'addresses', from: 'r1', to: 'p1' }];
    raw.documents[0].annotations[0].speaker = '不该读到';
    raw.relationTypes = 'not even an array';
    const parsed = parseNative(JSON.stringify(raw), 'v1-extra');
    expect(parsed.documents.flatMap((d) => relationsOf(d.annotations))).toEqual([]);
    expect(parsed.documents[0]!.annotations.some((a) => a.speaker !== undefined)).toBe(false);
  });
});

describe('native format version 2: attributes and relations', () => {
  function v2File(): any {
    const raw = JSON.parse(V1);
    raw.version = 2;
    const d = raw.documents[0];
    d.annotations.find((a: any) => a.id === 'r1').speaker = '马丽娟委员';
    d.annotations.find((a: any) => a.id === 'r1').note = '与 p1 对应';
    d.annotations.find((a: any) => a.id === 'r1').annotator = '王分析';
    d.annotations.find((a: any) => a.id === 's1').origin = { kind: 'model', modelVersion: 'nb-3f2a' };
    d.relations = [
      { id: 'rel-1', type: 'addresses', from: 'r1', to: 'p1' },
      { id: 'rel-2', type: 'responds_to', from: 's1', to: 'r1' },
    ];
    return raw;
  }

  it('round-trips speakers, notes, annotators, origins and relations exactly', () => {
    const parsed = parseNative(JSON.stringify(v2File()), 'v2');
    const anns = parsed.documents[0]!.annotations;
    const byId = new Map<string, Annotation>(anns.map((a) => [a.id, a]));
    expect(byId.get('r1')).toMatchObject({ speaker: '马丽娟委员', note: '与 p1 对应', annotator: '王分析' });
    expect(byId.get('s1')!.origin).toEqual({ kind: 'model', modelVersion: 'nb-3f2a' });
    expect(relationsOf(anns)).toEqual([
      { id: 'rel-1', type: 'addresses', from: 'r1', to: 'p1' },
      { id: 'rel-2', type: 'responds_to', from: 's1', to: 'r1' },
    ]);
    const written = serializeNative(parsed.documents, parsed.labels, '2025-04-01T00:00:00.000Z', parsed.relationTypes);
    const file = JSON.parse(written);
    expect(file.documents[0].relations).toEqual(v2File().documents[0].relations);
    expect(parseNative(written, 'again').documents).toEqual(parsed.documents);
    // …and the JSON Schema in docs/ accepts it, and still accepts the frozen version-1 file.
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
    const validate = ajv.compile(JSON.parse(readFileSync(new URL('../../docs/yishi-annotations.schema.json', import.meta.url), 'utf8')));
    expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(JSON.parse(V1)), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each<[string, (f: any) => void, RegExp]>([
    ['a relation to a missing span', (f) => (f.documents[0].relations[0].to = 'nope'), /relations\[0\].*to: must be the id of an annotation of this document, found the string "nope"/],
    ['an undeclared type', (f) => (f.documents[0].relations[1].type = 'causes'), /relations\[1\].*type: must be one of the file's relation types \(addresses, responds_to\)/],
    ['a self relation', (f) => (f.documents[0].relations[0].to = 'r1'), /from and to are both "r1"/],
    ['a duplicate relation id', (f) => (f.documents[0].relations[1].id = 'rel-1'), /duplicate relation id "rel-1"/],
    ['the same relation twice', (f) => f.documents[0].relations.push({ id: 'rel-3', type: 'addresses', from: 'r1', to: 'p1' }), /listed twice/],
    ['a numeric speaker', (f) => (f.documents[0].annotations[0].speaker = 7), /speaker: must be a string, found 7/],
    ['an unknown origin kind', (f) => (f.documents[0].annotations[0].origin = { kind: 'magic' }), /origin: must be an object whose kind is/],
    ['a bad relation type id', (f) => (f.relationTypes = [{ id: 'has space' }]), /relationTypes\[0\]: id: must be an identifier/],
  ])('refuses %s, saying where, and imports nothing', (_name, change, message) => {
    const f = v2File();
    change(f);
    let caught: unknown;
    try {
      parseNative(JSON.stringify(f), 'bad.json');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(NativeFormatError);
    expect((caught as NativeFormatError).problems.join('\n')).toMatch(message);
    expect((caught as Error).message).toContain('bad.json');
  });

  it('carries a retired label (no key) through the file', () => {
    const parsed = parseNative(V1, 'v1');
    const labels = parsed.labels.map((l) => (l.id === 'risk' ? { ...l, retired: true, key: '' } : l));
    const again = parseNative(serializeNative(parsed.documents, labels, '2025-04-01T00:00:00.000Z'), 'again');
    expect(again.labels.find((l) => l.id === 'risk')).toEqual({ id: 'risk', name: '风险', nameEn: 'risk', color: '#56b4e9', key: '', retired: true });
    expect(again.labels.filter((l) => l.retired)).toHaveLength(1);
  });

  it('declares a relation type that is used but not in the given set', () => {
    const parsed = parseNative(JSON.stringify({ ...v2File(), relationTypes: [{ id: 'addresses' }, { id: 'responds_to' }, { id: 'cites' }] }), 'v2');
    const anns = parsed.documents[0]!.annotations.map((a) => (a.id === 'p1' ? { ...a, links: [{ id: 'c', type: 'cites', to: 'r1' }] } : a));
    const file = JSON.parse(serializeNative([{ ...parsed.documents[0]!, annotations: anns }], parsed.labels, '2025-04-01T00:00:00.000Z'));
    expect(file.relationTypes.map((t: any) => t.id)).toEqual(['addresses', 'responds_to', 'cites']);
  });
});
