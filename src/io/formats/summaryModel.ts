/**
 * What both annotated summaries (Markdown and HTML) show, computed once: per document, the
 * annotations grouped by label in text order with the heading of the section each falls under,
 * and the full text as blocks (layout.ts) cut into pieces, each piece knowing the annotations
 * that cover it, its inline Markdown styling and the anchors that start there.
 *
 * Anchors are `a-<annotation id>`; an id that already appeared in an earlier document of the
 * same export gets `-2`, `-3`… so every anchor on the page is unique.
 */
import type { Annotation } from '../../domain/annotation';
import type { Label } from '../../domain/labels';
import { layoutBlocks, type Block } from '../../domain/layout';
import { relationsOf, type RelationType } from '../../domain/relations';
import { segmentRanges } from '../../domain/segments';
import type { ExportChecker, PreparedDocument } from './check';
import { summaryLabelOrder } from './common';
import { relationTypeTitle } from './relationTypes';

export interface SummaryItem {
  annotation: Annotation;
  anchor: string;
  /** Text of the heading of the section the span starts in, or null (before any heading). */
  heading: string | null;
  /** The relations that start at this span, in stored order. */
  outgoing: SummaryLink[];
}

export interface SummaryLink {
  /** The relation type's display name, e.g. "针对 (addresses)". */
  title: string;
  target: Annotation;
  /** The target's anchor in the full text. */
  anchor: string;
}

export interface SummaryGroup {
  labelId: string;
  label: Label | undefined;
  items: SummaryItem[];
}

export interface Piece {
  text: string;
  /** Covering annotations, outermost first. */
  covering: Annotation[];
  strong: boolean;
  syntax: boolean;
  /** Part of a heading's leading `#` marker (the summary shows the level as a heading instead). */
  marker: boolean;
  /** Anchors placed just before this piece. */
  anchors: string[];
}

export interface BlockView {
  kind: 'heading' | 'paragraph';
  level: number;
  pieces: Piece[];
}

export interface SummaryDocument {
  prepared: PreparedDocument;
  /** 1-based position in the export: `d-<n>` is the document's anchor. */
  number: number;
  groups: SummaryGroup[];
  blocks: BlockView[];
  /** Anchors of spans that start after the last block (white space only there). */
  trailingAnchors: string[];
  anchorOf: Map<string, string>;
}

function markerEnd(b: Block): number {
  return b.kind === 'heading' && b.inline[0]?.kind === 'syntax' && b.inline[0].start === b.start ? b.inline[0].end : b.start;
}

function headingText(text: string, b: Block): string {
  return text.slice(markerEnd(b), b.end).trim();
}

export function buildSummary(
  documents: readonly PreparedDocument[],
  labels: readonly Label[],
  relationTypes: readonly RelationType[] = [],
): SummaryDocument[] {
  const usedAnchors = new Set<string>();
  const order = summaryLabelOrder(labels);
  return documents.map((prepared, i) => {
    const { document: doc, annotations, index } = prepared;
    const anchorOf = new Map<string, string>();
    for (const a of annotations) {
      let anchor = `a-${a.id}`;
      for (let n = 2; usedAnchors.has(anchor); n++) anchor = `a-${a.id}-${n}`;
      usedAnchors.add(anchor);
      anchorOf.set(a.id, anchor);
    }
    const blocks = layoutBlocks(doc.text, doc.format);
    const u16 = new Map(annotations.map((a) => [a.id, { start: index.toUtf16(a.start) as number, end: index.toUtf16(a.end) as number }]));

    // Groups, in summary label order, then labels not in the set.
    const headings = blocks.filter((b) => b.kind === 'heading');
    const headingAt = (offset: number): string | null => {
      let found: string | null = null;
      for (const h of headings) {
        if (h.start <= offset) found = headingText(doc.text, h);
        else break;
      }
      return found;
    };
    const byId = new Map(annotations.map((a) => [a.id, a]));
    const outgoing = new Map<string, SummaryLink[]>();
    for (const r of relationsOf(annotations)) {
      const link = { title: relationTypeTitle(relationTypes, r.type), target: byId.get(r.to)!, anchor: anchorOf.get(r.to)! };
      const list = outgoing.get(r.from);
      if (list) list.push(link);
      else outgoing.set(r.from, [link]);
    }
    const groupIds = [...order.map((l) => l.id)];
    for (const a of annotations) if (!groupIds.includes(a.label)) groupIds.push(a.label);
    const groups: SummaryGroup[] = groupIds
      .map((labelId) => ({
        labelId,
        label: labels.find((l) => l.id === labelId),
        items: annotations
          .filter((a) => a.label === labelId)
          .map((a) => ({
            annotation: a,
            anchor: anchorOf.get(a.id)!,
            heading: headingAt(u16.get(a.id)!.start),
            outgoing: outgoing.get(a.id) ?? [],
          })),
      }))
      .filter((g) => g.items.length > 0);

    // Full text pieces.
    const segments = segmentRanges(annotations.map((a) => ({ id: a.id, ...u16.get(a.id)! })));
    const anchorsAt = new Map<number, string[]>();
    for (const a of annotations) {
      const s = u16.get(a.id)!.start;
      anchorsAt.set(s, [...(anchorsAt.get(s) ?? []), anchorOf.get(a.id)!]);
    }
    const anchorPositions = [...anchorsAt.keys()].sort((x, y) => x - y);
    let nextAnchor = 0;
    let seg = 0;
    const views: BlockView[] = blocks.map((b) => {
      const cuts = new Set<number>([b.start, b.end, markerEnd(b)]);
      for (const st of b.inline) {
        cuts.add(st.start);
        cuts.add(st.end);
      }
      for (let k = seg; k < segments.length && segments[k]!.start < b.end; k++) {
        const sg = segments[k]!;
        if (sg.end > b.start) {
          cuts.add(Math.max(b.start, sg.start));
          cuts.add(Math.min(b.end, sg.end));
        }
      }
      for (let k = nextAnchor; k < anchorPositions.length && anchorPositions[k]! < b.end; k++) {
        if (anchorPositions[k]! > b.start) cuts.add(anchorPositions[k]!);
      }
      const points = [...cuts].filter((x) => x >= b.start && x <= b.end).sort((x, y) => x - y);
      const pieces: Piece[] = [];
      for (let k = 0; k + 1 < points.length; k++) {
        const s = points[k]!;
        const e = points[k + 1]!;
        const anchors: string[] = [];
        // Anchors at or before this piece's start (those in a gap before the block land here).
        while (nextAnchor < anchorPositions.length && anchorPositions[nextAnchor]! <= s) {
          anchors.push(...anchorsAt.get(anchorPositions[nextAnchor]!)!);
          nextAnchor++;
        }
        while (seg < segments.length && segments[seg]!.end <= s) seg++;
        const sg = segments[seg];
        const covering = sg && sg.start <= s ? sg.items.map((it) => byId.get(it.id)!) : [];
        const style = (kind: 'strong' | 'syntax'): boolean => b.inline.some((st) => st.kind === kind && st.start <= s && e <= st.end);
        pieces.push({
          text: doc.text.slice(s, e),
          covering,
          strong: style('strong'),
          syntax: style('syntax'),
          marker: e <= markerEnd(b),
          anchors,
        });
      }
      return { kind: b.kind, level: b.level, pieces };
    });
    const trailingAnchors: string[] = [];
    for (; nextAnchor < anchorPositions.length; nextAnchor++) trailingAnchors.push(...anchorsAt.get(anchorPositions[nextAnchor]!)!);
    return { prepared, number: i + 1, groups, blocks: views, trailingAnchors, anchorOf };
  });
}

/** The URL fragment for an anchor: percent-encoded, parentheses too (Markdown link syntax). */
export function anchorHref(anchor: string): string {
  return `#${encodeURIComponent(anchor).replace(/\(/g, '%28').replace(/\)/g, '%29')}`;
}

/**
 * The summaries' self-check: every quote is the code-point slice of its offsets, the full text's
 * pieces put together give the document's blocks back character for character, and every
 * annotation has exactly one anchor in the full text.
 */
export function checkSummary(check: ExportChecker, summary: readonly SummaryDocument[]): void {
  for (const s of summary) {
    const { document: doc, annotations, index } = s.prepared;
    for (const g of s.groups) {
      for (const { annotation: a, outgoing } of g.items) {
        check.slice(doc, a.id, index, 'codepoint', a.start, a.end, a.text);
        for (const l of outgoing) check.slice(doc, l.target.id, index, 'codepoint', l.target.start, l.target.end, l.target.text);
      }
    }
    const shown = s.blocks.map((b) => b.pieces.map((p) => p.text).join('')).join('');
    const expected = layoutBlocks(doc.text, doc.format)
      .map((b) => doc.text.slice(b.start, b.end))
      .join('');
    if (shown !== expected) check.fail(doc, null, 'the full text in the summary differs from the document text');
    const counts = new Map<string, number>();
    for (const x of [...s.blocks.flatMap((b) => b.pieces.flatMap((p) => p.anchors)), ...s.trailingAnchors]) {
      counts.set(x, (counts.get(x) ?? 0) + 1);
    }
    for (const a of annotations) {
      const n = counts.get(s.anchorOf.get(a.id)!) ?? 0;
      if (n !== 1) check.fail(doc, a.id, `the span has ${n} anchors in the full text, expected 1`);
    }
  }
}
