import type { Annotation, AnnotationLink } from './annotation';
import type { AnnotationChange } from './change';
import type { LabelId } from './labels';

/**
 * Directed, typed links between two annotations of one document. A relation is stored on its
 * source annotation (`Annotation.links`); this module reads them out, makes and removes them,
 * and keeps them consistent when a span is deleted. Pure.
 */
export interface Relation {
  id: string;
  type: string;
  /** Source annotation id. */
  from: string;
  /** Target annotation id. */
  to: string;
}

export interface RelationType {
  id: string;
  name: string;
  nameEn: string;
  /** Labels a relation of this type usually starts at (used to pick the default type). */
  fromLabels: LabelId[];
  /** Labels it usually ends at. */
  toLabels: LabelId[];
}

/** Relation type ids are written into brat `R` lines and XML configs: a plain identifier. */
export const RELATION_TYPE_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

export const DEFAULT_RELATION_TYPES: readonly RelationType[] = Object.freeze([
  {
    id: 'addresses',
    name: '针对',
    nameEn: 'addresses',
    fromLabels: ['proposal', 'recommendation'],
    toLabels: ['problem'],
  },
  {
    id: 'responds_to',
    name: '回应',
    nameEn: 'responds to',
    fromLabels: ['response'],
    toLabels: ['proposal', 'recommendation'],
  },
]);

export function newRelationId(): string {
  return crypto.randomUUID();
}

/**
 * Every relation of a document, in the order of their source annotations; dangling ones skipped.
 * `has` tells whether an annotation id exists (by default a set of the ids, built only when some
 * annotation has links: most records of 20,000 spans have few or none, and this runs per change).
 */
export function relationsOf(annotations: readonly Annotation[], has?: (id: string) => boolean): Relation[] {
  const out: Relation[] = [];
  let exists = has;
  for (const a of annotations) {
    if (!a.links) continue;
    if (!exists) {
      const ids = new Set(annotations.map((x) => x.id));
      exists = (id) => ids.has(id);
    }
    for (const l of a.links) {
      if (exists(l.to)) out.push({ id: l.id, type: l.type, from: a.id, to: l.to });
    }
  }
  return out;
}

/**
 * The type a new relation from `from` to `to` gets by default: the first type whose usual labels
 * fit both ends, else the first whose source label fits, else the first type.
 */
export function defaultRelationType(
  fromLabel: LabelId,
  toLabel: LabelId,
  types: readonly RelationType[] = DEFAULT_RELATION_TYPES,
): string | null {
  const both = types.find((t) => t.fromLabels.includes(fromLabel) && t.toLabels.includes(toLabel));
  const source = types.find((t) => t.fromLabels.includes(fromLabel));
  return (both ?? source ?? types[0])?.id ?? null;
}

/**
 * The change that adds a relation of `type` from `from` to `to`, or null when there is nothing to
 * do (the same relation exists already). Refuses (RangeError) a relation from a span to itself.
 */
export function linkChange(
  from: Annotation,
  to: Annotation,
  type: string,
  now: string,
  id: string = newRelationId(),
): AnnotationChange | null {
  if (from.id === to.id) {
    throw new RangeError(`A relation needs two different spans; both ends are ${from.id}`);
  }
  if (!RELATION_TYPE_PATTERN.test(type)) {
    throw new RangeError(`Relation type ${JSON.stringify(type)} is not a plain identifier`);
  }
  const links = from.links ?? [];
  if (links.some((l) => l.to === to.id && l.type === type)) return null;
  const next: Annotation = { ...from, links: [...links, { id, type, to: to.id }], updatedAt: now };
  return { added: [next], removed: [from] };
}

/** The change that removes the relation `relationId` from its source annotation, or null. */
export function unlinkChange(from: Annotation, relationId: string, now: string): AnnotationChange | null {
  const links = from.links ?? [];
  if (!links.some((l) => l.id === relationId)) return null;
  return { added: [withLinks(from, links.filter((l) => l.id !== relationId), now)], removed: [from] };
}

/**
 * The change that deletes `target` together with every relation that ends at it (stored on other
 * annotations, which are updated). Undoing it brings the span and its relations back.
 */
export function deleteChange(annotations: Iterable<Annotation>, target: Annotation, now: string): AnnotationChange {
  const added: Annotation[] = [];
  const removed: Annotation[] = [target];
  for (const a of annotations) {
    if (a.id === target.id || !a.links?.some((l) => l.to === target.id)) continue;
    removed.push(a);
    added.push(withLinks(a, a.links.filter((l) => l.to !== target.id), now));
  }
  return { added, removed };
}

function withLinks(a: Annotation, links: AnnotationLink[], now: string): Annotation {
  const next: Annotation = { ...a, updatedAt: now };
  if (links.length > 0) next.links = links;
  else delete next.links;
  return next;
}

/**
 * Relations arranged as the sidebar shows them: chains problem → what addresses it → what
 * responds to that, in text order of their heads. Every relation appears exactly once: in the
 * first chain that reaches it, or in `others` (other types, or links that form no chain).
 */
export interface RelationChain {
  /** The problem at the head, or null for a proposal/recommendation that addresses no problem. */
  problem: string | null;
  steps: { measure: string; addresses: Relation | null; responses: Relation[] }[];
}

export interface RelationOverview {
  chains: RelationChain[];
  others: Relation[];
}

export function relationChains(annotations: readonly Annotation[], has?: (id: string) => boolean): RelationOverview {
  const relations = relationsOf(annotations, has);
  // Most records have few relations or none: this runs on every change of a record of 20,000
  // spans, so it allocates nothing per annotation.
  if (relations.length === 0) return { chains: [], others: [] };
  const addressesOf = new Map<string, Relation[]>(); // problem id → relations ending there
  const responsesOf = new Map<string, Relation[]>(); // measure id → responses ending there
  for (const r of relations) {
    if (r.type === 'addresses') push(addressesOf, r.to, r);
    else if (r.type === 'responds_to') push(responsesOf, r.to, r);
  }
  const used = new Set<string>();
  const take = (list: Relation[] | undefined) => (list ? list.filter((r) => !used.has(r.id) && used.add(r.id)) : []);
  const chains: RelationChain[] = [];
  for (const a of annotations) {
    if (!addressesOf.has(a.id)) continue;
    const addressing = take(addressesOf.get(a.id));
    if (addressing.length === 0) continue;
    chains.push({
      problem: a.id,
      steps: addressing.map((r) => ({ measure: r.from, addresses: r, responses: take(responsesOf.get(r.from)) })),
    });
  }
  for (const a of annotations) {
    if (!responsesOf.has(a.id)) continue;
    const responses = take(responsesOf.get(a.id));
    if (responses.length > 0) chains.push({ problem: null, steps: [{ measure: a.id, addresses: null, responses }] });
  }
  return { chains, others: relations.filter((r) => !used.has(r.id)) };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
