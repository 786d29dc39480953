/**
 * Relation types as the formats see them: the export's declared types plus any type a relation
 * uses, their display names, and the mapping of a relation label read from another tool's file
 * onto a type id.
 */
import { DEFAULT_RELATION_TYPES, RELATION_TYPE_PATTERN, relationsOf, type Relation, type RelationType } from '../../domain/relations';
import type { PreparedDocument } from './check';
import type { ExportInput } from './types';

/** The export's relation types, in order, then every type a relation uses that is not among them. */
export function exportRelationTypes(input: Pick<ExportInput, 'relationTypes'>, documents: readonly PreparedDocument[]): RelationType[] {
  const types = [...(input.relationTypes ?? DEFAULT_RELATION_TYPES)];
  for (const d of documents) {
    for (const r of relationsOf(d.annotations)) {
      if (!types.some((t) => t.id === r.type)) types.push({ id: r.type, name: r.type, nameEn: r.type, fromLabels: [], toLabels: [] });
    }
  }
  return types;
}

/** Whether any document of the export has a relation. */
export function hasRelations(documents: readonly PreparedDocument[]): boolean {
  return documents.some((d) => relationsOf(d.annotations).length > 0);
}

/** Every relation of a prepared document (its annotations are in text order). */
export function documentRelations(d: PreparedDocument): Relation[] {
  return relationsOf(d.annotations);
}

/** "针对 (addresses)", or the id for a type not in the list. */
export function relationTypeTitle(types: readonly RelationType[], id: string): string {
  const t = types.find((x) => x.id === id);
  if (!t) return id;
  return t.nameEn && t.nameEn !== t.name ? `${t.name} (${t.nameEn})` : t.name;
}

/**
 * Maps a relation label from another tool's file onto a type id: by id, then by name or English
 * name (case-insensitive, "responds to" matching "responds_to"), else the label itself when it is a
 * plain identifier. Undefined when it is none of these (the caller reports it).
 */
export function resolveRelationType(label: string, types: readonly RelationType[] = DEFAULT_RELATION_TYPES): string | undefined {
  const byId = types.find((t) => t.id === label);
  if (byId) return byId.id;
  const low = label.trim().toLowerCase();
  const byName = types.find((t) => t.name === label.trim() || t.nameEn.toLowerCase() === low || t.id.toLowerCase() === low.replace(/\s+/g, '_'));
  if (byName) return byName.id;
  return RELATION_TYPE_PATTERN.test(label) ? label : undefined;
}
