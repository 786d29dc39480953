/**
 * The W3C export read by an independent consumer: the W3C parser of @recogito/text-annotator
 * (`parseW3CTextAnnotation`, which needs no DOM when given no container) gets the same ranges
 * and quotes back. Plus the selectors' shape, checked by hand against the model.
 */
import { parseW3CTextAnnotation, type W3CTextAnnotation } from '@recogito/text-annotator';
import { describe, expect, it } from 'vitest';
import { exportFormat } from '../../../src/io/formats';
import { annotationIri, documentIri, QUOTE_CONTEXT, relationIri, W3C_FILE } from '../../../src/io/formats/w3c';
import { filesOf, fixtureInput, pySlice } from './fixtures';

interface Selector {
  type: string;
  exact?: string;
  prefix?: string;
  suffix?: string;
  start?: number;
  end?: number;
}
interface Item {
  id: string;
  type: string;
  motivation: string;
  creator?: { type: string; name: string };
  body: Array<{ type: string; purpose: string; value: string }>;
  target: { source: string; selector: Selector[] };
}
interface LinkItem {
  id: string;
  motivation: string;
  body: Array<{ type: string; purpose: string; value: string }>;
  target: string[];
}

const input = fixtureInput();
const collection = JSON.parse(filesOf(exportFormat('w3c').export(input, {}))[W3C_FILE]!) as {
  '@context': string;
  type: string;
  total: number;
  first: { type: string; items: Array<Item | LinkItem> };
};
const spanItems = collection.first.items.filter((x): x is Item => x.motivation === 'tagging');
const linkItems = collection.first.items.filter((x): x is LinkItem => x.motivation === 'linking');
const relations = input.documents.flatMap((d) => d.annotations.flatMap((a) => (a.links ?? []).map((l) => ({ doc: d.document.id, from: a.id, ...l }))));
const expected = input.documents.flatMap((d) =>
  [...d.annotations]
    .sort((a, b) => a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : 1))
    .map((a) => ({ doc: d.document, a })),
);

describe('W3C Web Annotation export', () => {
  it('is an AnnotationCollection with every annotation', () => {
    expect(collection['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(collection.type).toBe('AnnotationCollection');
    expect(collection.first.type).toBe('AnnotationPage');
    expect(collection.total).toBe(expected.length + relations.length);
    expect(spanItems).toHaveLength(expected.length);
    expect(linkItems).toHaveLength(relations.length);
  });

  it('@recogito/text-annotator parses it to the same ranges, quotes and tags', () => {
    spanItems.forEach((item, i) => {
      const { doc, a } = expected[i]!;
      const result = parseW3CTextAnnotation(item as unknown as W3CTextAnnotation) as { parsed?: { id: string; bodies: Array<{ value?: string; purpose?: string }>; target: { selector: Array<{ quote: string; start: number; end: number }> } }; error?: Error };
      expect(result.error).toBeUndefined();
      const parsed = result.parsed!;
      expect(parsed.id).toBe(annotationIri(doc.id, a.id));
      expect(parsed.target.selector).toHaveLength(1);
      const sel = parsed.target.selector[0]!;
      expect([sel.start, sel.end, sel.quote]).toEqual([a.start, a.end, a.text]);
      // The ranges are code points: Python-style slicing of the document gives the quote.
      expect(pySlice(doc.text, sel.start, sel.end)).toBe(sel.quote);
      expect(parsed.bodies.map((b) => [b.purpose, b.value])).toEqual([['tagging', a.label], ...(a.note ? [['commenting', a.note]] : [])]);
      expect(item.creator).toEqual(a.annotator === undefined ? undefined : { type: 'Person', name: a.annotator });
    });
  });

  it('targets the document, with a quote selector of 32 code points of context', () => {
    spanItems.forEach((item, i) => {
      const { doc, a } = expected[i]!;
      expect(item.target.source).toBe(documentIri(doc.id));
      const quote = item.target.selector.find((s) => s.type === 'TextQuoteSelector')!;
      const pos = item.target.selector.find((s) => s.type === 'TextPositionSelector')!;
      expect(pos).toEqual({ type: 'TextPositionSelector', start: a.start, end: a.end });
      expect(quote.exact).toBe(a.text);
      const chars = Array.from(doc.text);
      expect(quote.prefix).toBe(chars.slice(Math.max(0, a.start - QUOTE_CONTEXT), a.start).join(''));
      expect(quote.suffix).toBe(chars.slice(a.end, a.end + QUOTE_CONTEXT).join(''));
      // prefix + exact + suffix occurs in the text exactly at the position.
      expect(doc.text.includes(quote.prefix! + quote.exact! + quote.suffix!)).toBe(true);
    });
    const long = spanItems.find((x) => x.target.selector[0]!.exact === '有关部门表示将研究𠮷祥物方案')!;
    expect(Array.from(long.target.selector[0]!.prefix!)).toHaveLength(QUOTE_CONTEXT);
  });

  it('writes each relation as a linking annotation whose targets are its two span annotations', () => {
    expect(linkItems.map((x) => [x.id, x.body[0]!.value, ...x.target]).sort()).toEqual(
      relations.map((r) => [relationIri(r.doc, r.id), r.type, annotationIri(r.doc, r.from), annotationIri(r.doc, r.to)]).sort(),
    );
    const ids = new Set(spanItems.map((x) => x.id));
    for (const l of linkItems) for (const t of l.target) expect(ids.has(t)).toBe(true);
  });
});
