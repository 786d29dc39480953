/**
 * doccano JSONL, one line per document. Without relations, the sequence-labelling variant that
 * every doccano sequence-labelling project imports:
 *
 * ```
 * {"id":"<doc id>","text":"…","label":[[start,end,"<label id>"],…],"title":"…","offset_unit":"utf16"}
 * ```
 *
 * When any document of the export has a relation, every line is written in the relation variant
 * ("JSONL(Relation)", imported by projects with relation labelling on):
 *
 * ```
 * {"id":"<doc id>","text":"…","entities":[{"id":1,"label":"problem","start_offset":3,"end_offset":9}],
 *  "relations":[{"id":1,"from_id":2,"to_id":1,"type":"addresses"}],"title":"…","offset_unit":"utf16"}
 * ```
 *
 * doccano reads entity and relation ids as integers, so they are 1, 2, 3… per line (entities in
 * text order); the annotation and relation ids do not travel (on import they are derived from the
 * spans and the relation ends). One variant for the whole file, because a doccano project imports
 * one format. doccano counts offsets in UTF-16 code units (JavaScript string indices), so this
 * format does too, and says so in every line (`offset_unit`; doccano keeps unknown keys as
 * metadata). Speaker, note, annotator and origin have no place in doccano and are not written.
 */
import { prepareExport } from './check';
import { documentIdFromText, jsonLines } from './common';
import { isRecord, own } from '../../domain/json';
import { canonicalise, checkSpan, DocumentCollector, importSetup, textRecords, stemOf } from './importCommon';
import { documentRelations, hasRelations, resolveRelationType } from './relationTypes';
import { countedOutcome, extensionOf, utf8Text } from './importOutcome';
import type { ExportFormat, ExportInput, ExportResult, ImportOptions, ImportResult } from './types';

export const DOCCANO_FILE = 'doccano.jsonl';

export function exportDoccano(input: ExportInput): ExportResult {
  const { documents, check } = prepareExport('doccano', input);
  const relationVariant = hasRelations(documents);
  const lines = documents.map((d) => {
    const { document: doc, annotations, index } = d;
    const spans = annotations.map((a) => {
      const start = index.toUtf16(a.start);
      const end = index.toUtf16(a.end);
      check.slice(doc, a.id, index, 'utf16', start, end, a.text);
      return { start, end, label: a.label };
    });
    if (!relationVariant) {
      const label = spans.map((x): [number, number, string] => [x.start, x.end, x.label]);
      return { id: doc.id, text: doc.text, label, title: doc.title, offset_unit: 'utf16' };
    }
    const number = new Map(annotations.map((a, k) => [a.id, k + 1]));
    const entities = spans.map((x, k) => ({ id: k + 1, label: x.label, start_offset: x.start, end_offset: x.end }));
    const relations = documentRelations(d).map((r, k) => ({ id: k + 1, from_id: number.get(r.from)!, to_id: number.get(r.to)!, type: r.type }));
    return { id: doc.id, text: doc.text, entities, relations, title: doc.title, offset_unit: 'utf16' };
  });
  check.done();
  return { files: [{ path: DOCCANO_FILE, content: jsonLines(lines), mime: 'application/jsonl' }], report: [] };
}

export const doccanoFormat: ExportFormat = {
  id: 'doccano',
  title: 'doccano JSONL (UTF-16 offsets)',
  offsetUnit: 'utf16',
  keeps: ['spans', 'overlaps', 'relations'],
  export: (input) => exportDoccano(input),
  import: {
    // Any .jsonl; dataset JSONL, also .jsonl, is told apart by its "spans".
    sniff: (file) => (extensionOf(file.name) === 'jsonl' ? 1 : 0),
    read: ([file], { labels }) => countedOutcome('doccano JSONL', importDoccano(utf8Text(file!), file!.name, { labels })),
  },
};

/**
 * Reads doccano JSONL, both the `label` variant and the `entities` variant; offsets are UTF-16
 * code units and are converted to code points (an offset inside a surrogate pair refuses the
 * file). doccano has no quotes, so offsets are checked against the text length and pairs only.
 * A string `id` is kept as the document id; doccano's own numeric ids are project-internal and
 * are not used (the id is then derived from the text). The relation variant's `relations`
 * (`from_id`/`to_id` entity ids of the same line, `type` mapped by id or name) are read; one
 * whose entity is missing refuses the file.
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

    const add = (where: string, label: unknown, start: unknown, end: unknown): string | undefined => {
      if (typeof label !== 'string' || label === '') {
        p.add(where, `the label must be a non-empty string, found ${JSON.stringify(label)}`);
        return undefined;
      }
      const range = checkSpan(p, where, canonical.raw, 'utf16', start, end, undefined);
      if (!range) return undefined;
      return docs.addSpan(entry, where, { id: undefined, label: labels.resolve(label), ...range, createdAt: now, updatedAt: now });
    };

    const labelList = own(value, 'label') ?? own(value, 'labels');
    const entities = own(value, 'entities');
    /** Entity id (as in the file) → the annotation id it got. */
    const entityIds = new Map<string, string>();
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
        const id = add(where, own(e, 'label'), own(e, 'start_offset'), own(e, 'end_offset'));
        const eid = own(e, 'id');
        if (id !== undefined && (typeof eid === 'number' || typeof eid === 'string')) entityIds.set(String(eid), id);
      });
    }
    const relations = own(value, 'relations');
    if (relations === undefined) continue;
    if (!Array.isArray(relations)) {
      p.add(at, 'relations: must be an array');
      continue;
    }
    relations.forEach((r: unknown, k) => {
      const where = `${at}, relations[${k}]${isRecord(r) && own(r, 'id') !== undefined ? ` (id ${String(own(r, 'id'))})` : ''}`;
      if (!isRecord(r)) {
        p.add(where, 'must be an object {"id","from_id","to_id","type"}');
        return;
      }
      const type = own(r, 'type');
      const resolved = typeof type === 'string' ? resolveRelationType(type, options?.relationTypes) : undefined;
      if (resolved === undefined) {
        p.add(where, `type: must be a relation type or a plain identifier (letters, digits, _ or -), found ${JSON.stringify(type)}`);
        return;
      }
      const ends = (['from_id', 'to_id'] as const).map((field) => {
        const v = own(r, field);
        const id = typeof v === 'number' || typeof v === 'string' ? entityIds.get(String(v)) : undefined;
        if (id === undefined) p.add(where, `${field}: ${JSON.stringify(v)} is not the id of an entity on this line`);
        return id;
      });
      if (ends[0] !== undefined && ends[1] !== undefined) docs.addRelation(entry, where, { type: resolved, from: ends[0], to: ends[1] });
    });
  }
  return docs.finish(labels);
}
