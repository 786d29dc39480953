/**
 * Character-level BIO (CoNLL style) for Chinese token classification: one character and its tag
 * per line (`字<TAB>B-problem`), a blank line after every sentence.
 *
 * - A character is one Unicode code point: what Chinese token classification counts (BERT's
 *   tokenizer and Python's `list(text)` both split CJK text per code point), and the unit every
 *   other Yishi offset uses. A ZWJ emoji (👩‍💻) is therefore three lines.
 * - White space (spaces, tabs, U+3000, line breaks) is not written: CoNLL readers split lines at
 *   white space. A span's B goes on its first written character.
 * - Sentences end at 。！？； and at line breaks, with closing quotes attached (as `textUnits.ts`),
 *   but a sentence boundary is never put inside a span that is written: those sentences are
 *   joined, so every written span is whole.
 * - Overlaps cannot be expressed: the outermost layer is written (spans in text order, each kept
 *   unless it overlaps one already kept), or only the spans of `options.bioLayer`. Every span
 *   left out is listed in the report, with the reason.
 */
import type { Annotation } from '../../domain/annotation';
import { cp, u16 } from '../../domain/units';
import { prepareExport } from './check';
import { paragraphUnits, sentenceRangesIn } from './textUnits';
import { ExportReport, spanQuote } from './report';
import type { ExportFormat, ExportInput, ExportResult, FormatOptions } from './types';

export const BIO_FILE = 'annotations.bio';
const WHITE = /^\s$/u;

const describeSpan = (a: Annotation): string => `${a.label} span ${a.id} [${a.start}, ${a.end}) “${a.text}”`;

export function exportBio(input: ExportInput, options: FormatOptions): ExportResult {
  const { documents, check } = prepareExport('bio', input);
  const layer = options.bioLayer ?? 'outermost';
  if (layer !== 'outermost' && !input.labels.some((l) => l.id === layer)) {
    throw new RangeError(`BIO layer ${JSON.stringify(layer)} is neither "outermost" nor a label id`);
  }
  for (const l of input.labels) {
    if (/\s/.test(l.id)) check.failExport(`label id ${JSON.stringify(l.id)} contains white space: it cannot be a BIO tag`);
  }
  const report = new ExportReport();
  const sentencesOut: string[] = [];

  for (const { document: doc, annotations, index } of documents) {
    const where = `bio: document “${doc.title}” (id ${doc.id})`;
    // 1. The layer.
    const kept: Annotation[] = [];
    for (const a of annotations) {
      if (layer !== 'outermost' && a.label !== layer) {
        report.add(`${where}: dropped ${describeSpan(a)}: not the chosen label ${layer}`, 'export.droppedNotLayer', { format: 'BIO', record: doc.title, label: a.label, quote: spanQuote(a) });
        continue;
      }
      const last = kept[kept.length - 1];
      if (last && a.start < last.end) {
        const how = a.end <= last.end ? 'nested in' : 'overlaps';
        report.add(`${where}: dropped ${describeSpan(a)}: ${how} ${describeSpan(last)}`, a.end <= last.end ? 'export.droppedNested' : 'export.droppedOverlap', {
          format: 'BIO',
          record: doc.title,
          label: a.label,
          quote: spanQuote(a),
          other: spanQuote(last),
        });
        continue;
      }
      if (Array.from(a.text).every((c) => WHITE.test(c))) {
        report.add(`${where}: dropped ${describeSpan(a)}: white space only`, 'export.droppedWhitespace', { format: 'BIO', record: doc.title, label: a.label });
        continue;
      }
      kept.push(a);
    }
    for (const a of kept) check.slice(doc, a.id, index, 'codepoint', a.start, a.end, a.text);

    // 2. Sentences (code points), joined where a kept span crosses a boundary.
    const sentences: Array<[number, number]> = [];
    for (const u of paragraphUnits(doc, index)) {
      const s16 = index.toUtf16(u.start);
      const e16 = index.toUtf16(u.end);
      for (const [s, e] of sentenceRangesIn(doc.text, s16, e16)) {
        sentences.push([index.toCodePoint(u16(s)), index.toCodePoint(u16(e))]);
      }
    }
    const groups: Array<[number, number]> = [];
    let k = 0;
    for (const [s, e] of sentences) {
      const prev = groups[groups.length - 1];
      while (k < kept.length && kept[k]!.end <= s) k++;
      // A kept span that starts before this sentence and reaches into it joins the two.
      const crossing = prev !== undefined && k < kept.length && kept[k]!.start < s && kept[k]!.end > s;
      if (crossing) prev[1] = e;
      else groups.push([s, e]);
    }

    // 3. Lines; the self-check's decoding runs alongside (no per-character record is kept: at a
    // million characters those objects cost more than the writing itself).
    const decoded: Array<{ label: string; chars: string; start: number; end: number }> = [];
    const tagOf = new Map<string, { b: string; i: string }>();
    const tags = (label: string) => {
      let t = tagOf.get(label);
      if (!t) tagOf.set(label, (t = { b: `B-${label}`, i: `I-${label}` }));
      return t;
    };
    let lastWritten = -1;
    let j = 0;
    for (const [gs, ge] of groups) {
      const lines: string[] = [];
      let offset = gs;
      for (const ch of index.sliceCodePoints(cp(gs), cp(ge))) {
        const at = offset++;
        if (WHITE.test(ch)) continue;
        while (j < kept.length && kept[j]!.end <= at) j++;
        const span = kept[j];
        let tag = 'O';
        if (span && span.start <= at) {
          const first = lastWritten < span.start;
          tag = first ? tags(span.label).b : tags(span.label).i;
        }
        // Decode the tag just written as a reader would, from its text alone: B- opens a span,
        // I- of the same label extends the last one.
        if (tag !== 'O') {
          const label = tag.slice(2);
          const last = decoded[decoded.length - 1];
          if (tag.startsWith('B-')) decoded.push({ label, chars: ch, start: at, end: at + 1 });
          else if (last && last.label === label) {
            last.chars += ch;
            last.end = at + 1;
          }
        }
        lastWritten = at;
        lines.push(`${ch}\t${tag}\n`);
      }
      if (lines.length > 0) sentencesOut.push(lines.join(''));
    }

    // 4. Self-check: decoding the written tags gives back exactly the kept spans.
    kept.forEach((a, n) => {
      const d = decoded[n];
      const expected = Array.from(a.text).filter((c) => !WHITE.test(c)).join('');
      if (!d || d.label !== a.label || d.start < a.start || d.end > a.end) {
        check.fail(doc, a.id, 'the written BIO tags do not give this span back');
      } else {
        check.equal(doc, a.id, 'the characters tagged for the span', d.chars, expected);
      }
    });
    if (decoded.length !== kept.length) {
      check.fail(doc, null, `the written BIO tags give ${decoded.length} spans, expected ${kept.length}`);
    }
  }
  check.done();
  return {
    files: [{ path: BIO_FILE, content: sentencesOut.join('\n'), mime: 'text/plain;charset=utf-8' }],
    report: report.lines,
    notices: report.notices,
  };
}

export const bioFormat: ExportFormat = {
  id: 'bio',
  title: 'Character-level BIO (CoNLL)',
  offsetUnit: null,
  keeps: ['spans'],
  export: exportBio,
};
