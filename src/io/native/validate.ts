/**
 * The validator shared by both directions: `serializeNative` runs it on what it is about to
 * write, `parseNative` on what it read, so whatever one writes the other reads back.
 */
import { compareAnnotations, type Annotation } from '../../domain/annotation';
import type { DocumentMeta, TextFormat } from '../../domain/document';
import { DEFAULT_LABELS, type Label } from '../../domain/labels';
import { MAX_ATTRIBUTE_LENGTH } from '../../domain/edits';
import { DEFAULT_RELATION_TYPES, RELATION_TYPE_PATTERN, type RelationType } from '../../domain/relations';
import { TextIndex } from '../../domain/textIndex';
import { cp, u16 } from '../../domain/units';
import type { AnnotatedRecord } from '../../domain/record';
import { isRecord, own } from '../../domain/json';
import { COLOR_PATTERN, isDateString, NATIVE_FORMAT, NATIVE_OFFSET_UNIT, NATIVE_VERSION, ORIGIN_KINDS, plainCopy, UNSAFE_KEYS, type ParsedNative } from './format';
import { describe, quote, shorten, type Problems } from './problems';
import type { ProblemCode, ProblemParams } from '../../domain/problem';
import { describeTextRuleProblem, textRuleProblem } from '../../domain/textRules';
import { labelIdProblem, labelKeysProblems } from '../../domain/labelIds';

/**
 * The validator shared by both directions. Treats `data` as untrusted plain data: reads own
 * properties only, never spreads or assigns its keys (meta is copied key by key, skipping
 * `__proto__`, `constructor`, `prototype`).
 */
export function readNative(data: unknown, p: Problems, now: string, strict = true): ParsedNative | undefined {
  if (!isRecord(data)) {
    p.add('', `the top level must be a JSON object, found ${describe(data)}`);
    return undefined;
  }

  // The header decides how the rest is read; if it is wrong, nothing below is meaningful.
  const format = own(data, 'format');
  if (format !== NATIVE_FORMAT) {
    p.add(
      'format',
      `must be "${NATIVE_FORMAT}", found ${describe(format)}: this is not a Yishi annotations file`,
      'native.notYishi',
    );
  }
  const version = own(data, 'version');
  if (version !== NATIVE_VERSION) {
    if (typeof version === 'number' && Number.isInteger(version) && version > NATIVE_VERSION) {
      p.add(
        'version',
        `the file is format version ${version}, written by a newer Yishi; this Yishi reads version ${NATIVE_VERSION} only (update Yishi to open it)`,
        'native.newerVersion',
        { version, supported: NATIVE_VERSION },
      );
    } else {
      p.add('version', `must be 1 or ${NATIVE_VERSION}, found ${describe(version)}`);
    }
  }
  const unit = own(data, 'offsetUnit');
  if (unit !== NATIVE_OFFSET_UNIT) {
    p.add(
      'offsetUnit',
      unit === 'utf16'
        ? `is "utf16": offsets in UTF-16 code units are not supported; Yishi files count Unicode code points ("${NATIVE_OFFSET_UNIT}")`
        : `must be "${NATIVE_OFFSET_UNIT}", found ${describe(unit)}`,
    );
  }
  if (p.list.length > 0) return undefined;

  const exportedAt = own(data, 'exportedAt');
  if (exportedAt !== undefined && !isDateString(exportedAt)) {
    p.add('exportedAt', `must be an ISO 8601 date string, found ${describe(exportedAt)}`);
  }

  // Ids of labels with other problems still count as known, so their annotations are not
  // reported a second time as having an unknown label.
  const { labels, ids: labelIds } = readLabels(data, p, strict);
  const relationTypes = readRelationTypes(data, p);
  const relationTypeIds = new Set(relationTypes.map((t) => t.id));

  const rawDocs = own(data, 'documents');
  const documents: AnnotatedRecord[] = [];
  if (rawDocs === undefined) {
    p.add('documents', 'missing: the file must list at least one document');
  } else if (!Array.isArray(rawDocs)) {
    p.add('documents', `must be an array, found ${describe(rawDocs)}`);
  } else if (rawDocs.length === 0) {
    p.add('documents', 'is empty: the file must list at least one document');
  } else {
    const seenDocIds = new Map<string, number>();
    for (let i = 0; i < rawDocs.length && !p.full; i++) {
      const doc = readDocument(rawDocs[i], i, p, labelIds, relationTypeIds, seenDocIds, now, strict);
      if (doc) documents.push(doc);
    }
  }
  return { labels, relationTypes, documents, settings: readSettings(data, p), ...(typeof exportedAt === 'string' && { exportedAt }) };
}

/** A backup's settings: an object of strings (other values are refused, unknown keys kept). */
function readSettings(data: Record<string, unknown>, p: Problems): Record<string, string> {
  const raw = own(data, 'settings');
  const out: Record<string, string> = {};
  if (raw === undefined) return out;
  if (!isRecord(raw)) {
    p.add('settings', `must be an object, found ${describe(raw)}`);
    return out;
  }
  for (const [key, value] of Object.entries(raw)) {
    if (UNSAFE_KEYS.has(key)) continue;
    if (typeof value !== 'string') p.add(`settings.${key}`, `must be a string, found ${describe(value)}`);
    else out[key] = value;
  }
  return out;
}

function readRelationTypes(data: Record<string, unknown>, p: Problems): RelationType[] {
  const raw = own(data, 'relationTypes');
  if (raw === undefined) return DEFAULT_RELATION_TYPES.map((t) => ({ ...t, fromLabels: [...t.fromLabels], toLabels: [...t.toLabels] }));
  if (!Array.isArray(raw)) {
    p.add('relationTypes', `must be an array, found ${describe(raw)}`);
    return [];
  }
  const out: RelationType[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < raw.length && !p.full; i++) {
    const item: unknown = raw[i];
    if (!isRecord(item)) {
      p.add(`relationTypes[${i}]`, `must be an object, found ${describe(item)}`);
      continue;
    }
    const id = own(item, 'id');
    const where = `relationTypes[${i}]`;
    if (typeof id !== 'string' || !RELATION_TYPE_PATTERN.test(id)) {
      p.add(where, `id: must be an identifier (letters, digits, _ or -, starting with a letter), found ${describe(id)}`);
      continue;
    }
    if (seen.has(id)) {
      p.add(where, `id: duplicate relation type ${quote(id)}`);
      continue;
    }
    seen.add(id);
    const name = own(item, 'name');
    const nameEn = own(item, 'nameEn');
    const labelList = (field: string): string[] => {
      const v = own(item, field);
      if (v === undefined) return [];
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
        p.add(where, `${field}: must be an array of label ids, found ${describe(v)}`);
        return [];
      }
      return [...(v as string[])];
    };
    out.push({
      id,
      name: typeof name === 'string' ? name : id,
      nameEn: typeof nameEn === 'string' ? nameEn : id,
      fromLabels: labelList('fromLabels'),
      toLabels: labelList('toLabels'),
    });
  }
  return out;
}

function readLabels(
  data: Record<string, unknown>,
  p: Problems,
  strict: boolean,
): { labels: Label[]; ids: Set<string> } {
  const raw = own(data, 'labels');
  if (raw === undefined) {
    const labels = DEFAULT_LABELS.map((l) => ({ ...l }));
    return { labels, ids: new Set(labels.map((l) => l.id)) };
  }
  if (!Array.isArray(raw)) {
    p.add('labels', `must be an array, found ${describe(raw)}`);
    return { labels: [], ids: new Set() };
  }
  if (raw.length === 0) {
    p.add('labels', 'is empty: the file must list at least one label (or omit "labels")');
    return { labels: [], ids: new Set() };
  }
  const labels: Label[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < raw.length && !p.full; i++) {
    const item: unknown = raw[i];
    if (!isRecord(item)) {
      p.add(`labels[${i}]`, `must be an object, found ${describe(item)}`);
      continue;
    }
    const id = own(item, 'id');
    const where = `labels[${i}]${typeof id === 'string' ? ` (id ${id})` : ''}`;
    let ok = true;
    if (typeof id !== 'string' || id === '') {
      p.add(where, `id: must be a non-empty string, found ${describe(id)}`);
      ok = false;
    } else if (seen.has(id)) {
      p.add(where, `id: duplicate label id ${quote(id)} (also labels[${seen.get(id)}])`);
      ok = false;
    } else {
      seen.set(id, i);
      const idRule = strict ? labelIdProblem(id) : undefined;
      if (idRule) {
        p.add(where, `id: ${idRule}`);
        ok = false;
      }
    }
    const name = own(item, 'name');
    if (typeof name !== 'string') {
      p.add(where, `name: must be a string, found ${describe(name)}`);
      ok = false;
    }
    const color = own(item, 'color');
    if (typeof color !== 'string' || !COLOR_PATTERN.test(color)) {
      p.add(where, `color: must be a colour as #rrggbb, found ${describe(color)}`);
      ok = false;
    }
    const nameEn = own(item, 'nameEn');
    if (nameEn !== undefined && typeof nameEn !== 'string') {
      p.add(where, `nameEn: must be a string, found ${describe(nameEn)}`);
      ok = false;
    }
    const key = own(item, 'key');
    if (key !== undefined && typeof key !== 'string') {
      p.add(where, `key: must be a string, found ${describe(key)}`);
      ok = false;
    }
    const retired = own(item, 'retired');
    if (retired !== undefined && typeof retired !== 'boolean') {
      p.add(where, `retired: must be true or false, found ${describe(retired)}`);
      ok = false;
    }
    if (ok) {
      labels.push({
        id: id as string,
        name: name as string,
        // Optional in the file: the English name defaults to the id, the key to none.
        nameEn: typeof nameEn === 'string' ? nameEn : (id as string),
        color: color as string,
        key: typeof key === 'string' && retired !== true ? key : '',
        ...(retired === true && { retired: true }),
      });
    }
  }
  // The keys as the label editor allows them: none the record view uses, none shared.
  if (strict) for (const k of labelKeysProblems(labels)) p.add(`labels (id ${k.id})`, `key: ${k.problem}`);
  return { labels, ids: new Set(seen.keys()) };
}

function readDocument(
  raw: unknown,
  i: number,
  p: Problems,
  labelIds: ReadonlySet<string>,
  relationTypeIds: ReadonlySet<string>,
  seenDocIds: Map<string, number>,
  now: string,
  strict: boolean,
): AnnotatedRecord | undefined {
  if (!isRecord(raw)) {
    p.add(`documents[${i}]`, `must be an object, found ${describe(raw)}`);
    return undefined;
  }
  const id = own(raw, 'id');
  const title = own(raw, 'title');
  const where =
    `documents[${i}]` +
    (typeof title === 'string' && title !== '' ? ` “${shorten(title)}”` : '') +
    (typeof id === 'string' ? ` (id ${id})` : '');
  let ok = true;
  const bad = (message: string): void => {
    p.add(where, message);
    ok = false;
  };

  if (typeof id !== 'string' || id === '') {
    bad(`id: must be a non-empty string, found ${describe(id)}`);
  } else if (seenDocIds.has(id)) {
    bad(`id: duplicate document id ${quote(id)} (also documents[${seenDocIds.get(id)}])`);
  } else {
    seenDocIds.set(id, i);
  }

  if (typeof title !== 'string') bad(`title: must be a string, found ${describe(title)}`);
  const titleRule = strict && typeof title === 'string' ? textRuleProblem(title, 'title') : undefined;
  if (titleRule) bad(`title: ${describeTextRuleProblem(titleRule)}`);

  const text = own(raw, 'text');
  let index: TextIndex | undefined;
  if (typeof text !== 'string' || text === '') {
    bad(`text: must be a non-empty string, found ${describe(text)}`);
  } else {
    index = new TextIndex(text);
    const cr = text.indexOf('\r');
    if (cr >= 0) {
      bad(
        `text: contains a carriage return (\\r) at code point ${index.toCodePoint(u16(cr))}: canonical text uses LF line breaks only`,
      );
    }
    if (text.charCodeAt(0) === 0xfeff) {
      bad('text: begins with a byte order mark (U+FEFF): canonical text has none');
    }
    const textRule = strict ? textRuleProblem(text, 'text') : undefined;
    if (textRule) bad(`text: ${describeTextRuleProblem(textRule)}`);
  }

  const format = own(raw, 'format');
  if (format !== undefined && format !== 'markdown' && format !== 'plain') {
    bad(`format: must be "markdown" or "plain", found ${describe(format)}`);
  }

  const meta = own(raw, 'meta');
  if (meta !== undefined && !isRecord(meta)) bad(`meta: must be an object, found ${describe(meta)}`);

  const createdAt = readDate(raw, 'createdAt', where, p, now);
  const updatedAt = readDate(raw, 'updatedAt', where, p, now);
  if (createdAt === undefined || updatedAt === undefined) ok = false;

  const rawAnns = own(raw, 'annotations');
  const annotations: Annotation[] = [];
  if (rawAnns !== undefined && !Array.isArray(rawAnns)) {
    bad(`annotations: must be an array, found ${describe(rawAnns)}`);
  } else if (rawAnns !== undefined) {
    const seenIds = new Map<string, number>();
    for (let j = 0; j < rawAnns.length && !p.full; j++) {
      const a = readAnnotation(rawAnns[j], j, where, p, labelIds, seenIds, index, now);
      if (a) annotations.push(a);
      else ok = false;
    }
  }

  const rawRelations = own(raw, 'relations');
  if (rawRelations !== undefined && !Array.isArray(rawRelations)) {
    bad(`relations: must be an array, found ${describe(rawRelations)}`);
  } else if (rawRelations !== undefined && ok) {
    if (!attachRelations(rawRelations, annotations, relationTypeIds, where, p)) ok = false;
  }

  if (!ok) return undefined;
  annotations.sort(compareAnnotations);
  return {
    document: {
      id: id as string,
      title: title === '' ? 'Untitled' : (title as string),
      text: text as string,
      format: (format ?? 'plain') as TextFormat,
      meta: isRecord(meta) ? (plainCopy(meta) as DocumentMeta) : {},
      createdAt: createdAt as string,
      updatedAt: updatedAt as string,
    },
    annotations,
  };
}

function readAnnotation(
  raw: unknown,
  j: number,
  docWhere: string,
  p: Problems,
  labelIds: ReadonlySet<string>,
  seenIds: Map<string, number>,
  index: TextIndex | undefined,
  now: string,
): Annotation | undefined {
  if (!isRecord(raw)) {
    p.add(`${docWhere} annotations[${j}]`, `must be an object, found ${describe(raw)}`);
    return undefined;
  }
  const id = own(raw, 'id');
  const where = `${docWhere} annotations[${j}]${typeof id === 'string' ? ` (id ${id})` : ''}`;
  let ok = true;
  const bad = (message: string, code?: ProblemCode, params?: ProblemParams): void => {
    p.add(where, message, code, params);
    ok = false;
  };

  if (typeof id !== 'string' || id === '') {
    bad(`id: must be a non-empty string, found ${describe(id)}`);
  } else if (/\s/.test(id)) {
    // Ids are listed space-separated in the editor's data-annotation-ids attribute.
    bad(`id: must not contain white space, found ${quote(id)}`);
  } else if (seenIds.has(id)) {
    bad(
      `id: duplicate annotation id ${quote(id)} in this document (also annotations[${seenIds.get(id)}])`,
    );
  } else {
    seenIds.set(id, j);
  }

  const label = own(raw, 'label');
  if (typeof label !== 'string') {
    bad(`label: must be a label id (string), found ${describe(label)}`);
  } else if (!labelIds.has(label)) {
    bad(
      `label: unknown label ${quote(label)}; the file's labels are ${[...labelIds].map((l) => JSON.stringify(l)).join(', ') || '(none)'}`,
    );
  }

  const start = readOffset(raw, 'start', bad);
  const end = readOffset(raw, 'end', bad);
  const text = own(raw, 'text');
  if (typeof text !== 'string') bad(`text: must be a string, found ${describe(text)}`);

  let rangeOk = true;
  if (end !== undefined && index && end > index.lengthCodePoints) {
    bad(`end ${end} is past the end of the document text (${index.lengthCodePoints} code points)`, 'native.offsetPastEnd', { end, length: index.lengthCodePoints });
    rangeOk = false;
  }
  if (start !== undefined && end !== undefined && start >= end) {
    bad(
      start === end
        ? `start and end are both ${start}: an annotation must cover at least one code point`
        : `start ${start} is after end ${end}: offsets are reversed`,
    );
    rangeOk = false;
  }
  if (rangeOk && start !== undefined && end !== undefined && index && typeof text === 'string') {
    const expected = index.sliceCodePoints(cp(start), cp(end));
    if (expected !== text) {
      const utf16Hint =
        index.hasAstral && index.text.slice(start, end) === text
          ? ' (the offsets look like UTF-16 code units; Yishi files count code points)'
          : '';
      bad(
        `text does not match the document text at code points [${start}, ${end}): expected ${quote(expected)}, found ${quote(text)}${utf16Hint}`,
        'native.quoteMismatch',
        { start, end, expected: quote(expected), found: quote(text) },
      );
    }
  }

  const createdAt = readDate(raw, 'createdAt', where, p, now);
  const updatedAt = readDate(raw, 'updatedAt', where, p, now);
  if (createdAt === undefined || updatedAt === undefined) ok = false;

  const extras: Partial<Annotation> = {};
  for (const field of ['speaker', 'note', 'annotator'] as const) {
    const v = own(raw, field);
    if (v === undefined) continue;
    if (typeof v !== 'string') bad(`${field}: must be a string, found ${describe(v)}`);
    else if (v.length > MAX_ATTRIBUTE_LENGTH) bad(`${field}: is ${v.length} characters long; at most ${MAX_ATTRIBUTE_LENGTH}`);
    else if (v !== '') extras[field] = v;
  }
  const origin = own(raw, 'origin');
  if (origin !== undefined) {
    const kind = isRecord(origin) ? own(origin, 'kind') : undefined;
    const modelVersion = isRecord(origin) ? own(origin, 'modelVersion') : undefined;
    if (!isRecord(origin) || typeof kind !== 'string' || !ORIGIN_KINDS.has(kind)) {
      bad(`origin: must be an object whose kind is "manual", "rule" or "model", found ${isRecord(origin) ? `kind ${describe(kind)}` : describe(origin)}`);
    } else if (modelVersion !== undefined && typeof modelVersion !== 'string') {
      bad(`origin.modelVersion: must be a string, found ${describe(modelVersion)}`);
    } else {
      extras.origin = { kind: kind as 'manual' | 'rule' | 'model', ...(typeof modelVersion === 'string' && { modelVersion }) };
    }
  }

  if (!ok) return undefined;
  return {
    id: id as string,
    label: label as string,
    start: cp(start as number),
    end: cp(end as number),
    text: text as string,
    createdAt: createdAt as string,
    updatedAt: updatedAt as string,
    ...extras,
  };
}

/**
 * Reads a document's relations and stores each on its source annotation (`links`). Every relation
 * needs a unique id, a declared type, and two different annotations of this document as ends.
 */
function attachRelations(
  raw: unknown[],
  annotations: Annotation[],
  typeIds: ReadonlySet<string>,
  docWhere: string,
  p: Problems,
): boolean {
  const byId = new Map(annotations.map((a) => [a.id, a]));
  const seen = new Map<string, number>();
  const pairs = new Set<string>();
  let ok = true;
  for (let k = 0; k < raw.length && !p.full; k++) {
    const r: unknown = raw[k];
    const where = `${docWhere} relations[${k}]`;
    if (!isRecord(r)) {
      p.add(where, `must be an object, found ${describe(r)}`);
      ok = false;
      continue;
    }
    const id = own(r, 'id');
    const type = own(r, 'type');
    const from = own(r, 'from');
    const to = own(r, 'to');
    const problems: string[] = [];
    if (typeof id !== 'string' || id === '' || /\s/.test(id)) problems.push(`id: must be a non-empty string without white space, found ${describe(id)}`);
    else if (seen.has(id)) problems.push(`id: duplicate relation id ${quote(id)} (also relations[${seen.get(id)}])`);
    if (typeof type !== 'string' || !typeIds.has(type)) {
      problems.push(`type: must be one of the file's relation types (${[...typeIds].join(', ') || 'none'}), found ${describe(type)}`);
    }
    for (const [field, v] of [['from', from], ['to', to]] as const) {
      if (typeof v !== 'string' || !byId.has(v)) problems.push(`${field}: must be the id of an annotation of this document, found ${describe(v)}`);
    }
    if (problems.length === 0 && from === to) problems.push(`from and to are both ${quote(from as string)}: a relation needs two different spans`);
    const pair = `${String(type)}\u0000${String(from)}\u0000${String(to)}`;
    if (problems.length === 0 && pairs.has(pair)) problems.push(`the same ${type as string} relation from ${from as string} to ${to as string} is listed twice`);
    if (problems.length > 0) {
      for (const m of problems) p.add(`${where}${typeof id === 'string' ? ` (id ${shorten(id)})` : ''}`, m);
      ok = false;
      continue;
    }
    seen.set(id as string, k);
    pairs.add(pair);
    const source = byId.get(from as string)!;
    (source.links ??= []).push({ id: id as string, type: type as string, to: to as string });
  }
  return ok;
}

/** An offset: a non-negative integer number (not a string, not fractional, not NaN). */
function readOffset(
  raw: Record<string, unknown>,
  field: 'start' | 'end',
  bad: (message: string) => void,
): number | undefined {
  const v = own(raw, field);
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    bad(`${field}: must be an integer code-point offset, found ${describe(v)}`);
  } else if (!Number.isInteger(v)) {
    bad(`${field}: must be a whole number of code points, found ${v}`);
  } else if (v < 0) {
    bad(`${field}: must not be negative, found ${v}`);
  } else {
    return v;
  }
  return undefined;
}

/** A date string; missing → `now`. Returns undefined (after reporting) when invalid. */
function readDate(
  raw: Record<string, unknown>,
  field: 'createdAt' | 'updatedAt',
  where: string,
  p: Problems,
  now: string,
): string | undefined {
  const v = own(raw, field);
  if (v === undefined) return now;
  if (!isDateString(v)) {
    p.add(where, `${field}: must be an ISO 8601 date string, found ${describe(v)}`);
    return undefined;
  }
  return v;
}
