/**
 * The rule-based suggester: segments the record into sentences, finds the speaker phrase
 * ("马丽娟委员建议,") and the speaker in effect, scores every sentence against the cues of
 * cues.json and proposes the best label when its score reaches the threshold.
 *
 * Boundaries follow the guideline (src/i18n/guideline.ts): a span is a sentence without its speaker
 * phrase, final 。/；, enclosing quotation marks, Markdown `#`/`**` markers; a leading clause before
 * a turn (但…) is left out when the label's cues fire only from the turn on.
 */
import { cp } from '../units';
import { compileCues, type CompiledCues, type Cue, type CueFile, type SpeakerRole } from './cueConfig';
import { isWhite, segmentChars, type SegmentOptions, type Sentence } from './segment';
import { foldChars } from './fold';
import { stripEnd } from './strip';
import { detectSpeaker, seedRegistry, type Speaker } from './speakers';
import { DEFAULT_STRUCTURE, enumerationMarker, readStructure, sectionAt, type DocumentStructure, type SectionKind, type StructureFile } from './structure';
import { compareSuggestions, suggestionId, type Suggestion } from './suggestion';

export interface RuleOptions {
  /** A cue file to use instead of the shipped cues.json (same shape). */
  cues?: CueFile;
  /** Overrides the cue file's threshold. */
  threshold?: number;
  segment?: SegmentOptions;
  /** A structure file to use instead of the shipped structure.json. */
  structure?: StructureFile;
}

/** What the rules see in a record: sentences with their speaker phrase, body and speaker. */
export interface AnalysedSentence {
  sentence: Sentence;
  kind: 'text' | 'heading' | 'title' | 'speakerLine';
  /** Number of leading clauses that form the speaker phrase (0 when none). */
  leadInClauses: number;
  /** The text of the nearest heading above, without its # marks. */
  section: string;
  /** The kind of the document section the sentence stands in (structure.ts). */
  sectionKind: SectionKind;
  /** The role the sentence speaks with when the document type fixes it (structure.json voice). */
  role?: SpeakerRole;
  /** Where the sentence's own text starts: after a section label or a typographic enumeration marker inside it. */
  textStart: number;
  speaker?: Speaker;
}

const compiledDefault = { value: undefined as CompiledCues | undefined };
function cuesFor(options: RuleOptions): CompiledCues {
  if (options.cues) return compileCues(options.cues);
  compiledDefault.value ??= compileCues();
  return compiledDefault.value;
}

const TRAILING_PUNCT = new Set(Array.from('。！？；!?;，,、：:'));
const LEADING_PUNCT = new Set(Array.from('，,、：:;；。'));
const PAIRS: Record<string, string> = { '“': '”', '‘': '’', '「': '」', '『': '』', '（': '）', '(': ')', '【': '】', '《': '》', '"': '"' };
const CLOSE: Record<string, string> = Object.fromEntries(Object.entries(PAIRS).map(([o, c]) => [c, o]));

const join = (chars: readonly string[], s: number, e: number): string => chars.slice(s, e).join('');

/** The first code point of a sentence's own text: after a section label and an enumeration marker inside it. */
function ownTextStart(chars: readonly string[], structure: DocumentStructure, start: number, end: number): { from: number; kind: SectionKind } {
  let section = sectionAt(structure, start);
  const last = sectionAt(structure, end - 1);
  if (last && last !== section && last.labelEnd > last.labelStart) section = last;
  let from = start;
  if (section && section.labelEnd > from && section.labelStart < end) from = Math.min(section.labelEnd, end);
  while (from < end && isWhite(chars[from])) from++;
  from += enumerationMarker(chars, from);
  return { from, kind: section?.kind ?? 'other' };
}

/** Segments and analyses a record: kinds, speaker phrases, sections, speakers in effect. */
export function analyseRecord(text: string, options: RuleOptions = {}, structure: DocumentStructure = readStructure(text, options.structure)): AnalysedSentence[] {
  const cues = cuesFor(options);
  const file = options.structure ?? DEFAULT_STRUCTURE;
  // Cues are written in simplified characters: read a traditional record folded (same offsets).
  const chars = foldChars(Array.from(text));
  const sentences = segmentChars(chars, options.segment);
  const registry = seedRegistry(chars.join(''), cues);
  const voice = file.voice[structure.type];
  const structured = file.structured.includes(structure.type);
  let section = '';
  const out: AnalysedSentence[] = [];
  const ownSpeaker = new Set<AnalysedSentence>();
  for (const s of sentences) {
    const raw = join(chars, s.start, s.end);
    const own = ownTextStart(chars, structure, s.start, s.end);
    const base = { sectionKind: own.kind, textStart: own.from };
    if (s.heading > 0) {
      section = raw.replace(/^#+\s*/u, '');
      out.push({ sentence: s, kind: 'heading', leadInClauses: 0, section, ...base });
      continue;
    }
    // A section label line, and in a structured document type any bold line, is a heading
    // (a viewpoint's bold title is a meeting summary's convention).
    if (own.from >= s.end || (s.boldLine && structured)) {
      out.push({ sentence: s, kind: 'heading', leadInClauses: 0, section, ...base });
      continue;
    }
    if (s.boldLine) {
      out.push({ sentence: s, kind: 'title', leadInClauses: 0, section, ...base });
      continue;
    }
    if (cues.speakerLine.test(raw) && s.clauses.length <= 3) {
      out.push({ sentence: s, kind: 'speakerLine', leadInClauses: 0, section, ...base, speaker: detectSpeaker(raw, cues, registry) });
      continue;
    }
    const lead = speakerPhrase(chars, s, own.from, cues, registry);
    const item: AnalysedSentence = { sentence: s, kind: 'text', leadInClauses: lead.clauses, section, ...base, textStart: lead.textStart ?? own.from };
    if (lead.speaker) {
      item.speaker = lead.speaker;
      ownSpeaker.add(item);
    }
    out.push(item);
  }
  assignSpeakers(out, cues.speakerLineParagraphs);
  if (voice) {
    // A document type with one voice (a proposal's proposer, a reply's department): the role comes
    // from the document's structure, never from a body named once in its opening.
    for (const a of out) {
      a.role = voice[a.sectionKind] ?? voice.default;
      if (!ownSpeaker.has(a)) delete a.speaker;
    }
  }
  return out;
}

const LEAD_CONNECTIVE = 6;

/**
 * The speaker phrase of a sentence: the first of its first three clauses that ends in a verb of
 * saying ("马丽娟委员建议，", "对此，某某表示，"), or a phrase without a comma ("某某委员建议加大…").
 */
function speakerPhrase(
  chars: readonly string[],
  s: Sentence,
  from: number,
  cues: CompiledCues,
  registry: ReturnType<typeof seedRegistry>,
): { clauses: number; textStart?: number; speaker?: Speaker } {
  for (let k = 0; k < Math.min(3, s.clauses.length - 1); k++) {
    const c = s.clauses[k]!;
    if (c.end <= from) continue;
    const clause = stripEnd(join(chars, Math.max(c.start, from), c.end));
    if (c.end - s.start > 48) break;
    if (cues.speechVerbAtEnd.test(clause)) {
      const speaker = detectSpeaker(clause, cues, registry) ?? detectSpeaker(join(chars, s.start, c.end), cues, registry);
      const rest = clause.replace(cues.speechVerbAtEnd, '');
      // A speaker phrase names someone, or is only the verb ("并表示"); "全面吸纳委员建议" is not one.
      const bare = rest.replace(/^(?:并|还|也|同时|他|她|他们|大家)$/u, '') === '';
      // "对此，某某表示，": short clauses before it, a short name-like run of Han characters.
      const shortBefore = s.clauses.slice(0, k).every((b) => b.end - b.start <= LEAD_CONNECTIVE);
      const nameLike = shortBefore && /^\p{Script=Han}{2,8}$/u.test(rest) && !cues.notNamePattern.test(rest) && !cues.notNames.has(rest);
      if (speaker || bare) return { clauses: k + 1, ...(speaker ? { speaker } : {}) };
      if (nameLike) return { clauses: k + 1, speaker: { name: rest } };
      break;
    }
  }
  // "（会上，）某某委员建议加大…": the phrase without a comma, in the first clause after short ones.
  for (let k = 0; k < Math.min(2, s.clauses.length); k++) {
    const c = s.clauses[k]!;
    const cs = Math.max(c.start, from);
    if (c.end <= cs) continue;
    const m = cues.speakerPhraseInline.exec(join(chars, cs, Math.min(c.end, cs + 32)));
    if (m) {
      const speaker = detectSpeaker(m[0], cues, registry);
      const textStart = cs + Array.from(m[0]).length;
      if (speaker && textStart < c.end) return { clauses: k, textStart, speaker };
    }
    if (c.end - c.start > LEAD_CONNECTIVE) break;
  }
  return { clauses: 0 };
}

/**
 * The speaker in effect: a speaker phrase covers its whole paragraph (the quoted problem before
 * "某某委员建议," is theirs too; a later phrase takes over from where it stands); a speaker line
 * covers its own paragraph and the next `lineParagraphs` paragraphs; a heading ends both.
 */
function assignSpeakers(items: AnalysedSentence[], lineParagraphs: number): void {
  let lineSpeaker: Speaker | undefined;
  let lineUntil = -1;
  let i = 0;
  while (i < items.length) {
    const paragraph = items[i]!.sentence.paragraph;
    let j = i;
    while (j < items.length && items[j]!.sentence.paragraph === paragraph) j++;
    const group = items.slice(i, j);
    if (group.some((g) => g.kind === 'heading')) {
      lineSpeaker = undefined;
    }
    const line = group.find((g) => g.kind === 'speakerLine' && g.speaker);
    if (line) {
      lineSpeaker = line.speaker;
      lineUntil = paragraph + lineParagraphs;
    } else if (paragraph > lineUntil) {
      lineSpeaker = undefined;
    }
    let current = group.find((g) => g.leadInClauses > 0 && g.speaker)?.speaker ?? lineSpeaker;
    for (const g of group) {
      if (g.leadInClauses > 0 && g.speaker) current = g.speaker;
      if (g.kind !== 'heading' && !g.speaker && current) g.speaker = current;
    }
    i = j;
  }
}

interface Scored {
  label: string;
  score: number;
  cues: string[];
  firstClause: number;
}

function scoreSentence(a: AnalysedSentence, chars: readonly string[], cues: CompiledCues, file: StructureFile, structured: boolean): Scored | undefined {
  const s = a.sentence;
  const role: SpeakerRole | undefined = a.role ?? a.speaker?.role;
  const body = s.clauses.slice(a.leadInClauses).filter((c) => c.end > a.textStart);
  const bodyText = body.length ? join(chars, Math.max(body[0]!.start, a.textStart), s.end) : '';
  const leadInText = a.leadInClauses > 0 ? stripEnd(join(chars, s.start, s.clauses[a.leadInClauses - 1]!.end)) : undefined;
  const inner = a.kind === 'title' ? join(chars, s.start + 2, s.end - 2) : a.kind === 'heading' ? join(chars, s.start, s.end).replace(/^#+\s*/u, '') : '';

  const positive = new Map<string, number>();
  const brake = new Map<string, number>();
  const fired = new Map<string, string[]>();
  const firstClause = new Map<string, number>();
  const fire = (cue: Cue, clauseIndex = -1): void => {
    if (cue.weight > 0) {
      positive.set(cue.label, 1 - (1 - (positive.get(cue.label) ?? 0)) * (1 - cue.weight));
      // Where the label's evidence starts (-1: the whole sentence, e.g. a speaker phrase).
      const k = Math.max(clauseIndex, 0);
      firstClause.set(cue.label, Math.min(firstClause.get(cue.label) ?? k, k));
    } else {
      brake.set(cue.label, (brake.get(cue.label) ?? 1) * (1 + cue.weight));
    }
    fired.set(cue.label, [...(fired.get(cue.label) ?? []), cue.id]);
  };

  if (structured) {
    for (const [label, weight] of Object.entries(file.sectionLabels[a.sectionKind] ?? {})) {
      fire({ id: `section:${a.sectionKind}`, label, weight, scope: 'section', test: /$^/u });
    }
  }
  for (const cue of cues.cues) {
    if (cue.speakerRole && cue.speakerRole !== role) continue;
    switch (cue.scope) {
      case 'title':
        if (a.kind === 'title' && cue.test.test(inner)) fire(cue);
        break;
      case 'heading':
        if (a.kind === 'heading' && cue.test.test(inner)) fire(cue);
        break;
      case 'section':
        if ((a.kind === 'text' || a.kind === 'title') && a.section && cue.test.test(a.section)) fire(cue);
        break;
      case 'leadIn':
        if (a.kind === 'text' && leadInText !== undefined && cue.test.test(leadInText)) fire(cue);
        break;
      case 'sentence': {
        const m = a.kind === 'text' ? cue.test.exec(bodyText) : null;
        if (m) {
          // The clause where the match starts (code points from the body's start).
          const at = Math.max(body[0]!.start, a.textStart) + Array.from(bodyText.slice(0, m.index)).length;
          let k = 0;
          while (k + 1 < body.length && body[k + 1]!.start <= at) k++;
          fire(cue, k);
        }
        break;
      }
      case 'clause':
        if (a.kind === 'text') {
          const k = body.findIndex((c) => cue.test.test(stripEnd(join(chars, Math.max(c.start, a.textStart), c.end)).replace(cues.connectives, '')));
          if (k >= 0) fire(cue, k);
        }
        break;
    }
  }

  const scores = new Map<string, number>();
  for (const [label, p] of positive) scores.set(label, p * (brake.get(label) ?? 1));
  const remap = { ...(role ? cues.roleLabels[role] : undefined), ...(structured ? file.sectionRemap[a.sectionKind] : undefined) };
  for (const [from, to] of Object.entries(remap)) {
    const f = scores.get(from);
    if (f === undefined) continue;
    scores.set(to, 1 - (1 - (scores.get(to) ?? 0)) * (1 - f));
    scores.delete(from);
    fired.set(to, [...(fired.get(to) ?? []), ...(fired.get(from) ?? []), `role:${role}:${from}→${to}`]);
    if (firstClause.has(from)) firstClause.set(to, Math.min(firstClause.get(to) ?? Infinity, firstClause.get(from)!));
  }

  let best: Scored | undefined;
  for (const label of cues.labels) {
    const score = scores.get(label);
    if (score === undefined || score <= 0) continue;
    if (!best || score > best.score) best = { label, score, cues: fired.get(label) ?? [], firstClause: firstClause.get(label) ?? 0 };
  }
  return best;
}

/**
 * Trims a range to the guideline's boundaries: white space, heading marks, `**` pairs, leading
 * and trailing clause/sentence punctuation, enclosing (or unpaired edge) quotation marks.
 */
export function trimSpan(chars: readonly string[], start: number, end: number): [number, number] {
  for (;;) {
    const before: [number, number] = [start, end];
    while (start < end && isWhite(chars[start])) start++;
    while (end > start && isWhite(chars[end - 1])) end--;
    if (chars[start] === '#') {
      let k = start;
      while (k < end && chars[k] === '#') k++;
      if (k < end && isWhite(chars[k])) start = k + 1;
    }
    if (end - start >= 4 && chars[start] === '*' && chars[start + 1] === '*' && chars[end - 1] === '*' && chars[end - 2] === '*') {
      start += 2;
      end -= 2;
    }
    while (end > start && TRAILING_PUNCT.has(chars[end - 1]!)) end--;
    while (start < end && LEADING_PUNCT.has(chars[start]!)) start++;
    // Pair the quotation marks and brackets inside the range.
    const partner = new Map<number, number>();
    const stack: number[] = [];
    for (let i = start; i < end; i++) {
      const ch = chars[i]!;
      if (ch === '"') {
        const top = stack[stack.length - 1];
        if (top !== undefined && chars[top] === '"') {
          stack.pop();
          partner.set(top, i).set(i, top);
        } else stack.push(i);
      } else if (PAIRS[ch]) stack.push(i);
      else if (CLOSE[ch]) {
        let k = stack.length - 1;
        while (k >= 0 && chars[stack[k]!] !== CLOSE[ch]) k--;
        if (k >= 0) {
          partner.set(stack[k]!, i).set(i, stack[k]!);
          stack.length = k;
        }
      }
    }
    if (end - start >= 2 && PAIRS[chars[start]!] && partner.get(start) === end - 1) {
      start++;
      end--;
    } else {
      if (start < end && PAIRS[chars[start]!] && !partner.has(start) && chars[start] !== '"') start++;
      if (end > start && CLOSE[chars[end - 1]!] && !partner.has(end - 1) && chars[end - 1] !== '"') end--;
    }
    if (before[0] === start && before[1] === end) return [start, end];
  }
}

/** Skip patterns (structure.json) are tested on sentences up to this length: sign-offs, topic lines, thanks. */
const SKIP_TEST_LENGTH = 80;

/** Proposes spans by the cues of cues.json (or `options.cues`). Deterministic; in text order. */
export function suggestByRules(text: string, options: RuleOptions = {}): Suggestion[] {
  const cues = cuesFor(options);
  const file = options.structure ?? DEFAULT_STRUCTURE;
  const threshold = options.threshold ?? cues.threshold;
  const original = Array.from(text);
  const chars = foldChars(original);
  const structure = readStructure(text, file);
  const structured = file.structured.includes(structure.type);
  const skip = structured ? file.skip.map((x) => new RegExp(x, 'u')) : [];
  const out: Suggestion[] = [];
  for (const a of analyseRecord(text, options, structure)) {
    if (a.kind === 'speakerLine') continue;
    if (structured && (file.silent.includes(a.sectionKind) || a.kind === 'heading')) continue;
    const s = a.sentence;
    if (skip.length > 0 && s.end - a.textStart <= SKIP_TEST_LENGTH) {
      const own = join(chars, a.textStart, s.end);
      if (skip.some((r) => r.test(own))) continue;
    }
    const scored = scoreSentence(a, chars, cues, file, structured);
    if (!scored || scored.score < threshold) continue;
    const body = s.clauses.slice(a.leadInClauses).filter((c) => c.end > a.textStart);
    if (body.length === 0) continue;
    let from = Math.max(body[0]!.start, a.textStart);
    // A turn (但…) at or before the first clause where the label's clause cues fire: start there.
    for (let k = Math.min(scored.firstClause, body.length - 1); k > 0; k--) {
      if (cues.turnWords.test(join(chars, body[k]!.start, body[k]!.end))) {
        from = body[k]!.start;
        break;
      }
    }
    const [start, end] = trimSpan(chars, from, s.end);
    if (start >= end) continue;
    out.push({
      id: suggestionId(scored.label, start, end),
      label: scored.label,
      start: cp(start),
      end: cp(end),
      text: join(original, start, end),
      confidence: Math.round(scored.score * 1000) / 1000,
      source: 'rule',
      cues: scored.cues,
      ...(a.speaker ? { speaker: a.speaker.name } : {}),
    });
  }
  return out.sort(compareSuggestions);
}
