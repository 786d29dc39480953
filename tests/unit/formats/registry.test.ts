import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS } from '../../../src/domain/labels';
import { problemOf } from '../../../src/domain/problem';
import { describeProblem } from '../../../src/i18n/messages';
import { EXPORT_FORMATS, FORMATS, importFormatOf, importGroupsOf, readFiles, zipFiles } from '../../../src/io/formats';
import { ASPECTS, type FileInput, type Format } from '../../../src/io/formats/types';

const NOW = '2025-01-01T00:00:00.000Z';
const bytes = (s: string) => new TextEncoder().encode(s);
const file = (name: string, content: string | Uint8Array): FileInput => ({ name, bytes: typeof content === 'string' ? bytes(content) : content });
const context = { now: NOW, labels: DEFAULT_LABELS };

/** The table docs/formats.md shows: one row per format, from the registry. */
function keepsTable(formats: readonly Format[]): string {
  const rows = formats.map((f) => {
    const ways = [f.import && 'import', f.export && 'export'].filter(Boolean).join(', ');
    const keeps = f.keeps.length ? f.keeps.join(', ') : '—';
    const drops = ASPECTS.filter((a) => !f.keeps.includes(a)).join(', ') || '—';
    return `| ${f.title} | \`${f.id}\` | ${ways} | ${keeps} | ${drops} |`;
  });
  return ['| format | id | ways | keeps | drops |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

describe('the format registry', () => {
  it('lists each format once, the exporters in the export dialog order', () => {
    expect(new Set(FORMATS.map((f) => f.id)).size).toBe(FORMATS.length);
    expect(EXPORT_FORMATS.map((f) => f.id)).toEqual(['json', 'jsonl', 'doccano', 'labelstudio', 'brat', 'w3c', 'bio', 'csv', 'summary-md', 'summary-html']);
    for (const f of FORMATS) for (const a of f.keeps) expect(ASPECTS).toContain(a);
  });

  it('is what docs/formats.md shows of what each format keeps and drops', () => {
    const docs = readFileSync(new URL('../../../docs/formats.md', import.meta.url), 'utf8');
    expect(docs).toContain(keepsTable(FORMATS));
  });

  it('sends each file to its format: by name, and by content where two formats share an extension', () => {
    const of = (name: string, content = '') => importFormatOf(file(name, content)).id;
    expect(of('a.json', '{"format":"yishi.annotations"}')).toBe('json');
    expect(of('a.json', '  [{"data":{"text":"x"}}]')).toBe('labelstudio');
    expect(of('a.json', '{"data":{"text":"x"}}')).toBe('labelstudio');
    expect(of('a.jsonl', `\n{"text":"${'长'.repeat(30_000)}","spans":[]}\n`)).toBe('jsonl');
    expect(of('a.jsonl', '{"text":"x","label":[]}')).toBe('doccano');
    expect(of('a.zip')).toBe('brat');
    expect(of('a.md')).toBe('text');
    expect(of('a.TXT')).toBe('text');
    // A file no format claims goes to the text importer, which refuses it naming the extensions.
    expect(of('a.xlsx')).toBe('text');
  });

  it('groups brat pairs by one rule, for files chosen together and the files of a zip', () => {
    expect(importGroupsOf(['a.txt', 'b.ann', 'c.json', 'B.txt', 'b.TXT', 'd.txt', 'e.ANN', 'e.txt']).map((g) => [g.indices, g.format?.id])).toEqual([
      [[0], undefined],
      [[1, 4], 'brat'],
      [[2], undefined],
      [[3], undefined],
      [[5], undefined],
      [[6, 7], 'brat'],
    ]);
    const pair = [file('会议.txt', '第一次会议'), file('会议.ann', 'T1\tproblem 0 2\t第一\n')];
    const zip = zipFiles([{ path: '会议.txt', content: '第一次会议', mime: 'text/plain' }, { path: '会议.ann', content: 'T1\tproblem 0 2\t第一\n', mime: 'text/plain' }], NOW);
    const chosen = readFiles(pair, context);
    const zipped = readFiles([file('pairs.zip', zip)], context);
    expect(chosen.ok.map((o) => o.name)).toEqual(['会议.txt, 会议.ann']);
    const undated = (o: (typeof chosen.ok)[number]) => o.items.map((i) => ({ id: i.document.id, text: i.document.text, spans: i.annotations.map((a) => [a.id, a.start, a.end]) }));
    expect(undated(chosen.ok[0]!)).toEqual(undated(zipped.ok[0]!));
    expect(undated(chosen.ok[0]!)[0]!.spans).toEqual([[expect.any(String), 0, 2]]);
  });

  it('tells what it read as a Problem the interface renders in Chinese, and in English as before', () => {
    const { ok } = readFiles(
      [file('a.txt', '\ufeff第一行\r\n第二行'), file('b.json', JSON.stringify([{ data: { text: '第一次会议' }, annotations: [{ result: [{ type: 'labels', value: { start: 0, end: 2, text: '第一', labels: ['problem'] } }] }] }]))],
      context,
    );
    expect(ok.map((o) => o.note)).toEqual(['decoded as UTF-8 with BOM; removed byte order mark, line breaks CRLF/CR → LF', 'Label Studio: 1 document(s), 1 annotation(s)']);
    expect(ok.map((o) => describeProblem('zh-CN', o.notice))).toEqual([
      '按 UTF-8 with BOM 解码；去掉了开头的字节顺序标记（BOM），换行符 CRLF/CR 统一为 LF',
      'Label Studio：1 份记录，1 处标注',
    ]);
  });

  it('refuses a bad file with a Problem that names it, in Chinese too', () => {
    const { failed } = readFiles([file('表.xlsx', 'x'), file('坏.json', new Uint8Array([0x7b, 0xff])), file('空.txt', '')], context);
    expect(failed.map((f) => f.message)).toEqual([
      '“表.xlsx”: unsupported file type “.xlsx”; Yishi imports .txt, .text, .md and .markdown files',
      // strict UTF-8 names the first bad byte (io/jsonInput.ts)
      '“坏.json” is not valid UTF-8 (first bad byte at offset 1); save it as UTF-8 and import it again. Nothing was imported.',
      '“空.txt”: the file is empty',
    ]);
    expect(failed.map((f) => describeProblem('zh-CN', f.problem))).toEqual([
      '“表.xlsx”：不支持的文件类型“.xlsx”；议事可导入 .txt、.text、.md 和 .markdown 文件',
      '“坏.json”不是有效的 UTF-8（第一个错误字节在偏移 1）；请另存为 UTF-8 后重新导入。未导入任何内容。',
      '“空.txt”是空文件',
    ]);
    expect(problemOf(new Error('x'))).toBeUndefined();
  });
});
