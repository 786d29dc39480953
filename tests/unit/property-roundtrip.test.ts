/**
 * Property-based round trips (issue 7, item 1): random records (CJK with astral characters, ZWJ
 * emoji and combining marks, CRLF / lone CR normalised first, blank lines, Markdown-ish lines,
 * full-width and other white space) with random span sets (overlapping, nested, identical ranges
 * with different labels, spans across line breaks, at any code-point boundary) go through every
 * export that has an importer and come back with the same text and the same spans (label, start,
 * end, text). What a format cannot carry is asserted exactly as its file documents it:
 *
 * - dataset JSONL by paragraph / sentence: a span that crosses a unit boundary is left out and
 *   reported, one report line per span; every other span comes back in its unit's line;
 * - doccano, brat: annotation ids are derived from the span (the files carry none);
 *   brat: document ids are derived from the text, titles are the file names;
 * - Label Studio: an annotation takes its completion's dates (the document's);
 * - dataset JSONL, doccano, brat: no dates (the import's `now`);
 * - brat: a span's line breaks at its very start or end cannot be written (a fragment is the text
 *   between line breaks), so the span comes back without them, and the export report says so;
 *   a span of line breaks only is refused by the export.
 *
 * Formats without an importer are read back by small independent readers here: W3C (position
 * and quote selectors), CSV (papaparse; formula cells get an apostrophe) and BIO (the outermost
 * layer comes back; every other span is in the report).
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { compareAnnotations, type Annotation } from '../../src/domain/annotation';
import { normaliseText, type MeetingDocument } from '../../src/domain/document';
import { DEFAULT_LABELS } from '../../src/domain/labels';
import { TextIndex } from '../../src/domain/textIndex';
import { cp } from '../../src/domain/units';
import { ExportCheckError, exportFormat } from '../../src/io/formats';
import { importBrat } from '../../src/io/formats/brat';
import { importDoccano } from '../../src/io/formats/doccano';
import { importDatasetJsonl } from '../../src/io/formats/jsonl';
import { importLabelStudio, LABEL_STUDIO_TASKS } from '../../src/io/formats/labelStudio';
import type { ExportInput, FormatId, FormatOptions } from '../../src/io/formats/types';
import { unzipFiles, zipFiles } from '../../src/io/formats/zip';
import { parseNative } from '../../src/io/native';
import type { AnnotatedRecord } from '../../src/domain/record';

const RUNS = Number(process.env.YISHI_PROPERTY_RUNS ?? 300);
const EXPORTED = '2024-06-01T12:00:00.000Z';
const NOW = '2030-01-01T00:00:00.000Z';
const T0 = '2024-05-01T08:00:00.000Z';
const T1 = '2024-05-02T09:30:00.000Z';
const LABEL_IDS = DEFAULT_LABELS.map((l) => l.id);

// ---------------------------------------------------------------------------------------------
// Generators

/** Pieces a line is made of: whole characters and short runs, the hard cases included. */
const PIECES = [
  '委员', '建议', '加快', '产业链', '问题', '回应', '天津', '政协', '。', '，', '；', '！', '？', '：', '“', '”', '（', '）', '…',
  '𠮷', '𩸽', '𝐀', '😀', // astral (surrogate pairs)
  '👩‍👩‍👧', '👩‍💻', '🇨🇳', 'é', 'e\u0301', // ZWJ sequence, flag, precomposed and combining
  '\u3000', ' ', '\t', '\u00a0', '  ', // white space: full-width, space, tab, NBSP
  'abc', 'Yishi', '2021', '&<>"\'', '=SUM(A1)', '+1', '-', '@x', // ASCII, markup and formula look-alikes
  '**', '*', '`', '[链接](x)', '\\', '|',
];
/** How a line may start: Markdown headings, lists, quotes, indentation. */
const PREFIXES = ['', '', '', '# ', '## ', '### ', '- ', '* ', '1. ', '> ', '　　', '    ', '**', '---'];
const LINE_ENDS = ['\n', '\n', '\r\n', '\r', '\u2028'];

const lineArb = fc
  .tuple(fc.constantFrom(...PREFIXES), fc.array(fc.constantFrom(...PIECES), { maxLength: 10 }))
  .map(([prefix, pieces]) => prefix + pieces.join(''));

/** A raw text as a file may hold it (BOM, CRLF, lone CR, blank lines), and its canonical form. */
const rawTextArb = fc
  .tuple(
    fc.boolean(),
    fc.array(fc.tuple(lineArb, fc.constantFrom(...LINE_ENDS)), { minLength: 1, maxLength: 8 }),
    fc.boolean(),
  )
  .map(([bom, lines, lastEnd]) => {
    let raw = (bom ? '\uFEFF' : '') + lines.map(([l, e], i) => (i < lines.length - 1 || lastEnd ? l + e : l)).join('');
    // Every importer refuses a text of white space only; keep one visible character.
    if (raw.replace(/^\uFEFF/, '').trim() === '') raw += '议';
    return raw;
  });

interface Generated {
  raw: string;
  document: MeetingDocument;
  annotations: Annotation[];
}

/** Up to `max` spans at any code-point boundary: overlaps, nesting, line breaks inside. */
function spansArb(length: number, max: number) {
  return fc.array(
    fc.tuple(fc.nat(length - 1), fc.integer({ min: 1, max: Math.max(1, length) }), fc.constantFrom(...LABEL_IDS), fc.boolean()),
    { maxLength: max },
  );
}

function documentArb(k: number): fc.Arbitrary<Generated> {
  return rawTextArb.chain((raw) => {
    const text = normaliseText(raw).text;
    const index = new TextIndex(text);
    const n = index.lengthCodePoints;
    return fc
      .tuple(spansArb(n, 14), fc.constantFrom('plain', 'markdown') as fc.Arbitrary<'plain' | 'markdown'>, fc.constantFrom('例会', '专题议政会综述', 'a/b:c', '  ', '第𠮷次'))
      .map(([spans, format, title]) => {
        const seen = new Set<string>();
        const annotations: Annotation[] = [];
        spans.forEach(([s, len, label, later], i) => {
          const start = s;
          const end = Math.min(n, s + len);
          // One annotation per (label, range): files without ids derive them from exactly that.
          const key = `${label} ${start} ${end}`;
          if (seen.has(key)) return;
          seen.add(key);
          annotations.push({
            id: `a${k}-${i}`,
            label,
            start: cp(start),
            end: cp(end),
            text: index.sliceCodePoints(cp(start), cp(end)),
            createdAt: T0,
            updatedAt: later ? T1 : T0,
          });
        });
        const document: MeetingDocument = {
          id: `doc-${k}`,
          title: title.trim() === '' ? 'Untitled' : `${title}${k}`,
          text,
          format,
          meta: {},
          createdAt: T0,
          updatedAt: T1,
        };
        return { raw, document, annotations };
      });
  });
}

/** One to three records with different texts (a text-derived id would otherwise merge them). */
const inputArb: fc.Arbitrary<Generated[]> = fc
  .integer({ min: 1, max: 3 })
  .chain((count) => fc.tuple(...Array.from({ length: count }, (_, k) => documentArb(k))))
  .filter((docs) => new Set(docs.map((d) => d.document.text)).size === docs.length);

const toInput = (docs: Generated[]): ExportInput => ({
  documents: docs.map(({ document, annotations }) => ({ document, annotations })),
  labels: DEFAULT_LABELS,
  exportedAt: EXPORTED,
});

// ---------------------------------------------------------------------------------------------
// Helpers

const runs: Record<string, number> = {};
const counted = (name: string) => {
  runs[name] = (runs[name] ?? 0) + 1;
};
const spans: Record<string, number> = {};
const countSpans = (name: string, n: number) => {
  spans[name] = (spans[name] ?? 0) + n;
};

afterAll(() => {
  const lines = Object.keys(runs)
    .sort()
    .map((k) => `  ${k}: ${runs[k]} runs, ${spans[k] ?? 0} spans`);
  console.log(`property round trips (fast-check, ${RUNS} runs per property):\n${lines.join('\n')}`);
});

function filesOf(result: { files: Array<{ path: string; content: string | Uint8Array }> }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of result.files) out[f.path] = typeof f.content === 'string' ? f.content : new TextDecoder().decode(f.content);
  return out;
}

const spanKey = (a: { label: string; start: number; end: number; text: string }): string =>
  `${a.label} ${a.start} ${a.end} ${JSON.stringify(a.text)}`;
const keys = (list: readonly Annotation[]): string[] => [...list].sort(compareAnnotations).map(spanKey).sort();
const run = (id: FormatId, docs: Generated[], options: FormatOptions = {}) => exportFormat(id).export(toInput(docs), options);

/** Every imported annotation quotes its own document's text at its offsets. */
function expectConsistent(docs: readonly AnnotatedRecord[]): void {
  for (const { document, annotations } of docs) {
    const index = new TextIndex(document.text);
    for (const a of annotations) expect(index.sliceCodePoints(a.start, a.end)).toBe(a.text);
  }
}

const property = (name: string, arb: fc.Arbitrary<Generated[]>, check: (docs: Generated[]) => void) =>
  it(name, () => {
    fc.assert(
      fc.property(arb, (docs) => {
        check(docs);
        counted(name);
        countSpans(name, docs.reduce((n, d) => n + d.annotations.length, 0));
      }),
      { numRuns: RUNS },
    );
  }, 60_000); // a few seconds alone; generous for a loaded 2-core machine running the whole suite

/** A line break at the very start or end of a span: what brat cannot write. */
const brokenEdge = (a: Annotation): boolean => /^\n|\n$/.test(a.text);
const onlyBreaks = (a: Annotation): boolean => /^\n+$/.test(a.text);

// ---------------------------------------------------------------------------------------------

describe('export → import round trips keep the text and every span', () => {
  property('json (native)', inputArb, (docs) => {
    const file = filesOf(run('json', docs))['annotations.yishi.json']!;
    const parsed = parseNative(file, 'x.yishi.json');
    expect(parsed.labels).toEqual(DEFAULT_LABELS);
    expect(parsed.documents.map((d) => d.document)).toEqual(docs.map((d) => d.document));
    // Everything comes back: ids, labels, offsets, texts and dates.
    expect(parsed.documents.map((d) => [...d.annotations].sort(compareAnnotations))).toEqual(
      docs.map((d) => [...d.annotations].sort(compareAnnotations)),
    );
  });

  property('dataset JSONL, one line per document', inputArb, (docs) => {
    const result = run('jsonl', docs);
    expect(result.report).toEqual([]);
    const imported = importDatasetJsonl(filesOf(result)['jsonl/dataset.jsonl']!, 'dataset.jsonl', { now: NOW });
    expect(imported.unknownLabels).toEqual([]);
    expect(imported.documents.map((d) => [d.document.id, d.document.title, d.document.text, d.document.format])).toEqual(
      docs.map((d) => [d.document.id, d.document.title, d.document.text, d.document.format]),
    );
    imported.documents.forEach((d, i) => {
      const original = docs[i]!.annotations;
      expect(keys(d.annotations)).toEqual(keys(original));
      // Ids are kept; dates are not in the format (documented): the import's `now`.
      expect(d.annotations.map((a) => a.id).sort()).toEqual(original.map((a) => a.id).sort());
      for (const a of d.annotations) expect([a.createdAt, a.updatedAt]).toEqual([NOW, NOW]);
    });
    expectConsistent(imported.documents);
  });

  for (const unit of ['paragraph', 'sentence'] as const) {
    property(`dataset JSONL, one line per ${unit} (spans across units are reported, not written)`, inputArb, (docs) => {
      const result = run('jsonl', docs, { unit });
      const content = filesOf(result)['jsonl/dataset.jsonl']!;
      const lines = content
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as { id: string; text: string; meta: { document_id: string; offset_in_document: number } });
      const imported = importDatasetJsonl(content, 'dataset.jsonl', { now: NOW });
      expect(imported.documents.map((d) => d.document.id)).toEqual(lines.map((l) => l.id));
      // Back in document coordinates, by each unit line's offset_in_document.
      const back = new Map<string, Annotation[]>(docs.map((d) => [d.document.id, []]));
      imported.documents.forEach((d, i) => {
        const line = lines[i]!;
        const whole = docs.find((g) => g.document.id === line.meta.document_id)!;
        const wholeIndex = new TextIndex(whole.document.text);
        const shift = line.meta.offset_in_document;
        expect(wholeIndex.sliceCodePoints(cp(shift), cp(shift + new TextIndex(d.document.text).lengthCodePoints))).toBe(d.document.text);
        for (const a of d.annotations) back.get(whole.document.id)!.push({ ...a, start: cp(a.start + shift), end: cp(a.end + shift) });
      });
      let dropped = 0;
      for (const g of docs) {
        const returned = new Set(back.get(g.document.id)!.map((a) => a.id));
        const missing = g.annotations.filter((a) => !returned.has(a.id));
        // Exactly the spans that are not back are reported, each once, naming its id.
        for (const a of missing) {
          expect(result.report.filter((r) => r.includes(`(id ${g.document.id})`) && r.includes(` span ${a.id} [${a.start}, ${a.end})`))).toHaveLength(1);
        }
        dropped += missing.length;
        expect(keys(back.get(g.document.id)!)).toEqual(keys(g.annotations.filter((a) => returned.has(a.id))));
      }
      expect(result.report).toHaveLength(dropped);
      expectConsistent(imported.documents);
    });
  }

  property('doccano (UTF-16 offsets)', inputArb, (docs) => {
    const imported = importDoccano(filesOf(run('doccano', docs))['doccano.jsonl']!, 'doccano.jsonl', { now: NOW });
    expect(imported.documents.map((d) => [d.document.id, d.document.title, d.document.text])).toEqual(
      docs.map((d) => [d.document.id, d.document.title, d.document.text]),
    );
    imported.documents.forEach((d, i) => expect(keys(d.annotations)).toEqual(keys(docs[i]!.annotations)));
    // doccano has no annotation ids: they are derived from the span, stable across imports.
    const again = importDoccano(filesOf(run('doccano', docs))['doccano.jsonl']!, 'doccano.jsonl', { now: T1 });
    expect(again.documents.map((d) => d.annotations.map((a) => a.id))).toEqual(imported.documents.map((d) => d.annotations.map((a) => a.id)));
    expectConsistent(imported.documents);
  });

  property('Label Studio', inputArb, (docs) => {
    const imported = importLabelStudio(filesOf(run('labelstudio', docs))[LABEL_STUDIO_TASKS]!, 'tasks.json', { now: NOW });
    expect(imported.documents.map((d) => [d.document.id, d.document.title, d.document.text, d.document.createdAt, d.document.updatedAt])).toEqual(
      docs.map((d) => [d.document.id, d.document.title, d.document.text, d.document.createdAt, d.document.updatedAt]),
    );
    imported.documents.forEach((d, i) => {
      const original = docs[i]!;
      expect(keys(d.annotations)).toEqual(keys(original.annotations));
      expect(d.annotations.map((a) => a.id).sort()).toEqual(original.annotations.map((a) => a.id).sort());
      // Dates travel per completion (one per task): each annotation takes the document's.
      for (const a of d.annotations) expect([a.createdAt, a.updatedAt]).toEqual([original.document.createdAt, original.document.updatedAt]);
    });
    expectConsistent(imported.documents);
  });

  property('brat (.txt + .ann through a zip)', inputArb, (docs) => {
    const refused = docs.flatMap((d) => d.annotations.filter(onlyBreaks));
    let result;
    try {
      result = run('brat', docs);
    } catch (e) {
      // Documented: a span of line breaks only cannot be a brat fragment; the export refuses.
      expect(e).toBeInstanceOf(ExportCheckError);
      expect(refused.length).toBeGreaterThan(0);
      for (const a of refused.slice(0, 5)) expect((e as Error).message).toContain(`annotation ${a.id}: the span covers only line breaks`);
      return;
    }
    expect(refused).toEqual([]);
    const imported = importBrat(unzipFiles(zipFiles(result.files, EXPORTED)), 'brat.zip', { now: NOW });
    expect(imported.documents.map((d) => d.document.text)).toEqual(docs.map((d) => d.document.text));
    imported.documents.forEach((d, i) => {
      const original = docs[i]!;
      // Line breaks at a span's edges cannot be written: the span comes back without them.
      const expected = original.annotations.map((a) => {
        if (!brokenEdge(a)) return a;
        const lead = /^\n*/.exec(a.text)![0].length;
        const trail = /\n*$/.exec(a.text)![0].length;
        return { ...a, start: cp(a.start + lead), end: cp(a.end - trail), text: a.text.slice(lead, a.text.length - trail) };
      });
      // Two spans that differ only in those line breaks come back as one (same label and range).
      expect(keys(d.annotations)).toEqual([...new Set(keys(expected))]);
      expect(d.document.id).toMatch(/^doc-[0-9a-f]{16}$/);
      // Each such span is in the export report, by id.
      for (const a of original.annotations.filter(brokenEdge)) {
        expect(result.report.some((r) => r.includes(` ${a.id} `) || r.includes(` ${a.id}:`))).toBe(true);
      }
    });
    expect(result.report).toHaveLength(docs.reduce((n, d) => n + d.annotations.filter(brokenEdge).length, 0));
    expectConsistent(imported.documents);
  });
});

describe('regressions found by the properties above', () => {
  it('brat: a span with a line break at its start or end is reported, not changed silently', () => {
    // Found by the brat property: [0, 3) "\n\n产" was written as the fragment [2, 3) and came back
    // as "产" with nothing in the export report.
    const text = '\n\n产业链！\n';
    const docs: Generated[] = [
      {
        raw: text,
        document: { id: 'doc-0', title: '例会', text, format: 'plain', meta: {}, createdAt: T0, updatedAt: T0 },
        annotations: [
          { id: 'lead', label: 'proposal', start: cp(0), end: cp(3), text: '\n\n产', createdAt: T0, updatedAt: T0 },
          { id: 'trail', label: 'problem', start: cp(2), end: cp(7), text: '产业链！\n', createdAt: T0, updatedAt: T0 },
          { id: 'inner', label: 'response', start: cp(2), end: cp(5), text: '产业链', createdAt: T0, updatedAt: T0 },
        ],
      },
    ];
    const result = run('brat', docs);
    expect(result.report).toEqual([
      'brat: document “例会” (id doc-0): proposal span lead [0, 3) "\\n\\n产" starts or ends with a line break, which brat cannot write; it is written as [2, 3)',
      'brat: document “例会” (id doc-0): problem span trail [2, 7) "产业链！\\n" starts or ends with a line break, which brat cannot write; it is written as [2, 6)',
    ]);
    const back = importBrat(result.files, 'brat.zip', { now: NOW }).documents[0]!.annotations;
    expect(back.map(spanKey)).toEqual(['problem 2 6 "产业链！"', 'response 2 5 "产业链"', 'proposal 2 3 "产"']);
  });
});

describe('formats without an importer, read back by independent readers', () => {
  property('W3C Web Annotation (TextPositionSelector + TextQuoteSelector)', inputArb, (docs) => {
    const json = JSON.parse(filesOf(run('w3c', docs))['annotations.w3c.jsonld']!) as {
      total: number;
      first: { items: Array<{ id: string; body: Array<{ value: string }>; target: { source: string; selector: Array<Record<string, unknown>> } }> };
    };
    const all = docs.flatMap((d) => d.annotations.map((a) => ({ d, a })));
    expect(json.total).toBe(all.length);
    const back = json.first.items.map((item) => {
      const pos = item.target.selector.find((s) => s.type === 'TextPositionSelector') as { start: number; end: number };
      const quote = item.target.selector.find((s) => s.type === 'TextQuoteSelector') as { exact: string; prefix: string; suffix: string };
      const doc = docs.find((d) => item.target.source === `urn:yishi:document:${encodeURIComponent(d.document.id)}`)!;
      const cps = Array.from(doc.document.text);
      // The position selector slices to the quote, and prefix + exact + suffix is in the text there.
      expect(cps.slice(pos.start, pos.end).join('')).toBe(quote.exact);
      expect(cps.slice(pos.start - Array.from(quote.prefix).length, pos.end + Array.from(quote.suffix).length).join('')).toBe(
        quote.prefix + quote.exact + quote.suffix,
      );
      return `${doc.document.id} ${item.body[0]!.value} ${pos.start} ${pos.end} ${JSON.stringify(quote.exact)}`;
    });
    expect(back.sort()).toEqual(all.map(({ d, a }) => `${d.document.id} ${spanKey(a)}`).sort());
  });

  property('CSV (papaparse; formula-looking cells get an apostrophe)', inputArb, (docs) => {
    const content = filesOf(run('csv', docs))['annotations.csv']!;
    expect(content.startsWith('\uFEFF')).toBe(true);
    // Comma and CRLF, as Excel reads a .csv (papaparse's guessing would take a "|" in a text for the delimiter).
    const parsed = Papa.parse<string[]>(content.slice(1), { delimiter: ',', newline: '\r\n', skipEmptyLines: false });
    expect(parsed.errors).toEqual([]);
    const rows = parsed.data.slice(1).filter((r) => r.length > 1);
    const names = new Map(DEFAULT_LABELS.map((l) => [l.name, l.id]));
    const back = rows.map(([, label, text, start, end]) => spanKey({ label: names.get(label!)!, start: Number(start), end: Number(end), text: text! }));
    // Documented: a cell starting with = + - @ tab or CR gets a leading apostrophe (and only such a
    // cell: a text that starts with an apostrophe itself is written as it is, so this is not undone here).
    const formula = (t: string) => (/^[=+\-@\t\r]/.test(t) ? `'${t}` : t);
    expect(back.sort()).toEqual(docs.flatMap((d) => d.annotations.map((a) => spanKey({ ...a, text: formula(a.text) }))).sort());
  });

  property('BIO (outermost layer back; every other span reported)', inputArb, (docs) => {
    const result = run('bio', docs);
    const content = filesOf(result)['annotations.bio']!;
    // Decode: code points, tags B-x / I-x / O; white space is not written.
    const tags = content.split('\n').filter((l) => l !== '').map((l) => l.split('\t') as [string, string]);
    let expectedLines = 0;
    const decoded: Array<{ label: string; chars: string }> = [];
    for (const [ch, tag] of tags) {
      if (tag.startsWith('B-')) decoded.push({ label: tag.slice(2), chars: ch });
      else if (tag.startsWith('I-')) decoded[decoded.length - 1]!.chars += ch;
      else expect(tag).toBe('O');
    }
    const kept: Array<{ label: string; chars: string }> = [];
    let reported = 0;
    for (const { document, annotations } of docs) {
      expectedLines += Array.from(document.text).filter((c) => !/^\s$/u.test(c)).length;
      let lastEnd = -1;
      for (const a of [...annotations].sort(compareAnnotations)) {
        const visible = Array.from(a.text).filter((c) => !/^\s$/u.test(c)).join('');
        if (a.start < lastEnd || visible === '') {
          reported++;
          expect(result.report.filter((r) => r.includes(`(id ${document.id})`) && r.includes(` span ${a.id} [`))).toHaveLength(1);
          continue;
        }
        lastEnd = a.end;
        kept.push({ label: a.label, chars: visible });
      }
    }
    expect(tags).toHaveLength(expectedLines);
    expect(decoded).toEqual(kept);
    expect(result.report).toHaveLength(reported);
  });
});

describe('texts as files hold them (BOM, CRLF, lone CR) are imported onto the canonical text', () => {
  // The importers judge offsets in the file's own text and map them onto the canonical one.
  property('dataset JSONL and doccano with raw line ends', inputArb, (docs) => {
    for (const { raw, document } of docs) {
      const rawIndex = new TextIndex(raw);
      const n = rawIndex.lengthCodePoints;
      // Spans in raw code points that start and end outside a CRLF pair and after the BOM.
      const cps = Array.from(raw);
      const ok = (i: number) => i >= (cps[0] === '\uFEFF' ? 1 : 0) && !(cps[i - 1] === '\r' && cps[i] === '\n');
      const ranges: Array<[number, number]> = [];
      for (let s = 0; s < n; s += 3) for (const len of [1, 4]) if (s + len <= n && ok(s) && ok(s + len)) ranges.push([s, s + len]);
      const rawSpans = ranges.map(([s, e], i) => ({ id: `r${i}`, start: s, end: e, label: 'problem', text: cps.slice(s, e).join('') }));
      const line = JSON.stringify({ id: document.id, text: raw, spans: rawSpans });
      const imported = importDatasetJsonl(`${line}\n`, 'raw.jsonl', { now: NOW });
      const d = imported.documents[0]!;
      expect(d.document.text).toBe(document.text);
      expect(d.annotations).toHaveLength(rawSpans.length);
      // Each span covers the same characters, with CRLF → LF and CR → LF.
      const byId = new Map(d.annotations.map((a) => [a.id, a]));
      for (const s of rawSpans) expect(byId.get(s.id)!.text).toBe(normaliseText(s.text.replace(/^\uFEFF/, '')).text);
      expectConsistent(imported.documents);

      const u16At: number[] = [0];
      for (const c of cps) u16At.push(u16At[u16At.length - 1]! + c.length);
      const u16 = (i: number) => u16At[i]!;
      const doccano = JSON.stringify({ text: raw, label: ranges.map(([s, e]) => [u16(s), u16(e), 'problem']) });
      const viaDoccano = importDoccano(`${doccano}\n`, 'raw.jsonl', { now: NOW }).documents[0]!;
      expect(viaDoccano.document.text).toBe(document.text);
      expect(keys(viaDoccano.annotations)).toEqual(keys(d.annotations));
    }
  });
});
