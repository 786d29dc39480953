/**
 * Annotated summary as one standalone HTML page: the same content as the Markdown summary,
 * with print CSS so the browser's "print to PDF" gives a clean report (each document on a new
 * page, colours kept, links not underlined).
 *
 * Everything that comes from a record (text, titles, label names, ids) is HTML-escaped: it is
 * data, never markup. The page has no script, and a Content-Security-Policy meta tag that allows
 * none (`default-src 'none'`; only the page's own inline style). Label colours go into the style
 * sheet as classes `l-<n>` by position in the label set, after checking they are #rrggbb.
 */
import type { Label } from '../../domain/labels';
import { prepareExport } from './check';
import { exportRelationTypes } from './relationTypes';
import { escapeHtml, labelTitle, safeColor } from './common';
import { anchorHref, buildSummary, checkSummary, type BlockView, type Piece } from './summaryModel';
import type { ExportFormat, ExportInput, ExportResult } from './types';

export const SUMMARY_HTML_FILE = 'summary.html';
export const SUMMARY_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

function styleSheet(labels: readonly Label[]): string {
  const rules = labels.map((l, i) => `.l-${i}{--c:${safeColor(l.color)}}`);
  return `
:root{color-scheme:light}
body{font-family:"Noto Serif CJK SC","Source Han Serif SC","Songti SC",SimSun,serif;line-height:1.75;max-width:46em;margin:2em auto;padding:0 1em;color:#1a1a1a;background:#fff}
h1,h2,h3,h4,h5,h6{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;line-height:1.35}
.meta{color:#555}
.swatch{display:inline-block;width:.8em;height:.8em;border-radius:2px;background:var(--c);margin-right:.4em;vertical-align:baseline}
ol.quotes{padding-left:1.6em}
ol.quotes li{margin:.6em 0;break-inside:avoid}
blockquote{margin:0;padding:.2em .8em;border-left:4px solid var(--c);white-space:pre-wrap}
.where{margin:.2em 0 0;color:#555;font-size:.9em}
.speaker{color:#1a1a1a;font-weight:bold}
.note{margin:.2em 0 0;font-size:.9em;white-space:pre-wrap}
.relation{margin:.2em 0 0;font-size:.9em}
.full-text p,.full-text .h{white-space:pre-wrap}
.md{color:#999}
mark{background:#fff3b0;background:color-mix(in srgb,var(--c) 22%,transparent);color:inherit;border-bottom:2px solid var(--c);padding:0}
mark mark{border-bottom-width:4px}
a{color:#0b5cad}
${rules.join('\n')}
@media print{
  @page{margin:18mm 16mm}
  body{max-width:none;margin:0;padding:0}
  section.document+section.document{break-before:page}
  a{color:inherit;text-decoration:none}
  mark,blockquote,.swatch{print-color-adjust:exact;-webkit-print-color-adjust:exact}
  h2,h3,h4{break-after:avoid}
}
`;
}

export function exportSummaryHtml(input: ExportInput): ExportResult {
  const { documents, check } = prepareExport('summary-html', input);
  const summary = buildSummary(documents, input.labels, exportRelationTypes(input, documents));
  checkSummary(check, summary);
  check.done();

  // prepareExport has refused labels outside the set, so every label has a class.
  const classIds = input.labels.map((l) => l.id);
  const cls = (labelId: string): string => `l-${classIds.indexOf(labelId)}`;
  const title = (id: string): string => escapeHtml(labelTitle(input.labels, id));

  const renderPiece = (p: Piece): string => {
    const anchors = p.anchors.map((a) => `<span id="${escapeHtml(a)}"></span>`).join('');
    if (p.marker || p.text === '') return anchors + (p.marker ? `<span class="md">${escapeHtml(p.text)}</span>` : '');
    let html = escapeHtml(p.text);
    if (p.syntax) html = `<span class="md">${html}</span>`;
    else if (p.strong) html = `<strong>${html}</strong>`;
    // Nested marks, outermost first: each layer shows its colour.
    for (let i = p.covering.length - 1; i >= 0; i--) {
      const a = p.covering[i]!;
      html = `<mark class="${cls(a.label)}" title="${title(a.label)}">${html}</mark>`;
    }
    return anchors + html;
  };
  const renderBlock = (b: BlockView): string => {
    const inner = b.pieces.map(renderPiece).join('');
    if (b.kind === 'heading') {
      const level = Math.min(6, 3 + b.level);
      return `<h${level} class="h">${inner}</h${level}>`;
    }
    return `<p>${inner}</p>`;
  };

  const total = documents.reduce((n, d) => n + d.annotations.length, 0);
  const pageTitle =
    documents.length === 1 ? `标注摘要 · ${documents[0]!.document.title}` : `标注摘要 · Annotated summary (${documents.length} documents)`;
  const body: string[] = [
    '<header>',
    '<h1>标注摘要 · Annotated summary</h1>',
    `<p class="meta">${escapeHtml(input.exportedAt)} · ${documents.length} ${documents.length === 1 ? 'document' : 'documents'} · ${total} ${total === 1 ? 'annotation' : 'annotations'}</p>`,
    '</header>',
  ];
  for (const s of summary) {
    const doc = s.prepared.document;
    body.push(`<section class="document" id="d-${s.number}">`, `<h2>${s.number}. ${escapeHtml(doc.title)}</h2>`);
    if (s.groups.length === 0) body.push('<p class="meta">No annotations.</p>');
    for (const g of s.groups) {
      body.push(
        `<section class="label-group ${cls(g.labelId)}">`,
        `<h3><span class="swatch"></span>${title(g.labelId)} <span class="meta">· ${g.items.length}</span></h3>`,
        '<ol class="quotes">',
      );
      for (const { annotation: a, anchor, heading, outgoing } of g.items) {
        const speaker = a.speaker !== undefined && a.speaker.trim() !== '' ? `<span class="speaker">${escapeHtml(a.speaker.trim())}</span> · ` : '';
        const where = heading !== null ? `<span class="section">${escapeHtml(heading)}</span> · ` : '';
        const extra: string[] = [];
        if (a.note !== undefined && a.note.trim() !== '') extra.push(`<p class="note">注 · note: ${escapeHtml(a.note.trim())}</p>`);
        for (const l of outgoing) {
          extra.push(`<p class="relation">→ ${escapeHtml(l.title)}: «<a href="${escapeHtml(anchorHref(l.anchor))}">${escapeHtml(l.target.text)}</a>»</p>`);
        }
        body.push(
          `<li><blockquote>${escapeHtml(a.text)}</blockquote>`,
          `<p class="where">— ${speaker}${where}<a href="${escapeHtml(anchorHref(anchor))}">全文 · in the text</a></p>${extra.join('')}</li>`,
        );
      }
      body.push('</ol>', '</section>');
    }
    body.push('<section class="full-text">', '<h3>全文 · Full text</h3>');
    for (const b of s.blocks) body.push(renderBlock(b));
    if (s.trailingAnchors.length > 0) body.push(s.trailingAnchors.map((a) => `<span id="${escapeHtml(a)}"></span>`).join(''));
    body.push('</section>', '</section>');
  }

  const html = [
    '<!doctype html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(SUMMARY_CSP)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="Yishi">',
    `<title>${escapeHtml(pageTitle)}</title>`,
    `<style>${styleSheet(input.labels)}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
  return { files: [{ path: SUMMARY_HTML_FILE, content: html, mime: 'text/html;charset=utf-8' }], report: [] };
}

export const summaryHtmlFormat: ExportFormat = {
  id: 'summary-html',
  title: 'Annotated summary (HTML, printable)',
  offsetUnit: null,
  keeps: ['spans', 'overlaps', 'relations', 'speaker', 'note'],
  export: (input) => exportSummaryHtml(input),
};
