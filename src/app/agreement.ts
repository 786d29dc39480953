/**
 * The Agreement view's data: the records' annotations grouped into layers (a layer is the
 * annotator who made the span; no annotator is the analyst's own layer), measured by
 * `domain/agreement`, and the table as CSV.
 */
import Papa from 'papaparse';
import { agreementTable, type AgreementRecord, type AgreementTable } from '../domain/agreement/report';
import type { Annotation } from '../domain/annotation';
import type { AnnotatedRecord } from '../domain/record';
import { CURATION_LAYER } from '../domain/team/documents';

/** The analyst's own layer: annotations with no annotator. */
export const OWN_LAYER = '';

export function layerOf(a: Pick<Annotation, 'annotator'>): string {
  return a.annotator ?? OWN_LAYER;
}

/** Layers in a stable order: the analyst's own first, then by name, the curated layer last. */
export function orderLayers(names: Iterable<string>): string[] {
  const rank = (n: string) => (n === OWN_LAYER ? 0 : n === CURATION_LAYER ? 2 : 1);
  return [...new Set(names)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b, 'zh-Hans-CN'));
}

/** The records as the agreement measures see them: code-point lengths and each layer's spans. */
export function agreementRecords(records: readonly AnnotatedRecord[]): { records: AgreementRecord[]; layers: string[] } {
  const all = new Set<string>();
  const out = records.map(({ document, annotations }) => {
    const layers = new Map<string, Annotation[]>();
    for (const a of annotations) {
      const name = layerOf(a);
      all.add(name);
      const list = layers.get(name);
      if (list) list.push(a);
      else layers.set(name, [a]);
    }
    let length = 0;
    for (const _ of document.text) length++;
    return { length, layers };
  });
  return { records: out, layers: orderLayers(all) };
}

/** Every pair of layers (and all together) over the records, for the labels given. */
export function measureAgreement(records: readonly AnnotatedRecord[], labels: readonly string[]): AgreementTable {
  const { records: measured, layers } = agreementRecords(records);
  return agreementTable(measured, layers, labels);
}

export const AGREEMENT_CSV_COLUMNS = ['label', 'a', 'b', 'spans_a', 'spans_b', 'exact', 'overlap', 'only_a', 'only_b', 'overlap_only', 'label_disagreements', 'precision_exact', 'recall_exact', 'f1_exact', 'precision_overlap', 'recall_overlap', 'f1_overlap', 'alpha_u'] as const;

/**
 * The table as CSV (UTF-8 with BOM, CRLF, as the annotation CSV): full precision; an undefined
 * measure is an empty cell; `a`/`b` are layer names (`*` for all layers together, the own layer
 * as `ownName`).
 */
export function agreementCsv(table: AgreementTable, ownName: string): string {
  const name = (l: string) => (l === OWN_LAYER ? ownName : l);
  const v = (x: number | null | undefined) => (x === null || x === undefined ? '' : x);
  const data = table.rows.map((r) => [
    r.label,
    name(r.a),
    name(r.b),
    v(r.counts?.a),
    v(r.counts?.b),
    v(r.counts?.exact),
    v(r.counts?.overlap),
    v(r.counts?.onlyA),
    v(r.counts?.onlyB),
    v(r.counts?.overlapOnly),
    v(r.counts?.labelDisagreements),
    v(r.exact?.precision),
    v(r.exact?.recall),
    v(r.exact?.f1),
    v(r.overlap?.precision),
    v(r.overlap?.recall),
    v(r.overlap?.f1),
    v(r.alpha),
  ]);
  return `\uFEFF${Papa.unparse({ fields: [...AGREEMENT_CSV_COLUMNS], data }, { newline: '\r\n', escapeFormulae: /^[=+\-@\t\r]/ })}\r\n`;
}
