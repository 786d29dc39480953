/**
 * Importers: a file whose quotes or offsets do not match its text is refused whole, with the
 * source file and the line / task named; unknown labels are reported; CRLF texts are
 * normalised with their offsets moved along; both doccano variants and Label Studio
 * predictions are read.
 */
import { describe, expect, it } from 'vitest';
import { importBrat } from '../../../src/io/formats/brat';
import { importDoccano } from '../../../src/io/formats/doccano';
import { FormatImportError } from '../../../src/io/formats/importCommon';
import { importDatasetJsonl } from '../../../src/io/formats/jsonl';
import { importLabelStudio } from '../../../src/io/formats/labelStudio';
import { pySlice } from './fixtures';

const line = (v: unknown): string => `${JSON.stringify(v)}\n`;

function refusal(f: () => unknown): FormatImportError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(FormatImportError);
    return e as FormatImportError;
  }
  throw new Error('expected the import to be refused');
}

describe('dataset JSONL import', () => {
  const good = { id: 'd1', text: '𠮷祥物问题', spans: [{ start: 1, end: 3, label: 'problem', text: '祥物' }] };

  it('refuses the whole file for one quote that does not match, naming the file and line', () => {
    const bad = { id: 'd2', text: '第二份文件', spans: [{ start: 0, end: 2, label: 'problem', text: '第一' }] };
    const e = refusal(() => importDatasetJsonl(line(good) + '\n' + line(bad), 'data.jsonl'));
    expect(e.message).toContain('“data.jsonl”');
    expect(e.message).toMatch(/line 3, spans\[0\]: the quoted text does not match .*"第二".*"第一"/);
    expect(e.message).toContain('nothing was imported');
  });

  it('says when offsets look like UTF-16 code units', () => {
    const utf16 = { id: 'd', text: '𠮷祥物问题', spans: [{ start: 2, end: 4, label: 'problem', text: '祥物' }] };
    expect(refusal(() => importDatasetJsonl(line(utf16), 'u.jsonl')).message).toMatch(/look like UTF-16/);
    // …and reads them when the line says so.
    const declared = { ...utf16, meta: { offset_unit: 'utf16' } };
    const r = importDatasetJsonl(line(declared), 'u.jsonl');
    expect(r.documents[0]!.annotations[0]).toMatchObject({ start: 1, end: 3, text: '祥物' });
  });

  it('refuses offsets outside the text, bad JSON and duplicate ids with different texts', () => {
    expect(refusal(() => importDatasetJsonl(line({ text: 'abc', spans: [{ start: 2, end: 9, label: 'x' }] }), 'o.jsonl')).message).toMatch(/line 1, spans\[0\]: offsets \[2, 9\)/);
    expect(refusal(() => importDatasetJsonl('{"text": "a"\n', 'j.jsonl')).message).toMatch(/line 1: not valid JSON/);
    expect(refusal(() => importDatasetJsonl(line({ id: 'same', text: 'a' }) + line({ id: 'same', text: 'b' }), 'd.jsonl')).message).toMatch(/line 2: document id "same" is also used by line 1/);
  });

  it('normalises a CRLF text, moving offsets along, and records it', () => {
    const text = '第一段\r\n\r\n第二段𠮷内容';
    const [s, e] = [Array.from('第一段\r\n\r\n第二段').length, Array.from('第一段\r\n\r\n第二段𠮷内').length];
    const r = importDatasetJsonl(line({ text, spans: [{ start: 2, end: e, label: 'problem', text: pySlice(text, 2, e) }] }), 'crlf.jsonl');
    const doc = r.documents[0]!;
    expect(doc.document.text).toBe('第一段\n\n第二段𠮷内容');
    expect(doc.document.meta.normalised).toEqual(['line breaks CRLF/CR → LF']);
    expect(doc.annotations[0]).toMatchObject({ start: 2, end: e - 2, text: '段\n\n第二段𠮷内' });
    expect(s).toBeLessThan(e);
  });

  it('reads span attributes and relations; refuses a relation to a span not on the line', () => {
    const spans = [
      { id: 's1', start: 0, end: 2, label: 'problem', speaker: '某委员', note: 'n', annotator: 'x', origin: { kind: 'model', model_version: 'v2' } },
      { id: 's2', start: 2, end: 4, label: 'recommendation' },
    ];
    const r = importDatasetJsonl(line({ id: 'd', text: '甲乙丙丁', spans, relations: [{ id: 'q', type: 'addresses', from: 's2', to: 's1' }] }), 'a.jsonl');
    const [s1, s2] = r.documents[0]!.annotations;
    expect(s1).toMatchObject({ speaker: '某委员', note: 'n', annotator: 'x', origin: { kind: 'model', modelVersion: 'v2' } });
    expect(s2!.links).toEqual([{ id: 'q', type: 'addresses', to: 's1' }]);
    const bad = line({ id: 'd', text: '甲乙丙丁', spans, relations: [{ type: 'addresses', from: 's2', to: 's9' }] });
    expect(refusal(() => importDatasetJsonl(bad, 'b.jsonl')).message).toMatch(/line 1, relations\[0\]: to: "s9" is not the id of a span on this line/);
    const badOrigin = line({ id: 'd', text: '甲乙丙丁', spans: [{ ...spans[0], origin: { kind: 'oracle' } }] });
    expect(refusal(() => importDatasetJsonl(badOrigin, 'c.jsonl')).message).toMatch(/spans\[0\]: origin: must be/);
  });

  it('maps labels by id, name and English name; reports unknown ones', () => {
    const r = importDatasetJsonl(
      line({ text: '甲乙丙丁戊', spans: [
        { start: 0, end: 1, label: 'problem' },
        { start: 1, end: 2, label: '建议' },
        { start: 2, end: 3, label: 'Response' },
        { start: 3, end: 4, label: 'ORG' },
        { start: 4, end: 5, label: 'ORG' },
      ] }),
      'l.jsonl',
    );
    expect(r.documents[0]!.annotations.map((a) => a.label)).toEqual(['problem', 'recommendation', 'response', 'ORG', 'ORG']);
    expect(r.unknownLabels).toEqual(['ORG']);
  });
});

describe('doccano import', () => {
  it('reads the label variant and the entities variant (UTF-16 offsets → code points)', () => {
    const text = '𠮷祥物问题很多';
    const a = importDoccano(line({ text, label: [[2, 4, 'problem']] }), 'a.jsonl');
    const b = importDoccano(line({ id: 7, text, entities: [{ id: 1, label: 'problem', start_offset: 2, end_offset: 4 }], relations: [] }), 'b.jsonl');
    expect(a.documents[0]!.annotations[0]).toMatchObject({ start: 1, end: 3, text: '祥物' });
    expect(b.documents[0]!.annotations[0]).toMatchObject({ start: 1, end: 3, text: '祥物' });
    // doccano's numeric id is project-internal: the id comes from the text, the same for both.
    expect(b.documents[0]!.document.id).toBe(a.documents[0]!.document.id);
    expect(a.documents[0]!.annotations[0]!.id).toBe(b.documents[0]!.annotations[0]!.id);
  });

  it('reads the relations of the entities variant, refusing one whose entity is not on the line', () => {
    const text = '问题在此。建议如下。';
    const entities = [
      { id: 10, label: 'problem', start_offset: 0, end_offset: 4 },
      { id: 11, label: 'recommendation', start_offset: 5, end_offset: 9 },
    ];
    const r = importDoccano(line({ text, entities, relations: [{ id: 3, from_id: 11, to_id: 10, type: 'addresses' }] }), 'r.jsonl');
    const [p, m] = r.documents[0]!.annotations;
    expect(m!.links?.map((l) => [l.type, l.to])).toEqual([['addresses', p!.id]]);
    const e = refusal(() => importDoccano(line({ text, entities, relations: [{ id: 4, from_id: 11, to_id: 99, type: 'addresses' }] }), 'r.jsonl'));
    expect(e.message).toMatch(/line 1, relations\[0\] \(id 4\): to_id: 99 is not the id of an entity on this line/);
  });

  it('refuses an offset that splits a surrogate pair or leaves the text, naming the line', () => {
    const text = '𠮷祥物';
    expect(refusal(() => importDoccano(line({ text: 'ok' }) + line({ text, label: [[1, 3, 'problem']] }), 'd.jsonl')).message).toMatch(
      /“d\.jsonl” line 2, label\[0\]: offsets \[1, 3\) in UTF-16 code units: .*splits a surrogate pair/,
    );
    expect(refusal(() => importDoccano(line({ text, entities: [{ id: 5, label: 'problem', start_offset: 0, end_offset: 9 }] }), 'e.jsonl')).message).toMatch(
      /line 1, entities\[0\] \(id 5\): offsets \[0, 9\)/,
    );
    expect(refusal(() => importDoccano(line({ text, label: ['positive'] }), 'c.jsonl')).message).toMatch(/text-classification label/);
  });
});

describe('Label Studio import', () => {
  const text = '会议认为𠮷祥物问题突出，建议加快发展。';
  const result = (id: string, start: number, end: number, quote: string, label = 'problem') => ({
    id,
    from_name: 'label',
    to_name: 'text',
    type: 'labels',
    value: { start, end, text: quote, labels: [label] },
  });

  it('reads annotations and predictions; a result with two labels gives two annotations', () => {
    const tasks = [
      {
        id: 11,
        data: { text },
        annotations: [{ id: 1, result: [result('r1', 4, 9, '𠮷祥物问题')], created_at: '2024-01-01T00:00:00Z' }],
        predictions: [{ model_version: 'm', result: [{ ...result('r2', 12, 18, '建议加快发展'), value: { start: 12, end: 18, text: '建议加快发展', labels: ['recommendation', 'proposal'] } }] }],
      },
    ];
    const r = importLabelStudio(JSON.stringify(tasks), 'export.json');
    const anns = r.documents[0]!.annotations;
    expect(anns.map((a) => [a.id, a.label, a.start, a.end, a.text])).toEqual([
      ['r1', 'problem', 4, 9, '𠮷祥物问题'],
      ['r2', 'recommendation', 12, 18, '建议加快发展'],
      ['r2-2', 'proposal', 12, 18, '建议加快发展'],
    ]);
    expect(r.documents[0]!.document.title).toBe('Task 11');
    expect(anns[0]!.createdAt).toBe('2024-01-01T00:00:00Z');
  });

  it('refuses the file for one mismatching quote, naming the task and result', () => {
    const tasks = [
      { id: 1, data: { text }, annotations: [{ result: [result('ok', 0, 2, '会议')] }] },
      { id: 42, data: { text }, annotations: [{ result: [result('bad', 4, 9, '吉祥物问题')] }] },
    ];
    const e = refusal(() => importLabelStudio(JSON.stringify(tasks), 'ls.json'));
    expect(e.message).toMatch(/“ls\.json” task 42, annotations\[0\]\.result\[0\] \(id bad\): the quoted text does not match/);
  });

  it('reads per-region speaker and note text areas and relations (direction, labels by name, none → related)', () => {
    const textarea = (id: string, name: string, text: string[]) => ({ id, from_name: name, to_name: 'text', type: 'textarea', value: { start: 0, end: 2, text } });
    const tasks = [
      {
        id: 5,
        data: { text },
        annotations: [
          {
            result: [
              textarea('m', 'speaker', ['马丽娟委员']),
              result('p', 4, 9, '𠮷祥物问题'),
              result('m', 12, 18, '建议加快发展', 'recommendation'),
              textarea('m', 'note', ['第一行', '第二行']),
              textarea('p', 'other', ['ignored']),
              { type: 'relation', from_id: 'm', to_id: 'p', direction: 'right', labels: ['针对'] },
              { type: 'relation', from_id: 'm', to_id: 'p', direction: 'left', labels: ['responds to'] },
              { type: 'relation', from_id: 'p', to_id: 'm' },
            ],
          },
        ],
      },
    ];
    const anns = importLabelStudio(JSON.stringify(tasks), 'ls.json').documents[0]!.annotations;
    const m = anns.find((a) => a.id === 'm')!;
    const p = anns.find((a) => a.id === 'p')!;
    expect([m.speaker, m.note, p.speaker, p.note]).toEqual(['马丽娟委员', '第一行\n第二行', undefined, undefined]);
    expect(m.links?.map((l) => [l.type, l.to])).toEqual([['addresses', 'p']]);
    expect(p.links?.map((l) => [l.type, l.to])).toEqual([['responds_to', 'm'], ['related', 'm']]);
    expect(m.links![0]!.id).toMatch(/^rel-[0-9a-f]{16}$/);
  });

  it('refuses a relation or text area whose region is not in the same annotation', () => {
    const tasks = [
      {
        id: 8,
        data: { text },
        annotations: [{ result: [result('r1', 4, 9, '𠮷祥物问题'), { type: 'relation', from_id: 'r1', to_id: 'r2', labels: ['addresses'] }] }],
        predictions: [{ result: [result('r2', 12, 18, '建议加快发展'), { id: 'zz', from_name: 'note', to_name: 'text', type: 'textarea', value: { text: ['x'] } }] }],
      },
    ];
    const e = refusal(() => importLabelStudio(JSON.stringify(tasks), 'ls.json'));
    expect(e.message).toMatch(/task 8, annotations\[0\]\.result\[1\]: to_id: "r2" is not the id of a labelled region of this annotation/);
    expect(e.message).toMatch(/task 8, predictions\[0\]\.result\[1\] \(id zz\): id: "zz" is not the id of a labelled region of this prediction/);
  });

  it('refuses a task without data.text', () => {
    expect(refusal(() => importLabelStudio(JSON.stringify([{ id: 3, data: { dialogue: 'x' } }]), 'ls.json')).message).toMatch(/task 3: data\.text/);
  });
});

describe('brat import', () => {
  it('reads fragments back into one span across the line break', () => {
    const txt = '第一行问题\n第二行继续\n';
    const ann = 'T1\tproblem 3 5;6 9\t问题 第二行\n#1\tAnnotatorNotes T1\tnote\nE1\tEvent:T1\n';
    const r = importBrat([{ path: 'x/rec.txt', content: txt }, { path: 'x/rec.ann', content: ann }], 'brat.zip');
    expect(r.documents[0]!.document.title).toBe('rec');
    expect(r.documents[0]!.annotations[0]).toMatchObject({ label: 'problem', start: 3, end: 9, text: '问题\n第二行', note: 'note' });
  });

  it('reads relations (type by id or name), the Speaker attribute and notes (unescaped, several joined)', () => {
    const txt = '问题在此。建议如下。回应在后。';
    const ann = [
      'T1\tproblem 0 4\t问题在此',
      'T2\trecommendation 5 9\t建议如下',
      'T3\tresponse 10 14\t回应在后',
      'R1\t针对 Arg1:T2 Arg2:T1',
      'R2\tresponds_to Arg1:T3 Arg2:T2',
      'R3\tresponds_to Arg1:T3 Arg2:T2',
      'A1\tSpeaker T2 马丽娟委员',
      'A2\tNegation T1',
      '#1\tAnnotatorNotes T1\t第一行\\n第二\\t列 C:\\\\new \\x',
      '#2\tAnnotatorNotes T1\t再一条',
      '#3\tAnnotatorNotes R1\tnote on a relation',
      '',
    ].join('\n');
    const anns = importBrat([{ path: 'r.txt', content: txt }, { path: 'r.ann', content: ann }], 'z').documents[0]!.annotations;
    const [t1, t2, t3] = anns;
    expect(t1!.note).toBe('第一行\n第二\t列 C:\\new \\x\n再一条');
    expect(t2!.speaker).toBe('马丽娟委员');
    expect(t2!.links?.map((l) => [l.type, l.to])).toEqual([['addresses', t1!.id]]);
    expect(t3!.links?.map((l) => [l.type, l.to])).toEqual([['responds_to', t2!.id]]);
  });

  it('refuses a relation, speaker or note whose T is not in the file, naming the line', () => {
    const files = (ann: string) => [{ path: 'q.txt', content: '问题在此。建议如下。' }, { path: 'q.ann', content: `T1\tproblem 0 4\t问题在此\n${ann}\n` }];
    expect(refusal(() => importBrat(files('R1\taddresses Arg1:T2 Arg2:T1'), 'z')).message).toMatch(/q\.ann line 2 \(R1\): Arg1 "T2" is not a text-bound annotation/);
    expect(refusal(() => importBrat(files('R1\taddresses Arg1:T1 Arg2:T1'), 'z')).message).toMatch(/line 2 \(R1\): a relation needs two different spans/);
    expect(refusal(() => importBrat(files('R1\taddresses Arg1:T1'), 'z')).message).toMatch(/line 2 \(R1\): a relation needs "<type> Arg1/);
    expect(refusal(() => importBrat(files('R1\t关系 Arg1:T1 Arg2:T1'), 'z')).message).toMatch(/line 2 \(R1\): relation type "关系" is not a plain identifier/);
    expect(refusal(() => importBrat(files('A1\tSpeaker T9 某人'), 'z')).message).toMatch(/line 2 \(A1\): the Speaker attribute's target "T9"/);
    expect(refusal(() => importBrat(files('#1\tAnnotatorNotes T4\tx'), 'z')).message).toMatch(/line 2 \(#1\): the note's target "T4"/);
  });

  it('refuses a mismatching quote naming the .ann file, line and T id', () => {
    const e = refusal(() =>
      importBrat([{ path: 'rec.txt', content: '𠮷祥物问题' }, { path: 'rec.ann', content: 'T1\tproblem 0 1\t𠮷\nT2\tproblem 1 3\t吉祥\n' }], '2 files'),
    );
    expect(e.message).toMatch(/“2 files” rec\.ann line 2 \(T2\): the quoted text does not match rec\.txt/);
  });

  it('refuses a discontinuous span and an .ann without its .txt', () => {
    expect(refusal(() => importBrat([{ path: 'a.txt', content: '甲乙丙丁' }, { path: 'a.ann', content: 'T1\tproblem 0 1;2 3\t甲 丙\n' }], 'z')).message).toMatch(/discontinuous/);
    expect(refusal(() => importBrat([{ path: 'b.ann', content: '' }], 'z')).message).toMatch(/b\.ann: has no b\.txt/);
  });

  it('reads a CRLF .txt (offsets counting the CR) and UTF-8 bytes with a BOM', () => {
    const raw = '\uFEFF第一行\r\n问题在此';
    const bytes = new TextEncoder().encode(raw);
    // brat (Python) counts the BOM and the CR: 问题 is at 6..8.
    const r = importBrat([{ path: 'c.txt', content: bytes }, { path: 'c.ann', content: 'T1\tproblem 6 8\t问题\n' }], 'z');
    const d = r.documents[0]!;
    expect(d.document.text).toBe('第一行\n问题在此');
    expect(d.annotations[0]).toMatchObject({ start: 4, end: 6, text: '问题' });
    expect(d.document.meta.normalised).toEqual(['removed byte order mark', 'line breaks CRLF/CR → LF']);
  });
});
