/**
 * brat standoff: per document `NAME.txt` (the canonical text, UTF-8) and `NAME.ann`, plus
 * `annotation.conf` (the label set as entity types, the relation types, the Speaker attribute)
 * and `visual.conf` (names and colours), all under `brat/`. Offsets are code points (brat is
 * Python).
 *
 * ```
 * T1<TAB>problem 12 40<TAB>covered text
 * T2<TAB>proposal 50 58;59 70<TAB>first line second line
 * R1<TAB>addresses Arg1:T2 Arg2:T1
 * A1<TAB>Speaker T2 马丽娟委员
 * #1<TAB>AnnotatorNotes T2<TAB>the note
 * ```
 *
 * A span that crosses line breaks is written as fragments (brat lines cannot hold a newline):
 * the pieces between the line breaks, and the text column joins the fragments' texts with a
 * space, as brat does. Line breaks at a span's very start or end belong to no fragment, so such a
 * span is written without them (and comes back so): the export report lists each one. A span of
 * line breaks only refuses the export. T numbers follow text order. NAME is the title made safe as a file name,
 * numbered when two titles give the same name.
 *
 * Relations are `R` lines. The speaker is the attribute `Speaker`, whose value brat reads as one
 * word: white space, "," and "|" in a speaker become "_" (listed in the report; the speaker
 * comes back with the "_"). A note is an `AnnotatorNotes` line; its line breaks, tabs and
 * backslashes are written as `\n`, `\t`, `\r` and `\\` (brat shows those characters; Yishi
 * reads them back). The annotator and the origin have no place in brat and are not written.
 */
import type { RelationType } from '../../domain/relations';
import { cp } from '../../domain/units';
import { prepareExport } from './check';
import { quoteForMessage } from '../problemList';
import { documentIdFromText, safeColor, uniqueStems } from './common';
import { canonicalise, DocumentCollector, importSetup } from './importCommon';
import { documentRelations, exportRelationTypes, resolveRelationType } from './relationTypes';
import { countedOutcome, extensionOf } from './importOutcome';
import { ExportReport, spanQuote } from './report';
import { unzipFiles } from './zip';
import { isBratEntry } from './zipLimits';
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

/** The attribute that holds a span's speaker. */
export const BRAT_SPEAKER = 'Speaker';

/** A speaker as a brat attribute value: one word, without "," or "|" (annotation.conf syntax). */
export function bratSpeakerValue(speaker: string): string {
  return speaker.trim().replace(/[\s,|]+/g, '_');
}

/** A note on one brat line: backslash, line breaks and tabs escaped. */
export function escapeBratNote(note: string): string {
  return note.replace(/[\\\n\r\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));
}

/** The inverse of escapeBratNote; any other backslash stays as it is. */
export function unescapeBratNote(s: string): string {
  return s.replace(/\\([\\nrt])/g, (_, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : '\\'));
}

export interface BratConfUse {
  /** Relation types with the labels used at their ends in the export. */
  relationTypes: readonly RelationType[];
  relationEnds?: ReadonlyMap<string, { from: Set<string>; to: Set<string> }>;
  /** Speaker values (as written), in order of first use. */
  speakers?: readonly string[];
}

export function bratAnnotationConf(labelIds: readonly string[], use: BratConfUse = { relationTypes: [] }): string {
  const known = new Set(labelIds);
  const args = (declared: readonly string[], used: Set<string> | undefined): string => {
    const list = [...new Set([...declared.filter((l) => known.has(l)), ...(used ?? [])])];
    return list.length > 0 ? list.join('|') : '<ANY>';
  };
  const relations = use.relationTypes.map((t) => {
    const ends = use.relationEnds?.get(t.id);
    return `${t.id} Arg1:${args(t.fromLabels, ends?.from)}, Arg2:${args(t.toLabels, ends?.to)}`;
  });
  const speakers = use.speakers ?? [];
  const attributes = speakers.length > 0 ? [`${BRAT_SPEAKER} Arg:<ENTITY>, Value:${speakers.join('|')}`] : [];
  return ['[entities]', ...labelIds, '', '[relations]', ...relations, '', '[events]', '', '[attributes]', ...attributes, ''].join('\n');
}

export function bratVisualConf(input: ExportInput, relationTypes: readonly RelationType[] = []): string {
  const names = (terms: string[]): string => terms.filter((x, i, all) => x && all.indexOf(x) === i).join(' | ');
  return [
    '[labels]',
    ...input.labels.map((l) => names([l.id, l.name, l.nameEn])),
    ...relationTypes.map((t) => names([t.id, t.name, t.nameEn])),
    '',
    '[drawing]',
    ...input.labels.map((l) => `${l.id}\tbgColor:${safeColor(l.color)}`),
    '',
  ].join('\n');
}

export function exportBrat(input: ExportInput): ExportResult {
  const { documents, check } = prepareExport('brat', input);
  const files: ExportFile[] = [];
  const report = new ExportReport();
  const stems = uniqueStems(documents.map((d) => d.document.title));
  for (const l of input.labels) {
    if (/[\s|,]/.test(l.id) || l.id === '') {
      check.failExport(`label id ${JSON.stringify(l.id)} cannot be a brat type (it has white space, "," or "|")`);
    }
  }
  const relationTypes = exportRelationTypes(input, documents);
  const relationEnds = new Map<string, { from: Set<string>; to: Set<string> }>();
  const speakers: string[] = [];
  const respelled = new Map<string, string>();
  let escapedNotes = 0;
  documents.forEach((d, i) => {
    const { document: doc, annotations, index } = d;
    const stem = stems[i]!;
    const tOf = new Map<string, number>();
    const lines = annotations.map((a, n) => {
      tOf.set(a.id, n + 1);
      const frags = bratFragments(a.text, a.start, a.end);
      if (frags.length === 0) {
        check.fail(doc, a.id, 'the span covers only line breaks, which brat cannot express');
        return '';
      }
      const from = frags[0]![0];
      const to = frags[frags.length - 1]![1];
      if (from !== a.start || to !== a.end) {
        report.add(
          `brat: document “${doc.title}” (id ${doc.id}): ${a.label} span ${a.id} [${a.start}, ${a.end}) ` +
            `${JSON.stringify(a.text)} starts or ends with a line break, which brat cannot write; it is written as [${from}, ${to})`,
          'export.lineBreakTrimmed',
          { format: 'brat', record: doc.title, label: a.label, quote: spanQuote(a) },
        );
      }
      const pieces = frags.map(([s, e]) => index.sliceCodePoints(cp(s), cp(e)));
      frags.forEach(([s, e], k) => check.slice(doc, a.id, index, 'codepoint', s, e, pieces[k]!, `${stem}.txt`));
      const column = pieces.join(' ');
      check.equal(doc, a.id, 'the brat text column', column, a.text.split(/\n+/).filter((x) => x !== '').join(' '));
      return `T${n + 1}\t${a.label} ${frags.map(([s, e]) => `${s} ${e}`).join(';')}\t${column}\n`;
    });
    const byId = new Map(annotations.map((a) => [a.id, a]));
    documentRelations(d).forEach((r, k) => {
      const from = tOf.get(r.from);
      const to = tOf.get(r.to);
      if (from === undefined || to === undefined || from === to) {
        check.fail(doc, r.from, `relation ${r.id} does not join two spans of the document`);
        return;
      }
      let ends = relationEnds.get(r.type);
      if (!ends) relationEnds.set(r.type, (ends = { from: new Set(), to: new Set() }));
      ends.from.add(byId.get(r.from)!.label);
      ends.to.add(byId.get(r.to)!.label);
      lines.push(`R${k + 1}\t${r.type} Arg1:T${from} Arg2:T${to}\n`);
    });
    let attribute = 0;
    let note = 0;
    const notes: string[] = [];
    annotations.forEach((a, n) => {
      if (a.speaker !== undefined && a.speaker.trim() !== '') {
        const value = bratSpeakerValue(a.speaker);
        if (value !== a.speaker) respelled.set(a.speaker, value);
        if (!speakers.includes(value)) speakers.push(value);
        lines.push(`A${++attribute}\t${BRAT_SPEAKER} T${n + 1} ${value}\n`);
      }
      if (a.note !== undefined && a.note !== '') {
        const escaped = escapeBratNote(a.note);
        if (escaped !== a.note) escapedNotes++;
        notes.push(`#${++note}\tAnnotatorNotes T${n + 1}\t${escaped}\n`);
      }
    });
    files.push({ path: `${BRAT_DIR}/${stem}.txt`, content: doc.text, mime: MIME_TEXT });
    files.push({ path: `${BRAT_DIR}/${stem}.ann`, content: [...lines, ...notes].join(''), mime: MIME_TEXT });
  });
  check.done();
  for (const [speaker, value] of respelled) {
    report.add(
      `brat: speaker ${quoteForMessage(speaker)} is written as ${quoteForMessage(value)} (a brat attribute value is one word without "," or "|"); it comes back that way`,
      'export.speakerRespelled',
      { format: 'brat', speaker, value },
    );
  }
  if (escapedNotes > 0) {
    report.add(
      `brat: ${escapedNotes} note${escapedNotes === 1 ? ' has' : 's have'} line breaks, tabs or backslashes, written as \\n, \\t, \\r and \\\\ (brat shows them as typed; Yishi reads them back)`,
      'export.notesEscaped',
      { format: 'brat', count: escapedNotes },
    );
  }
  files.push({
    path: `${BRAT_DIR}/annotation.conf`,
    content: bratAnnotationConf(input.labels.map((l) => l.id), { relationTypes, relationEnds, speakers }),
    mime: MIME_TEXT,
  });
  files.push({ path: `${BRAT_DIR}/visual.conf`, content: bratVisualConf(input, relationTypes), mime: MIME_TEXT });
  return { files, report: report.lines, notices: report.notices };
}

export const bratFormat: ExportFormat = {
  id: 'brat',
  title: 'brat standoff (.txt + .ann)',
  offsetUnit: 'codepoint',
  keeps: ['spans', 'overlaps', 'relations', 'speaker', 'note', 'labelSet'],
  export: (input) => exportBrat(input),
  import: {
    // A .zip of pairs; pairs chosen as files are claimed below.
    sniff: (file) => (extensionOf(file.name) === 'zip' ? 1 : 0),
    claim: bratGroups,
    read(files, { labels }) {
      if (files.length === 1 && extensionOf(files[0]!.name) === 'zip') {
        const zip = files[0]!;
        return countedOutcome('brat', importBrat(zip.unzipped ?? unzipFiles(zip.bytes, zip.name, isBratEntry), zip.name, { labels }));
      }
      const name = files.map((f) => f.name).join(', ');
      return countedOutcome('brat', importBrat(files.map((f) => ({ path: f.name, content: f.bytes })), name, { labels }));
    },
  },
};

// ---------------------------------------------------------------------------------------------
// Pairing: the one rule, for files chosen together and for the files of a zip

/** A path's stem and part when it is one half of a brat pair (`NAME.txt`, `NAME.ann`). */
export function bratPart(path: string): { stem: string; part: 'txt' | 'ann' } | null {
  const m = /^(.*)\.(txt|ann)$/i.exec(path);
  return m ? { stem: m[1]!, part: m[2]!.toLowerCase() as 'txt' | 'ann' } : null;
}

/**
 * The chosen files brat reads together, as groups of indices in the order chosen: every `.ann`
 * with the `.txt` of the same stem. A `.txt` without an `.ann` is a text file, not brat's.
 */
export function bratGroups(names: readonly string[]): number[][] {
  const parts = names.map(bratPart);
  const annStems = new Set(parts.filter((x) => x?.part === 'ann').map((x) => x!.stem));
  const byStem = new Map<string, number[]>();
  const groups: number[][] = [];
  parts.forEach((x, i) => {
    if (!x || !annStems.has(x.stem)) return;
    let group = byStem.get(x.stem);
    if (!group) {
      byStem.set(x.stem, (group = []));
      groups.push(group);
    }
    group.push(i);
  });
  return groups;
}

// ---------------------------------------------------------------------------------------------
// Import

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const FRAGMENT = /^(\d+) (\d+)$/;

/**
 * Reads brat `.txt` + `.ann` pairs (paired by path without extension; a `.txt` without `.ann`
 * is a document without annotations; `annotation.conf` and other files are ignored). Read are
 * text-bound annotations (`T` lines), relations (`R` lines, both arguments `T`s of the file),
 * the `Speaker` attribute (`A`/`M` lines) and `AnnotatorNotes` (`#` lines, unescaped as
 * written by the export); events, other attributes and normalisations are skipped. Fragments
 * are checked one by one against the `.txt` and the text column against the fragments joined by
 * a space; a span whose fragments are separated by anything but white space (a discontinuous
 * entity) cannot be held by Yishi and refuses the file, as does a relation, speaker or note
 * whose `T` is not in the file. Annotation ids are derived from the spans, relation ids from
 * their type and ends, the document id from the canonical text; the title is NAME.
 * `sourceName` names the set (a zip, or "N files") in messages, which also name the `.ann` file
 * and line.
 */
export function importBrat(files: readonly InputFile[], sourceName: string, options?: ImportOptions): ImportResult {
  const { p, labels, now } = importSetup(sourceName, options);
  const docs = new DocumentCollector(p);
  const byStem = new Map<string, { txt?: InputFile; ann?: InputFile }>();
  const order: string[] = [];
  for (const f of files) {
    const m = bratPart(f.path);
    if (!m) continue;
    const key = m.stem;
    const ext = m.part;
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
    const lines = annText.split('\n').map((l) => l.replace(/\r$/, ''));
    // T id → annotation id, for the relation, attribute and note lines (read after all T lines).
    const spans = new Map<string, string>();
    lines.forEach((line, i) => {
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
      const id = docs.addSpan(entry, at, {
        id: undefined,
        label: labels.resolve(type),
        start: frags[0]![0],
        end: frags[frags.length - 1]![1],
        createdAt: now,
        updatedAt: now,
      });
      if (id !== undefined) spans.set(cols[0]!, id);
    });
    const spanOf = (at: string, what: string, ref: string): string | undefined => {
      const id = spans.get(ref);
      if (id === undefined) p.add(at, `${what} ${JSON.stringify(ref)} is not a text-bound annotation (T line) of ${ann.path}`);
      return id;
    };
    const notes = new Map<string, string[]>();
    lines.forEach((line, i) => {
      const kind = line[0];
      if (kind !== 'R' && kind !== 'A' && kind !== 'M' && kind !== '#') return;
      const cols = line.split('\t');
      const at = `${ann.path} line ${i + 1}${cols[0] ? ` (${cols[0]})` : ''}`;
      const fields = (cols[1] ?? '').split(' ').filter((x) => x !== '');
      if (kind === 'R') {
        const [type, ...args] = fields;
        const arg1 = args.find((a) => a.startsWith('Arg1:'))?.slice(5);
        const arg2 = args.find((a) => a.startsWith('Arg2:'))?.slice(5);
        if (type === undefined || arg1 === undefined || arg2 === undefined || args.length !== 2) {
          p.add(at, `a relation needs "<type> Arg1:<T id> Arg2:<T id>", found ${JSON.stringify(cols[1] ?? '')}`);
          return;
        }
        const relationType = resolveRelationType(type, options?.relationTypes);
        if (relationType === undefined) {
          p.add(at, `relation type ${JSON.stringify(type)} is not a plain identifier (letters, digits, _ or -, starting with a letter)`);
          return;
        }
        const from = spanOf(at, 'Arg1', arg1);
        const to = spanOf(at, 'Arg2', arg2);
        if (from !== undefined && to !== undefined) docs.addRelation(entry, at, { type: relationType, from, to });
      } else if (kind === 'A' || kind === 'M') {
        const [name, target, ...value] = fields;
        if (name?.toLowerCase() !== BRAT_SPEAKER.toLowerCase() || target === undefined) return;
        if (value.length === 0) {
          p.add(at, `the ${BRAT_SPEAKER} attribute needs a value`);
          return;
        }
        const id = spanOf(at, `the ${BRAT_SPEAKER} attribute's target`, target);
        if (id !== undefined) docs.setAttributes(entry, id, { speaker: value.join(' ') });
      } else {
        const [type, target] = fields;
        if (type !== 'AnnotatorNotes' || target === undefined || !target.startsWith('T')) return;
        const id = spanOf(at, 'the note\'s target', target);
        if (id === undefined) return;
        const list = notes.get(id) ?? [];
        list.push(unescapeBratNote(cols.slice(2).join('\t')));
        notes.set(id, list);
      }
    });
    for (const [id, list] of notes) docs.setAttributes(entry, id, { note: list.join('\n') });
  }
  return docs.finish(labels);
}

