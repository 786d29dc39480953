/**
 * The cue file (cues.json) read into checked, compiled form. A bad cue is refused loudly with
 * its id and what is wrong, so a person extending the file learns at once what to fix.
 */
import rawCues from './cues.json';

export type CueScope = 'clause' | 'sentence' | 'leadIn' | 'title' | 'heading' | 'section';
export type SpeakerRole = 'member' | 'official';
const SCOPES: readonly CueScope[] = ['clause', 'sentence', 'leadIn', 'title', 'heading', 'section'];
const ROLES: readonly SpeakerRole[] = ['member', 'official'];

export interface CueSpec {
  id: string;
  label: string;
  pattern?: string;
  regex?: string;
  weight: number;
  scope: CueScope;
  speakerRole?: SpeakerRole;
  note?: string;
}

export interface SpeakerPatternSpec {
  id: string;
  role: SpeakerRole;
  regex: string;
}

export interface CueFile {
  version: number;
  threshold: number;
  cues: CueSpec[];
  speechVerbs: string;
  /** Connectives stripped from a clause's start before clause cues are tested (一方面, 同时…). */
  connectives: string;
  turnWords: string;
  speakerLine: string;
  /** A speaker phrase without a comma at a sentence's start ("某某委员建议加大…"); tested on its first 32 characters. */
  speakerPhraseInline: string;
  speakerLineParagraphs: number;
  speakers: SpeakerPatternSpec[];
  roles: { role: SpeakerRole; regex: string }[];
  titleWords: string[];
  notNames: string[];
  /** A candidate name containing a match is not a name ("全面吸纳委员建议": 委员 is an object). */
  notNamePattern: string;
  roleLabels: Partial<Record<SpeakerRole, Record<string, string>>>;
}

export interface Cue extends CueSpec {
  test: RegExp;
}

export interface CompiledCues {
  threshold: number;
  cues: Cue[];
  labels: string[];
  speechVerbAtEnd: RegExp;
  connectives: RegExp;
  turnWords: RegExp;
  speakerLine: RegExp;
  speakerPhraseInline: RegExp;
  speakerLineParagraphs: number;
  speakers: (SpeakerPatternSpec & { test: RegExp })[];
  roles: { role: SpeakerRole; test: RegExp }[];
  titleWords: string[];
  notNames: Set<string>;
  notNamePattern: RegExp;
  roleLabels: Partial<Record<SpeakerRole, Record<string, string>>>;
}

/** The cue file shipped with Yishi. */
export const DEFAULT_CUE_FILE = rawCues as unknown as CueFile;

function compile(source: string, where: string, flags = 'u'): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (e) {
    throw new SyntaxError(`cues: ${where}: invalid regular expression ${JSON.stringify(source)}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Checks and compiles a cue file. Throws with the cue id and the problem on bad input. */
export function compileCues(file: CueFile = DEFAULT_CUE_FILE): CompiledCues {
  if (typeof file.threshold !== 'number' || !(file.threshold >= 0 && file.threshold <= 1)) {
    throw new RangeError(`cues: threshold must be a number in 0..1, found ${String(file.threshold)}`);
  }
  const ids = new Set<string>();
  const labels: string[] = [];
  const cues = file.cues.map((c, i): Cue => {
    const where = `cues[${i}] (id ${String(c.id)})`;
    if (typeof c.id !== 'string' || c.id === '') throw new TypeError(`cues: ${where}: id must be a non-empty string`);
    if (ids.has(c.id)) throw new RangeError(`cues: ${where}: duplicate id`);
    ids.add(c.id);
    if (typeof c.label !== 'string' || c.label === '') throw new TypeError(`cues: ${where}: label must be a label id`);
    if (!SCOPES.includes(c.scope)) throw new RangeError(`cues: ${where}: scope must be one of ${SCOPES.join(', ')}, found ${JSON.stringify(c.scope)}`);
    if (typeof c.weight !== 'number' || !(c.weight >= -1 && c.weight <= 1) || c.weight === 0) {
      throw new RangeError(`cues: ${where}: weight must be in [-1, 0) or (0, 1], found ${String(c.weight)}`);
    }
    if ((c.pattern === undefined) === (c.regex === undefined)) throw new TypeError(`cues: ${where}: give exactly one of "pattern" or "regex"`);
    if (c.speakerRole !== undefined && !ROLES.includes(c.speakerRole)) {
      throw new RangeError(`cues: ${where}: speakerRole must be one of ${ROLES.join(', ')}`);
    }
    if (c.weight > 0 && !labels.includes(c.label)) labels.push(c.label);
    const source = c.regex ?? escapeRegex(c.pattern!);
    return { ...c, test: compile(source, where) };
  });
  return {
    threshold: file.threshold,
    cues,
    labels,
    speechVerbAtEnd: compile(`${file.speechVerbs}$`, 'speechVerbs'),
    connectives: compile(file.connectives, 'connectives'),
    turnWords: compile(file.turnWords, 'turnWords'),
    speakerLine: compile(file.speakerLine, 'speakerLine'),
    speakerPhraseInline: compile(file.speakerPhraseInline, 'speakerPhraseInline'),
    speakerLineParagraphs: file.speakerLineParagraphs,
    speakers: file.speakers.map((s, i) => ({ ...s, test: compile(s.regex, `speakers[${i}] (id ${s.id})`, 'gu') })),
    roles: file.roles.map((r, i) => ({ role: r.role, test: compile(r.regex, `roles[${i}]`) })),
    titleWords: [...file.titleWords].sort((a, b) => b.length - a.length),
    notNames: new Set(file.notNames),
    notNamePattern: compile(file.notNamePattern, 'notNamePattern'),
    roleLabels: file.roleLabels,
  };
}
