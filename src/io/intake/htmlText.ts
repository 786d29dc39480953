/**
 * HTML as the record's text: mammoth's (a small, regular HTML: p, h1–h6, ul/ol/li, table/tr/td,
 * a, strong, em, sup, br, img; text escaped) and Readability's article HTML. Read by a tiny parser
 * so the conversion is pure and runs anywhere (no DOM).
 *
 * Blocks are separated by a blank line. Headings become Markdown-style headings ("# ", "## "),
 * as in the sample record; list items not already numbered as text get "• " or "1. "; a table is
 * one block, a row per line, its cells separated by tabs; footnotes and endnotes come at the end,
 * each as "[n] text" (the reference in the text stays "[n]"). Images and formatting are dropped.
 */
import { isWide, joinLines } from './cjk';

interface Element {
  tag: string;
  attrs: Record<string, string>;
  children: Node[];
}
type Node = Element | string;

const VOID = new Set(['br', 'img', 'hr', 'col', 'meta', 'link', 'input']);

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const decode = (s: string): string =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ENTITY[e.toLowerCase()] ?? whole;
  });

/** Parses mammoth's HTML into a tree (unbalanced end tags close up to their opener). */
export function parseHtml(html: string): Element {
  const root: Element = { tag: '#root', attrs: {}, children: [] };
  const stack: Element[] = [root];
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>|([^<]+)|</g)) {
    const top = stack[stack.length - 1]!;
    if (m[5] !== undefined || m[2] === undefined) {
      top.children.push(decode(m[5] ?? '<'));
      continue;
    }
    const tag = m[2].toLowerCase();
    if (m[1] === '/') {
      const at = stack.map((e) => e.tag).lastIndexOf(tag);
      if (at > 0) stack.length = at;
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of m[3]!.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*("([^"]*)"|'([^']*)')/g)) attrs[a[1]!.toLowerCase()] = decode(a[3] ?? a[4] ?? '');
    const element: Element = { tag, attrs, children: [] };
    top.children.push(element);
    if (!VOID.has(tag) && m[4] !== '/') stack.push(element);
  }
  return root;
}

const isFootnoteBackLink = (e: Element): boolean => e.tag === 'a' && /^#(?:footnote|endnote)-ref-/.test(e.attrs.href ?? '');
const isNote = (e: Element): boolean => e.tag === 'li' && /^(?:footnote|endnote)-/.test(e.attrs.id ?? '');

const LINE_BREAK = '\u2028';
const INVISIBLE = new Set(['img', 'script', 'style', 'noscript', 'template', 'svg', 'button', 'select', 'iframe']);

/** The inline text of a node: text, line breaks (as U+2028 until `finish`); back-links from notes, images, scripts dropped. */
function inline(node: Node): string {
  if (typeof node === 'string') return node;
  if (node.tag === 'br') return LINE_BREAK;
  if (INVISIBLE.has(node.tag) || isFootnoteBackLink(node)) return '';
  return node.children.map(inline).join('');
}

/** Web pages: white space collapses as a browser shows it, and a source line break between two CJK characters disappears. */
let collapseWhiteSpace = false;

function finish(text: string): string {
  let out = text;
  if (collapseWhiteSpace) {
    out = out.replace(/[ \t\r\n\f]+/g, (ws: string, offset: number, all: string) => {
      if (/[\r\n]/.test(ws)) {
        const before = Array.from(all.slice(Math.max(0, offset - 2), offset)).at(-1) ?? '';
        const after = String.fromCodePoint(all.codePointAt(offset + ws.length) ?? 0x20);
        if (before !== '' && (isWide(before) || isWide(after))) return '';
      }
      return ' ';
    });
  }
  return out.replace(new RegExp(`[ \\t]*${LINE_BREAK}[ \\t]*`, 'g'), '\n').trim();
}

const BLOCK = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'table', 'tr', 'td', 'th', 'div', 'blockquote', 'thead', 'tbody', 'tfoot', 'section', 'article', 'pre']);
const hasBlocks = (e: Element): boolean => e.children.some((c) => typeof c !== 'string' && BLOCK.has(c.tag));

/** Inline text between blocks: it becomes a paragraph of its own when the next block starts. */
function looseText(out: string[]): { add(text: string): void; flush(): void } {
  let run = '';
  return {
    add: (text) => void (run += text),
    flush: () => {
      const text = finish(run);
      if (text !== '') out.push(text);
      run = '';
    },
  };
}

/** The paragraphs inside an element, each one's inline text (blocks nested inside flattened). */
function paragraphsIn(e: Element): string[] {
  if (!hasBlocks(e)) {
    const text = finish(inline(e));
    return text === '' ? [] : [text];
  }
  const out: string[] = [];
  const loose = looseText(out);
  for (const c of e.children) {
    if (typeof c !== 'string' && BLOCK.has(c.tag)) {
      loose.flush();
      out.push(...paragraphsIn(c));
    } else loose.add(inline(c));
  }
  loose.flush();
  return out;
}

/** One table as a block: a row per line, cells separated by tabs (a cell's paragraphs joined). */
function table(e: Element): string {
  const rows: string[] = [];
  const walk = (n: Element) => {
    for (const c of n.children) {
      if (typeof c === 'string') continue;
      if (c.tag === 'tr') {
        const cells = c.children.filter((x): x is Element => typeof x !== 'string' && (x.tag === 'td' || x.tag === 'th'));
        rows.push(cells.map((cell) => joinLines(paragraphsIn(cell)).replace(/[\t\n]+/g, ' ')).join('\t'));
      } else if (c.tag !== 'table') walk(c);
    }
  };
  walk(e);
  return rows.join('\n');
}

/** The blocks of the text, in order; notes collected apart. */
function blocks(e: Element, out: string[], notes: string[]): void {
  const loose = looseText(out);
  const flush = loose.flush;
  for (const c of e.children) {
    if (typeof c === 'string') {
      loose.add(c);
      continue;
    }
    const heading = /^h([1-6])$/.exec(c.tag);
    if (heading) {
      flush();
      const text = finish(inline(c)).replace(/\s*\n\s*/g, ' ');
      if (text !== '') out.push(`${'#'.repeat(Number(heading[1]))} ${text}`);
    } else if ((c.tag === 'p' || c.tag === 'pre') && !hasBlocks(c)) {
      flush();
      const text = finish(inline(c));
      if (text !== '') out.push(text);
    } else if (c.tag === 'table') {
      flush();
      const text = table(c);
      if (text.trim() !== '') out.push(text);
    } else if (c.tag === 'ul' || c.tag === 'ol') {
      flush();
      let n = Number(c.attrs.start ?? '1');
      for (const li of c.children) {
        if (typeof li === 'string' || li.tag !== 'li') continue;
        const nested = li.children.filter((x): x is Element => typeof x !== 'string' && (x.tag === 'ul' || x.tag === 'ol'));
        const own: Element = { ...li, children: li.children.filter((x) => typeof x === 'string' || (x.tag !== 'ul' && x.tag !== 'ol')) };
        const text = joinLines(paragraphsIn(own));
        if (isNote(li)) {
          const id = /-(\d+)$/.exec(li.attrs.id ?? '')?.[1] ?? String(n);
          if (text !== '') notes.push(`[${id}] ${text}`);
        } else if (text !== '') out.push(`${c.tag === 'ol' ? `${n}.` : '•'} ${text}`);
        n++;
        for (const list of nested) blocks({ tag: '#list', attrs: {}, children: [list] }, out, notes);
      }
    } else if (BLOCK.has(c.tag)) {
      flush();
      blocks(c, out, notes);
    } else loose.add(inline(c));
  }
  flush();
}

/**
 * The text of HTML: blocks separated by blank lines, notes at the end. `web`: white space in the
 * HTML source collapses (a web page's markup is indented and wrapped at will); mammoth's HTML
 * has none, and spaces in a Word paragraph are the author's.
 */
export function htmlToText(html: string, options: { web: boolean }): string {
  const out: string[] = [];
  const notes: string[] = [];
  collapseWhiteSpace = options.web;
  try {
    blocks(parseHtml(html), out, notes);
  } finally {
    collapseWhiteSpace = false;
  }
  return [...out, ...notes].join('\n\n');
}
