/**
 * doccano JSONL (sequence labelling): one line per document,
 *
 * ```
 * {"id":"<doc id>","text":"…","label":[[start,end,"<label id>"],…],"title":"…","offset_unit":"utf16"}
 * ```
 *
 * doccano counts offsets in UTF-16 code units (JavaScript string indices), so this format does
 * too, and says so in every line (`offset_unit`; doccano keeps unknown keys as metadata). The
 * importer also reads the relation variant `{"text","entities":[{"id","label","start_offset",
 * "end_offset"}],"relations":[…]}` (relations are not imported: Yishi has none yet).
 */
import { prepareExport } from './check';
import { documentIdFromText, isRecord, jsonLines, own } from './common';
import { canonicalise, checkSpan, DocumentCollector, importSetup, textRecords, stemOf } from './importCommon';
import type { ExportFormat, ExportInput, ExportResult, ImportOptions, ImportResult } from './types';

export const DOCCANO_FILE = 'doccano.jsonl';

export function exportDoccano(input: ExportInput): ExportResult {
  const { documents, check } = prepareExport('doccano', input);
  const lines = documents.map(({ document: doc, annotations, index }) => {
    const label = annotations.map((a): [number, number, string] => {
      const start = index.toUtf16(a.start);
      const end = index.toUtf16(a.end);
      check.slice(doc, a.id, index, 'utf16', start, end, a.text);
      return [start, end, a.label];
    });
    return { id: doc.id, text: doc.text, label, title: doc.title, offset_unit: 'utf16' };
  });
  check.done();
  return { files: [{ path: DOCCANO_FILE, content: jsonLines(lines), mime: 'application/jsonl' }], report: [] };
}

export const doccanoFormat: ExportFormat = {
  id: 'doccano',
  title: 'doccano JSONL (UTF-16 offsets)',
  offsetUnit: 'utf16',
  export: (input) => exportDoccano(input),
};

/**
 * Reads doccano JSONL, both the `label` variant and the `entities` variant; offsets are UTF-16
 * code units and are converted to code points (an offset inside a surrogate pair refuses the
 * file). doccano has no quotes, so offsets are checked against the text length and pairs only.
 * A string `id` is kept as the document id; doccano's own numeric ids are project-internal and
 * are not used (the id is then derived from the text).
 */
export function importDoccano(content: string, sourceName: string, options?: ImportOptions): ImportResult {
  const { p, labels, now } = importSetup(sourceName, options);
  const docs = new DocumentCollector(p);
  const stem = stemOf(sourceName);
  for (const { line, at, value, text } of textRecords(content, p)) {
    const canonical = canonicalise(text);
    const idRaw = own(value, 'id');
    const title = own(value, 'title');
    const entry = docs.add(at, {
      id: typeof idRaw === 'string' && idRaw !== '' ? idRaw : documentIdFromText(canonical.text),
      title: typeof title === 'string' ? title : `${stem} ${line}`,
      canonical,
      format: 'plain',
      meta: { sourceName },
      createdAt: now,
      updatedAt: now,
    });
    if (!entry) continue;

    const add = (where: string, label: unknown, start: unknown, end: unknown): void => {
      if (typeof label !== 'string' || label === '') {
        p.add(where, `the label must be a non-empty string, found ${JSON.stringify(label)}`);
        return;
      }
      const range = checkSpan(p, where, canonical.raw, 'utf16', start, end, undefined);
      if (!range) return;
      docs.addSpan(entry, where, { id: undefined, label: labels.resolve(label), ...range, createdAt: now, updatedAt: now });
    };

    const labelList = own(value, 'label') ?? own(value, 'labels');
    const entities = own(value, 'entities');
    if (labelList !== undefined) {
      if (!Array.isArray(labelList)) {
        p.add(at, 'label: must be an array of [start, end, "LABEL"]');
        continue;
      }
      labelList.forEach((item: unknown, k) => {
        const where = `${at}, label[${k}]`;
        if (!Array.isArray(item) || item.length < 3) {
          p.add(
            where,
            typeof item === 'string'
              ? 'is a text-classification label, not a span [start, end, "LABEL"]'
              : 'must be [start, end, "LABEL"]',
          );
          return;
        }
        add(where, item[2], item[0], item[1]);
      });
    }
    if (entities !== undefined) {
      if (!Array.isArray(entities)) {
        p.add(at, 'entities: must be an array');
        continue;
      }
      entities.forEach((e: unknown, k) => {
        const where = `${at}, entities[${k}]${isRecord(e) && own(e, 'id') !== undefined ? ` (id ${String(own(e, 'id'))})` : ''}`;
        if (!isRecord(e)) {
          p.add(where, 'must be an object {"id","label","start_offset","end_offset"}');
          return;
        }
        add(where, own(e, 'label'), own(e, 'start_offset'), own(e, 'end_offset'));
      });
    }
  }
  return docs.finish(labels);
}
