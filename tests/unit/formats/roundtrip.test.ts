/**
 * For each format: export the fixtures, import what was exported (into nothing: a fresh result),
 * export again, and get the same files byte for byte. Formats that carry no text back (W3C, BIO,
 * CSV, summaries) go through the native JSON instead (export → native file → parse → export),
 * and are read back by independent readers in their own tests.
 *
 * Beside the spans, each importable format is checked for what it keeps of the span attributes
 * (speaker, note, annotator, origin) and the relations, and what it documents as lost.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS } from '../../../src/domain/labels';
import { importBrat } from '../../../src/io/formats/brat';
import { importDoccano } from '../../../src/io/formats/doccano';
import { EXPORT_FORMATS, exportFormat } from '../../../src/io/formats';
import { importDatasetJsonl } from '../../../src/io/formats/jsonl';
import { importLabelStudio, LABEL_STUDIO_TASKS } from '../../../src/io/formats/labelStudio';
import type { ExportInput, FormatId, ImportResult } from '../../../src/io/formats/types';
import { unzipFiles, zipFiles } from '../../../src/io/formats/zip';
import { parseNative, serializeNative } from '../../../src/io/native';
import { relationsOf } from '../../../src/domain/relations';
import type { Annotation } from '../../../src/domain/annotation';
import { CRLF_SOURCE, EXPORTED, filesOf, fixtureInput, NOTE, SPEAKER_WITH_SPACE, spanKey, T0 } from './fixtures';

const NOW = '2030-01-01T00:00:00.000Z';

function reExport(id: FormatId, imported: ImportResult): Record<string, string> {
  const input: ExportInput = { documents: imported.documents, labels: DEFAULT_LABELS, exportedAt: EXPORTED };
  return filesOf(exportFormat(id).export(input, {}));
}

/** The spans of every document, as "label start end text", without ids or dates. */
const spansOf = (docs: ExportInput['documents']): string[][] => docs.map((d) => d.annotations.map(spanKey));

type Attr = 'speaker' | 'note' | 'annotator' | 'origin';
/** Each span's attributes (only `keep`), keyed by the span, so formats that rename ids compare. */
const attributesOf = (docs: ExportInput['documents'], keep: readonly Attr[]): Array<Array<[string, Partial<Annotation>]>> =>
  docs.map((d) =>
    d.annotations.map((a): [string, Partial<Annotation>] => [spanKey(a), Object.fromEntries(keep.filter((k) => a[k] !== undefined).map((k) => [k, a[k]]))]),
  );
/** Each document's relations as "type: from span → to span", in stored order. */
const relationKeysOf = (docs: ExportInput['documents']): string[][] =>
  docs.map((d) => {
    const byId = new Map(d.annotations.map((a) => [a.id, a]));
    return relationsOf(d.annotations).map((r) => `${r.type}: ${spanKey(byId.get(r.from)!)} → ${spanKey(byId.get(r.to)!)}`);
  });
const ALL: readonly Attr[] = ['speaker', 'note', 'annotator', 'origin'];
const withSpeaker = (docs: ExportInput['documents'], from: string, to: string): ExportInput['documents'] =>
  docs.map((d) => ({ ...d, annotations: d.annotations.map((a) => (a.speaker === from ? { ...a, speaker: to } : a)) }));

describe('round trip: export → import → export gives identical files', () => {
  const input = fixtureInput();

  it('the fixtures hold what the round trips must survive', () => {
    const meeting = input.documents[0]!;
    const all = meeting.annotations;
    expect(all.some((a) => a.speaker === SPEAKER_WITH_SPACE)).toBe(true);
    expect(all.find((a) => a.note === NOTE)).toBeDefined();
    expect(NOTE).toMatch(/,[^]*"[^]*\n/);
    expect(all.some((a) => a.annotator) && all.some((a) => a.origin?.modelVersion)).toBe(true);
    // A chain: problem ← recommendation (addresses) ← response (responds_to).
    expect(relationKeysOf([meeting])[0]).toEqual([
      `addresses: ${spanKey(all.find((a) => a.id === 'a3')!)} → ${spanKey(all.find((a) => a.id === 'a2')!)}`,
      `addresses: ${spanKey(all.find((a) => a.id === 'a7')!)} → ${spanKey(all.find((a) => a.id === 'a8')!)}`,
      `responds_to: ${spanKey(all.find((a) => a.id === 'a10')!)} → ${spanKey(all.find((a) => a.id === 'a3')!)}`,
    ]);
    expect(CRLF_SOURCE).toContain('\r\n');
    expect(meeting.document.text).not.toContain('\r');
    expect(meeting.document.text).toContain('\u{20BB7}');
    expect(meeting.document.text).toContain('👩‍💻');
    expect(meeting.annotations.some((a) => a.text.includes('\n\n'))).toBe(true);
  });

  it('json (native)', () => {
    const first = filesOf(exportFormat('json').export(input, {}));
    const parsed = parseNative(first['annotations.yishi.json']!, 'annotations.yishi.json');
    const again = filesOf(exportFormat('json').export({ documents: parsed.documents, labels: parsed.labels, exportedAt: EXPORTED }, {}));
    expect(again).toEqual(first);
    expect(attributesOf(parsed.documents, ALL)).toEqual(attributesOf(sorted(input), ALL));
    expect(relationKeysOf(parsed.documents)).toEqual(relationKeysOf(sorted(input)));
  });

  it('dataset JSONL keeps ids, titles, formats and every span', () => {
    const first = filesOf(exportFormat('jsonl').export(input, {}));
    const imported = importDatasetJsonl(first['jsonl/dataset.jsonl']!, 'dataset.jsonl', { now: NOW });
    expect(imported.unknownLabels).toEqual([]);
    expect(imported.documents.map((d) => [d.document.id, d.document.title, d.document.format, d.document.text])).toEqual(
      input.documents.map((d) => [d.document.id, d.document.title, d.document.format, d.document.text]),
    );
    expect(imported.documents.map((d) => d.annotations.map((a) => a.id))).toEqual(
      sorted(input).map((d) => d.annotations.map((a) => a.id)),
    );
    expect(spansOf(imported.documents)).toEqual(spansOf(sorted(input)));
    // Everything: speaker, note, annotator, origin, relations with their ids.
    expect(attributesOf(imported.documents, ALL)).toEqual(attributesOf(sorted(input), ALL));
    expect(relationKeysOf(imported.documents)).toEqual(relationKeysOf(sorted(input)));
    expect(imported.documents.map((d) => relationsOf(d.annotations).map((r) => r.id))).toEqual([['r1', 'r3', 'r2'], []]);
    expect(reExport('jsonl', imported)).toEqual(first);
  });

  it('doccano JSONL (UTF-16 offsets) keeps every span', () => {
    const first = filesOf(exportFormat('doccano').export(input, {}));
    const imported = importDoccano(first['doccano.jsonl']!, 'doccano.jsonl', { now: NOW });
    expect(imported.documents.map((d) => d.document.id)).toEqual(['doc-meeting', 'doc-plain']);
    expect(spansOf(imported.documents)).toEqual(spansOf(sorted(input)));
    // Relations (the entities variant, as the export has some); attributes are a documented loss.
    expect(first['doccano.jsonl']).toContain('"relations":[{"id":1,');
    expect(relationKeysOf(imported.documents)).toEqual(relationKeysOf(sorted(input)));
    expect(attributesOf(imported.documents, ALL).flat().every(([, v]) => Object.keys(v).length === 0)).toBe(true);
    expect(reExport('doccano', imported)).toEqual(first);
  });

  it('doccano JSONL without relations is the sequence-labelling variant', () => {
    const noLinks: ExportInput = {
      ...input,
      documents: input.documents.map((d) => ({ ...d, annotations: d.annotations.map(({ links: _links, ...a }) => a) })),
    };
    const content = filesOf(exportFormat('doccano').export(noLinks, {}))['doccano.jsonl']!;
    expect(content).toContain('"label":[[');
    expect(content).not.toContain('"entities"');
    expect(spansOf(importDoccano(content, 'd.jsonl', { now: NOW }).documents)).toEqual(spansOf(sorted(input)));
  });

  it('Label Studio keeps ids, dates and every span', () => {
    const first = filesOf(exportFormat('labelstudio').export(input, {}));
    const imported = importLabelStudio(first[LABEL_STUDIO_TASKS]!, 'tasks.json', { now: NOW });
    expect(spansOf(imported.documents)).toEqual(spansOf(sorted(input)));
    expect(imported.documents[0]!.document.createdAt).toBe(T0);
    expect(imported.documents[0]!.annotations.map((a) => a.id)).toContain('a10');
    // Speaker, note and relations; annotator and origin are a documented loss.
    expect(attributesOf(imported.documents, ALL)).toEqual(attributesOf(sorted(input), ['speaker', 'note']));
    expect(relationKeysOf(imported.documents)).toEqual(relationKeysOf(sorted(input)));
    expect(reExport('labelstudio', imported)).toEqual(first);
  });

  it('brat (.txt + .ann, through a zip) keeps every span, fragments included', () => {
    const result = exportFormat('brat').export(input, {});
    const first = filesOf(result);
    const files = unzipFiles(zipFiles(result.files, EXPORTED));
    const imported = importBrat(files, 'brat.zip', { now: NOW });
    expect(imported.documents.map((d) => d.document.title)).toEqual(['专题议政会综述', '平文本']);
    expect(spansOf(imported.documents)).toEqual(spansOf(sorted(input)));
    // Relations and notes exactly; a speaker with a space comes back with "_" (reported);
    // annotator and origin are a documented loss.
    expect(relationKeysOf(imported.documents)).toEqual(relationKeysOf(sorted(input)));
    const spaced = SPEAKER_WITH_SPACE.replace(' ', '_');
    expect(attributesOf(imported.documents, ALL)).toEqual(attributesOf(withSpeaker(sorted(input), SPEAKER_WITH_SPACE, spaced), ['speaker', 'note']));
    expect(result.report).toEqual([
      `brat: speaker "${SPEAKER_WITH_SPACE}" is written as "${spaced}" (a brat attribute value is one word without "," or "|"); it comes back that way`,
      'brat: 1 note has line breaks, tabs or backslashes, written as \\n, \\t, \\r and \\\\ (brat shows them as typed; Yishi reads them back)',
    ]);
    expect(first['brat/annotation.conf']).toContain(
      `[relations]\naddresses Arg1:proposal|recommendation, Arg2:problem\nresponds_to Arg1:response, Arg2:proposal|recommendation\n`,
    );
    expect(first['brat/annotation.conf']).toContain(`[attributes]\nSpeaker Arg:<ENTITY>, Value:张委员|${spaced}\n`);
    expect(first['brat/visual.conf']).toContain('addresses | 针对\nresponds_to | 回应 | responds to\n');
    expect(reExport('brat', imported)).toEqual(first);
  });

  for (const id of ['w3c', 'bio', 'csv', 'summary-md', 'summary-html'] as const) {
    it(`${id}: through the native JSON, the same export again`, () => {
      const first = filesOf(exportFormat(id).export(input, {}));
      const parsed = parseNative(serializeNative(input.documents, input.labels, EXPORTED), 'x.json');
      const again = filesOf(exportFormat(id).export({ documents: parsed.documents, labels: parsed.labels, exportedAt: EXPORTED }, {}));
      expect(again).toEqual(first);
      expect(Object.keys(first).length).toBeGreaterThan(0);
    });
  }

  it('every registered format is covered above', () => {
    expect(EXPORT_FORMATS.map((f) => f.id).sort()).toEqual(
      ['bio', 'brat', 'csv', 'doccano', 'json', 'jsonl', 'labelstudio', 'summary-html', 'summary-md', 'w3c'].sort(),
    );
  });

  it('importing the same file twice gives the same ids (nothing would be duplicated)', () => {
    const doccano = filesOf(exportFormat('doccano').export(input, {}))['doccano.jsonl']!;
    const withoutIds = doccano.replace(/"id":"[^"]*",/g, '');
    const a = importDoccano(withoutIds, 'd.jsonl', { now: NOW });
    const b = importDoccano(withoutIds, 'd.jsonl', { now: '2031-01-01T00:00:00.000Z' });
    expect(a.documents.map((d) => d.document.id)).toEqual(b.documents.map((d) => d.document.id));
    expect(a.documents[0]!.document.id).toMatch(/^doc-[0-9a-f]{16}$/);
    expect(a.documents.flatMap((d) => d.annotations.map((x) => x.id))).toEqual(b.documents.flatMap((d) => d.annotations.map((x) => x.id)));
  });
});

function sorted(input: ExportInput): ExportInput['documents'] {
  return input.documents.map((d) => ({
    document: d.document,
    annotations: [...d.annotations].sort((a, b) => a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : 1)),
  }));
}
