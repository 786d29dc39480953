/**
 * From a PDF's positioned text to paragraphs. Pure: pdf.ts feeds it what pdf.js gives.
 *
 * 1. Lines: items in the order the page draws them, a new line where the baseline moves.
 * 2. Running headers, footers and page numbers: among the two top and two bottom lines of each
 *    page, a line that is a page number ("3", "- 3 -", "第 3 页", "3 / 12", "Page 3 of 12"), or a
 *    line whose text (digits aside) recurs at the edge of at least half the pages (two at least).
 *    Dropped, and counted.
 * 3. Paragraphs: a new one where the line before ends short of the right margin, where the line
 *    is indented, where the gap between lines is wider than usual, or where the type size changes;
 *    but centred lines of one size, one under the other, are one paragraph (a wrapped heading).
 *    Lines of one paragraph are joined without a space next to a CJK character.
 */
import { joiner, joinLines } from './cjk';

export interface PdfTextItem {
  str: string;
  /** Baseline origin, in PDF units (y grows upwards). */
  x: number;
  y: number;
  width: number;
  /** Font size (the item's height). */
  size: number;
  hasEOL: boolean;
}

export interface PdfPageText {
  items: PdfTextItem[];
}

interface Line {
  text: string;
  left: number;
  right: number;
  y: number;
  size: number;
  page: number;
}

export interface PdfLayoutResult {
  paragraphs: string[];
  /** Header, footer and page-number lines dropped. */
  dropped: number;
}

const EDGE = /^[\s\u3000]+|[\s\u3000]+$/gu;

function linesOf(page: PdfPageText, pageIndex: number): Line[] {
  const lines: Line[] = [];
  let line: Line | null = null;
  const finish = () => {
    if (line) {
      line.text = line.text.replace(EDGE, '');
      if (line.text !== '') lines.push(line);
    }
    line = null;
  };
  for (const item of page.items) {
    if (item.str !== '') {
      const size = item.size || 1;
      const current: Line | null = line;
      const sameLine = current !== null && Math.abs(current.y - item.y) <= size * 0.4 && item.x >= current.right - size * 0.5;
      if (!sameLine) {
        finish();
        line = { text: item.str, left: item.x, right: item.x + item.width, y: item.y, size, page: pageIndex };
      } else {
        const gap = item.x - current.right;
        // A visible gap between two words is a space (joiner() adds none next to a CJK character).
        current.text += (gap > size * 0.25 ? joiner(current.text, item.str) : '') + item.str;
        current.right = Math.max(current.right, item.x + item.width);
        current.size = Math.max(current.size, size);
      }
    }
    if (item.hasEOL) finish();
  }
  finish();
  return lines;
}

const PAGE_NUMBER =
  /^(?:[-–—]?\s*\d{1,4}\s*[-–—]?|第\s*[\d一二三四五六七八九十百]+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|\d{1,4}\s*\/\s*\d{1,4}|page\s+\d+(?:\s+of\s+\d+)?)$/iu;

const edgeKey = (text: string): string => text.replace(/\d+/gu, '#').replace(/\s+/gu, '');

/** The top two and bottom two lines of a page (by position, not drawing order). */
function edgeLines(lines: readonly Line[]): { top: Line[]; bottom: Line[] } {
  const byHeight = [...lines].sort((a, b) => b.y - a.y);
  return { top: byHeight.slice(0, 2), bottom: byHeight.slice(-2).filter((l) => !byHeight.slice(0, 2).includes(l)) };
}

function runningLines(pages: readonly Line[][]): Set<Line> {
  const drop = new Set<Line>();
  const edges = pages.map(edgeLines);
  for (const side of ['top', 'bottom'] as const) {
    const pagesWith = new Map<string, number>();
    for (const e of edges) for (const key of new Set(e[side].map((l) => edgeKey(l.text)))) pagesWith.set(key, (pagesWith.get(key) ?? 0) + 1);
    for (const e of edges) {
      for (const line of e[side]) {
        const recurs = (pagesWith.get(edgeKey(line.text)) ?? 0) >= Math.max(2, pages.length / 2);
        if (recurs || PAGE_NUMBER.test(line.text)) drop.add(line);
      }
    }
  }
  return drop;
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Lines, headers and footers dropped, into paragraphs. */
export function layoutParagraphs(pages: readonly PdfPageText[]): PdfLayoutResult {
  const pageLines = pages.map(linesOf);
  const drop = runningLines(pageLines);
  const body = pageLines.map((lines) => lines.filter((l) => !drop.has(l)));
  const margins = body.map((lines) => ({
    left: Math.min(...lines.map((l) => l.left)),
    right: Math.max(...lines.map((l) => l.right)),
    spacing: median(lines.slice(1).map((l, i) => lines[i]!.y - l.y).filter((d) => d > 0)),
  }));
  const paragraphs: string[] = [];
  let current: string[] = [];
  let prev: Line | null = null;
  for (const line of body.flat()) {
    const m = margins[line.page]!;
    if (prev) {
      const pm = margins[prev.page]!;
      const short = prev.right < pm.right - 1.5 * prev.size;
      const indented = line.left > m.left + 0.8 * line.size;
      const samePage = prev.page === line.page;
      // Wider than usual for the page's text, and for this type size (a heading's lines are further apart).
      const gap = samePage && (line.y > prev.y || (m.spacing > 0 && prev.y - line.y > Math.max(1.6 * m.spacing, 1.8 * Math.max(line.size, prev.size))));
      const resized = Math.abs(line.size - prev.size) > 0.15 * Math.max(line.size, prev.size);
      // A centred heading that wraps: its last line centred under the line before, same size.
      const centre = (l: Line) => (l.left + l.right) / 2;
      const centred = line.left - m.left > line.size && line.right < m.right - line.size && Math.abs(centre(line) - centre(prev)) < 0.5 * line.size;
      const centredRun = samePage && !gap && !resized && centred && Math.abs(centre(prev) - (m.left + m.right) / 2) < 0.5 * line.size;
      if (!centredRun && (short || indented || gap || resized)) {
        paragraphs.push(joinLines(current));
        current = [];
      }
    }
    current.push(line.text);
    prev = line;
  }
  if (current.length > 0) paragraphs.push(joinLines(current));
  return { paragraphs, dropped: drop.size };
}
