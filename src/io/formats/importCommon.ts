/**
 * What the importers share: problem collection and the refusal error, the canonical-text
 * normalisation with its offset mapping, offset and quote checks, label mapping and the
 * assembly of documents with unique ids.
 *
 * An importer checks offsets and quotes against the text exactly as the file has it (so the
 * file's own coordinates are judged), then maps them onto the canonical text (BOM removed,
 * CRLF → LF), which is what Yishi stores.
 */
import { compareAnnotations, type Annotation, type AnnotationOrigin } from '../../domain/annotation';
import { normaliseText, type DocumentMeta, type TextFormat } from '../../domain/document';
import { DEFAULT_LABELS, type Label } from '../../domain/labels';
import { RELATION_TYPE_PATTERN } from '../../domain/relations';
import { TextIndex } from '../../domain/textIndex';
import { cp, u16, type CodePointOffset } from '../../domain/units';
import { NativeFormatError, serializeNative } from '../native';
import { MAX_PROBLEMS, problemListMessage, quoteForMessage } from '../problemList';
import { describe } from '../native';
import { annotationIdFromSpan, relationIdFromEnds } from './common';
import { isRecord, own } from '../../domain/json';
import { problem, type Problem, type ProblemCode, type ProblemParams } from '../../domain/problem';
import { intakeProblems } from './intakeRules';
import type { ImportOptions, ImportResult } from './types';
import type { AnnotatedRecord } from '../../domain/record';


/**
 * A file refused whole: `problems` name the source file and the line, task or annotation (in
 * English); `problem` is the first with a code of its own (e.g. import.quoteMismatch), or a
 * summary naming the file, the place and the first problem, for the interface's language.
 */
export class FormatImportError extends Error {
  readonly problem: Problem;
  constructor(
    readonly source: string,
    readonly problems: string[],
    p?: Problem,
  ) {
    const n = problems.length;
    const count = n >= MAX_PROBLEMS ? `at least ${MAX_PROBLEMS} problems` : `${n} problem${n === 1 ? '' : 's'}`;
    super(problemListMessage(`“${source}” was refused (${count}); nothing was imported`, problems));
    this.name = 'FormatImportError';
    this.problem = p ?? problem('import.refused', { file: source, count: n >= MAX_PROBLEMS ? `${MAX_PROBLEMS}+` : n, where: '', detail: problems[0] ?? '' });
  }
}

export class ImportProblems {
  readonly list: string[] = [];
  /** The first problem, as the interface says it: its own code where it has one, else a summary. */
  private first: Problem | undefined;
  constructor(readonly source: string) {}

  get full(): boolean {
    return this.list.length >= MAX_PROBLEMS;
  }

  /**
   * `where` is e.g. "line 3" or "task 7, annotations[0].result[2]"; `code` and `params` say the
   * problem in any language (the file and `where` are added to the params).
   */
  add(where: string, message: string, code?: ProblemCode, params: ProblemParams = {}): void {
    if (this.full) return;
    this.list.push(`“${this.source}”${where ? ` ${where}` : ''}: ${message}`);
    if (this.list.length === 1 || (code && this.first?.code === 'import.refused')) {
      this.first = code ? problem(code, { file: this.source, where, ...params }) : problem('import.refused', { file: this.source, count: 0, where, detail: message });
    }
  }

  throwIfAny(): void {
    if (this.list.length === 0) return;
    const n = this.list.length;
    const count = n >= MAX_PROBLEMS ? `${MAX_PROBLEMS}+` : n;
    const first = this.first?.code === 'import.refused' ? problem('import.refused', { ...this.first.params, count }) : this.first;
    throw new FormatImportError(this.source, [...this.list], first);
  }
}

// ---------------------------------------------------------------------------------------------
// Canonical text with offset mapping

export interface CanonicalText {
  /** The text as the file has it. */
  raw: TextIndex;
  /** The canonical text: leading BOM removed, CRLF and lone CR → LF. */
  text: string;
  /** Index of the canonical text. */
  index: TextIndex;
  /** Normalisations applied (as `normaliseText` names them). */
  applied: string[];
  /** Maps a code-point offset into the raw text onto the canonical text. */
  toCanonical(offset: number): CodePointOffset;
}

export function canonicalise(rawText: string): CanonicalText {
  const raw = new TextIndex(rawText);
  const { text, applied } = normaliseText(rawText);
  // Code-point positions in the raw text of the characters the normalisation removed: the BOM
  // and the CR of every CRLF (a lone CR is replaced, not removed).
  const removed: number[] = [];
  if (applied.length > 0) {
    let cpPos = 0;
    for (let i = 0; i < rawText.length; i++) {
      const c = rawText.charCodeAt(i);
      if ((i === 0 && c === 0xfeff) || (c === 0x0d && rawText.charCodeAt(i + 1) === 0x0a)) {
        removed.push(cpPos);
      }
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < rawText.length) {
        const d = rawText.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) i++;
      }
      cpPos++;
    }
  }
  return {
    raw,
    text,
    index: applied.length > 0 ? new TextIndex(text) : raw,
    applied,
    toCanonical(offset: number): CodePointOffset {
      let lo = 0;
      let hi = removed.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (removed[mid]! < offset) lo = mid + 1;
        else hi = mid;
      }
      return cp(offset - lo);
    },
  };
}

/**
 * Checks a span's offsets (in `unit`, into the raw text) and, when the file gives one, its quote.
 * Returns the code-point range in the raw text, or undefined after reporting the problem.
 */
export function checkSpan(
  p: ImportProblems,
  where: string,
  raw: TextIndex,
  unit: 'codepoint' | 'utf16',
  start: unknown,
  end: unknown,
  quote: string | undefined,
): { start: number; end: number } | undefined {
  const unitName = unit === 'codepoint' ? 'code points' : 'UTF-16 code units';
  const length = unit === 'codepoint' ? raw.lengthCodePoints : raw.lengthUtf16;
  if (typeof start !== 'number' || !Number.isInteger(start) || typeof end !== 'number' || !Number.isInteger(end)) {
    p.add(where, `start and end must be whole numbers, found ${describe(start)} and ${describe(end)}`);
    return undefined;
  }
  if (start < 0 || end > length || start >= end) {
    p.add(where, `offsets [${start}, ${end}) are not a non-empty range inside the text (0..${length} ${unitName})`, 'import.offsetOutOfRange', { start, end, length });
    return undefined;
  }
  let s: number;
  let e: number;
  if (unit === 'utf16') {
    try {
      s = raw.toCodePoint(u16(start));
      e = raw.toCodePoint(u16(end));
    } catch (err) {
      p.add(where, `offsets [${start}, ${end}) in UTF-16 code units: ${(err as Error).message}`);
      return undefined;
    }
  } else {
    s = start;
    e = end;
  }
  if (quote !== undefined) {
    const actual = raw.sliceCodePoints(cp(s), cp(e));
    if (actual !== quote) {
      const hint =
        unit === 'codepoint' && raw.hasAstral && end <= raw.lengthUtf16 && raw.text.slice(start, end) === quote
          ? ' (the offsets look like UTF-16 code units; this format counts code points)'
          : '';
      p.add(
        where,
        `the quoted text does not match the text at ${unitName} [${start}, ${end}): the text has ${quoteForMessage(actual)}, the file quotes ${quoteForMessage(quote)}${hint}`,
        'import.quoteMismatch',
        { start, end, found: quoteForMessage(actual), expected: quoteForMessage(quote) },
      );
      return undefined;
    }
  }
  return { start: s, end: e };
}

// ---------------------------------------------------------------------------------------------
// Labels

/** Maps label strings from a file onto the label set: by id, then by name, then by English name. */
export class LabelResolver {
  readonly unknown: string[] = [];
  private readonly byName = new Map<string, string>();
  private readonly ids: Set<string>;

  constructor(readonly labels: readonly Label[]) {
    this.ids = new Set(labels.map((l) => l.id));
    for (const l of labels) {
      if (!this.byName.has(l.name)) this.byName.set(l.name, l.id);
      const en = l.nameEn.toLowerCase();
      if (en && !this.byName.has(en)) this.byName.set(en, l.id);
    }
  }

  resolve(label: string): string {
    if (this.ids.has(label)) return label;
    const byName = this.byName.get(label) ?? this.byName.get(label.toLowerCase());
    if (byName !== undefined) return byName;
    if (!this.unknown.includes(label)) this.unknown.push(label);
    return label;
  }
}

// ---------------------------------------------------------------------------------------------
// Assembling documents

export interface NewDocument {
  id: string;
  title: string;
  canonical: CanonicalText;
  format: TextFormat;
  meta: DocumentMeta;
  createdAt: string;
  updatedAt: string;
}

/** The optional attributes a format may carry for a span; empty strings mean "not set". */
export interface SpanAttributes {
  speaker?: string;
  note?: string;
  annotator?: string;
  origin?: AnnotationOrigin;
}

export interface NewSpan {
  /** From the file; undefined → a stable id derived from document, label and offsets. */
  id: string | undefined;
  label: string;
  /** Code points into the raw text. */
  start: number;
  end: number;
  createdAt: string;
  updatedAt: string;
  attributes?: SpanAttributes;
}

export interface Entry {
  item: AnnotatedRecord;
  canonical: CanonicalText;
  where: string;
  ids: Map<string, Annotation>;
  /** Relation ids of this document, and "type\0from\0to" of its relations. */
  relationIds: Set<string>;
  relationEnds: Set<string>;
  /** For ids met again for other spans: the next number to try, and the span → numbered id given. */
  renamed: Map<string, { next: number; bySpan: Map<string, string> }>;
}

/**
 * Collects documents and their annotations. A document id met again with the same text merges
 * into the first (re-listing a document adds nothing); with a different text it is refused.
 * An annotation id met again for the same label and range is skipped; for a different span it
 * is refused (`duplicateIds: 'refuse'`) or numbered (`'rename'`, for tools whose ids are only
 * unique per annotator).
 */
export class DocumentCollector {
  private readonly entries = new Map<string, Entry>();
  readonly order: string[] = [];

  constructor(
    private readonly p: ImportProblems,
    private readonly duplicateIds: 'refuse' | 'rename' = 'refuse',
  ) {}

  /** Returns a handle to add annotations to, or undefined after reporting a conflict. */
  add(where: string, doc: NewDocument): Entry | undefined {
    const existing = this.entries.get(doc.id);
    if (existing) {
      if (existing.item.document.text !== doc.canonical.text) {
        this.p.add(where, `document id ${quoteForMessage(doc.id)} is also used by ${existing.where} for a different text`);
        return undefined;
      }
      return existing;
    }
    const entry: Entry = {
      item: {
        document: {
          id: doc.id,
          title: doc.title.trim() === '' ? 'Untitled' : doc.title,
          text: doc.canonical.text,
          format: doc.format,
          meta: doc.canonical.applied.length > 0 ? { ...doc.meta, normalised: doc.canonical.applied } : doc.meta,
          createdAt: doc.createdAt,
          updatedAt: doc.updatedAt,
        },
        annotations: [],
      },
      canonical: doc.canonical,
      where,
      ids: new Map(),
      relationIds: new Set(),
      relationEnds: new Set(),
      renamed: new Map(),
    };
    this.entries.set(doc.id, entry);
    this.order.push(doc.id);
    return entry;
  }

  /**
   * Adds a span; returns the id of the annotation that holds it (the span's own, a numbered one,
   * or the one already there for the same span), or undefined after reporting a problem.
   */
  addSpan(entry: Entry, where: string, span: NewSpan): string | undefined {
    const start = entry.canonical.toCanonical(span.start);
    const end = entry.canonical.toCanonical(span.end);
    const text = entry.canonical.index.sliceCodePoints(start, end);
    const docId = entry.item.document.id;
    let id = span.id ?? annotationIdFromSpan(docId, span.label, start, end);
    if (/\s/.test(id) || id === '') {
      this.p.add(where, `annotation id ${quoteForMessage(id)} is empty or contains white space`);
      return undefined;
    }
    const same = (a: Annotation): boolean => a.label === span.label && a.start === start && a.end === end;
    const seen = entry.ids.get(id);
    if (seen) {
      if (same(seen)) {
        this.setAttributes(entry, id, span.attributes ?? {});
        return id;
      }
      if (this.duplicateIds === 'refuse') {
        this.p.add(where, `annotation id ${quoteForMessage(id)} occurs twice in document ${quoteForMessage(docId)} for different spans`);
        return undefined;
      }
      // Numbered from where this id's numbering stopped, and a span numbered before is found by
      // its ends: linear in the results that share one id (a scan from 2 each time was quadratic).
      const base = id;
      const renamed = entry.renamed.get(base) ?? { next: 2, bySpan: new Map<string, string>() };
      entry.renamed.set(base, renamed);
      const spanKey = `${span.label}\u0000${start}\u0000${end}`;
      const before = renamed.bySpan.get(spanKey);
      if (before !== undefined) {
        this.setAttributes(entry, before, span.attributes ?? {});
        return before;
      }
      for (let n = renamed.next; ; n++) {
        id = `${base}-${n}`;
        const other = entry.ids.get(id);
        if (!other) {
          renamed.next = n + 1;
          break;
        }
        if (same(other)) {
          renamed.next = n + 1;
          this.setAttributes(entry, id, span.attributes ?? {});
          return id;
        }
      }
      renamed.bySpan.set(spanKey, id);
    }
    const a: Annotation = {
      id,
      label: span.label,
      start,
      end,
      text,
      createdAt: span.createdAt,
      updatedAt: span.updatedAt,
    };
    entry.ids.set(id, a);
    entry.item.annotations.push(a);
    this.setAttributes(entry, id, span.attributes ?? {});
    return id;
  }

  /** Whether the document holds an annotation with this id. */
  has(entry: Entry, id: string): boolean {
    return entry.ids.has(id);
  }

  /**
   * Sets attributes on an annotation already added. Speaker, note and annotator are trimmed;
   * an empty value leaves the attribute as it is. (Lengths are checked by the native validator
   * in `finish`.)
   */
  setAttributes(entry: Entry, id: string, attributes: SpanAttributes): void {
    const a = entry.ids.get(id);
    if (!a) return;
    for (const key of ['speaker', 'note', 'annotator'] as const) {
      const v = attributes[key]?.trim();
      if (v) a[key] = v;
    }
    if (attributes.origin) a.origin = { ...attributes.origin };
  }

  /**
   * Adds a relation of `type` from annotation `from` to annotation `to` (ids as `addSpan`
   * returned them), stored on `from` as a link. `id` defaults to one derived from the document,
   * type and ends, so importing the same file twice gives the same id. The same relation listed
   * again is skipped; a bad type, a missing end, a relation from a span to itself or a relation
   * id used twice is reported at `where`.
   */
  addRelation(entry: Entry, where: string, relation: { id?: string; type: string; from: string; to: string }): void {
    const { type, from, to } = relation;
    if (!RELATION_TYPE_PATTERN.test(type)) {
      this.p.add(where, `relation type ${quoteForMessage(type)} is not a plain identifier (letters, digits, _ or -, starting with a letter)`);
      return;
    }
    const source = entry.ids.get(from);
    if (!source || !entry.ids.has(to)) {
      this.p.add(where, `the relation's ${source ? 'target' : 'source'} ${quoteForMessage(source ? to : from)} is not a span of this document`);
      return;
    }
    if (from === to) {
      this.p.add(where, `a relation needs two different spans; both ends are ${quoteForMessage(from)}`);
      return;
    }
    const ends = `${type}\u0000${from}\u0000${to}`;
    if (entry.relationEnds.has(ends)) return;
    const id = relation.id ?? relationIdFromEnds(entry.item.document.id, type, from, to);
    if (id === '' || /\s/.test(id)) {
      this.p.add(where, `relation id ${quoteForMessage(id)} is empty or contains white space`);
      return;
    }
    if (entry.relationIds.has(id)) {
      this.p.add(where, `relation id ${quoteForMessage(id)} occurs twice in document ${quoteForMessage(entry.item.document.id)}`);
      return;
    }
    entry.relationIds.add(id);
    entry.relationEnds.add(ends);
    (source.links ??= []).push({ id, type, to });
  }

  /**
   * The documents, annotations in text order, after a last pass through the native validator
   * (what the store accepts), with the unknown labels stood in as labels so they pass.
   */
  finish(labels: LabelResolver): ImportResult {
    this.p.throwIfAny();
    const documents = this.order.map((id) => {
      const { item } = this.entries.get(id)!;
      item.annotations.sort(compareAnnotations);
      return item;
    });
    if (documents.length === 0) {
      this.p.add('', 'the file holds no documents');
      this.p.throwIfAny();
    }
    // The intake rules the native reader applies (the check below is the exporter's, which lets
    // stored data through as it is).
    intakeProblems(this.order.map((id) => this.entries.get(id)!), labels.unknown, this.p);
    this.p.throwIfAny();
    const allLabels: Label[] = [
      ...labels.labels,
      ...labels.unknown.map((id) => ({ id, name: id, nameEn: id, color: '#888888', key: '' })),
    ];
    try {
      serializeNative(documents, allLabels, new Date(0).toISOString());
    } catch (e) {
      if (e instanceof NativeFormatError) {
        const { where = '', detail = '' } = e.problem.params;
        throw new FormatImportError(
          this.p.source,
          e.problems.map((x) => x.replace(/^export: /, `“${this.p.source}”: `)),
          problem('import.refused', { file: this.p.source, count: e.problems.length, where, detail }),
        );
      }
      throw e;
    }
    return { documents, unknownLabels: [...labels.unknown] };
  }
}

export function importSetup(
  sourceName: string,
  options: ImportOptions | undefined,
): { p: ImportProblems; labels: LabelResolver; now: string } {
  return {
    p: new ImportProblems(sourceName),
    labels: new LabelResolver(options?.labels ?? DEFAULT_LABELS),
    now: options?.now ?? new Date().toISOString(),
  };
}

/** Splits a JSONL file into its non-blank lines with their 1-based line numbers. */
export function jsonlRecords(
  content: string,
  p: ImportProblems,
): Array<{ line: number; value: unknown }> {
  const out: Array<{ line: number; value: unknown }> = [];
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length && !p.full; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (line.trim() === '') continue;
    try {
      out.push({ line: i + 1, value: JSON.parse(line) as unknown });
    } catch (e) {
      p.add(`line ${i + 1}`, `not valid JSON: ${(e as Error).message}`);
    }
  }
  return out;
}

/**
 * The records of a JSONL file that are objects with a non-empty `text`, with where they are
 * (`line N`); any other line is reported and skipped. Stops once the problems are full.
 */
export function* textRecords(
  content: string,
  p: ImportProblems,
): Generator<{ line: number; at: string; value: Record<string, unknown>; text: string }> {
  for (const { line, value } of jsonlRecords(content, p)) {
    if (p.full) return;
    const at = `line ${line}`;
    if (!isRecord(value)) {
      p.add(at, 'must be a JSON object');
      continue;
    }
    const text = own(value, 'text');
    if (typeof text !== 'string' || text.trim() === '') {
      p.add(at, 'text: must be a non-empty string');
      continue;
    }
    yield { line, at, value, text };
  }
}

/** A date from a file if it is one, else `fallback`. */
export function dateOr(v: unknown, fallback: string): string {
  return typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Date.parse(v)) ? v : fallback;
}

/** The file name without directories and without its last extension. */
export function stemOf(path: string): string {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}
