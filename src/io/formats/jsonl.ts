/**
 * Dataset JSONL (Hugging Face `datasets`, spaCy-style spans):
 *
 * ```
 * {"id":"<doc id>","text":"…","spans":[{"id","start","end","label","text",
 *            "speaker"?,"note"?,"annotator"?,"origin"?:{"kind","model_version"?}}],
 *  "relations":[{"id","type","from","to"}],
 *  "meta":{"offset_unit":"codepoint","unit":"document","title","format","source_name"?}}
 * ```
 *
 * A span's attributes are there when set. `relations` (always present, maybe empty, so every
 * line has the same keys) joins span ids of the same line.
 *
 * One line per document, or per paragraph / sentence (`options.unit`): then `id` is
 * `<doc id>#p3` / `<doc id>#s12` (1-based, in text order), `text` is the unit's text, offsets are
 * relative to it, and `meta` adds `document_id`, `index` and `offset_in_document` (code points).
 * A span that crosses a unit boundary cannot be written in a unit line: it is left out and
 * listed in the report, and so is a relation whose ends are not both in one unit line (it is
 * left out). Offsets are half-open Unicode code points: Python's `text[start:end]`.
 *
 * With `options.split`, documents (never parts of one) are shuffled with a seeded PRNG
 * (mulberry32) and cut into train/dev/test by the given ratios. `stats.json` is always written.
 */
import type { Annotation } from '../../domain/annotation';
import type { Relation } from '../../domain/relations';
import type { TextFormat } from '../../domain/document';
import { TextIndex } from '../../domain/textIndex';
import { prepareExport, type PreparedDocument } from './check';
import { documentRelations, resolveRelationType } from './relationTypes';
import { documentIdFromText, jsonLines } from './common';
import { isRecord, own } from '../../domain/json';
import {
  canonicalise,
  checkSpan,
  DocumentCollector,
  importSetup,
  textRecords,
  stemOf,
  type SpanAttributes,
} from './importCommon';
import { paragraphUnits, sentenceUnits, unitAt, type TextUnit } from './textUnits';
import { countedOutcome, extensionOf, firstLine, utf8Text } from './importOutcome';
import { ExportReport, spanQuote } from './report';
import type {
  ExportFile,
  ExportFormat,
  ExportInput,
  ExportResult,
  FormatOptions,
  ImportOptions,
  ImportResult,
  SplitOptions,
} from './types';

export const JSONL_DIR = 'jsonl';
const MIME_JSONL = 'application/jsonl';

interface JsonlSpan {
  id: string;
  start: number;
  end: number;
  label: string;
  text: string;
  speaker?: string;
  note?: string;
  annotator?: string;
  origin?: { kind: string; model_version?: string };
}

interface JsonlRelation {
  id: string;
  type: string;
  from: string;
  to: string;
}

interface JsonlRecord {
  id: string;
  text: string;
  spans: JsonlSpan[];
  relations: JsonlRelation[];
  meta: Record<string, unknown>;
}

export type SplitName = 'train' | 'dev' | 'test';

/** mulberry32: a small, well-known seeded PRNG; the same seed gives the same split everywhere. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Assigns each of `n` documents (by index) to a split: a Fisher–Yates shuffle driven by
 * mulberry32(seed), then the first round(n·train/total) go to train, the next round(n·dev/total)
 * to dev, the rest to test.
 */
export function assignSplits(n: number, split: SplitOptions): SplitName[] {
  const { seed, train, dev, test } = split;
  for (const [k, v] of [['train', train], ['dev', dev], ['test', test]] as const) {
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`split ratio ${k} must be a non-negative number, found ${v}`);
  }
  const total = train + dev + test;
  if (total <= 0) throw new RangeError('split ratios must not all be zero');
  if (!Number.isInteger(seed)) throw new RangeError(`split seed must be an integer, found ${seed}`);
  const order = Array.from({ length: n }, (_, i) => i);
  const random = mulberry32(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const nTrain = Math.round((n * train) / total);
  const nDev = Math.min(n - nTrain, Math.round((n * dev) / total));
  const out: SplitName[] = new Array<SplitName>(n);
  order.forEach((doc, rank) => {
    out[doc] = rank < nTrain ? 'train' : rank < nTrain + nDev ? 'dev' : 'test';
  });
  return out;
}

/** Quartiles by linear interpolation between closest ranks (numpy's default, R type 7). */
export function quartiles(values: readonly number[]): { min: number; q1: number; median: number; q3: number; max: number } | null {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  const at = (q: number): number => {
    const pos = (v.length - 1) * q;
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    return v[lo]! + (v[hi]! - v[lo]!) * (pos - lo);
  };
  return { min: v[0]!, q1: at(0.25), median: at(0.5), q3: at(0.75), max: v[v.length - 1]! };
}

interface Stats {
  documents: number;
  lines: number;
  characters: number;
  spans: number;
  relations: number;
  spans_per_label: Record<string, number>;
  span_length_quartiles: ReturnType<typeof quartiles>;
}

function statsOf(docs: readonly PreparedDocument[], records: readonly JsonlRecord[], labelIds: readonly string[]): Stats {
  // A Map, not {}: a label id such as "__proto__" would set the object's prototype, not count.
  const perLabel = new Map<string, number>();
  for (const id of labelIds) perLabel.set(id, 0);
  const lengths: number[] = [];
  for (const r of records) {
    for (const s of r.spans) {
      perLabel.set(s.label, (perLabel.get(s.label) ?? 0) + 1);
      lengths.push(s.end - s.start);
    }
  }
  return {
    documents: docs.length,
    lines: records.length,
    characters: docs.reduce((n, d) => n + d.index.lengthCodePoints, 0),
    spans: lengths.length,
    relations: records.reduce((n, r) => n + r.relations.length, 0),
    spans_per_label: Object.fromEntries(perLabel),
    span_length_quartiles: quartiles(lengths),
  };
}

const toSpan = (a: Annotation, shift: number): JsonlSpan => ({
  id: a.id,
  start: a.start - shift,
  end: a.end - shift,
  label: a.label,
  text: a.text,
  ...(a.speaker !== undefined && { speaker: a.speaker }),
  ...(a.note !== undefined && { note: a.note }),
  ...(a.annotator !== undefined && { annotator: a.annotator }),
  ...(a.origin !== undefined && {
    origin: { kind: a.origin.kind, ...(a.origin.modelVersion !== undefined && { model_version: a.origin.modelVersion }) },
  }),
});

const toRelation = (r: Relation): JsonlRelation => ({ id: r.id, type: r.type, from: r.from, to: r.to });

export function exportDatasetJsonl(input: ExportInput, options: FormatOptions): ExportResult {
  const { documents, check } = prepareExport('jsonl', input);
  const unit = options.unit ?? 'document';
  const report = new ExportReport();
  let droppedSpans = 0;
  let droppedRelations = 0;
  const recordsByDoc: JsonlRecord[][] = [];

  for (const d of documents) {
    const { document: doc, annotations, index } = d;
    const records: JsonlRecord[] = [];
    if (unit === 'document') {
      const meta: Record<string, unknown> = { offset_unit: 'codepoint', unit, title: doc.title, format: doc.format };
      if (typeof doc.meta.sourceName === 'string') meta.source_name = doc.meta.sourceName;
      const spans = annotations.map((a) => toSpan(a, 0));
      for (const s of spans) check.slice(doc, s.id, index, 'codepoint', s.start, s.end, s.text);
      records.push({ id: doc.id, text: doc.text, spans, relations: documentRelations(d).map(toRelation), meta });
    } else {
      const units = unit === 'paragraph' ? paragraphUnits(doc, index) : sentenceUnits(doc, index);
      const byId = new Map(annotations.map((a) => [a.id, a]));
      const quoteOf = (id: string): string => {
        const a = byId.get(id);
        return a ? spanQuote(a) : id;
      };
      const letter = unit === 'paragraph' ? 'p' : 's';
      const byUnit = new Map<TextUnit, Annotation[]>();
      const unitOf = new Map<string, TextUnit>();
      for (const a of annotations) {
        const u = unitAt(units, a.start);
        if (!u || a.end > u.end) {
          const to = unitAt(units, a.end - 1);
          report.add(
            `jsonl: document “${doc.title}” (id ${doc.id}): ${a.label} span ${a.id} [${a.start}, ${a.end}) ` +
              `“${a.text}” crosses a ${unit} boundary` +
              (u && to ? ` (${letter}${u.index}–${letter}${to.index})` : '') +
              '; it is not in the export',
            unit === 'paragraph' ? 'export.droppedCrossingParagraph' : 'export.droppedCrossingSentence',
            { format: 'JSONL', record: doc.title, label: a.label, quote: spanQuote(a) },
          );
          droppedSpans++;
          continue;
        }
        unitOf.set(a.id, u);
        const list = byUnit.get(u);
        if (list) list.push(a);
        else byUnit.set(u, [a]);
      }
      const relationsByUnit = new Map<TextUnit, JsonlRelation[]>();
      for (const r of documentRelations(d)) {
        const u = unitOf.get(r.from);
        const v = unitOf.get(r.to);
        if (u === undefined || u !== v) {
          report.add(
            `jsonl: document “${doc.title}” (id ${doc.id}): ${r.type} relation ${r.id} from ${r.from} to ${r.to} ` +
              (u === undefined || v === undefined
                ? `has an end that is not in the export (it crosses a ${unit} boundary)`
                : `joins spans of different ${unit}s (${letter}${u.index}, ${letter}${v.index})`) +
              '; it is not in the export',
            unit === 'paragraph' ? 'export.relationDroppedParagraph' : 'export.relationDroppedSentence',
            { format: 'JSONL', record: doc.title, type: r.type, from: quoteOf(r.from), to: quoteOf(r.to) },
          );
          droppedRelations++;
          continue;
        }
        const list = relationsByUnit.get(u);
        if (list) list.push(toRelation(r));
        else relationsByUnit.set(u, [toRelation(r)]);
      }
      for (const u of units) {
        const text = index.sliceCodePoints(u.start, u.end);
        const unitIndex = new TextIndex(text);
        const id = `${doc.id}#${letter}${u.index}`;
        const spans = (byUnit.get(u) ?? []).map((a) => toSpan(a, u.start));
        for (const s of spans) check.slice(doc, s.id, unitIndex, 'codepoint', s.start, s.end, s.text, `${unit} ${id}`);
        records.push({
          id,
          text,
          spans,
          relations: relationsByUnit.get(u) ?? [],
          meta: {
            offset_unit: 'codepoint',
            unit,
            document_id: doc.id,
            index: u.index,
            offset_in_document: u.start,
            title: doc.title,
            format: doc.format,
          },
        });
      }
    }
    recordsByDoc.push(records);
  }
  check.done();

  const labelIds = input.labels.map((l) => l.id);
  const files: ExportFile[] = [];
  const allRecords = recordsByDoc.flat();
  const stats: Record<string, unknown> = {
    format: 'yishi dataset jsonl',
    offset_unit: 'codepoint',
    unit,
    exported_at: input.exportedAt,
    ...statsOf(documents, allRecords, labelIds),
    dropped_spans: droppedSpans,
    dropped_relations: droppedRelations,
  };
  if (options.split) {
    const assigned = assignSplits(documents.length, options.split);
    const splits: Record<string, Stats> = {};
    for (const name of ['train', 'dev', 'test'] as const) {
      const docs = documents.filter((_, i) => assigned[i] === name);
      const records = recordsByDoc.filter((_, i) => assigned[i] === name).flat();
      files.push({ path: `${JSONL_DIR}/${name}.jsonl`, content: jsonLines(records), mime: MIME_JSONL });
      splits[name] = statsOf(docs, records, labelIds);
    }
    const { seed, train, dev, test } = options.split;
    stats.split = { method: 'by document, Fisher-Yates shuffle with mulberry32(seed)', seed, ratios: { train, dev, test }, ...splits };
  } else {
    files.push({ path: `${JSONL_DIR}/dataset.jsonl`, content: jsonLines(allRecords), mime: MIME_JSONL });
  }
  files.push({ path: `${JSONL_DIR}/stats.json`, content: `${JSON.stringify(stats, null, 2)}\n`, mime: 'application/json' });
  return { files, report: report.lines, notices: report.notices };
}

export const jsonlFormat: ExportFormat = {
  id: 'jsonl',
  title: 'Dataset JSONL (Hugging Face datasets, spaCy)',
  offsetUnit: 'codepoint',
  keeps: ['spans', 'overlaps', 'relations', 'speaker', 'note', 'annotator', 'origin', 'ids'],
  export: exportDatasetJsonl,
  import: {
    // A .jsonl file whose first line has "spans" (doccano's lines have "label" or "entities").
    sniff(file) {
      if (extensionOf(file.name) !== 'jsonl') return 0;
      return /"spans"\s*:/.test(firstLine(file)) ? 2 : 0;
    },
    read: ([file], { labels }) => countedOutcome('dataset JSONL', importDatasetJsonl(utf8Text(file!), file!.name, { labels })),
  },
};

// ---------------------------------------------------------------------------------------------
// Import

/**
 * Reads dataset JSONL (ours, or any `{"text","spans":[{"start","end","label","text"?}]}` lines).
 * Offsets are code points unless a line's `meta.offset_unit` is "utf16". A string `id` is the
 * document id; without one, the id is derived from the text (so importing the file again adds
 * nothing). A unit line (`doc#p3`) becomes a document of its own. Every quote is checked: one
 * mismatch refuses the file, naming the line. A span's `speaker`, `note`, `annotator` (strings)
 * and `origin` (`{"kind","model_version"?}`) are read when present; `relations`
 * (`{"id"?,"type","from","to"}`, ends are span ids of the same line) too, and a relation whose
 * span is not on the line refuses the file.
 */
export function importDatasetJsonl(content: string, sourceName: string, options?: ImportOptions): ImportResult {
  const { p, labels, now } = importSetup(sourceName, options);
  const docs = new DocumentCollector(p);
  const stem = stemOf(sourceName);
  for (const { line, at, value, text } of textRecords(content, p)) {
    const metaRaw = own(value, 'meta');
    const meta = isRecord(metaRaw) ? metaRaw : {};
    const unitRaw = own(meta, 'offset_unit');
    if (unitRaw !== undefined && unitRaw !== 'codepoint' && unitRaw !== 'utf16') {
      p.add(at, `meta.offset_unit: must be "codepoint" or "utf16", found ${JSON.stringify(unitRaw)}`);
      continue;
    }
    const unit = unitRaw === 'utf16' ? 'utf16' : 'codepoint';
    const canonical = canonicalise(text);
    const idRaw = own(value, 'id');
    const title = own(meta, 'title');
    const format = own(meta, 'format');
    const sourceNameMeta = own(meta, 'source_name');
    const entry = docs.add(at, {
      id: typeof idRaw === 'string' && idRaw !== '' ? idRaw : documentIdFromText(canonical.text),
      title: typeof title === 'string' ? title : `${stem} ${line}`,
      canonical,
      format: format === 'markdown' || format === 'plain' ? (format as TextFormat) : 'plain',
      // `sourceName` is the file the text first came from (the line's own `source_name`), so
      // exporting again writes the same line; the dataset file is `importedFrom`.
      meta: typeof sourceNameMeta === 'string' ? { sourceName: sourceNameMeta, importedFrom: sourceName } : { importedFrom: sourceName },
      createdAt: now,
      updatedAt: now,
    });
    if (!entry) continue;
    /** Span id (as in the file) → the annotation id it got, for the relations. */
    const spanIds = new Map<string, string>();
    const spans = own(value, 'spans') ?? [];
    if (!Array.isArray(spans)) {
      p.add(at, 'spans: must be an array');
      continue;
    }
    spans.forEach((s: unknown, k) => {
      const where = `${at}, spans[${k}]`;
      if (!isRecord(s)) {
        p.add(where, 'must be an object');
        return;
      }
      const label = own(s, 'label');
      if (typeof label !== 'string' || label === '') {
        p.add(where, 'label: must be a non-empty string');
        return;
      }
      const quote = own(s, 'text');
      if (quote !== undefined && typeof quote !== 'string') {
        p.add(where, 'text: must be a string');
        return;
      }
      const range = checkSpan(p, where, canonical.raw, unit, own(s, 'start'), own(s, 'end'), quote as string | undefined);
      if (!range) return;
      const attributes: SpanAttributes = {};
      for (const field of ['speaker', 'note', 'annotator'] as const) {
        const v = own(s, field);
        if (v === undefined || v === null) continue;
        if (typeof v !== 'string') {
          p.add(where, `${field}: must be a string`);
          return;
        }
        attributes[field] = v;
      }
      const origin = own(s, 'origin');
      if (origin !== undefined && origin !== null) {
        const kind = isRecord(origin) ? own(origin, 'kind') : undefined;
        const version = isRecord(origin) ? own(origin, 'model_version') : undefined;
        if (kind !== 'manual' && kind !== 'rule' && kind !== 'model') {
          p.add(where, 'origin: must be {"kind": "manual" | "rule" | "model", "model_version"?: string}');
          return;
        }
        if (version !== undefined && typeof version !== 'string') {
          p.add(where, 'origin.model_version: must be a string');
          return;
        }
        attributes.origin = { kind, ...(typeof version === 'string' && { modelVersion: version }) };
      }
      const id = own(s, 'id');
      const got = docs.addSpan(entry, where, {
        id: typeof id === 'string' ? id : undefined,
        label: labels.resolve(label),
        start: range.start,
        end: range.end,
        createdAt: now,
        updatedAt: now,
        attributes,
      });
      if (got !== undefined && typeof id === 'string') spanIds.set(id, got);
    });
    const relations = own(value, 'relations');
    if (relations === undefined || relations === null) continue;
    if (!Array.isArray(relations)) {
      p.add(at, 'relations: must be an array');
      continue;
    }
    relations.forEach((r: unknown, k) => {
      const where = `${at}, relations[${k}]`;
      if (!isRecord(r)) {
        p.add(where, 'must be an object {"id","type","from","to"}');
        return;
      }
      const type = own(r, 'type');
      const resolved = typeof type === 'string' ? resolveRelationType(type, options?.relationTypes) : undefined;
      if (resolved === undefined) {
        p.add(where, `type: must be a relation type or a plain identifier (letters, digits, _ or -), found ${JSON.stringify(type)}`);
        return;
      }
      const rid = own(r, 'id');
      if (rid !== undefined && typeof rid !== 'string') {
        p.add(where, 'id: must be a string');
        return;
      }
      const ends = (['from', 'to'] as const).map((field) => {
        const v = own(r, field);
        const got = typeof v === 'string' ? spanIds.get(v) : undefined;
        if (got === undefined) p.add(where, `${field}: ${JSON.stringify(v)} is not the id of a span on this line`);
        return got;
      });
      if (ends[0] !== undefined && ends[1] !== undefined) {
        docs.addRelation(entry, where, { ...(typeof rid === 'string' && { id: rid }), type: resolved, from: ends[0], to: ends[1] });
      }
    });
  }
  return docs.finish(labels);
}

