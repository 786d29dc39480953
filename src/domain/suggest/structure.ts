/**
 * The structure of a record of the genre: its document type (proposal 提案, reply 答复, meeting
 * summary 综述, government work report, legislature question and reply) and its section map
 * (kind + code-point range + the label's own range), plus its enumerated items. The words are
 * data (structure.json), simplified and traditional alike.
 *
 * Every scan here is linear in the text: candidate positions (line starts, sentence ends, spaces)
 * are tested against words of bounded length, no regular expression runs over the record.
 */
import rawStructure from './structure.json';

export type DocumentType = 'proposal' | 'reply' | 'summary' | 'workReport' | 'qa';
export type SectionKind =
  | 'other'
  | 'header'
  | 'courtesy'
  | 'survey'
  | 'problem'
  | 'recommendation'
  | 'done'
  | 'plan'
  | 'question'
  | 'answer';

export interface Section {
  kind: SectionKind;
  /** Half-open code-point range of the whole section, label included. */
  start: number;
  end: number;
  /** The section label's range ("问题分析：", "## 二、存在问题"), empty when the section has none. */
  labelStart: number;
  labelEnd: number;
}

export interface EnumeratedItem {
  start: number;
  /** Where the item's text starts, after a typographic marker ("（一）", "1、"). */
  textStart: number;
  marker: string;
}

export interface DocumentStructure {
  type: DocumentType;
  /** Contiguous, in text order, covering the whole text. */
  sections: Section[];
  items: EnumeratedItem[];
}

export interface StructureFile {
  titleWindow: number;
  types: { type: DocumentType; title: string[]; anywhere: string[] }[];
  defaultType: DocumentType;
  sections: Partial<Record<SectionKind, string[]>>;
  typeSections: Partial<Record<DocumentType, Record<string, SectionKind>>>;
  inline: { phrase: string; kind: SectionKind; at: 'from' | 'after'; before?: SectionKind }[];
  sectionLabels: Partial<Record<SectionKind, Record<string, number>>>;
  silent: SectionKind[];
  voice: Partial<Record<DocumentType, Partial<Record<SectionKind | 'default', 'member' | 'official'>>>>;
  structured: DocumentType[];
  sectionRemap: Partial<Record<SectionKind, Record<string, string>>>;
  skip: string[];
}

export const DEFAULT_STRUCTURE = rawStructure as unknown as StructureFile;

const SENTENCE_END = new Set(Array.from('。！？；!?;'));
const CN_NUM = new Set(Array.from('一二三四五六七八九十'));
const DIGITS = new Set(Array.from('0123456789０１２３４５６７８９'));
const CIRCLED = new Set(Array.from('①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳'));
const OPEN = new Set(['（', '(']);
const CLOSE = new Set(['）', ')']);
const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\u3000' || c === '\u00a0';

/**
 * The length of a typographic enumeration marker at `i` (（一） (1) 一、 1、 1. ①), 0 when none.
 * A bare numeral needs 、 or . after it; "1.5" (a decimal) is not a marker.
 */
export function enumerationMarker(chars: readonly string[], i: number): number {
  const c = chars[i];
  if (c === undefined) return 0;
  if (CIRCLED.has(c)) return 1 + (chars[i + 1] === '、' ? 1 : 0);
  let k = i;
  const paren = OPEN.has(c);
  if (paren) k++;
  const numStart = k;
  const digits = DIGITS.has(chars[k] ?? '');
  while (k - numStart < 3 && (digits ? DIGITS.has(chars[k] ?? '') : CN_NUM.has(chars[k] ?? ''))) k++;
  if (k === numStart) return 0;
  if (paren) {
    if (!CLOSE.has(chars[k] ?? '')) return 0;
    k++;
    if (chars[k] === '、') k++;
    return k - i;
  }
  const sep = chars[k];
  if (sep === '、') return k + 1 - i;
  if ((sep === '.' || sep === '．') && digits && !DIGITS.has(chars[k + 1] ?? '')) return k + 1 - i;
  return 0;
}

const startsWith = (chars: readonly string[], at: number, word: readonly string[]): boolean => {
  if (at + word.length > chars.length) return false;
  for (let j = 0; j < word.length; j++) if (chars[at + j] !== word[j]) return false;
  return true;
};

/** The document type: by its title words near the start, then by phrases anywhere. */
export function detectDocumentType(text: string, file: StructureFile = DEFAULT_STRUCTURE): DocumentType {
  const head = Array.from(text).slice(0, file.titleWindow).join('');
  for (const t of file.types) if (t.title.some((w) => head.includes(w))) return t.type;
  for (const t of file.types) if (t.anywhere.some((w) => text.includes(w))) return t.type;
  return file.defaultType;
}

interface Word {
  chars: string[];
  kind: SectionKind;
}

function wordsFor(type: DocumentType, file: StructureFile): Word[] {
  const override = file.typeSections[type] ?? {};
  const words: Word[] = [];
  for (const [kind, list] of Object.entries(file.sections) as [SectionKind, string[]][]) {
    for (const w of list) words.push({ chars: Array.from(w), kind: override[w] ?? kind });
  }
  // Longest first: 存在问题 before 问题, 下一步工作 before 下一步.
  return words.sort((a, b) => b.chars.length - a.chars.length);
}

/** Reads the document type, its sections and its enumerated items. */
export function readStructure(text: string, file: StructureFile = DEFAULT_STRUCTURE): DocumentStructure {
  const chars = Array.from(text);
  const n = chars.length;
  const type = detectDocumentType(text, file);
  const words = wordsFor(type, file);
  const lineEnds = new Int32Array(n + 1);
  {
    let e = n;
    for (let i = n - 1; i >= 0; i--) {
      if (chars[i] === '\n') e = i;
      lineEnds[i] = e;
    }
    lineEnds[n] = n;
  }
  const marks: { kind: SectionKind; start: number; labelEnd: number; until?: number }[] = [];
  const items: EnumeratedItem[] = [];
  let lineStart = true;
  let afterBreak = true;
  for (let i = 0; i < n; i++) {
    const c = chars[i]!;
    if (c === '\n') {
      lineStart = true;
      afterBreak = true;
      continue;
    }
    if (isSpace(c)) {
      afterBreak = true;
      continue;
    }
    if (afterBreak) {
      let q = i;
      while (chars[q] === '#') q++;
      while (isSpace(chars[q])) q++;
      // A bold heading line: **二、主要问题**.
      if (lineStart && chars[q] === '*' && chars[q + 1] === '*') q += 2;
      const m = enumerationMarker(chars, q);
      if (m > 0) items.push({ start: i, textStart: q + m, marker: chars.slice(q, q + m).join('') });
      q += m;
      if (DIGITS.has(chars[q] ?? '') && DIGITS.has(chars[q + 3] ?? '') && chars[q + 4] === '年') q += 5;
      const lineEnd = lineEnds[i]!;
      for (const w of words) {
        if (!startsWith(chars, q, w.chars)) continue;
        const r = q + w.chars.length;
        let labelEnd = -1;
        if (chars[r] === '：' || chars[r] === ':') labelEnd = r + 1;
        else if (lineStart && w.kind !== 'header' && lineEnd - r <= 12 && !hasSentenceEnd(chars, r, lineEnd - 1)) labelEnd = lineEnd;
        if (labelEnd < 0) continue;
        marks.push({ kind: w.kind, start: i, labelEnd, ...(w.kind === 'header' ? { until: lineEnd } : {}) });
        i = labelEnd - 1;
        break;
      }
      if (chars[i] === '\n') {
        lineStart = true;
        afterBreak = true;
        continue;
      }
    }
    lineStart = false;
    afterBreak = SENTENCE_END.has(c) || c === '：' || c === ':';
  }
  const lineMarks = marks.splice(0);
  for (const rule of file.inline) {
    const phrase = rule.phrase;
    // Code points before `at`, counted incrementally (a count from 0 each time would be quadratic).
    let unit = 0;
    let cpAt = 0;
    for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + phrase.length)) {
      for (; unit < at; unit++) {
        const code = text.charCodeAt(unit);
        if (code < 0xdc00 || code > 0xdfff) cpAt++;
      }
      let s = cpAt;
      if (rule.at === 'after') {
        while (s < n && !SENTENCE_END.has(chars[s]!) && chars[s] !== '：' && chars[s] !== ':' && chars[s] !== '\n') s++;
        s++;
      } else {
        while (s > 0 && !SENTENCE_END.has(chars[s - 1]!) && chars[s - 1] !== '\n') s--;
      }
      while (s < n && (isSpace(chars[s]) || chars[s] === '\n')) s++;
      if (rule.before) marks.push({ kind: rule.before, start: -1, labelEnd: -1, until: s });
      marks.push({ kind: rule.kind, start: s, labelEnd: s });
    }
  }
  // A label of its own wins over an inline phrase at the same place (stable sort: later wins).
  return { type, sections: toSections([...marks, ...lineMarks], n), items };
}

function hasSentenceEnd(chars: readonly string[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (SENTENCE_END.has(chars[k]!)) return true;
  return false;
}

/**
 * Marks → contiguous sections. A header mark lasts to its line end (or the next mark); after it
 * the kind in effect before resumes. A "before" mark (start -1) gives its kind to the 'other'
 * stretch that ends where it says.
 */
function toSections(marks: { kind: SectionKind; start: number; labelEnd: number; until?: number }[], n: number): Section[] {
  const before = marks.filter((m) => m.start < 0);
  const ordered = marks.filter((m) => m.start >= 0).sort((a, b) => a.start - b.start);
  const out: Section[] = [];
  let current: SectionKind = 'other';
  let at = 0;
  const push = (kind: SectionKind, start: number, end: number, labelStart: number, labelEnd: number): void => {
    if (end <= start) return;
    const last = out[out.length - 1];
    if (last && last.kind === kind && labelEnd === labelStart) last.end = end;
    else out.push({ kind, start, end, labelStart, labelEnd });
  };
  let pendingLabel: [number, number] = [0, 0];
  for (let i = 0; i < ordered.length; i++) {
    const m = ordered[i]!;
    push(current, at, m.start, pendingLabel[0], pendingLabel[1]);
    const next = ordered[i + 1]?.start ?? n;
    if (m.kind === 'header') {
      const end = Math.min(m.until ?? n, next);
      push('header', m.start, end, m.start, m.labelEnd);
      at = end;
      pendingLabel = [end, end];
    } else {
      current = m.kind;
      at = m.start;
      pendingLabel = [m.start, m.labelEnd];
    }
  }
  push(current, at, n, pendingLabel[0], pendingLabel[1]);
  for (const b of before) {
    for (const s of out) if (s.kind === 'other' && s.start < b.until!) s.kind = b.kind;
  }
  return out;
}

/** The section holding a code-point offset (binary search). */
export function sectionAt(structure: DocumentStructure, offset: number): Section | undefined {
  const s = structure.sections;
  let lo = 0;
  let hi = s.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (s[mid]!.end <= offset) lo = mid + 1;
    else if (s[mid]!.start > offset) hi = mid - 1;
    else return s[mid];
  }
  return undefined;
}
