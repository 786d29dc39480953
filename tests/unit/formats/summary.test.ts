/** Annotated summaries (Markdown and HTML): grouping, sections, links, and escaping. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS } from '../../../src/domain/labels';
import { exportFormat } from '../../../src/io/formats';
import { SUMMARY_HTML_FILE } from '../../../src/io/formats/summaryHtml';
import { escapeMarkdownText, SUMMARY_MD_FILE } from '../../../src/io/formats/summaryMarkdown';
import type { ExportInput } from '../../../src/io/formats/types';
import { ann, EXPORTED, fixtureInput, T0 } from './fixtures';

const html = (input: ExportInput = fixtureInput()): string =>
  exportFormat('summary-html').export(input, {}).files.find((f) => f.path === SUMMARY_HTML_FILE)!.content as string;
const md = (input: ExportInput = fixtureInput()): string =>
  exportFormat('summary-md').export(input, {}).files.find((f) => f.path === SUMMARY_MD_FILE)!.content as string;

const XSS = '<script>alert(1)</script>';
function hostile(): ExportInput {
  const text = `## 标题${XSS}\n\n正文${XSS}与<img src=x onerror=alert(2)>和&amp;及**粗体**`;
  return {
    documents: [
      {
        document: { id: 'x"><b>', title: `标题${XSS}`, text, format: 'markdown', meta: {}, createdAt: T0, updatedAt: T0 },
        annotations: [
          { ...ann('q"1', 'problem', text, `正文${XSS}`), speaker: `<b>发言人</b>${XSS}`, note: `注<img src=x onerror=alert(3)>` },
          { ...ann('q2', 'proposal', text, '<img src=x onerror=alert(2)>'), links: [{ id: 'l1', type: 'addresses', to: 'q"1' }] },
          ann('q3', 'response', text, XSS, 0),
        ],
      },
    ],
    labels: [...DEFAULT_LABELS.slice(0, 3), { ...DEFAULT_LABELS[3]!, name: `回应${XSS}`, color: 'red;}</style><script>' }],
    relationTypes: [{ id: 'addresses', name: `针对${XSS}`, nameEn: '<i>addresses</i>', fromLabels: [], toLabels: [] }],
    exportedAt: EXPORTED,
  };
}

describe('HTML summary', () => {
  it('escapes record text, titles, label names, ids and colours: no markup from a record', () => {
    const page = html(hostile());
    expect(page.toLowerCase()).not.toContain('<script');
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<b>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain(`<title>标注摘要 · 标题&lt;script&gt;alert(1)&lt;/script&gt;</title>`);
    expect(page).toContain('<h2>1. 标题&lt;script&gt;alert(1)&lt;/script&gt;</h2>');
    expect(page).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(page).toContain('&amp;amp;');
    expect(page).toContain('id="a-q&quot;1"');
    expect(page).toContain('href="#a-q%221"');
    expect(page).not.toContain('<i>');
    expect(page).toContain('<span class="speaker">&lt;b&gt;发言人&lt;/b&gt;&lt;script&gt;alert(1)&lt;/script&gt;</span>');
    expect(page).toContain('<p class="note">注 · note: 注&lt;img src=x onerror=alert(3)&gt;</p>');
    expect(page).toContain('<p class="relation">→ 针对&lt;script&gt;alert(1)&lt;/script&gt; (&lt;i&gt;addresses&lt;/i&gt;): «<a href="#a-q%221">正文&lt;script&gt;alert(1)&lt;/script&gt;</a>»</p>');
    // The bad colour was replaced, so the style sheet cannot be left.
    expect(page).not.toContain('red;}');
    expect(page.match(/<\/style>/g)).toHaveLength(1);
  });

  it('is standalone: a CSP that allows no script, no external resource, print CSS', () => {
    const page = html();
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;[^"]*">/);
    expect(page).not.toMatch(/script-src/);
    expect(page).not.toMatch(/\b(src|href)="(https?:)?\/\//);
    expect(page).toContain('@media print');
    expect(page).toContain('print-color-adjust:exact');
  });

  it('groups by label (problems, proposals, recommendations, responses), text order, with section and link', () => {
    const page = html();
    const doc1 = page.slice(page.indexOf('id="d-1"'), page.indexOf('id="d-2"'));
    const groups = [...doc1.matchAll(/<h3><span class="swatch"><\/span>([^<]+) <span/g)].map((m) => m[1]);
    expect(groups).toEqual(['问题 (problem)', '主张 (proposal)', '建议 (recommendation)', '回应 (response)']);
    const problems = doc1.slice(doc1.indexOf('问题 (problem)'), doc1.indexOf('主张 (proposal)'));
    expect([...problems.matchAll(/<blockquote>([^<]*)<\/blockquote>/g)].map((m) => m[1])).toEqual([
      '问题是资金不足',
      '资金不足。建议设立',
      '下一句；\n第二行继续',
    ]);
    expect(doc1).toContain(
      '<li><blockquote>有关部门表示将研究𠮷祥物方案</blockquote>\n<p class="where">— <span class="speaker">市工业和信息化局 负责人</span> · <span class="section">回应</span> · <a href="#a-a10">全文 · in the text</a></p>' +
        '<p class="relation">→ 回应 (responds to): «<a href="#a-a3">建议设立专项基金</a>»</p></li>',
    );
    expect(doc1).toContain('<p class="where">— <span class="speaker">张委员</span> · <span class="section">委员观点</span> · <a href="#a-a2">全文 · in the text</a></p><p class="note">注 · note: 资金缺口, 见&quot;附表&quot;\n第二行\t制表符 C:\\new</p></li>');
    expect(doc1).toContain('<span class="section">委员观点</span> · <a href="#a-a1">');
    // Every link has its target once; the repeated id a1 of the second document gets a-a1-2.
    // 14 spans and 3 relations.
    const links = [...page.matchAll(/href="#([^"]+)"/g)].map((m) => decodeURIComponent(m[1]!));
    expect(links).toHaveLength(14 + 3);
    for (const l of links) expect(page.split(`id="${l}"`)).toHaveLength(2);
    expect(links).toContain('a-a1-2');
  });

  it('shows the full text with nested spans highlighted, every character in place', () => {
    const page = html();
    expect(page).toContain(
      '<span id="a-a1"></span><mark class="l-0" title="主张 (proposal)"><mark class="l-0" title="主张 (proposal)">𠮷祥物产业要发展</mark></mark>',
    );
    const fullText = page.slice(page.indexOf('<section class="full-text">'), page.indexOf('</section>', page.indexOf('<section class="full-text">')));
    const shown = fullText
      .replace(/<h3>.*?<\/h3>/, '')
      .replace(/<[^>]+>/g, '')
      .replace(/&quot;/g, '"')
      .replace(/\n/g, '');
    expect(shown).toBe(fixtureInput().documents[0]!.document.text.replace(/\n/g, ''));
  });
});

describe('Markdown summary', () => {
  it('escapes record text and titles: nothing in a record becomes markup', () => {
    const out = md(hostile());
    // Every "<" from the record is backslash-escaped (CommonMark then shows it as a character).
    expect(out).not.toMatch(/(?<!\\)<(script|img|b>)/i);
    expect(out).toContain('\\<script\\>alert\\(1\\)\\<\\/script\\>');
    expect(out).toContain('## 1\\. 标题\\<script\\>alert\\(1\\)\\<\\/script\\>');
    expect(out).toContain('\\*\\*粗体\\*\\*');
    expect(out).toContain('\\&amp\\;');
    expect(out).toContain('<a id="a-q&quot;1"></a>');
    expect(out).toContain('(#a-q%221)');
    expect(out).not.toMatch(/(?<!\\)<(i|b)>/);
    expect(out).toContain('— **\\<b\\>发言人\\<\\/b\\>\\<script\\>alert\\(1\\)\\<\\/script\\>** · ');
    expect(out).toContain('→ 针对\\<script\\>alert\\(1\\)\\<\\/script\\> \\(\\<i\\>addresses\\<\\/i\\>\\): «[正文\\<script\\>alert\\(1\\)\\<\\/script\\>](#a-q%221)»');
    expect(escapeMarkdownText('a_b*c[d](e)#!|`~<>&\\')).toBe('a\\_b\\*c\\[d\\]\\(e\\)\\#\\!\\|\\`\\~\\<\\>\\&\\\\');
  });

  it('groups by label with quote, section and link; full text follows with anchors', () => {
    const out = md();
    expect(out).toContain('### 问题 \\(problem\\) · 3\n\n1. > 问题是资金不足\n\n   — **张委员** · 委员观点 · [全文 · in the text](#a-a2)\n\n   注 · note: 资金缺口\\, 见\\"附表\\" 第二行\t制表符 C\\:\\\\new\n');
    expect(out).toContain('1. > 建议设立专项基金\n\n   — **张委员** · 委员观点 · [全文 · in the text](#a-a3)\n\n   → 针对 \\(addresses\\): «[问题是资金不足](#a-a2)»\n');
    expect(out).toContain('1. > 专项基金！\n   >\n   > 👩‍💻 程序员说');
    expect(out).toContain('2. > 有关部门表示将研究𠮷祥物方案\n\n   — **市工业和信息化局 负责人** · 回应 · [全文 · in the text](#a-a10)\n\n   → 回应 \\(responds to\\): «[建议设立专项基金](#a-a3)»');
    expect(out).toContain('##### 委员观点');
    expect(out).toContain('<a id="a-a8"></a><mark title="问题 (problem)">下一句；\\\n第二行继续</mark>');
    for (const [, target] of out.matchAll(/\]\(#([^)]+)\)/g)) expect(out.split(`<a id="${target}"></a>`)).toHaveLength(2);
  });

  it('keeps leading spaces from becoming a code block', () => {
    const text = '    缩进的行\n第二行';
    const input: ExportInput = {
      documents: [{ document: { id: 'i', title: 't', text, format: 'plain', meta: {}, createdAt: T0, updatedAt: T0 }, annotations: [] }],
      labels: DEFAULT_LABELS,
      exportedAt: EXPORTED,
    };
    expect(md(input)).toContain('\n&#32;&#32;&#32;&#32;缩进的行\n');
  });
});
