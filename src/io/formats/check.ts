/**
 * The export self-check shared by every format: before an exporter returns anything, every
 * offset it wrote must slice (in the format's own unit) to exactly the annotation's quoted text.
 * A failure refuses the whole export with a message that names the format, the document and the
 * annotation, in the style of `serializeNative`.
 */
import { compareAnnotations, type Annotation } from '../../domain/annotation';
import type { MeetingDocument } from '../../domain/document';
import { RELATION_TYPE_PATTERN } from '../../domain/relations';
import { TextIndex } from '../../domain/textIndex';
import { cp, u16 } from '../../domain/units';
import { problem, type Problem } from '../../domain/problem';
import type { ExportInput, FormatId } from './types';

import { MAX_PROBLEMS, problemListMessage, QUOTE_LENGTH, quoteForMessage, shortQuote } from '../problemList';


/**
 * An export refused before anything was written: `problems` in English naming the record and the
 * span; `problem` the first for the interface's language (the span named by its quote).
 */
export class ExportCheckError extends Error {
  readonly problem: Problem;
  constructor(
    readonly format: FormatId,
    readonly problems: string[],
    p?: Problem,
  ) {
    super(
      problemListMessage(
        `Export refused (${format}): ${problems.length >= MAX_PROBLEMS ? `at least ${MAX_PROBLEMS}` : problems.length} ` +
          `problem${problems.length === 1 ? '' : 's'} in the data to export; nothing was written`,
        problems,
      ),
    );
    this.name = 'ExportCheckError';
    this.problem = p ?? problem('export.refused', { format, count: problems.length >= MAX_PROBLEMS ? `${MAX_PROBLEMS}+` : problems.length, detail: problems[0] ?? '' });
  }
}

/** "document “title” (id X)" */
export function documentWhere(doc: Pick<MeetingDocument, 'id' | 'title'>): string {
  return `document “${Array.from(doc.title).slice(0, QUOTE_LENGTH).join('')}” (id ${doc.id})`;
}

export type OffsetUnit = 'codepoint' | 'utf16';

/** Collects problems for one export; `done()` throws them all at once. */
export class ExportChecker {
  readonly problems: string[] = [];
  /** The first problem that has a code of its own (a slice that does not give the quote). */
  private coded: Problem | undefined;
  constructor(readonly format: FormatId) {}

  fail(doc: Pick<MeetingDocument, 'id' | 'title'>, annotationId: string | null, message: string, coded?: Problem): void {
    if (this.problems.length >= MAX_PROBLEMS) return;
    if (coded && !this.coded) this.coded = coded;
    this.problems.push(
      `${documentWhere(doc)}${annotationId === null ? '' : `, annotation ${annotationId}`}: ${message}`,
    );
  }

  /** A problem with the export as a whole (e.g. a label the format cannot name). */
  failExport(message: string): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(message);
  }

  /**
   * Checks that `[start, end)` in `unit` slices `index.text` to `expected`. `what` says which
   * text the offsets point into when it is not the whole document (e.g. "paragraph doc#p3").
   */
  slice(
    doc: Pick<MeetingDocument, 'id' | 'title'>,
    annotationId: string,
    index: TextIndex,
    unit: OffsetUnit,
    start: number,
    end: number,
    expected: string,
    what = 'the document text',
  ): void {
    const unitName = unit === 'codepoint' ? 'code points' : 'UTF-16 code units';
    const length = unit === 'codepoint' ? index.lengthCodePoints : index.lengthUtf16;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > length || start >= end) {
      this.fail(
        doc,
        annotationId,
        `offsets [${start}, ${end}) in ${unitName} are not a non-empty range inside ${what} (0..${length})`,
      );
      return;
    }
    let actual: string;
    try {
      if (unit === 'codepoint') {
        actual = index.sliceCodePoints(cp(start), cp(end));
      } else {
        // Both offsets must fall on code-point boundaries: toCodePoint refuses half a pair.
        index.toCodePoint(u16(start));
        index.toCodePoint(u16(end));
        actual = index.text.slice(start, end);
      }
    } catch (e) {
      this.fail(doc, annotationId, `offsets [${start}, ${end}) in ${unitName}: ${(e as Error).message}`);
      return;
    }
    if (actual !== expected) {
      this.fail(
        doc,
        annotationId,
        `offsets [${start}, ${end}) in ${unitName} slice ${what} to ${quoteForMessage(actual)}, expected ${quoteForMessage(expected)}`,
        problem('export.sliceMismatch', { format: this.format, record: doc.title, quote: shortQuote(expected), start, end, found: quoteForMessage(actual) }),
      );
    }
  }

  /** Checks that a written string equals what it should be (e.g. a quote column). */
  equal(
    doc: Pick<MeetingDocument, 'id' | 'title'>,
    annotationId: string,
    field: string,
    actual: string,
    expected: string,
  ): void {
    if (actual !== expected) {
      this.fail(doc, annotationId, `${field} is ${quoteForMessage(actual)}, expected ${quoteForMessage(expected)}`);
    }
  }

  /** Throws ExportCheckError when any problem was found. */
  done(): void {
    if (this.problems.length > 0) throw new ExportCheckError(this.format, [...this.problems], this.coded);
  }
}

/** A document ready for export: its annotations in text order and the index of its text. */
export interface PreparedDocument {
  document: MeetingDocument;
  annotations: Annotation[];
  index: TextIndex;
}

export interface PreparedExport {
  documents: PreparedDocument[];
  check: ExportChecker;
}

/**
 * Validates the model an export starts from, as `serializeNative` does: document ids unique and
 * non-empty, annotation ids unique in their document and free of white space, labels known,
 * relation types plain identifiers and relation ends two different spans,
 * offsets integers with 0 <= start < end <= length in code points, and each annotation's text
 * equal to its code-point slice. Throws ExportCheckError before anything is written.
 * Returns the documents with their annotations sorted in text order and a checker for the
 * format's own offsets.
 */
export function prepareExport(format: FormatId, input: ExportInput): PreparedExport {
  const check = new ExportChecker(format);
  const labelIds = new Set(input.labels.map((l) => l.id));
  const seenDocs = new Set<string>();
  const documents: PreparedDocument[] = [];
  for (const { document, annotations } of input.documents) {
    if (typeof document.id !== 'string' || document.id === '') {
      check.fail(document, null, 'the document id is empty');
    } else if (seenDocs.has(document.id)) {
      check.fail(document, null, 'the document id occurs twice in the export');
    }
    seenDocs.add(document.id);
    if (typeof document.text !== 'string' || document.text === '') {
      check.fail(document, null, 'the document text is empty');
      continue;
    }
    if (document.text.includes('\r') || document.text.charCodeAt(0) === 0xfeff) {
      check.fail(document, null, 'the document text is not canonical (it has a carriage return or a byte order mark)');
    }
    const index = new TextIndex(document.text);
    const seenAnns = new Set<string>();
    for (const a of annotations) {
      if (typeof a.id !== 'string' || a.id === '' || /\s/.test(a.id)) {
        check.fail(document, a.id, 'the annotation id is empty or contains white space');
      } else if (seenAnns.has(a.id)) {
        check.fail(document, a.id, 'the annotation id occurs twice in the document');
      }
      seenAnns.add(a.id);
      if (!labelIds.has(a.label)) {
        check.fail(document, a.id, `unknown label ${quoteForMessage(a.label)}`);
      }
      check.slice(document, a.id, index, 'codepoint', a.start, a.end, a.text);
      for (const l of a.links ?? []) {
        if (!RELATION_TYPE_PATTERN.test(l.type)) check.fail(document, a.id, `relation ${l.id} has the type ${quoteForMessage(l.type)}, which is not a plain identifier`);
        if (l.to === a.id) check.fail(document, a.id, `relation ${l.id} goes from the span to itself`);
        if (typeof l.id !== 'string' || l.id === '' || /\s/.test(l.id)) check.fail(document, a.id, 'a relation id is empty or contains white space');
      }
    }
    documents.push({ document, annotations: [...annotations].sort(compareAnnotations), index });
  }
  check.done();
  return { documents, check };
}
