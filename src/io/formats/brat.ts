/**
 * brat standoff: per document `NAME.txt` (the canonical text, UTF-8) and `NAME.ann`, plus
 * `annotation.conf` (the label set as entity types) and `visual.conf` (names and colours), all
 * under `brat/`. Offsets are code points (brat is Python).
 *
 * ```
 * T1<TAB>problem 12 40<TAB>covered text
 * T2<TAB>proposal 50 58;59 70<TAB>first line second line
 * ```
 *
 * A span that crosses line breaks is written as fragments (brat lines cannot hold a newline):
 * the pieces between the line breaks, and the text column joins the fragments' texts with a
 * space, as brat does. Line breaks at a span's very start or end belong to no fragment, so such a
 * span is written without them (and comes back so): the export report lists each one. A span of
 * line breaks only refuses the export. T numbers follow text order. NAME is the title made safe
 * as a file name, numbered when two titles give the same name.
 */
import { cp } from '../../domain/units';
import { prepareExport, quoteForMessage } from './check';
import { documentIdFromText, safeColor, uniqueStems } from './common';
import { canonicalise, DocumentCollector, importSetup } from './importCommon';
import type {
  ExportFile,
  ExportFormat,
  ExportInput,
  ExportResult,
  ImportOptions,
  ImportResult,
  InputFile,
} from './types';

export const BRAT_DIR = 'brat';
const MIME_TEXT = 'text/plain;charset=utf-8';

/** The pieces of [start, end) between line breaks, as code-point ranges (empty pieces dropped). */
export function bratFragments(text: string, start: number, end: number): Array<[number, number]> {
  const frags: Array<[number, number]> = [];
  let from = start;
  let offset = start;
  for (const ch of text) {
    if (ch === '\n') {
      if (offset > from) frags.push([from, offset]);
      from = offset + 1;
    }
    offset++;
  }
  if (end > from) frags.push([from, end]);
  return frags;
}

export function bratAnnotationConf(labelIds: readonly string[]): string {
  return ['[entities]', ...labelIds, '', '[relations]', '', '[events]', '', '[attributes]', ''].join('\n');
}

export function bratVisualConf(input: ExportInput): string {
  return [
    '[labels]',
    ...input.labels.map((l) => [l.id, l.name, l.nameEn].filter((x, i, all) => x && all.indexOf(x) === i).join(' | ')),
    '',
    '[drawing]',
    ...input.labels.map((l) => `${l.id}\tbgColor:${safeColor(l.color)}`),
    '',
  ].join('\n');
}

export function exportBrat(input: ExportInput): ExportResult {
  const { documents, check } = prepareExport('brat', input);
  const files: ExportFile[] = [];
  const report: string[] = [];
  const stems = uniqueStems(documents.map((d) => d.document.title));
  for (const l of input.labels) {
    if (/[\s|]/.test(l.id) || l.id === '') {
      check.failExport(`label id ${JSON.stringify(l.id)} cannot be a brat type (it has white space or "|")`);
    }
  }
  documents.forEach(({ document: doc, annotations, index }, i) => {
    const stem = stems[i]!;
    const lines = annotations.map((a, n) => {
      const frags = bratFragments(a.text, a.start, a.end);
      if (frags.length === 0) {
        check.fail(doc, a.id, 'the span covers only line breaks, which brat cannot express');
        return '';
      }
      const from = frags[0]![0];
      const to = frags[frags.length - 1]![1];
      if (from !== a.start || to !== a.end) {
        report.push(
          `brat: document “${doc.title}” (id ${doc.id}): ${a.label} span ${a.id} [${a.start}, ${a.end}) ` +
            `${JSON.stringify(a.text)} starts or ends with a line break, which brat cannot write; it is written as [${from}, ${to})`,
        );
      }
      const pieces = frags.map(([s, e]) => index.sliceCodePoints(cp(s), cp(e)));
      frags.forEach(([s, e], k) => check.slice(doc, a.id, index, 'codepoint', s, e, pieces[k]!, `${stem}.txt`));
      const column = pieces.join(' ');
      check.equal(doc, a.id, 'the brat text column', column, a.text.split(/\n+/).filter((x) => x !== '').join(' '));
      return `T${n + 1}\t${a.label} ${frags.map(([s, e]) => `${s} ${e}`).join(';')}\t${column}\n`;
    });
    files.push({ path: `${BRAT_DIR}/${stem}.txt`, content: doc.text, mime: MIME_TEXT });
    files.push({ path: `${BRAT_DIR}/${stem}.ann`, content: lines.join(''), mime: MIME_TEXT });
  });
  check.done();
  files.push({ path: `${BRAT_DIR}/annotation.conf`, content: bratAnnotationConf(input.labels.map((l) => l.id)), mime: MIME_TEXT });
  files.push({ path: `${BRAT_DIR}/visual.conf`, content: bratVisualConf(input), mime: MIME_TEXT });
  return { files, report };
}

export const bratFormat: ExportFormat = {
  id: 'brat',
  title: 'brat standoff (.txt + .ann)',
  offsetUnit: 'codepoint',
  export: (input) => exportBrat(input),
};

// ---------------------------------------------------------------------------------------------
// Import

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const FRAGMENT = /^(\d+) (\d+)$/;

/**
 * Reads brat `.txt` + `.ann` pairs (paired by path without extension; a `.txt` without `.ann`
 * is a document without annotations; `annotation.conf` and other files are ignored). Only
 * text-bound annotations (`T` lines) are read; relations, events, attributes and notes are
 * skipped. Fragments are checked one by one against the `.txt` and the text column against the
 * fragments joined by a space; a span whose fragments are separated by anything but white space
 * (a discontinuous entity) cannot be held by Yishi and refuses the file. The document id is
 * derived from the canonical text, the title is NAME. `sourceName` names the set (a zip, or
 * "N files") in messages, which also name the `.ann` file and line.
 */
export function importBrat(files: readonly InputFile[], sourceName: string, options?: ImportOptions): ImportResult {
  const { p, labels, now } = importSetup(sourceName, options);
  const docs = new DocumentCollector(p);
  const byStem = new Map<string, { txt?: InputFile; ann?: InputFile }>();
  const order: string[] = [];
  for (const f of files) {
    const m = /^(.*)\.(txt|ann)$/i.exec(f.path);
    if (!m) continue;
    const key = m[1]!;
    const ext = m[2]!.toLowerCase() as 'txt' | 'ann';
    let pair = byStem.get(key);
    if (!pair) {
      pair = {};
      byStem.set(key, pair);
      order.push(key);
    }
    if (pair[ext]) p.add(f.path, `listed twice`);
    pair[ext] = f;
  }
  const decode = (f: InputFile): string | undefined => {
    if (typeof f.content === 'string') return f.content;
    try {
      return utf8.decode(f.content);
    } catch {
      p.add(f.path, 'is not valid UTF-8 (brat files are UTF-8)');
      return undefined;
    }
  };

  for (const key of order) {
    if (p.full) break;
    const { txt, ann } = byStem.get(key)!;
    if (!txt) {
      p.add(ann!.path, `has no ${key}.txt beside it`);
      continue;
    }
    const text = decode(txt);
    if (text === undefined) continue;
    if (text.trim() === '') {
      p.add(txt.path, 'is empty');
      continue;
    }
    const canonical = canonicalise(text);
    const title = key.slice(key.lastIndexOf('/') + 1);
    const entry = docs.add(txt.path, {
      id: documentIdFromText(canonical.text),
      title,
      canonical,
      format: 'plain',
      meta: { sourceName: txt.path.slice(txt.path.lastIndexOf('/') + 1) },
      createdAt: now,
      updatedAt: now,
    });
    if (!entry || !ann) continue;
    const annText = decode(ann);
    if (annText === undefined) continue;
    const raw = canonical.raw;
    annText.split('\n').forEach((rawLine, i) => {
      const line = rawLine.replace(/\r$/, '');
      if (!line.startsWith('T')) return;
      const cols = line.split('\t');
      const at = `${ann.path} line ${i + 1}${cols[0] ? ` (${cols[0]})` : ''}`;
      if (cols.length < 3) {
        p.add(at, 'a text-bound annotation needs three tab-separated columns: T<n>, "<type> <start> <end>", text');
        return;
      }
      const quote = cols.slice(2).join('\t');
      const typeOffsets = cols[1]!;
      const space = typeOffsets.indexOf(' ');
      const type = space > 0 ? typeOffsets.slice(0, space) : '';
      const frags: Array<[number, number]> = [];
      for (const f of space > 0 ? typeOffsets.slice(space + 1).split(';') : []) {
        const m = FRAGMENT.exec(f.trim());
        if (!m) {
          frags.length = 0;
          break;
        }
        frags.push([Number(m[1]), Number(m[2])]);
      }
      if (type === '' || frags.length === 0) {
        p.add(at, `expected "<type> <start> <end>[;<start> <end>…]", found ${JSON.stringify(typeOffsets)}`);
        return;
      }
      const pieces: string[] = [];
      for (let k = 0; k < frags.length; k++) {
        const [s, e] = frags[k]!;
        if (s >= e || e > raw.lengthCodePoints || (k > 0 && s < frags[k - 1]![1])) {
          p.add(at, `fragment ${s} ${e} is not a non-empty range after the previous one inside ${txt.path} (0..${raw.lengthCodePoints} code points)`);
          return;
        }
        if (k > 0) {
          const gap = raw.sliceCodePoints(cp(frags[k - 1]![1]), cp(s));
          if (!/^\s*$/.test(gap)) {
            p.add(at, `the fragments skip the text ${quoteForMessage(gap)}: a discontinuous span cannot be imported`);
            return;
          }
        }
        pieces.push(raw.sliceCodePoints(cp(s), cp(e)));
      }
      if (pieces.join(' ') !== quote) {
        p.add(
          at,
          `the quoted text does not match ${txt.path} at code points ${frags.map(([s, e]) => `[${s}, ${e})`).join(' ')}: the text has ${quoteForMessage(pieces.join(' '))}, the file quotes ${quoteForMessage(quote)}`,
        );
        return;
      }
      docs.addSpan(entry, at, {
        id: undefined,
        label: labels.resolve(type),
        start: frags[0]![0],
        end: frags[frags.length - 1]![1],
        createdAt: now,
        updatedAt: now,
      });
    });
  }
  return docs.finish(labels);
}

