/**
 * W3C Web Annotation (JSON-LD): one AnnotationCollection whose first page holds every
 * annotation. Each annotation tags its target with the label id (a `TextualBody` with purpose
 * `tagging`) and selects the span twice: a `TextQuoteSelector` (exact, with 32 code points of
 * prefix and suffix, fewer at the ends of the text) and a `TextPositionSelector` in code points,
 * as the model requires ("the position of a character is its Unicode code point index").
 *
 * Ids are IRIs: `urn:yishi:document:<doc id>` for a target's source and
 * `urn:yishi:annotation:<doc id>/<annotation id>` (each part percent-encoded).
 */
import { cp } from '../../domain/units';
import { prepareExport } from './check';
import type { ExportFormat, ExportInput, ExportResult } from './types';

export const W3C_FILE = 'annotations.w3c.jsonld';
export const W3C_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** Length of the TextQuoteSelector's prefix and suffix, in code points. */
export const QUOTE_CONTEXT = 32;

export const documentIri = (docId: string): string => `urn:yishi:document:${encodeURIComponent(docId)}`;
export const annotationIri = (docId: string, annotationId: string): string =>
  `urn:yishi:annotation:${encodeURIComponent(docId)}/${encodeURIComponent(annotationId)}`;

export function exportW3c(input: ExportInput): ExportResult {
  const { documents, check } = prepareExport('w3c', input);
  const items = documents.flatMap(({ document: doc, annotations, index }) =>
    annotations.map((a) => {
      const prefixStart = Math.max(0, a.start - QUOTE_CONTEXT);
      const suffixEnd = Math.min(index.lengthCodePoints, a.end + QUOTE_CONTEXT);
      const prefix = index.sliceCodePoints(cp(prefixStart), a.start);
      const suffix = index.sliceCodePoints(a.end, cp(suffixEnd));
      const exact = a.text;
      check.slice(doc, a.id, index, 'codepoint', a.start, a.end, exact);
      check.slice(doc, a.id, index, 'codepoint', prefixStart, a.end, prefix + exact);
      if (suffix !== '') check.slice(doc, a.id, index, 'codepoint', a.start, suffixEnd, exact + suffix);
      return {
        id: annotationIri(doc.id, a.id),
        type: 'Annotation',
        motivation: 'tagging',
        created: a.createdAt,
        modified: a.updatedAt,
        body: [{ type: 'TextualBody', purpose: 'tagging', value: a.label }],
        target: {
          source: documentIri(doc.id),
          selector: [
            { type: 'TextQuoteSelector', exact, prefix, suffix },
            { type: 'TextPositionSelector', start: a.start, end: a.end },
          ],
        },
      };
    }),
  );
  check.done();
  const collection = {
    '@context': W3C_CONTEXT,
    id: `urn:yishi:collection:${encodeURIComponent(input.exportedAt)}`,
    type: 'AnnotationCollection',
    label: 'Yishi annotations',
    generated: input.exportedAt,
    generator: { id: 'urn:yishi:app', type: 'Software', name: 'Yishi' },
    total: items.length,
    first: { type: 'AnnotationPage', startIndex: 0, items },
  };
  return {
    files: [
      {
        path: W3C_FILE,
        content: `${JSON.stringify(collection, null, 2)}\n`,
        mime: 'application/ld+json;profile="http://www.w3.org/ns/anno.jsonld"',
      },
    ],
    report: [],
  };
}

export const w3cFormat: ExportFormat = {
  id: 'w3c',
  title: 'W3C Web Annotation (JSON-LD)',
  offsetUnit: 'codepoint',
  export: (input) => exportW3c(input),
};
