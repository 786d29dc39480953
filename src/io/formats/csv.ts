/**
 * CSV for Excel and WPS: one row per annotation with the columns
 * `document,label,text,start,end,paragraph,created,speaker,note,annotator,origin`.
 *
 * - UTF-8 with a byte order mark: without it Excel reads the file as the local code page and
 *   Chinese turns to garbage. Rows end in CRLF (RFC 4180, what Excel writes).
 * - Quoting by papaparse: a field with a comma, a quote or a line break is quoted, quotes doubled.
 * - `document` is the title, `label` the label's name (its id when it has none), `start`/`end`
 *   half-open code points, `paragraph` the 1-based number of the paragraph (layout block, as in
 *   dataset JSONL's `#p<n>`) the span starts in, `created` its ISO date; `speaker`, `note` and
 *   `annotator` as set (empty when not), `origin` `manual`, `rule` or `model` (`model:<version>`
 *   when the model version is known; empty when not recorded). `relations` (the last column, so
 *   readers by name or by position of the earlier columns keep working): the relations that start
 *   at this span, each `<type> <start>-<end>` of its target span in the same record (code points),
 *   several joined by `; `, e.g. `addresses 12-20`; empty when there are none.
 * - A cell that a spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a
 *   leading apostrophe (papaparse `escapeFormulae`), so its `text` then differs from the quote by
 *   that apostrophe: a record's text is data, never a formula.
 */
import Papa from 'papaparse';
import { prepareExport } from './check';
import { paragraphUnits, unitAt } from './textUnits';
import type { ExportFormat, ExportInput, ExportResult } from './types';

export const CSV_FILE = 'annotations.csv';
export const CSV_COLUMNS = ['document', 'label', 'text', 'start', 'end', 'paragraph', 'created', 'speaker', 'note', 'annotator', 'origin', 'relations'] as const;
const BOM = '\uFEFF';
/** Papaparse's own pattern (`/^[=+\-@\t\r].*$/`) misses a formula cell that has a line break. */
const FORMULA = /^[=+\-@\t\r]/;

export function exportCsv(input: ExportInput): ExportResult {
  const { documents, check } = prepareExport('csv', input);
  const names = new Map(input.labels.map((l) => [l.id, l.name || l.id]));
  const rows: Array<Array<string | number>> = [];
  for (const { document: doc, annotations, index } of documents) {
    const paragraphs = paragraphUnits(doc, index);
    const byId = new Map(annotations.map((a) => [a.id, a]));
    for (const a of annotations) {
      check.slice(doc, a.id, index, 'codepoint', a.start, a.end, a.text);
      const p = unitAt(paragraphs, a.start);
      const origin = a.origin ? (a.origin.modelVersion !== undefined ? `${a.origin.kind}:${a.origin.modelVersion}` : a.origin.kind) : '';
      rows.push([
        doc.title,
        names.get(a.label) ?? a.label,
        a.text,
        a.start,
        a.end,
        p ? p.index : '',
        a.createdAt,
        a.speaker ?? '',
        a.note ?? '',
        a.annotator ?? '',
        origin,
        (a.links ?? [])
          .flatMap((l) => {
            const target = byId.get(l.to);
            return target ? [`${l.type} ${target.start}-${target.end}`] : [];
          })
          .join('; '),
      ]);
    }
  }
  check.done();
  const content =
    BOM +
    Papa.unparse(
      { fields: [...CSV_COLUMNS], data: rows },
      { quotes: false, quoteChar: '"', escapeChar: '"', delimiter: ',', newline: '\r\n', header: true, escapeFormulae: FORMULA },
    ) +
    '\r\n';
  return { files: [{ path: CSV_FILE, content, mime: 'text/csv;charset=utf-8' }], report: [] };
}

export const csvFormat: ExportFormat = {
  id: 'csv',
  title: 'CSV for Excel / WPS (UTF-8 with BOM)',
  offsetUnit: 'codepoint',
  keeps: ['spans', 'overlaps', 'relations', 'speaker', 'note', 'annotator', 'origin', 'dates'],
  export: (input) => exportCsv(input),
};
