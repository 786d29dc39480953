/**
 * The real consumer of datasets is Python: hand the exported JSONL (document and sentence
 * lines), brat, Label Studio and doccano files to `python3` (standard library only) and check
 * that slicing each text by each offset gives the quote. doccano's offsets are UTF-16 code units,
 * so Python slices the UTF-16-LE bytes there. The CSV is read with Python's csv module, and
 * brat's R lines are followed to their T lines.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_LABELS } from '../../../src/domain/labels';
import { DEFAULT_RELATION_TYPES } from '../../../src/domain/relations';
import { exportFormat } from '../../../src/io/formats';
import { labelStudioConfig } from '../../../src/io/formats/labelStudio';
import type { ExportFile } from '../../../src/io/formats/types';
import { fixtureInput, NOTE } from './fixtures';

const dir = mkdtempSync(join(tmpdir(), 'yishi-formats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(files: readonly ExportFile[], under = ''): void {
  for (const f of files) {
    const path = join(dir, under, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.content);
  }
}

const CHECK = String.raw`
import csv, json, os, sys
d = sys.argv[1]
counts = {}
def count(k):
    counts[k] = counts.get(k, 0) + 1

def read(path):
    with open(path, encoding='utf-8', newline='') as f:
        return f.read()

for name, kind in [('jsonl/dataset.jsonl', 'jsonl'), ('sentences/jsonl/dataset.jsonl', 'jsonl-sentence')]:
    for line in read(os.path.join(d, name)).splitlines():
        r = json.loads(line)
        assert r['meta']['offset_unit'] == 'codepoint', r['meta']
        for s in r['spans']:
            got = r['text'][s['start']:s['end']]
            assert got == s['text'], (name, r['id'], s, got)
            count(kind)

brat = os.path.join(d, 'brat')
counts['brat-relations'] = []
for name in sorted(os.listdir(brat)):
    if not name.endswith('.ann'):
        continue
    text = read(os.path.join(brat, name[:-4] + '.txt'))
    quotes = {}
    for line in read(os.path.join(brat, name)).split('\n'):
        if line.startswith('R'):
            rid, rest = line.split('\t')
            rtype, arg1, arg2 = rest.split(' ')
            assert arg1.startswith('Arg1:') and arg2.startswith('Arg2:'), line
            counts['brat-relations'].append([name, rtype, quotes[arg1[5:]], quotes[arg2[5:]]])
            continue
        if not line.startswith('T'):
            continue
        tid, type_offsets, quote = line.split('\t', 2)
        label, offsets = type_offsets.split(' ', 1)
        frags = [tuple(int(x) for x in f.split(' ')) for f in offsets.split(';')]
        got = ' '.join(text[s:e] for s, e in frags)
        assert got == quote, (name, tid, frags, got, quote)
        quotes[tid] = text[frags[0][0]:frags[-1][1]]
        assert all('\n' not in text[s:e] for s, e in frags), (name, tid)
        count('brat')
        if len(frags) > 1:
            count('brat-fragmented')

tasks = json.loads(read(os.path.join(d, 'labelstudio/tasks.json')))
for t in tasks:
    for a in t['annotations']:
        for r in a['result']:
            if r['type'] != 'labels':
                continue
            v = r['value']
            got = t['data']['text'][v['start']:v['end']]
            assert got == v['text'], (t['id'], r['id'], got, v['text'])
            count('labelstudio')

expected = json.loads(read(os.path.join(d, 'expected.json')))
for line in read(os.path.join(d, 'doccano.jsonl')).splitlines():
    r = json.loads(line)
    assert r['offset_unit'] == 'utf16'
    b = r['text'].encode('utf-16-le')
    # The relation variant (the export has relations): entities with integer ids.
    spans = [(e['start_offset'], e['end_offset'], e['label']) for e in r['entities']]
    got = [b[2 * s:2 * e].decode('utf-16-le') for s, e, label in spans]
    assert got == expected[r['id']], (r['id'], got)
    # Python's own (code point) slicing would be wrong after an astral character:
    if any(ord(c) > 0xFFFF for c in r['text']):
        assert [r['text'][s:e] for s, e, label in spans] != got
    ids = {e['id']: got[k] for k, e in enumerate(r['entities'])}
    assert all(isinstance(i, int) for i in ids), ids
    for rel in r['relations']:
        counts.setdefault('doccano-relations', []).append([rel['type'], ids[rel['from_id']], ids[rel['to_id']]])
    count('doccano')

with open(os.path.join(d, 'annotations.csv'), encoding='utf-8-sig', newline='') as f:
    rows = list(csv.reader(f))
assert rows[0] == ['document', 'label', 'text', 'start', 'end', 'paragraph', 'created', 'speaker', 'note', 'annotator', 'origin', 'relations'], rows[0]
for row in rows[1:]:
    assert len(row) == 12, row
    count('csv')
counts['csv-rows'] = rows[1:]
# The relation column, read by name: each target found by its offsets in the same record.
with open(os.path.join(d, 'annotations.csv'), encoding='utf-8-sig', newline='') as f:
    named = list(csv.DictReader(f))
for row in named:
    for rel in filter(None, row['relations'].split('; ')):
        kind, where = rel.split(' ')
        start, end = where.split('-')
        target = [t for t in named if t['document'] == row['document'] and t['start'] == start and t['end'] == end]
        assert len(target) == 1, (rel, target)
        counts.setdefault('csv-relations', []).append([kind, row['text'], target[0]['text']])
print(json.dumps(counts, ensure_ascii=False))
`;

describe('python3 (standard library) slices every exported offset to its quote', () => {
  it('JSONL, brat, Label Studio, doccano and CSV', () => {
    const input = fixtureInput();
    for (const id of ['jsonl', 'brat', 'labelstudio', 'doccano', 'csv'] as const) write(exportFormat(id).export(input, {}).files);
    write(exportFormat('jsonl').export(input, { unit: 'sentence' }).files, 'sentences');
    const expected: Record<string, string[]> = {};
    for (const d of input.documents) {
      expected[d.document.id] = [...d.annotations].sort((a, b) => a.start - b.start || b.end - a.end).map((a) => a.text);
    }
    writeFileSync(join(dir, 'expected.json'), JSON.stringify(expected));
    writeFileSync(join(dir, 'check.py'), CHECK);

    const out = execFileSync('python3', [join(dir, 'check.py'), dir], { encoding: 'utf-8' });
    const counts = JSON.parse(out) as Record<string, unknown>;
    const total = input.documents.reduce((n, d) => n + d.annotations.length, 0);
    const quote = (id: string): string => input.documents[0]!.annotations.find((a) => a.id === id)!.text;
    expect(counts.jsonl).toBe(total);
    expect(counts.brat).toBe(total);
    expect(counts['brat-fragmented']).toBe(2);
    expect(counts.labelstudio).toBe(total);
    expect(counts.doccano).toBe(input.documents.length);
    expect(counts['doccano-relations']).toEqual([
      ['addresses', quote('a3'), quote('a2')],
      ['addresses', quote('a7'), quote('a8')],
      ['responds_to', quote('a10'), quote('a3')],
    ]);
    expect(counts.csv).toBe(total);
    // Sentence lines leave out the spans that cross a sentence end (they are in the report).
    const report = exportFormat('jsonl').export(input, { unit: 'sentence' }).report.filter((l) => l.includes(' span '));
    expect(counts['jsonl-sentence']).toBe(total - report.length);
    expect(report.length).toBeGreaterThan(0);
    // brat R lines: Python finds Arg1 and Arg2 at the T lines of the right spans.
    expect(counts['brat-relations']).toEqual([
      ['专题议政会综述.ann', 'addresses', quote('a3'), quote('a2')],
      ['专题议政会综述.ann', 'addresses', quote('a7'), quote('a8')],
      ['专题议政会综述.ann', 'responds_to', quote('a10'), quote('a3')],
    ]);
    expect(counts['csv-relations']).toEqual([
      ['addresses', quote('a3'), quote('a2')],
      ['addresses', quote('a7'), quote('a8')],
      ['responds_to', quote('a10'), quote('a3')],
    ]);
    // The CSV as Python reads it: the quotes, commas and line breaks came through.
    const rows = counts['csv-rows'] as string[][];
    expect(rows.find((r) => r[2] === '问题是资金不足')?.slice(7)).toEqual(['张委员', NOTE, '', 'manual', '']);
    expect(rows.find((r) => r[2] === '建议设立专项基金')?.slice(7)).toEqual(['张委员', '', '李分析师', 'model:suggest-0.3', `addresses ${(rows.find((r) => r[2] === '问题是资金不足') ?? []).slice(3, 5).join('-')}`]);
    expect(rows.find((r) => r[2] === '含逗号,和"引号"')?.[8]).toBe("'=SUM(1,2)");
    expect(rows.map((r) => r[2])).toContain('含逗号,和"引号"');
    expect(rows.map((r) => r[2])).toContain('专项基金！\n\n👩‍💻 程序员说');
    expect(rows.find((r) => r[2] === '𠮷𠮷')?.slice(3, 5)).toEqual(['16', '18']);
  });
});

describe('the Label Studio labeling config', () => {
  it('is well-formed XML whose labels and relations are the ids, whatever their names hold, with the speaker and note text areas', () => {
    const labels = [
      ...DEFAULT_LABELS,
      { id: 'a&b<"c">', name: `问'题"<&>`, nameEn: 'x', color: '#123456', key: '"' },
    ];
    const path = join(dir, 'config.xml');
    const relationTypes = [...DEFAULT_RELATION_TYPES, { id: 'x-y', name: `<关"系'&>`, nameEn: 'x', fromLabels: [], toLabels: [] }];
    writeFileSync(path, labelStudioConfig(labels, relationTypes));
    const script = [
      'import json, sys, xml.etree.ElementTree as ET',
      'root = ET.parse(sys.argv[1]).getroot()',
      'labels = root.find("Labels")',
      'assert labels.get("name") == "label" and labels.get("toName") == "text"',
      'assert root.find("Text").get("value") == "$text"',
      'areas = [[t.get("name"), t.get("toName"), t.get("perRegion")] for t in root.findall("TextArea")]',
      'assert areas == [["speaker", "text", "true"], ["note", "text", "true"]], areas',
      'rels = [[r.get("value"), r.get("hint")] for r in root.find("Relations").findall("Relation")]',
      'print(json.dumps([[[l.get("value"), l.get("hint"), l.get("background"), l.get("hotkey")] for l in labels.findall("Label")], rels], ensure_ascii=False))',
    ].join('\n');
    const [out, rels] = JSON.parse(execFileSync('python3', ['-c', script, path], { encoding: 'utf-8' })) as [string[][], string[][]];
    expect(out).toEqual(labels.map((l) => [l.id, l.name, l.color, l.key]));
    expect(rels).toEqual(relationTypes.map((t) => [t.id, t.name]));
  });
});
