/**
 * A compilation: many proposals in one file (databases and yearbooks publish them so), each opened
 * by a header line. Detection proposes a header pattern the analyst can see (and adjust) and a
 * preview of the items, each with the details its header lines give (meeting, proposer, subject,
 * date). Pure: nothing is split or stored here.
 */

export interface CompilationDetails {
  meeting?: string;
  proposer?: string;
  subject?: string;
  /** ISO date (YYYY-MM-DD) when the header gives a full date, else as written. */
  date?: string;
  /** The item's number, as written (e.g. "0001"). */
  number?: string;
}

export interface CompilationItem {
  /** UTF-16 offsets of the item in the text: from its header line to the next item's. */
  start: number;
  end: number;
  /** A title for the record: the subject, else the header line. */
  title: string;
  text: string;
  details: CompilationDetails;
}

export interface CompilationPreview {
  /** The header pattern used, as a regular expression source (flags: u, m). */
  pattern: string;
  /** Which of the known patterns it is, or 'custom'. */
  patternName: string;
  /** Text before the first item (a compilation's own title), if any. */
  preamble: string;
  items: CompilationItem[];
}

const NUMERAL = '[0-9０-９一二三四五六七八九十百千零〇]+';

/** The header lines recognised, most specific first. Group 1, when present, is the number. */
export const HEADER_PATTERNS: readonly { name: string; source: string }[] = [
  { name: '【提案N】', source: `^[ \\t\\u3000]*【\\s*提案\\s*(?:第\\s*)?(${NUMERAL})\\s*号?\\s*】.*$` },
  { name: '第N号提案', source: `^[ \\t\\u3000]*第\\s*(${NUMERAL})\\s*号\\s*(?:提案)?(?:[ \\t\\u3000：:].*)?$` },
  { name: '提案号：N', source: `^[ \\t\\u3000]*(?:提案号|提案编号|编号)\\s*[：:]\\s*(${NUMERAL}).*$` },
  { name: '案由：', source: '^[ \\t\\u3000]*案由\\s*[：:].*$' },
];

const FIELDS: readonly { key: keyof CompilationDetails; labels: string }[] = [
  { key: 'subject', labels: '案由|题目|标题|提案名称' },
  { key: 'proposer', labels: '提案人|提出人|提案者|领衔人|提案单位|提交单位|委员' },
  { key: 'date', labels: '提出日期|提交日期|提案日期|立案日期|日期|时间' },
  { key: 'meeting', labels: '会议|届次|会次' },
];

/** How many lines after the header line are read for details. */
const DETAIL_LINES = 8;

/** "2021年1月5日" / "2021-1-5" / "2021.01.05" → "2021-01-05"; anything else as written. */
export function isoDate(written: string): string {
  const m = /(\d{4})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})\s*日?/.exec(written);
  if (!m) return written.trim();
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

function detailsOf(header: string, lines: readonly string[]): CompilationDetails {
  const details: CompilationDetails = {};
  for (const raw of [header, ...lines]) {
    const line = raw.trim();
    for (const field of FIELDS) {
      if (details[field.key] !== undefined) continue;
      const m = new RegExp(`(?:^|[】\\s])(?:${field.labels})\\s*[：:]\\s*(.+?)\\s*$`, 'u').exec(line);
      if (m) details[field.key] = field.key === 'date' ? isoDate(m[1]!) : m[1]!;
    }
    if (details.meeting === undefined && /^(?:政协|中国人民政治协商会议).*会议$/u.test(line)) details.meeting = line;
  }
  return details;
}

/** Splits `text` at every line the pattern matches; null when fewer than two items. */
export function splitCompilation(text: string, source: string, patternName = 'custom'): CompilationPreview | null {
  let pattern: RegExp;
  try {
    pattern = new RegExp(source, 'gmu');
  } catch {
    return null;
  }
  const starts: { index: number; header: string; number?: string }[] = [];
  for (const m of text.matchAll(pattern)) {
    if (m[0] === '') break;
    starts.push({ index: m.index, header: m[0], ...(m[1] !== undefined ? { number: m[1] } : {}) });
  }
  if (starts.length < 2) return null;
  const items = starts.map((s, i): CompilationItem => {
    const end = starts[i + 1]?.index ?? text.length;
    const body = text.slice(s.index, end).replace(/\s+$/u, '');
    const following = body.split('\n').slice(1, 1 + DETAIL_LINES);
    const details = detailsOf(s.header, following);
    if (s.number !== undefined) details.number = s.number;
    const headerRest = s.header.replace(/^[\s\u3000]*【[^】]*】/u, '').trim();
    const title = details.subject ?? (headerRest || s.header.trim());
    return { start: s.index, end, title, text: body, details };
  });
  return { pattern: source, patternName, preamble: text.slice(0, starts[0]!.index).trim(), items };
}

/** The known header pattern that splits the text into the most items (at least two), or null. */
export function detectCompilation(text: string): CompilationPreview | null {
  let best: CompilationPreview | null = null;
  for (const { name, source } of HEADER_PATTERNS) {
    const preview = splitCompilation(text, source, name);
    if (preview && (!best || preview.items.length > best.items.length)) best = preview;
  }
  return best;
}
