/** CSV for Excel/WPS: BOM, columns, quoting by RFC 4180, formula cells defused. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS } from '../../../src/domain/labels';
import { exportFormat } from '../../../src/io/formats';
import { CSV_FILE } from '../../../src/io/formats/csv';
import { zipFiles } from '../../../src/io/formats/zip';
import { unzipSync } from 'fflate';
import { ann, EXPORTED, fixtureInput, NOTE, SPEAKER_WITH_SPACE, T0 } from './fixtures';

/** An RFC 4180 reader written for the test (independent of papaparse). */
function readCsv(s: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < s.length) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        field += c;
        i++;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      i++;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r' && s[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else {
      expect(c, `unquoted ${JSON.stringify(c)} at ${i}`).not.toMatch(/["\r\n]/);
      field += c;
      i++;
    }
  }
  expect(field, 'the file ends with CRLF').toBe('');
  expect(row).toEqual([]);
  return rows;
}

const csvOf = (input = fixtureInput()): string => exportFormat('csv').export(input, {}).files.find((f) => f.path === CSV_FILE)!.content as string;

describe('CSV export', () => {
  it('starts with the UTF-8 byte order mark, in the file and in the zip', () => {
    const content = csvOf();
    expect(content.charCodeAt(0)).toBe(0xfeff);
    const bytes = new TextEncoder().encode(content);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const zipped = unzipSync(zipFiles(exportFormat('csv').export(fixtureInput(), {}).files, EXPORTED));
    expect([...zipped[CSV_FILE]!.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('has one row per annotation with document, label, text, start, end, paragraph, created and the attributes', () => {
    const rows = readCsv(csvOf().slice(1));
    expect(rows[0]).toEqual(['document', 'label', 'text', 'start', 'end', 'paragraph', 'created', 'speaker', 'note', 'annotator', 'origin', 'relations']);
    expect(rows).toHaveLength(1 + 14);
    expect(rows[1]).toEqual(['专题议政会综述', '主张', '张委员：𠮷祥物产业要发展，问题是资金不足。建议设立专项基金！', '20', '50', '3', T0, '', '', '', '', '']);
    expect(rows.find((r) => r[2] === '有关部门表示将研究𠮷祥物方案')).toEqual([
      '专题议政会综述', '回应', '有关部门表示将研究𠮷祥物方案', '104', '118', '6', T0, SPEAKER_WITH_SPACE, '', '', 'rule', expect.stringMatching(/^responds_to \d+-\d+$/),
    ]);
    // The note with a comma, a quote, a line break, a tab and a backslash comes back whole.
    expect(rows.find((r) => r[2] === '问题是资金不足')!.slice(7)).toEqual(['张委员', NOTE, '', 'manual', '']);
    expect(rows.find((r) => r[2] === '建议设立专项基金')!.slice(7, 11)).toEqual(['张委员', '', '李分析师', 'model:suggest-0.3']);
  });

  it('has a last column with the relations that start at each span, naming the target by its offsets', () => {
    const rows = readCsv(csvOf().slice(1));
    const at = (quote: string) => rows.find((r) => r[2] === quote)!;
    const where = (quote: string) => `${at(quote)[3]}-${at(quote)[4]}`;
    expect(rows[0]!.at(-1)).toBe('relations');
    expect(at('建议设立专项基金')[11]).toBe(`addresses ${where('问题是资金不足')}`);
    expect(at('有关部门表示将研究𠮷祥物方案')[11]).toBe(`responds_to ${where('建议设立专项基金')}`);
    expect(at('要加强人才培养')[11]).toBe(`addresses ${where('下一句；\n第二行继续')}`);
    expect(at('问题是资金不足')[11]).toBe('');
    expect(rows.every((r) => r.length === 12)).toBe(true);
  });

  it('defuses formulas in the attribute columns too', () => {
    const rows = readCsv(csvOf().slice(1));
    expect(rows.find((r) => r[2] === '含逗号,和"引号"')![8]).toBe("'=SUM(1,2)");
  });

  it('quotes commas, quotes and line breaks correctly', () => {
    const content = csvOf();
    expect(content).toContain(',"含逗号,和""引号""",');
    expect(content).toContain(',"专项基金！\n\n👩‍💻 程序员说",');
    const rows = readCsv(content.slice(1));
    expect(rows.map((r) => r[2])).toContain('含逗号,和"引号"');
    expect(rows.map((r) => r[2])).toContain('下一句；\n第二行继续');
  });

  it('defuses cells a spreadsheet would run as a formula, even over several lines', () => {
    const text = '甲=SUM(1,2)\n+1乙';
    const input = {
      documents: [
        {
          document: { id: 'f', title: '=HYPERLINK("x")', text, format: 'plain' as const, meta: {}, createdAt: T0, updatedAt: T0 },
          annotations: [ann('f1', 'problem', text, '=SUM(1,2)\n+1')],
        },
      ],
      labels: DEFAULT_LABELS,
      exportedAt: EXPORTED,
    };
    const rows = readCsv(csvOf(input).slice(1));
    expect(rows[1]![0]).toBe(`'=HYPERLINK("x")`);
    expect(rows[1]![2]).toBe(`'=SUM(1,2)\n+1`);
    expect(rows[1]![3]).toBe('1');
  });
});
