/**
 * Sentence and clause segmentation for Chinese meeting records, over the canonical text.
 *
 * Offsets are Unicode code points (half-open), like every stored offset. The text is walked as an
 * array of code points, so no conversion is needed (TextIndex converts to UTF-16 if a caller needs
 * it).
 *
 * Sentences end at 。！？；(and the half-width !?;) and at line breaks. A sentence end inside a
 * quotation or bracket does not end the sentence, unless it is directly followed by the closing
 * mark(s) that close every open quotation: “…。” ends after ”. Quotation marks and brackets count
 * only when they pair up on their line, so a stray “ cannot swallow the rest of a paragraph.
 *
 * Clauses split a sentence at ，,：: by default (configurable), never inside a quotation or
 * bracket, never between digits (1,000 · 10:30), never after an enumeration marker (一、 (一)、 1.).
 * Ellipses (…… … ...) and the full stop of decimals (0.5公噸, 3.5%) never split anything.
 *
 * Surrounding white space (including U+3000) is trimmed from every range. Markdown heading marks
 * (`## `) and bold markers (`**`) stay part of the text: a heading line is one sentence with its
 * `heading` level set.
 */
import { cp, type CodePointOffset } from '../units';

export interface TextRange {
  start: CodePointOffset;
  end: CodePointOffset;
}

export interface Sentence extends TextRange {
  clauses: TextRange[];
  /** Index of the paragraph (run of non-empty lines; a heading line is its own paragraph). */
  paragraph: number;
  /** 1–6 for a Markdown heading line (`# `…`###### `), 0 otherwise. */
  heading: number;
  /** True when the whole line is one bold run (`**…**`), e.g. a viewpoint's title. */
  boldLine: boolean;
}

export interface SegmentOptions {
  /** Characters that end a sentence (besides line breaks). Default 。！？；!?; */
  sentenceEnds?: string;
  /** Characters that end a clause inside a sentence. Default ，,：: (add 、 to split list items). */
  clauseEnds?: string;
  /** Whether lines starting with `#` + space are headings. Default true. */
  markdown?: boolean;
}

export const DEFAULT_SENTENCE_ENDS = '。！？；!?;';
export const DEFAULT_CLAUSE_ENDS = '，,：:';

const OPEN_TO_CLOSE: Record<string, string> = {
  '“': '”',
  '‘': '’',
  '「': '」',
  '『': '』',
  '（': '）',
  '(': ')',
  '【': '】',
  '《': '》',
  '〈': '〉',
  '［': '］',
  '[': ']',
};
const CLOSERS = new Set(Object.values(OPEN_TO_CLOSE));
const CLOSE_TO_OPEN: Record<string, string> = Object.fromEntries(
  Object.entries(OPEN_TO_CLOSE).map(([o, c]) => [c, o]),
);

const WHITE = /^[\s\u3000\u00a0\ufeff]$/u;
const DIGIT = /^[0-9０-９]$/u;
/** An enumeration marker before 、 or . at the start of a clause: 一、 (一)、 1. 12、 ①. */
const ENUMERATION = /^[(（]?(?:[0-9０-９]{1,3}|[一二三四五六七八九十百零〇]{1,4}|[a-zA-Z])[)）]?$/u;

export function isWhite(ch: string | undefined): boolean {
  return ch !== undefined && WHITE.test(ch);
}

/**
 * For every code point: the depth of properly paired quotation marks and brackets it sits in
 * (the marks themselves count as outside), computed per line.
 */
function pairedDepths(chars: readonly string[]): Int32Array {
  const depth = new Int32Array(chars.length);
  const delta = new Int32Array(chars.length + 1);
  let lineStart = 0;
  for (let i = 0; i <= chars.length; i++) {
    if (i === chars.length || chars[i] === '\n') {
      // Pair the marks of this line with a stack; unpaired marks are ignored.
      const stack: { ch: string; at: number }[] = [];
      let asciiQuote = -1;
      for (let j = lineStart; j < i; j++) {
        const ch = chars[j]!;
        if (ch === '"') {
          if (asciiQuote < 0) asciiQuote = j;
          else {
            delta[asciiQuote + 1]! += 1;
            delta[j]! -= 1;
            asciiQuote = -1;
          }
        } else if (OPEN_TO_CLOSE[ch]) {
          stack.push({ ch, at: j });
        } else if (CLOSERS.has(ch)) {
          const open = CLOSE_TO_OPEN[ch]!;
          let k = stack.length - 1;
          while (k >= 0 && stack[k]!.ch !== open) k--;
          if (k >= 0) {
            const opener = stack[k]!;
            stack.length = k; // openers above it were unpaired
            delta[opener.at + 1]! += 1;
            delta[j]! -= 1;
          }
        }
      }
      lineStart = i + 1;
    }
  }
  let d = 0;
  for (let i = 0; i < chars.length; i++) {
    d += delta[i]!;
    depth[i] = d;
  }
  return depth;
}

function trimRange(chars: readonly string[], start: number, end: number): [number, number] {
  while (start < end && isWhite(chars[start])) start++;
  while (end > start && isWhite(chars[end - 1])) end--;
  return [start, end];
}

const HEADING = /^#{1,6}(?:[ \t]|$)/u;

/** Splits a text into sentences, each with its clauses. */
export function segmentSentences(text: string, options: SegmentOptions = {}): Sentence[] {
  const chars = Array.from(text);
  return segmentChars(chars, options);
}

/** As segmentSentences, for a text already split into code points. */
export function segmentChars(chars: readonly string[], options: SegmentOptions = {}): Sentence[] {
  const sentenceEnds = new Set(Array.from(options.sentenceEnds ?? DEFAULT_SENTENCE_ENDS));
  const clauseEnds = new Set(Array.from(options.clauseEnds ?? DEFAULT_CLAUSE_ENDS));
  const markdown = options.markdown ?? true;
  const depth = pairedDepths(chars);
  const sentences: Sentence[] = [];

  let paragraph = 0;
  let lineStart = 0;
  let previousBlank = true;
  let previousHeading = false;
  for (let i = 0; i <= chars.length; i++) {
    if (i < chars.length && chars[i] !== '\n') continue;
    const [ls, le] = trimRange(chars, lineStart, i);
    const lineStartNext = i + 1;
    if (ls === le) {
      previousBlank = true;
      lineStart = lineStartNext;
      continue;
    }
    const lineText = chars.slice(ls, Math.min(le, ls + 8)).join('');
    const heading = markdown && HEADING.test(lineText) ? /^#+/u.exec(lineText)![0].length : 0;
    if (sentences.length > 0 && (previousBlank || heading > 0 || previousHeading)) paragraph++;
    previousBlank = false;
    previousHeading = heading > 0;

    const boldLine = isBoldLine(chars, ls, le);
    if (heading > 0 || boldLine) {
      sentences.push({ start: cp(ls), end: cp(le), clauses: [{ start: cp(ls), end: cp(le) }], paragraph, heading, boldLine });
    } else {
      let s = ls;
      for (let j = ls; j < le; j++) {
        const ch = chars[j]!;
        if (!sentenceEnds.has(ch)) continue;
        // A run of end marks (。！？ …) and closing marks after it belongs to this sentence.
        let k = j;
        while (k + 1 < le && sentenceEnds.has(chars[k + 1]!)) k++;
        if (depth[j]! > 0) {
          // Inside a quotation: ends the sentence only if the closers right after it close all.
          let c = k + 1;
          while (c < le && CLOSERS.has(chars[c]!) && depth[c]! > 0) c++;
          if (c < le && CLOSERS.has(chars[c]!) && depth[c] === 0) {
            while (c + 1 < le && CLOSERS.has(chars[c + 1]!)) c++;
            k = c;
          } else {
            j = k;
            continue;
          }
        } else {
          // Outside any pair: a stray closer right after the end mark (its opener on an earlier
          // line) still belongs to this sentence.
          while (k + 1 < le && CLOSERS.has(chars[k + 1]!)) k++;
        }
        pushSentence(chars, depth, s, k + 1, clauseEnds, paragraph, sentences);
        s = k + 1;
        j = k;
      }
      pushSentence(chars, depth, s, le, clauseEnds, paragraph, sentences);
    }
    lineStart = lineStartNext;
  }
  return sentences;
}

function isBoldLine(chars: readonly string[], s: number, e: number): boolean {
  if (e - s < 5) return false;
  if (chars[s] !== '*' || chars[s + 1] !== '*' || chars[e - 1] !== '*' || chars[e - 2] !== '*') return false;
  for (let i = s + 2; i < e - 2; i++) if (chars[i] === '*') return false;
  return true;
}

function pushSentence(
  chars: readonly string[],
  depth: Int32Array,
  start: number,
  end: number,
  clauseEnds: Set<string>,
  paragraph: number,
  out: Sentence[],
): void {
  const [s, e] = trimRange(chars, start, end);
  if (s === e) return;
  out.push({ start: cp(s), end: cp(e), clauses: splitClauses(chars, depth, s, e, clauseEnds), paragraph, heading: 0, boldLine: false });
}

function splitClauses(
  chars: readonly string[],
  depth: Int32Array,
  start: number,
  end: number,
  clauseEnds: Set<string>,
): TextRange[] {
  const clauses: TextRange[] = [];
  // A sentence that is one whole quotation (“…，…。”) splits inside it.
  let base = 0;
  if (end - start > 2) {
    base = Infinity;
    for (let j = start + 1; j < end - 1; j++) base = Math.min(base, depth[j]!);
  }
  let s = start;
  for (let j = start; j < end; j++) {
    const ch = chars[j]!;
    if (!clauseEnds.has(ch) || depth[j]! > base) continue;
    if (DIGIT.test(chars[j - 1] ?? '') && DIGIT.test(chars[j + 1] ?? '')) continue; // 1,000 · 10:30
    // A marker is short: testing only short stretches keeps a run of 、 linear.
    if ((ch === '、' || ch === '.' || ch === '．') && j - s <= 12 && ENUMERATION.test(chars.slice(s, j).join('').trim())) continue;
    const [cs, ce] = trimRange(chars, s, j + 1);
    if (cs < ce) clauses.push({ start: cp(cs), end: cp(ce) });
    s = j + 1;
  }
  const [cs, ce] = trimRange(chars, s, end);
  if (cs < ce) clauses.push({ start: cp(cs), end: cp(ce) });
  return clauses;
}

/** Every clause of the text, in order (the clauses of segmentSentences, flattened). */
export function segmentClauses(text: string, options: SegmentOptions = {}): TextRange[] {
  return segmentSentences(text, options).flatMap((s) => s.clauses);
}
