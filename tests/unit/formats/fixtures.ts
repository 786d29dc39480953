/**
 * Fixture records for the format tests: astral CJK (𠮷 U+20BB7), a ZWJ emoji (👩‍💻), a CRLF
 * source normalised to LF, nested and overlapping spans, a span across a paragraph break, a span
 * across a line break, and CSV-hostile text (comma, quotes). Offsets are computed here
 * independently of TextIndex (Array.from counts code points, as Python does).
 */
import type { Annotation } from '../../../src/domain/annotation';
import { normaliseText, type MeetingDocument } from '../../../src/domain/document';
import { DEFAULT_LABELS } from '../../../src/domain/labels';
import { cp } from '../../../src/domain/units';
import type { ExportInput } from '../../../src/io/formats/types';
import type { AnnotatedRecord } from '../../../src/domain/record';

export const T0 = '2024-05-01T08:00:00.000Z';
export const T1 = '2024-05-02T09:30:00.000Z';
export const EXPORTED = '2024-06-01T12:00:00.000Z';

/** Python's text[start:end] on code points. */
export const pySlice = (text: string, start: number, end: number): string =>
  Array.from(text).slice(start, end).join('');

/** Code-point offsets [start, end) of the `occurrence`-th occurrence of `needle`. */
export function span(text: string, needle: string, occurrence = 0): [number, number] {
  let at = -1;
  for (let k = 0; k <= occurrence; k++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`fixture: ${JSON.stringify(needle)} not found`);
  }
  const start = Array.from(text.slice(0, at)).length;
  return [start, start + Array.from(needle).length];
}

export function ann(id: string, label: string, text: string, needle: string, occurrence = 0): Annotation {
  const [start, end] = span(text, needle, occurrence);
  return { id, label, start: cp(start), end: cp(end), text: needle, createdAt: T0, updatedAt: T1 };
}

export const CRLF_SOURCE =
  '# 专题议政会综述\r\n' +
  '\r\n' +
  '## 委员观点\r\n' +
  '\r\n' +
  '张委员：𠮷祥物产业要发展，问题是资金不足。建议设立专项基金！\r\n' +
  '\r\n' +
  '👩‍💻 程序员说：“要加强人才培养。”下一句；\r\n' +
  '第二行继续，含逗号,和"引号"。\r\n' +
  '\r\n' +
  '### 回应\r\n' +
  '\r\n' +
  '　　有关部门表示将研究𠮷祥物方案。\r\n';

/** A note with a comma, a quote, a line break, a tab and a backslash. */
export const NOTE = '资金缺口, 见"附表"\n第二行\t制表符 C:\\new';
/** brat attribute values are one word: this speaker comes back from brat as 市工业和信息化局_负责人. */
export const SPEAKER_WITH_SPACE = '市工业和信息化局 负责人';

export function meetingDocument(): AnnotatedRecord {
  const { text, applied } = normaliseText(CRLF_SOURCE);
  const document: MeetingDocument = {
    id: 'doc-meeting',
    title: '专题议政会综述',
    text,
    format: 'markdown',
    meta: { sourceName: 'meeting.md', encoding: 'UTF-8', normalised: applied },
    createdAt: T0,
    updatedAt: T1,
  };
  const annotations = [
    ann('a1', 'proposal', text, '𠮷祥物产业要发展'),
    { ...ann('a2', 'problem', text, '问题是资金不足'), speaker: '张委员', note: NOTE, origin: { kind: 'manual' as const } },
    {
      ...ann('a3', 'recommendation', text, '建议设立专项基金'),
      speaker: '张委员',
      annotator: '李分析师',
      origin: { kind: 'model' as const, modelVersion: 'suggest-0.3' },
      links: [{ id: 'r1', type: 'addresses', to: 'a2' }],
    },
    // a4 holds a1, a2, a3 (nested); a5 overlaps a2 and a3.
    ann('a4', 'proposal', text, '张委员：𠮷祥物产业要发展，问题是资金不足。建议设立专项基金！'),
    ann('a5', 'problem', text, '资金不足。建议设立'),
    // Across a paragraph break, with the ZWJ emoji; overlaps a4.
    ann('a6', 'response', text, '专项基金！\n\n👩‍💻 程序员说'),
    { ...ann('a7', 'recommendation', text, '要加强人才培养'), links: [{ id: 'r3', type: 'addresses', to: 'a8' }] },
    // Across a line break inside one Markdown paragraph (and across a sentence end).
    ann('a8', 'problem', text, '下一句；\n第二行继续'),
    { ...ann('a9', 'recommendation', text, '含逗号,和"引号"'), note: '=SUM(1,2)' },
    {
      ...ann('a10', 'response', text, '有关部门表示将研究𠮷祥物方案'),
      speaker: SPEAKER_WITH_SPACE,
      origin: { kind: 'rule' as const },
      links: [{ id: 'r2', type: 'responds_to', to: 'a3' }],
    },
    ann('a11', 'proposal', text, '👩‍💻'),
  ];
  return { document, annotations };
}

export function plainDocument(): AnnotatedRecord {
  const text = '第一行文字。\n第二行 有空格。\n𠮷𠮷𠮷 结束';
  return {
    document: {
      id: 'doc-plain',
      title: '平文本',
      text,
      format: 'plain',
      meta: {},
      createdAt: T0,
      updatedAt: T1,
    },
    annotations: [
      ann('p1', 'problem', text, '第二行 有空格'),
      ann('p2', 'response', text, '𠮷𠮷'),
      // The same id as in the meeting document: ids are unique per document only.
      ann('a1', 'proposal', text, '结束'),
    ],
  };
}

export function fixtureInput(): ExportInput {
  return { documents: [meetingDocument(), plainDocument()], labels: DEFAULT_LABELS, exportedAt: EXPORTED };
}

/** The export's files as path → text. */
export function filesOf(result: { files: Array<{ path: string; content: string | Uint8Array }> }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of result.files) out[f.path] = typeof f.content === 'string' ? f.content : new TextDecoder().decode(f.content);
  return out;
}

/** What an annotation is, without its id and dates. */
export const spanKey = (a: Pick<Annotation, 'label' | 'start' | 'end' | 'text'>): string =>
  `${a.label} ${a.start} ${a.end} ${JSON.stringify(a.text)}`;
