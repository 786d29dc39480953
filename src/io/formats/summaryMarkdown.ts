/**
 * Annotated summary as Markdown (CommonMark): per document, the annotations grouped by label
 * (problems, proposals, recommendations, responses, then other labels) in text order, each with
 * its quote, the heading of the section it falls under and a link to `#a-<id>` in the full text,
 * which follows with the spans as `<mark>` and the anchors as `<a id>`. A quote's speaker stands
 * in bold before its section, its note below it, and each relation that starts at it as
 * "→ 针对 (addresses): «target quote»" linking to the target in the full text.
 *
 * Everything that comes from a record is escaped: every ASCII punctuation character gets a
 * backslash (CommonMark allows it before any of them), leading spaces and tabs become character
 * references (so they cannot make a code block), and attribute values are HTML-escaped. A
 * record's `## ` and `**` therefore show as the characters they are; the document's headings
 * are laid out as Markdown headings from `layout.ts`.
 */
import { prepareExport } from './check';
import { exportRelationTypes } from './relationTypes';
import { escapeHtml, labelTitle } from './common';
import { anchorHref, buildSummary, checkSummary, type BlockView, type Piece } from './summaryModel';
import type { ExportFormat, ExportInput, ExportResult } from './types';

export const SUMMARY_MD_FILE = 'summary.md';

/** Backslash-escapes every ASCII punctuation character. */
export function escapeMarkdownText(s: string): string {
  return s.replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`);
}

/** Leading spaces and tabs of each line as character references (not indentation). */
function protectIndent(s: string): string {
  return s.replace(/(^|\n)([ \t]+)/g, (_, nl: string, ws: string) =>
    nl + ws.replace(/ /g, '&#32;').replace(/\t/g, '&#9;'),
  );
}

/**
 * Every line break (LF, CR, CRLF, NEL, U+2028, U+2029: each ends a Markdown line or looks like it)
 * with the white space around it as one space. A split and trims, not `\s*\n\s*`, which
 * backtracks over a run of spaces at every start (quadratic: 40,000 spaces took 10 s).
 */
export function oneLine(s: string): string {
  const parts = s.split(/\r\n|[\n\r\u0085\u2028\u2029]/);
  if (parts.length === 1) return s;
  const kept = parts.map((part, i) => (i === 0 ? part.trimEnd() : i === parts.length - 1 ? part.trimStart() : part.trim()));
  return kept.filter((part, i) => part !== '' || i === 0 || i === kept.length - 1).join(' ');
}

/** One line of text (no line breaks) as Markdown inline content. */
const line = (s: string): string => protectIndent(escapeMarkdownText(oneLine(s)));

function renderPieces(pieces: readonly Piece[], labels: ExportInput['labels']): string {
  const out = pieces.map((p) => {
    const anchors = p.anchors.map((a) => `<a id="${escapeHtml(a)}"></a>`).join('');
    // A line break inside a paragraph is a hard line break ("\" at the end of the line).
    const text = escapeMarkdownText(p.text).replace(/\n/g, '\\\n');
    if (p.covering.length === 0 || text === '') return anchors + text;
    const title = p.covering.map((a) => labelTitle(labels, a.label)).join(' › ');
    return `${anchors}<mark title="${escapeHtml(title)}">${text}</mark>`;
  });
  return protectIndent(out.join(''));
}

function renderBlock(b: BlockView, labels: ExportInput['labels']): string {
  // A heading's "## " marker is not shown (the Markdown heading says the level); anchors stay.
  const pieces = b.kind === 'heading' ? b.pieces.map((p) => (p.marker ? { ...p, text: '' } : p)) : b.pieces;
  const inline = renderPieces(pieces, labels);
  if (b.kind === 'heading') return `${'#'.repeat(Math.min(6, 3 + b.level))} ${inline.trim() || '&#32;'}`;
  return inline;
}

export function exportSummaryMarkdown(input: ExportInput): ExportResult {
  const { documents, check } = prepareExport('summary-md', input);
  const summary = buildSummary(documents, input.labels, exportRelationTypes(input, documents));
  checkSummary(check, summary);
  check.done();

  const total = documents.reduce((n, d) => n + d.annotations.length, 0);
  const out: string[] = [
    '# 标注摘要 · Annotated summary',
    '',
    `${escapeMarkdownText(input.exportedAt)} · ${documents.length} ${documents.length === 1 ? 'document' : 'documents'} · ${total} ${total === 1 ? 'annotation' : 'annotations'}`,
    '',
  ];
  for (const s of summary) {
    const doc = s.prepared.document;
    out.push(`<a id="d-${s.number}"></a>`, '', `## ${s.number}\\. ${line(doc.title)}`, '');
    if (s.groups.length === 0) out.push('*No annotations.*', '');
    for (const g of s.groups) {
      out.push(`### ${line(labelTitle(input.labels, g.labelId))} · ${g.items.length}`, '');
      g.items.forEach(({ annotation: a, anchor, heading, outgoing }, k) => {
        const marker = `${k + 1}. `;
        const indent = ' '.repeat(marker.length);
        const quote = a.text.split('\n').map((l) => (l === '' ? '>' : `> ${protectIndent(escapeMarkdownText(l))}`));
        out.push(`${marker}${quote[0]}`, ...quote.slice(1).map((q) => indent + q), '');
        const speaker = a.speaker !== undefined && a.speaker.trim() !== '' ? `**${line(a.speaker.trim())}** · ` : '';
        const where = heading !== null ? `${line(heading)} · ` : '';
        out.push(`${indent}— ${speaker}${where}[全文 · in the text](${anchorHref(anchor)})`, '');
        if (a.note !== undefined && a.note.trim() !== '') out.push(`${indent}注 · note: ${line(a.note.trim())}`, '');
        for (const l of outgoing) {
          out.push(`${indent}→ ${line(l.title)}: «[${line(l.target.text)}](${anchorHref(l.anchor)})»`, '');
        }
      });
    }
    out.push(`### 全文 · Full text`, '');
    for (const b of s.blocks) out.push(renderBlock(b, input.labels), '');
    if (s.trailingAnchors.length > 0) out.push(s.trailingAnchors.map((a) => `<a id="${escapeHtml(a)}"></a>`).join(''), '');
  }
  return {
    files: [{ path: SUMMARY_MD_FILE, content: `${out.join('\n').replace(/\n+$/, '')}\n`, mime: 'text/markdown;charset=utf-8' }],
    report: [],
  };
}

export const summaryMarkdownFormat: ExportFormat = {
  id: 'summary-md',
  title: 'Annotated summary (Markdown)',
  offsetUnit: null,
  keeps: ['spans', 'overlaps', 'relations', 'speaker', 'note'],
  export: (input) => exportSummaryMarkdown(input),
};
