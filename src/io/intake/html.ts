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

const BOILERPLATE = 'script, style, noscript, template, nav, header, footer, aside, form, iframe, [role=navigation], [role=banner], [role=contentinfo], [aria-hidden=true]';

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
  const article = new Readability(doc.cloneNode(true) as Document, { charThreshold: 100 }).parse();
  let body = article?.content ? htmlToText(article.content, { web: true }) : '';
  if (body.trim() === '') {
    const copy = doc.cloneNode(true) as Document;
    for (const e of Array.from(copy.querySelectorAll(BOILERPLATE))) e.remove();
    body = htmlToText(copy.body?.innerHTML ?? '', { web: true });
  }
  const title = (article?.title ?? pageTitle ?? '').trim();
  // Readability takes the article's heading out when it repeats the title: it stays in the text.
  if (title !== '' && !body.includes(title)) body = `# ${title}\n\n${body}`;
  const radicals = mapRadicals(body);
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
