/**
 * Label Studio: a JSON array of tasks and the labeling config (XML) that reads them, so a Label
 * Studio user can create a project with the config and import the tasks directly.
 *
 * ```
 * [{"id":1,"data":{"text":"…","doc_id":"<doc id>","title":"…"},
 *   "annotations":[{"id":1,"completed_by":1,"result":[
 *     {"id":"<annotation id>","from_name":"label","to_name":"text","type":"labels",
 *      "value":{"start":12,"end":40,"text":"…","labels":["problem"]}},
 *     {"id":"<annotation id>","from_name":"speaker","to_name":"text","type":"textarea",
 *      "value":{"start":12,"end":40,"text":["马丽娟委员"]}},
 *     {"id":"<annotation id>","from_name":"note","to_name":"text","type":"textarea",
 *      "value":{"start":12,"end":40,"text":["…"]}},
 *     {"type":"relation","from_id":"<annotation id>","to_id":"<annotation id>",
 *      "direction":"right","labels":["addresses"]}],
 *     "created_at":"…","updated_at":"…"}]}]
 * ```
 *
 * `start`/`end` are code points. Task and annotation ids are 1, 2, 3… (Label Studio assigns its
 * own on import); the document's own id travels in `data.doc_id`. `completed_by` is 1: Yishi has
 * no users, and Label Studio reassigns it to the importing user. The speaker and the note are
 * per-region TextArea results (the region's id, `perRegion="true"` in the config); relations are
 * relation results whose label is the relation type. The annotator and the origin have no place
 * in a Label Studio result and are not written.
 */
import type { Label } from '../../domain/labels';
import type { RelationType } from '../../domain/relations';
import { prepareExport } from './check';
import { documentIdFromText, escapeXml, safeColor } from './common';
import { isRecord, own } from '../../domain/json';
import {
  canonicalise,
  checkSpan,
  dateOr,
  DocumentCollector,
  importSetup,
} from './importCommon';
import { documentRelations, exportRelationTypes, resolveRelationType } from './relationTypes';
import { countedOutcome, extensionOf, textHead, utf8Text } from './importOutcome';
import type { ExportFormat, ExportInput, ExportResult, ImportOptions, ImportResult } from './types';

export const LABEL_STUDIO_DIR = 'labelstudio';
export const LABEL_STUDIO_TASKS = `${LABEL_STUDIO_DIR}/tasks.json`;
export const LABEL_STUDIO_CONFIG = `${LABEL_STUDIO_DIR}/labeling-config.xml`;
/** The per-region TextArea controls for the span attributes. */
export const LABEL_STUDIO_SPEAKER = 'speaker';
export const LABEL_STUDIO_NOTE = 'note';

/**
 * The labeling config: a Labels control named "label" on a Text object named "text", the
 * relation types as `<Relations>`, and per-region TextAreas "speaker" and "note".
 */
export function labelStudioConfig(labels: readonly Label[], relationTypes: readonly RelationType[] = []): string {
  const items = labels.map((l) => {
    const hotkey = l.key ? ` hotkey="${escapeXml(l.key)}"` : '';
    return `    <Label value="${escapeXml(l.id)}" hint="${escapeXml(l.name)}" background="${safeColor(l.color)}"${hotkey}/>`;
  });
  const relations =
    relationTypes.length > 0
      ? ['  <Relations>', ...relationTypes.map((t) => `    <Relation value="${escapeXml(t.id)}" hint="${escapeXml(t.name)}"/>`), '  </Relations>']
      : [];
  return [
    '<View>',
    ...relations,
    '  <Labels name="label" toName="text">',
    ...items,
    '  </Labels>',
    '  <Text name="text" value="$text"/>',
    `  <TextArea name="${LABEL_STUDIO_SPEAKER}" toName="text" perRegion="true" editable="true" maxSubmissions="1" placeholder="发言人 speaker"/>`,
    `  <TextArea name="${LABEL_STUDIO_NOTE}" toName="text" perRegion="true" editable="true" maxSubmissions="1" placeholder="备注 note"/>`,
    '</View>',
    '',
  ].join('\n');
}

export function exportLabelStudio(input: ExportInput): ExportResult {
  const { documents, check } = prepareExport('labelstudio', input);
  const tasks = documents.map((d, i) => {
    const { document: doc, annotations, index } = d;
    const result: unknown[] = [];
    for (const a of annotations) {
      check.slice(doc, a.id, index, 'codepoint', a.start, a.end, a.text);
      result.push({
        id: a.id,
        from_name: 'label',
        to_name: 'text',
        type: 'labels',
        value: { start: a.start, end: a.end, text: a.text, labels: [a.label] },
      });
      for (const [name, value] of [[LABEL_STUDIO_SPEAKER, a.speaker], [LABEL_STUDIO_NOTE, a.note]] as const) {
        if (value === undefined || value === '') continue;
        result.push({ id: a.id, from_name: name, to_name: 'text', type: 'textarea', value: { start: a.start, end: a.end, text: [value] } });
      }
    }
    for (const r of documentRelations(d)) {
      result.push({ type: 'relation', from_id: r.from, to_id: r.to, direction: 'right', labels: [r.type] });
    }
    return {
      id: i + 1,
      data: { text: doc.text, doc_id: doc.id, title: doc.title },
      annotations: [
        { id: i + 1, completed_by: 1, result, created_at: doc.createdAt, updated_at: doc.updatedAt },
      ],
    };
  });
  check.done();
  return {
    files: [
      { path: LABEL_STUDIO_TASKS, content: `${JSON.stringify(tasks, null, 2)}\n`, mime: 'application/json' },
      { path: LABEL_STUDIO_CONFIG, content: labelStudioConfig(input.labels, exportRelationTypes(input, documents)), mime: 'application/xml' },
    ],
    report: [],
  };
}

export const labelStudioFormat: ExportFormat = {
  id: 'labelstudio',
  title: 'Label Studio tasks + labeling config',
  offsetUnit: 'codepoint',
  keeps: ['spans', 'overlaps', 'relations', 'speaker', 'note', 'labelSet', 'dates', 'ids'],
  export: (input) => exportLabelStudio(input),
  import: {
    // A .json file that is a task list, or one task (Yishi's own files begin with "format").
    sniff(file) {
      if (extensionOf(file.name) !== 'json') return 0;
      const head = textHead(file).trimStart();
      return head.startsWith('[') || /^\{\s*"(id|data|annotations|predictions)"/.test(head) ? 2 : 0;
    },
    read: ([file], { labels }) => countedOutcome('Label Studio', importLabelStudio(utf8Text(file!), file!.name, { labels })),
  },
};

/**
 * Reads a Label Studio JSON export (an array of tasks, or one task): the text is `data.text`;
 * span results (`type: "labels"`, `value.start/end/text/labels`) are read from `annotations`
 * (cancelled ones skipped) and from `predictions`. Offsets are code points and every quote
 * (`value.text`) is checked: one mismatch refuses the file, naming the task. A result with
 * several labels gives one annotation per label. TextArea results on a region (`from_name`
 * "speaker" or "note", the region's `id`) set its speaker and note (several texts joined by a
 * line break); relation results (`from_id`, `to_id`, one relation per label, the type mapped by
 * id or name; `direction` "left" reverses it, and a relation without a label is `related`) join
 * regions of the same completion, and one whose region is missing refuses the file. The document id is `data.doc_id` if present,
 * else derived from the text (Label Studio's numeric task ids are project-internal).
 * Documents take their dates from their first completion; annotations from their completion.
 */
export function importLabelStudio(content: string, sourceName: string, options?: ImportOptions): ImportResult {
  const { p, labels, now } = importSetup(sourceName, options);
  const docs = new DocumentCollector(p, 'rename');
  let data: unknown;
  try {
    data = JSON.parse(content.charCodeAt(0) === 0xfeff ? content.slice(1) : content);
  } catch (e) {
    p.add('', `not valid JSON: ${(e as Error).message}`);
    p.throwIfAny();
  }
  const tasks: unknown[] = Array.isArray(data) ? data : isRecord(data) ? [data] : [];
  if (!Array.isArray(data) && !isRecord(data)) p.add('', 'must be a JSON array of tasks');

  tasks.forEach((task: unknown, i) => {
    if (p.full) return;
    const taskId = isRecord(task) ? own(task, 'id') : undefined;
    const at = `task ${typeof taskId === 'number' || typeof taskId === 'string' ? String(taskId) : `#${i + 1}`}`;
    if (!isRecord(task)) {
      p.add(at, 'must be an object');
      return;
    }
    const taskData = own(task, 'data');
    const text = isRecord(taskData) ? own(taskData, 'text') : undefined;
    if (typeof text !== 'string' || text.trim() === '') {
      p.add(at, 'data.text: must be a non-empty string (the labeling config must read $text)');
      return;
    }
    const completions = [
      ...listOf(own(task, 'annotations')).map((c, k) => ({ c, where: `annotations[${k}]` })),
      ...listOf(own(task, 'predictions')).map((c, k) => ({ c, where: `predictions[${k}]` })),
    ].filter(({ c }) => !(isRecord(c) && own(c, 'was_cancelled') === true));
    const first = completions.find(({ c }) => isRecord(c))?.c as Record<string, unknown> | undefined;
    const canonical = canonicalise(text);
    const docId = isRecord(taskData) ? own(taskData, 'doc_id') : undefined;
    const title = isRecord(taskData) ? own(taskData, 'title') : undefined;
    const entry = docs.add(at, {
      id: typeof docId === 'string' && docId !== '' ? docId : documentIdFromText(canonical.text),
      title: typeof title === 'string' ? title : `Task ${typeof taskId === 'number' || typeof taskId === 'string' ? String(taskId) : i + 1}`,
      canonical,
      format: 'plain',
      meta: { sourceName },
      createdAt: dateOr(first && own(first, 'created_at'), now),
      updatedAt: dateOr(first && own(first, 'updated_at'), now),
    });
    if (!entry) return;

    for (const { c, where } of completions) {
      if (!isRecord(c)) {
        p.add(`${at}, ${where}`, 'must be an object');
        continue;
      }
      const createdAt = dateOr(own(c, 'created_at'), now);
      const updatedAt = dateOr(own(c, 'updated_at'), createdAt);
      const result = own(c, 'result');
      if (!Array.isArray(result)) {
        p.add(`${at}, ${where}`, 'result: must be an array');
        continue;
      }
      // Region id (as in the file) → the annotation id it got, for text areas and relations.
      const regions = new Map<string, string>();
      const later: Array<{ r: Record<string, unknown>; rWhere: string }> = [];
      result.forEach((r: unknown, k) => {
        const rid = isRecord(r) ? own(r, 'id') : undefined;
        const rWhere = `${at}, ${where}.result[${k}]${typeof rid === 'string' ? ` (id ${rid})` : ''}`;
        if (!isRecord(r)) {
          p.add(rWhere, 'must be an object');
          return;
        }
        const type = own(r, 'type');
        if (type === 'relation' || type === 'textarea') later.push({ r, rWhere });
        if (type !== 'labels') return; // choices and others: not spans
        const value = own(r, 'value');
        if (!isRecord(value)) {
          p.add(rWhere, 'value: must be an object');
          return;
        }
        const labelList = own(value, 'labels');
        if (!Array.isArray(labelList) || labelList.length === 0 || !labelList.every((l) => typeof l === 'string' && l !== '')) {
          p.add(rWhere, 'value.labels: must be a non-empty array of label names');
          return;
        }
        const quote = own(value, 'text');
        if (quote !== undefined && typeof quote !== 'string') {
          p.add(rWhere, 'value.text: must be a string');
          return;
        }
        const range = checkSpan(p, rWhere, canonical.raw, 'codepoint', own(value, 'start'), own(value, 'end'), quote as string | undefined);
        if (!range) return;
        (labelList as string[]).forEach((l, n) => {
          const id = typeof rid === 'string' && rid !== '' ? (n === 0 ? rid : `${rid}-${n + 1}`) : undefined;
          const got = docs.addSpan(entry, rWhere, { id, label: labels.resolve(l), ...range, createdAt, updatedAt });
          if (got !== undefined && n === 0 && typeof rid === 'string' && !regions.has(rid)) regions.set(rid, got);
        });
      });
      const regionOf = (rWhere: string, field: string, v: unknown): string | undefined => {
        const id = typeof v === 'string' || typeof v === 'number' ? regions.get(String(v)) : undefined;
        if (id === undefined) p.add(rWhere, `${field}: ${JSON.stringify(v)} is not the id of a labelled region of this ${where.startsWith('predictions') ? 'prediction' : 'annotation'}`);
        return id;
      };
      for (const { r, rWhere } of later) {
        if (own(r, 'type') === 'textarea') {
          const name = own(r, 'from_name');
          if (name !== LABEL_STUDIO_SPEAKER && name !== LABEL_STUDIO_NOTE) continue;
          const value = own(r, 'value');
          const texts = isRecord(value) ? own(value, 'text') : undefined;
          if (!Array.isArray(texts) || !texts.every((t) => typeof t === 'string')) {
            p.add(rWhere, 'value.text: a text area result must hold an array of strings');
            continue;
          }
          const id = regionOf(rWhere, 'id', own(r, 'id'));
          if (id === undefined) continue;
          docs.setAttributes(entry, id, name === LABEL_STUDIO_SPEAKER ? { speaker: texts.join(' ') } : { note: texts.join('\n') });
          continue;
        }
        const labelsRaw = own(r, 'labels');
        if (labelsRaw !== undefined && (!Array.isArray(labelsRaw) || !labelsRaw.every((l) => typeof l === 'string' && l !== ''))) {
          p.add(rWhere, 'labels: must be an array of relation names');
          continue;
        }
        const from = regionOf(rWhere, 'from_id', own(r, 'from_id'));
        const to = regionOf(rWhere, 'to_id', own(r, 'to_id'));
        if (from === undefined || to === undefined) continue;
        const names = (labelsRaw as string[] | undefined) ?? [];
        for (const name of names.length > 0 ? names : ['related']) {
          const type = resolveRelationType(name, options?.relationTypes);
          if (type === undefined) {
            p.add(rWhere, `relation label ${JSON.stringify(name)} is neither a relation type nor a plain identifier (letters, digits, _ or -)`);
            continue;
          }
          const [a, b] = own(r, 'direction') === 'left' ? [to, from] : [from, to];
          docs.addRelation(entry, rWhere, { type, from: a, to: b });
        }
      }
    }
  });
  return docs.finish(labels);
}

function listOf(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
