/** Writing a native file: the shape, then the validator on what is about to be written. */
import { compareAnnotations } from '../../domain/annotation';
import type { Label } from '../../domain/labels';
import { DEFAULT_RELATION_TYPES, relationsOf, type RelationType } from '../../domain/relations';
import type { AnnotatedRecord } from '../../domain/record';
import { NATIVE_FORMAT, NATIVE_OFFSET_UNIT, NATIVE_VERSION, plainCopy } from './format';
import { exportRefusal, Problems } from './problems';
import { readNative } from './validate';

/**
 * Writes documents and their annotations as native JSON (2-space indent, trailing newline).
 *
 * Refuses (NativeFormatError) to write anything that `parseNative` would refuse: offsets that are
 * not integers with 0 <= start < end <= code-point length, an annotation text that is not the
 * code-point slice, a label not in `labels`, duplicate ids, non-canonical text, and so on.
 * Annotations are written in text order (start asc, end desc, id); documents in the given order.
 */
export function serializeNative(
  items: AnnotatedRecord[],
  labels: readonly Label[],
  exportedAt: string = new Date().toISOString(),
  relationTypes: readonly RelationType[] = DEFAULT_RELATION_TYPES,
  settings?: Readonly<Record<string, string>>,
): string {
  // Every relation type used is declared, even one that is not (or no longer) in the set given.
  const types = [...relationTypes];
  for (const { annotations } of items) {
    for (const r of relationsOf(annotations)) {
      if (!types.some((t) => t.id === r.type)) types.push({ id: r.type, name: r.type, nameEn: r.type, fromLabels: [], toLabels: [] });
    }
  }
  // Key order here is the key order of the file.
  const out = {
    format: NATIVE_FORMAT,
    version: NATIVE_VERSION,
    offsetUnit: NATIVE_OFFSET_UNIT,
    exportedAt,
    labels: labels.map((l) => ({
      id: l.id,
      name: l.name,
      nameEn: l.nameEn,
      color: l.color,
      key: l.key,
      ...(l.retired && { retired: true }),
    })),
    relationTypes: types.map((t) => ({
      id: t.id,
      name: t.name,
      nameEn: t.nameEn,
      fromLabels: [...t.fromLabels],
      toLabels: [...t.toLabels],
    })),
    documents: items.map(({ document: d, annotations }) => ({
      id: d.id,
      title: d.title,
      text: d.text,
      format: d.format,
      meta: plainCopy(d.meta),
      createdAt: d.createdAt,
      updatedAt: d.updatedAt,
      annotations: [...annotations].sort(compareAnnotations).map((a) => ({
        id: a.id,
        label: a.label,
        start: a.start,
        end: a.end,
        text: a.text,
        createdAt: a.createdAt,
        updatedAt: a.updatedAt,
        ...(a.speaker !== undefined && { speaker: a.speaker }),
        ...(a.note !== undefined && { note: a.note }),
        ...(a.annotator !== undefined && { annotator: a.annotator }),
        ...(a.origin !== undefined && {
          origin: { kind: a.origin.kind, ...(a.origin.modelVersion !== undefined && { modelVersion: a.origin.modelVersion }) },
        }),
      })),
      // Relations whose target is gone (deleted in another tab) are not written.
      relations: relationsOf([...annotations].sort(compareAnnotations)).map((r) => ({ id: r.id, type: r.type, from: r.from, to: r.to })),
    })),
    ...(settings && Object.keys(settings).length > 0 && { settings: { ...settings } }),
  };
  const problems = new Problems('export');
  // What is stored already is exported as it is (a backup is never refused for what the intake
  // rules, which came later, would refuse); reading a file applies them (`strict`).
  readNative(out, problems, exportedAt, false);
  if (problems.list.length > 0) {
    throw exportRefusal(problems);
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}
