/**
 * Saved web pages (.html / .htm) and HTML from the clipboard: the article's text, without the
 * page's navigation, header, footer, scripts and asides, through Mozilla's Readability (the
 * extraction Firefox's reader view uses) over the browser's DOMParser. When Readability finds no
 * article (a short clipboard fragment), the body is read with those parts removed.
 *
 * Kept as record metadata: the page title (sourceTitle), its address (source: canonical link,
 * og:url, or the "saved from" comment browsers write), the site name, byline and publication date.
 */
import { Readability } from '@mozilla/readability';
import { normaliseText, type DocumentMeta } from '../../domain/document';
import { htmlToText } from './htmlText';
import { mapRadicals } from './radicals';
import { problem, type IntakeNote, type IntakeProblem, type IntakeResult } from './types';

/** Never article text. A header or footer inside an article (its title, its byline) is kept. */
const BOILERPLATE = 'script, style, noscript, template, nav, aside, form, iframe, dialog, [role=navigation], [role=banner], [role=contentinfo], [role=complementary], [aria-hidden=true]';

/** A copy of the page without its boilerplate. */
function withoutBoilerplate(doc: Document): Document {
  const copy = doc.cloneNode(true) as Document;
  for (const e of Array.from(copy.querySelectorAll(BOILERPLATE))) e.remove();
  for (const e of Array.from(copy.querySelectorAll('header, footer'))) if (!e.parentElement?.closest('article')) e.remove();
  return copy;
}

/**
 * The article's own heading as the record's first line: Readability turns every h1 into h2, so a
 * leading "## " heading becomes "# " when there is no other top-level one; with no heading at
 * all, the page title is written as one.
 */
function withTitle(body: string, title: string): string {
  if (/^#{1,6} /.test(body)) return /^## /.test(body) && !/^# /m.test(body) ? body.slice(1) : body;
  return title === '' ? body : `# ${title}\n\n${body}`;
}

/** The page's own address: canonical link, og:url, or a browser's "saved from" comment. */
export function sourceUrl(doc: Document, html: string): string | undefined {
  const canonical = doc.querySelector('link[rel~="canonical" i]')?.getAttribute('href');
  const og = doc.querySelector('meta[property="og:url" i], meta[name="og:url" i]')?.getAttribute('content');
  const saved = /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i.exec(html)?.[1] ?? /<!--[^>]*?\burl:\s*(https?:\/\/\S+)/i.exec(html)?.[1];
  const url = [canonical, og, saved].find((u) => typeof u === 'string' && /^https?:\/\//i.test(u.trim()));
  return url?.trim();
}

const metaContent = (doc: Document, selector: string): string | undefined =>
  doc.querySelector(selector)?.getAttribute('content')?.trim() || undefined;

/** Reads HTML (a saved page or the clipboard's text/html). */
export function readHtml(html: string): IntakeResult | IntakeProblem {
  if (html.trim() === '') return problem('empty');
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const url = sourceUrl(doc, html);
  const pageTitle = metaContent(doc, 'meta[property="og:title" i]') ?? (doc.title.trim() || undefined);
  const article = new Readability(withoutBoilerplate(doc), { charThreshold: 100 }).parse();
  let body = article?.content ? htmlToText(article.content, { web: true }) : '';
  if (body.trim() === '') body = htmlToText(withoutBoilerplate(doc).body?.innerHTML ?? '', { web: true });
  if (body.trim() === '') return problem('noText');
  const title = (article?.title ?? pageTitle ?? '').trim();
  // The article's own heading, when Readability left it out, rather than the page title (which
  // often carries the site's name: "…_天津政协网").
  const h1 = withoutBoilerplate(doc).querySelector('article h1, main h1, h1')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const radicals = mapRadicals(withTitle(body, h1 !== '' && !body.includes(h1) ? h1 : title));
  const { text } = normaliseText(radicals.text);
  if (text.trim() === '') return problem('noText');
  const meta: DocumentMeta = {};
  if (title) meta.sourceTitle = title;
  if (url) meta.source = url;
  const site = article?.siteName ?? metaContent(doc, 'meta[property="og:site_name" i]');
  if (site) meta.siteName = site;
  if (article?.byline) meta.byline = article.byline;
  const published = /^\d{4}-\d{2}-\d{2}/.exec(article?.publishedTime ?? '')?.[0];
  if (published) meta.date = published;
  const notes: IntakeNote[] = radicals.count > 0 ? [{ kind: 'radicalsMapped', count: radicals.count }] : [];
  return { ok: true, text, format: 'markdown', source: 'html', meta, notes };
}
