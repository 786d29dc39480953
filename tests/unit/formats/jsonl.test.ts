/** Dataset JSONL: paragraph and sentence lines, the train/dev/test split and stats.json. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS } from '../../../src/domain/labels';
import { exportFormat } from '../../../src/io/formats';
import { assignSplits, importDatasetJsonl, mulberry32, quartiles } from '../../../src/io/formats/jsonl';
import type { ExportInput } from '../../../src/io/formats/types';
import { ann, EXPORTED, filesOf, fixtureInput, pySlice, T0 } from './fixtures';

interface Line {
  id: string;
  text: string;
  spans: Array<{ id: string; start: number; end: number; label: string; text: string }>;
  relations: Array<{ id: string; type: string; from: string; to: string }>;
  meta: Record<string, unknown>;
}
const lines = (content: string): Line[] => content.trimEnd().split('\n').map((l) => JSON.parse(l) as Line);

describe('dataset JSONL by paragraph and by sentence', () => {
  it('paragraph lines: ids doc#p<n>, offsets relative to the paragraph, crossing spans reported', () => {
    const input = fixtureInput();
    const result = exportFormat('jsonl').export(input, { unit: 'paragraph' });
    const out = lines(filesOf(result)['jsonl/dataset.jsonl']!);
    const meeting = out.filter((l) => l.meta.document_id === 'doc-meeting');
    expect(meeting.map((l) => l.id)).toEqual(['doc-meeting#p1', 'doc-meeting#p2', 'doc-meeting#p3', 'doc-meeting#p4', 'doc-meeting#p5', 'doc-meeting#p6']);
    expect(meeting.map((l) => l.text)).toEqual([
      '# 专题议政会综述',
      '## 委员观点',
      '张委员：𠮷祥物产业要发展，问题是资金不足。建议设立专项基金！',
      '👩‍💻 程序员说：“要加强人才培养。”下一句；\n第二行继续，含逗号,和"引号"。',
      '### 回应',
      '有关部门表示将研究𠮷祥物方案。', // the U+3000 indentation is trimmed
    ]);
    const doc = input.documents[0]!.document.text;
    for (const l of out) {
      for (const s of l.spans) {
        expect(pySlice(l.text, s.start, s.end)).toBe(s.text);
        // offset_in_document puts the span back into the whole text.
        const at = l.meta.offset_in_document as number;
        expect(pySlice(l.meta.document_id === 'doc-meeting' ? doc : input.documents[1]!.document.text, at + s.start, at + s.end)).toBe(s.text);
      }
      expect(l.meta.offset_unit).toBe('codepoint');
    }
    const p3 = meeting[2]!;
    expect(p3.spans.find((s) => s.id === 'a1')).toMatchObject({ start: 4, end: 12 });
    // a6 crosses from p3 into p4: not written, reported.
    expect(out.flatMap((l) => l.spans.map((s) => s.id))).not.toContain('a6');
    // Relations inside one paragraph stay on its line; a10 → a3 joins p6 and p3: reported.
    expect(p3.relations).toEqual([{ id: 'r1', type: 'addresses', from: 'a3', to: 'a2' }]);
    expect(meeting[3]!.relations).toEqual([{ id: 'r3', type: 'addresses', from: 'a7', to: 'a8' }]);
    expect(out.flatMap((l) => l.relations.map((r) => r.id))).not.toContain('r2');
    expect(result.report).toHaveLength(2);
    expect(result.report[0]).toMatch(/a6 \[45, 60\).*crosses a paragraph boundary \(p3–p4\)/s);
    expect(result.report[1]).toMatch(/responds_to relation r2 from a10 to a3 joins spans of different paragraphs \(p6, p3\); it is not in the export/);
    const stats = JSON.parse(filesOf(result)['jsonl/stats.json']!) as Record<string, unknown>;
    expect(stats.dropped_spans).toBe(1);
    expect(stats.dropped_relations).toBe(1);
    expect(stats.relations).toBe(2);
    expect(stats.unit).toBe('paragraph');
  });

  it('sentence lines: ids doc#s<n>, every span that crosses a sentence end reported', () => {
    const result = exportFormat('jsonl').export(fixtureInput(), { unit: 'sentence' });
    const out = lines(filesOf(result)['jsonl/dataset.jsonl']!);
    expect(out[0]!.id).toBe('doc-meeting#s1');
    expect(out.map((l) => l.text)).toContain('👩‍💻 程序员说：“要加强人才培养。”');
    expect(out.map((l) => l.text)).toContain('下一句；');
    const dropped = result.report.flatMap((r) => /span (\S+) \[/.exec(r)?.[1] ?? []);
    expect(dropped.sort()).toEqual(['a4', 'a5', 'a6', 'a8']);
    // Every relation of the fixture joins two sentences (or a dropped span): none is written.
    const droppedRelations = result.report.flatMap((r) => / relation (\S+) /.exec(r)?.[1] ?? []);
    expect(droppedRelations.sort()).toEqual(['r1', 'r2', 'r3']);
    expect(out.every((l) => l.relations.length === 0)).toBe(true);
    for (const l of out) for (const s of l.spans) expect(pySlice(l.text, s.start, s.end)).toBe(s.text);
  });

  it('a unit line imports as a document of its own', () => {
    const content = filesOf(exportFormat('jsonl').export(fixtureInput(), { unit: 'paragraph' }))['jsonl/dataset.jsonl']!;
    const imported = importDatasetJsonl(content, 'p.jsonl');
    expect(imported.documents.map((d) => d.document.id)).toContain('doc-meeting#p3');
    expect(imported.documents.find((d) => d.document.id === 'doc-meeting#p3')!.annotations.map((a) => a.id)).toEqual(['a4', 'a1', 'a2', 'a5', 'a3']);
  });
});

function manyDocuments(n: number): ExportInput {
  const documents = Array.from({ length: n }, (_, i) => {
    const text = `第${i}号文件：问题${'很'.repeat(i)}多。`;
    return {
      document: { id: `d${i}`, title: `文件${i}`, text, format: 'plain' as const, meta: {}, createdAt: T0, updatedAt: T0 },
      annotations: [ann(`x${i}`, i % 2 === 0 ? 'problem' : 'proposal', text, `问题${'很'.repeat(i)}多`)],
    };
  });
  return { documents, labels: DEFAULT_LABELS, exportedAt: EXPORTED };
}

describe('train/dev/test split and stats.json', () => {
  it('mulberry32 is the published generator', () => {
    // The reference implementation (Tommy Ettinger's mulberry32 as commonly published in JS).
    function reference(seed: number): () => number {
      let a = seed;
      return () => {
        let t = (a += 0x6d2b79f5);
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
    }
    const r = mulberry32(1);
    expect([r(), r(), r()].map((x) => x.toFixed(10))).toEqual(['0.6270739406', '0.0027357212', '0.5274470400']);
    for (const seed of [0, 42, 123456789]) {
      const mine = mulberry32(seed);
      const ref = reference(seed);
      for (let i = 0; i < 1000; i++) expect(mine()).toBe(ref());
    }
  });

  it('splits by document, reproducibly for a seed, in the given ratios', () => {
    const input = manyDocuments(20);
    const split = { seed: 42, train: 0.8, dev: 0.1, test: 0.1 };
    const a = filesOf(exportFormat('jsonl').export(input, { split }));
    const b = filesOf(exportFormat('jsonl').export(input, { split }));
    expect(a).toEqual(b);
    const ids = (name: string) => lines(a[`jsonl/${name}.jsonl`] ?? '').map((l) => l.id);
    expect([ids('train').length, ids('dev').length, ids('test').length]).toEqual([16, 2, 2]);
    expect([...ids('train'), ...ids('dev'), ...ids('test')].sort()).toEqual(input.documents.map((d) => d.document.id).sort());
    expect(a['jsonl/dataset.jsonl']).toBeUndefined();
    const other = filesOf(exportFormat('jsonl').export(input, { split: { ...split, seed: 7 } }));
    expect(other['jsonl/train.jsonl']).not.toEqual(a['jsonl/train.jsonl']);
    const stats = JSON.parse(a['jsonl/stats.json']!) as { split: Record<string, { documents: number; spans: number }> & { seed: number } };
    expect(stats.split.seed).toBe(42);
    expect(stats.split.train!.documents).toBe(16);
    expect(stats.split.dev!.spans + stats.split.test!.spans + stats.split.train!.spans).toBe(20);
  });

  it('keeps all the paragraph lines of a document in one split', () => {
    const input = manyDocuments(10);
    for (const d of input.documents) d.document.text += '\n第二段。';
    const files = filesOf(exportFormat('jsonl').export(input, { unit: 'paragraph', split: { seed: 9, train: 0.6, dev: 0.2, test: 0.2 } }));
    const where = new Map<string, Set<string>>();
    for (const name of ['train', 'dev', 'test']) {
      for (const l of lines(files[`jsonl/${name}.jsonl`] ?? '')) {
        const set = where.get(l.meta.document_id as string) ?? new Set();
        set.add(name);
        where.set(l.meta.document_id as string, set);
      }
    }
    expect(where.size).toBe(10);
    for (const set of where.values()) expect(set.size).toBe(1);
  });

  it('cuts by rounded ratios and refuses impossible ratios', () => {
    const assigned = assignSplits(5, { seed: 3, train: 1, dev: 1, test: 1 });
    expect(assigned.filter((x) => x === 'train')).toHaveLength(2);
    expect(assigned.filter((x) => x === 'dev')).toHaveLength(2);
    expect(assigned.filter((x) => x === 'test')).toHaveLength(1);
    expect(() => assignSplits(3, { seed: 1, train: 0, dev: 0, test: 0 })).toThrow(/zero/);
    expect(() => assignSplits(3, { seed: 1, train: -1, dev: 1, test: 1 })).toThrow(/train/);
  });

  it('stats.json counts documents, code-point characters, spans per label and span length quartiles', () => {
    const input = manyDocuments(4); // span lengths 3, 4, 5, 6
    const stats = JSON.parse(filesOf(exportFormat('jsonl').export(input, {}))['jsonl/stats.json']!) as Record<string, unknown>;
    const chars = input.documents.reduce((n, d) => n + Array.from(d.document.text).length, 0);
    expect(stats).toMatchObject({
      offset_unit: 'codepoint',
      documents: 4,
      characters: chars,
      spans: 4,
      spans_per_label: { proposal: 2, problem: 2, recommendation: 0, response: 0 },
      span_length_quartiles: { min: 3, q1: 3.75, median: 4.5, q3: 5.25, max: 6 },
    });
    expect(quartiles([])).toBeNull();
    expect(quartiles([7])).toEqual({ min: 7, q1: 7, median: 7, q3: 7, max: 7 });
    // 𠮷 counts once.
    const astral = JSON.parse(filesOf(exportFormat('jsonl').export(fixtureInput(), {}))['jsonl/stats.json']!) as { characters: number };
    expect(astral.characters).toBe(fixtureInput().documents.reduce((n, d) => n + Array.from(d.document.text).length, 0));
  });
});
