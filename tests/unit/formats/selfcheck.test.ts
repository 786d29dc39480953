/**
 * The export self-check applies to every format before anything is returned; the registry; the
 * zip packer.
 */
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS } from '../../../src/domain/labels';
import { TextIndex } from '../../../src/domain/textIndex';
import { cp } from '../../../src/domain/units';
import { EXPORT_FORMATS, ExportCheckError, runExports } from '../../../src/io/formats';
import { ExportChecker } from '../../../src/io/formats/check';
import type { ExportInput, FormatId } from '../../../src/io/formats/types';
import { unzipFiles, zipFiles } from '../../../src/io/formats/zip';
import { EXPORTED, fixtureInput } from './fixtures';

function refused(id: FormatId, input: ExportInput): ExportCheckError {
  const format = EXPORT_FORMATS.find((f) => f.id === id)!;
  try {
    format.export(input, {});
  } catch (e) {
    expect(e).toBeInstanceOf(ExportCheckError);
    return e as ExportCheckError;
  }
  throw new Error(`${id} exported data it should have refused`);
}

describe('every format refuses to export what does not check', () => {
  for (const { id } of EXPORT_FORMATS) {
    it(`${id}: a quote that is not the slice of its offsets, naming document and annotation`, () => {
      const input = fixtureInput();
      const a = input.documents[0]!.annotations.find((x) => x.id === 'a10')!;
      a.start = cp(a.start - 1); // an UTF-16-style off-by-one after 𠮷
      const e = refused(id, input);
      expect(e.message).toContain(`Export refused (${id})`);
      expect(e.message).toContain('document “专题议政会综述” (id doc-meeting), annotation a10');
      expect(e.message).toContain('nothing was written');
    });

    it(`${id}: a relation whose type is not an identifier, or from a span to itself`, () => {
      const input = fixtureInput();
      const a = input.documents[0]!.annotations.find((x) => x.id === 'a3')!;
      a.links = [{ id: 'bad1', type: '针 对', to: 'a2' }, { id: 'bad2', type: 'addresses', to: 'a3' }];
      const e = refused(id, input);
      expect(e.message).toContain('annotation a3: relation bad1 has the type "针 对", which is not a plain identifier');
      expect(e.message).toContain('annotation a3: relation bad2 goes from the span to itself');
    });

    it(`${id}: an unknown label, an offset past the end, a duplicate id`, () => {
      const input = fixtureInput();
      const anns = input.documents[1]!.annotations;
      anns[0]!.label = 'ORG';
      anns[1]!.end = cp(999);
      anns[2]!.id = 'p1';
      const e = refused(id, input);
      expect(e.problems.join('\n')).toMatch(/annotation p1: unknown label "ORG"/);
      expect(e.problems.join('\n')).toMatch(/annotation p2: offsets \[16, 999\)/);
      expect(e.problems.join('\n')).toMatch(/annotation p1: the annotation id occurs twice/);
    });
  }

  it('brat and BIO refuse label ids that their syntax cannot hold', () => {
    const input = fixtureInput();
    const labels = DEFAULT_LABELS.map((l) => (l.id === 'problem' ? { ...l, id: 'big problem' } : l));
    for (const d of input.documents) for (const a of d.annotations) if (a.label === 'problem') a.label = 'big problem';
    expect(refused('brat', { ...input, labels }).message).toMatch(/"big problem" cannot be a brat type/);
    expect(refused('bio', { ...input, labels }).message).toMatch(/"big problem" contains white space/);
  });

  it('the checker judges offsets in their own unit', () => {
    const index = new TextIndex('𠮷祥物');
    const check = new ExportChecker('doccano');
    const doc = { id: 'd', title: 't' };
    check.slice(doc, 'ok', index, 'utf16', 2, 4, '祥物');
    check.slice(doc, 'ok2', index, 'codepoint', 1, 3, '祥物');
    expect(() => check.done()).not.toThrow();
    check.slice(doc, 'half', index, 'utf16', 1, 3, '\udfb7祥');
    check.slice(doc, 'unit', index, 'codepoint', 2, 4, '祥物');
    expect(() => check.done()).toThrow(ExportCheckError);
    expect(check.problems[0]).toMatch(/annotation half: .*splits a surrogate pair/);
    expect(check.problems[1]).toMatch(/annotation unit: offsets \[2, 4\) in code points/);
  });
});

describe('registry', () => {
  it('lists each format once with its offset unit', () => {
    const units = Object.fromEntries(EXPORT_FORMATS.map((f) => [f.id, f.offsetUnit]));
    expect(units).toEqual({
      json: 'codepoint',
      jsonl: 'codepoint',
      doccano: 'utf16',
      labelstudio: 'codepoint',
      brat: 'codepoint',
      w3c: 'codepoint',
      bio: null,
      csv: 'codepoint',
      'summary-md': null,
      'summary-html': null,
    });
  });

  it('runs every format together without two files on one path', () => {
    const progress: string[] = [];
    const all = runExports(EXPORT_FORMATS.map((f) => f.id), fixtureInput(), {}, (done, total) => progress.push(`${done}/${total}`));
    expect(progress).toEqual(EXPORT_FORMATS.map((_, i) => `${i + 1}/${EXPORT_FORMATS.length}`));
    const paths = all.files.map((f) => f.path);
    expect(new Set(paths).size).toBe(paths.length);
    // BIO's dropped spans, and brat's respelled speaker and escaped note.
    expect(all.report.filter((l) => l.startsWith('bio')).length).toBe(5);
    expect(all.report.filter((l) => l.startsWith('brat: ')).length).toBe(2);
    expect(all.report.length).toBe(7);
    expect(paths).toContain('brat/专题议政会综述.ann');
  });
});

describe('zip', () => {
  const files = [
    { path: 'brat/专题议政会综述.txt', content: '𠮷祥物\n', mime: 'text/plain' },
    { path: 'bytes.bin', content: new Uint8Array([0, 1, 2, 255]), mime: 'application/octet-stream' },
  ];

  it('packs and unpacks the same files, Chinese names flagged as UTF-8', () => {
    const zip = zipFiles(files, EXPORTED);
    const out = unzipSync(zip);
    expect(new TextDecoder().decode(out['brat/专题议政会综述.txt'])).toBe('𠮷祥物\n');
    expect([...out['bytes.bin']!]).toEqual([0, 1, 2, 255]);
    // Local file header: general purpose flag at offset 6, bit 11 = UTF-8 names.
    expect(zip[6]! | (zip[7]! << 8)).toBe(0x0800);
    expect(unzipFiles(zip).map((f) => f.path)).toEqual(files.map((f) => f.path));
    expect(zipFiles(files, EXPORTED)).toEqual(zip);
  });

  it('refuses duplicate and unsafe paths', () => {
    expect(() => zipFiles([files[0]!, files[0]!])).toThrow(/same path/);
    expect(() => zipFiles([{ ...files[0]!, path: '../x.txt' }])).toThrow(/cannot zip/);
    expect(() => zipFiles([{ ...files[0]!, path: '/abs.txt' }])).toThrow(/cannot zip/);
  });
});
