/**
 * W3C Web Annotation (JSON-LD): one AnnotationCollection whose first page holds every
 * annotation. Each annotation tags its target with the label id (a `TextualBody` with purpose
 * `tagging`) and selects the span twice: a `TextQuoteSelector` (exact, with 32 code points of
 * prefix and suffix, fewer at the ends of the text) and a `TextPositionSelector` in code points,
 * as the model requires ("the position of a character is its Unicode code point index").
 *
 * A span's note is a second body with purpose `commenting`, its annotator the `creator`
 * (a Person). Each relation is an annotation of its own after the spans: motivation `linking`, a
 * `tagging` body with the relation type, and two targets, the IRIs of its source and target span
 * annotations (in that order). Speaker and origin are not written.
 *
 * Ids are IRIs: `urn:yishi:document:<doc id>` for a target's source,
 * `urn:yishi:annotation:<doc id>/<annotation id>` and `urn:yishi:relation:<doc id>/<relation id>`
 * (each part percent-encoded).
 */
import { cp } from '../../domain/units';
import { prepareExport } from './check';
import { documentRelations } from './relationTypes';
import type { ExportFormat, ExportInput, ExportResult } from './types';

export const W3C_FILE = 'annotations.w3c.jsonld';
export const W3C_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** Length of the TextQuoteSelector's prefix and suffix, in code points. */
export const QUOTE_CONTEXT = 32;

export const documentIri = (docId: string): string => `urn:yishi:document:${encodeURIComponent(docId)}`;
export const annotationIri = (docId: string, annotationId: string): string =>
  `urn:yishi:annotation:${encodeURIComponent(docId)}/${encodeURIComponent(annotationId)}`;

export const relationIri = (docId: string, relationId: string): string =>
  `urn:yishi:relation:${encodeURIComponent(docId)}/${encodeURIComponent(relationId)}`;

export function exportW3c(input: ExportInput): ExportResult {
  const { documents, check } = prepareExport('w3c', input);
  const items = documents.flatMap((d) => {
    const { document: doc, annotations, index } = d;
    const spans: unknown[] = annotations.map((a) => {
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
        ...(a.annotator !== undefined && { creator: { type: 'Person', name: a.annotator } }),
        body: [
          { type: 'TextualBody', purpose: 'tagging', value: a.label },
          ...(a.note !== undefined && a.note !== '' ? [{ type: 'TextualBody', purpose: 'commenting', value: a.note }] : []),
        ],
        target: {
          source: documentIri(doc.id),
          selector: [
            { type: 'TextQuoteSelector', exact, prefix, suffix },
            { type: 'TextPositionSelector', start: a.start, end: a.end },
          ],
        },
      };
    });
    const relations = documentRelations(d).map((r) => ({
      id: relationIri(doc.id, r.id),
      type: 'Annotation',
      motivation: 'linking',
      body: [{ type: 'TextualBody', purpose: 'tagging', value: r.type }],
      target: [annotationIri(doc.id, r.from), annotationIri(doc.id, r.to)],
    }));
    return [...spans, ...relations];
  });
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
  keeps: ['spans', 'overlaps', 'relations', 'note', 'annotator', 'dates', 'ids'],
  export: (input) => exportW3c(input),
};
