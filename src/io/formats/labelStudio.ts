/**
 * Label Studio: a JSON array of tasks and the labeling config (XML) that reads them, so a Label
 * Studio user can create a project with the config and import the tasks directly.
 *
 * ```
 * [{"id":1,"data":{"text":"…","doc_id":"<doc id>","title":"…"},
 *   "annotations":[{"id":1,"completed_by":1,"result":[
 *     {"id":"<annotation id>","from_name":"label","to_name":"text","type":"labels",
 *      "value":{"start":12,"end":40,"text":"…","labels":["problem"]}}],
 *     "created_at":"…","updated_at":"…"}]}]
 * ```
 *
 * `start`/`end` are code points. Task and annotation ids are 1, 2, 3… (Label Studio assigns its
 * own on import); the document's own id travels in `data.doc_id`. `completed_by` is 1: Yishi has
 * no users, and Label Studio reassigns it to the importing user.
 */
import type { Label } from '../../domain/labels';
import { prepareExport } from './check';
import { documentIdFromText, escapeXml, isRecord, own, safeColor } from './common';
import {
  canonicalise,
  checkSpan,
  dateOr,
  DocumentCollector,
  importSetup,
} from './importCommon';
import type { ExportFormat, ExportInput, ExportResult, ImportOptions, ImportResult } from './types';

export const LABEL_STUDIO_DIR = 'labelstudio';
export const LABEL_STUDIO_TASKS = `${LABEL_STUDIO_DIR}/tasks.json`;
export const LABEL_STUDIO_CONFIG = `${LABEL_STUDIO_DIR}/labeling-config.xml`;

/** The labeling config: a Labels control named "label" on a Text object named "text". */
export function labelStudioConfig(labels: readonly Label[]): string {
  const items = labels.map((l) => {
    const hotkey = l.key ? ` hotkey="${escapeXml(l.key)}"` : '';
    return `    <Label value="${escapeXml(l.id)}" hint="${escapeXml(l.name)}" background="${safeColor(l.color)}"${hotkey}/>`;
  });
  return [
    '<View>',
    '  <Labels name="label" toName="text">',
    ...items,
    '  </Labels>',
    '  <Text name="text" value="$text"/>',
    '</View>',
    '',
  ].join('\n');
}

export function exportLabelStudio(input: ExportInput): ExportResult {
  const { documents, check } = prepareExport('labelstudio', input);
  const tasks = documents.map(({ document: doc, annotations, index }, i) => {
    const result = annotations.map((a) => {
      check.slice(doc, a.id, index, 'codepoint', a.start, a.end, a.text);
      return {
        id: a.id,
        from_name: 'label',
        to_name: 'text',
        type: 'labels',
        value: { start: a.start, end: a.end, text: a.text, labels: [a.label] },
      };
    });
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
      { path: LABEL_STUDIO_CONFIG, content: labelStudioConfig(input.labels), mime: 'application/xml' },
    ],
    report: [],
  };
}

export const labelStudioFormat: ExportFormat = {
  id: 'labelstudio',
  title: 'Label Studio tasks + labeling config',
  offsetUnit: 'codepoint',
  export: (input) => exportLabelStudio(input),
};

/**
 * Reads a Label Studio JSON export (an array of tasks, or one task): the text is `data.text`;
 * span results (`type: "labels"`, `value.start/end/text/labels`) are read from `annotations`
 * (cancelled ones skipped) and from `predictions`. Offsets are code points and every quote
 * (`value.text`) is checked: one mismatch refuses the file, naming the task. A result with
 * several labels gives one annotation per label. The document id is `data.doc_id` if present,
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
      result.forEach((r: unknown, k) => {
        const rid = isRecord(r) ? own(r, 'id') : undefined;
        const rWhere = `${at}, ${where}.result[${k}]${typeof rid === 'string' ? ` (id ${rid})` : ''}`;
        if (!isRecord(r)) {
          p.add(rWhere, 'must be an object');
          return;
        }
        if (own(r, 'type') !== 'labels') return; // relations, choices, text areas: not spans
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
          docs.addSpan(entry, rWhere, { id, label: labels.resolve(l), ...range, createdAt, updatedAt });
        });
      });
    }
  });
  return docs.finish(labels);
}

function listOf(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
