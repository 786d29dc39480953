/**
 * Word's automatic numbering as text. mammoth turns a numbered paragraph into a list item and
 * forgets its number format, but a Chinese record's structure lives in those numbers (一、 / （一）
 * / 1.), and the record's text must show them as the analyst saw them in Word. So before mammoth
 * reads the document, each numbered paragraph gets its number written in as a run of text
 * (computed from numbering.xml: format, level text, start value, counters per list), and its
 * numbering is switched off. Pure: XML text in, XML text out (Word's XML is regular enough for
 * the few patterns read here; an element this does not recognise is left alone).
 */

interface Level {
  format: string;
  text: string;
  start: number;
}

interface Numbering {
  /** numId → abstractNumId */
  nums: Map<string, string>;
  /** abstractNumId → levels by ilvl */
  abstracts: Map<string, Map<number, Level>>;
  /** paragraph style id → [numId, ilvl] (a level linked to a style) */
  styles: Map<string, [string, number]>;
}

const attr = (xml: string, element: string, name = 'w:val'): string | undefined =>
  new RegExp(`<${element}\\b[^>]*?\\s${name}="([^"]*)"`).exec(xml)?.[1];

const unescapeXml = (s: string): string =>
  s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!);

export function parseNumbering(xml: string): Numbering {
  const abstracts = new Map<string, Map<number, Level>>();
  const styleLinks = new Map<string, [string, number]>();
  for (const m of xml.matchAll(/<w:abstractNum\b[^>]*?w:abstractNumId="([^"]*)"[^>]*>([\s\S]*?)<\/w:abstractNum>/g)) {
    const levels = new Map<number, Level>();
    for (const l of m[2]!.matchAll(/<w:lvl\b[^>]*?w:ilvl="(\d+)"[^>]*>([\s\S]*?)<\/w:lvl>/g)) {
      const body = l[2]!;
      const level = Number(l[1]);
      levels.set(level, {
        format: attr(body, 'w:numFmt') ?? 'decimal',
        text: unescapeXml(attr(body, 'w:lvlText') ?? ''),
        start: Number(attr(body, 'w:start') ?? '1'),
      });
      const style = attr(body, 'w:pStyle');
      if (style !== undefined) styleLinks.set(style, [m[1]!, level]);
    }
    abstracts.set(m[1]!, levels);
  }
  const nums = new Map<string, string>();
  for (const m of xml.matchAll(/<w:num\b[^>]*?w:numId="([^"]*)"[^>]*>([\s\S]*?)<\/w:num>/g)) {
    const abstract = attr(m[2]!, 'w:abstractNumId');
    if (abstract !== undefined) nums.set(m[1]!, abstract);
  }
  const styles = new Map<string, [string, number]>();
  for (const [style, [abstract, level]] of styleLinks) {
    const numId = [...nums].find(([, a]) => a === abstract)?.[0];
    if (numId !== undefined) styles.set(style, [numId, level]);
  }
  return { nums, abstracts, styles };
}

const CHINESE_DIGITS = '零一二三四五六七八九';

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (up to 9999; beyond, Arabic digits). */
export function chineseNumber(n: number): string {
  if (n <= 0 || n > 9999) return String(n);
  const units = ['', '十', '百', '千'];
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i]!;
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) out += '零';
    zero = false;
    out += (d === 1 && unit === '十' && out === '' ? '' : CHINESE_DIGITS[d]) + unit;
  });
  return out;
}

function roman(n: number): string {
  const table: [number, string][] = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
  let out = '';
  for (const [v, s] of table) while (n >= v) [n, out] = [n - v, out + s];
  return out;
}

function letters(n: number): string {
  const letter = String.fromCharCode(97 + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

/** A counter value in one of Word's number formats (the common ones; others as decimal). */
export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'chineseLegalSimplified':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
    case 'japaneseCounting':
    case 'ideographDigital':
      return chineseNumber(n);
    case 'ideographTraditional':
      return '甲乙丙丁戊己庚辛壬癸'[n - 1] ?? String(n);
    case 'ideographZodiac':
      return '子丑寅卯辰巳午未申酉戌亥'[n - 1] ?? String(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? String.fromCodePoint(0x2460 + n - 1) : String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCodePoint(0xff10 + Number(d)));
    case 'decimalZero':
      return String(n).padStart(2, '0');
    case 'lowerLetter':
      return letters(n);
    case 'upperLetter':
      return letters(n).toUpperCase();
    case 'lowerRoman':
      return roman(n);
    case 'upperRoman':
      return roman(n).toUpperCase();
    case 'none':
      return '';
    default:
      return String(n);
  }
}

/** The label a level's text gives, e.g. "%1、" → "一、", "%1.%2" → "1.2"; a bullet → "•". */
function label(levels: Map<number, Level>, level: number, counters: number[]): string {
  const def = levels.get(level);
  if (!def) return '';
  if (def.format === 'bullet') return '•';
  return def.text.replace(/%(\d)/g, (_, k: string) => {
    const l = Number(k) - 1;
    const ldef = levels.get(l);
    return formatNumber(counters[l] ?? ldef?.start ?? 1, ldef?.format ?? 'decimal');
  });
}

/** What follows a label: nothing after CJK punctuation (一、 （一）), else a space. */
const separatorAfter = (text: string): string => (/[、）．。：」】\u3000]$/u.test(text) || text === '' ? '' : ' ');

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A switched-off numbering: mammoth finds no list for numId 0. */
const NO_NUMBERING = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>';

/**
 * document.xml with each numbered paragraph's number written in as text and its numbering off.
 * Returns the XML unchanged when the document has no numbering.
 */
export function numberParagraphs(documentXml: string, numberingXml: string | undefined): string {
  if (!numberingXml) return documentXml;
  const numbering = parseNumbering(numberingXml);
  const counters = new Map<string, number[]>();
  return documentXml.replace(/<w:p\b([^>]*?)(?:\/>|>([\s\S]*?)<\/w:p>)/g, (whole, attrs: string, body: string | undefined) => {
    if (body === undefined) return whole;
    const pPr = /<w:pPr>([\s\S]*?)<\/w:pPr>/.exec(body);
    // Only the paragraph's own properties, which come first (not those of a nested text box).
    if (!pPr || body.trimStart().indexOf(pPr[0]) !== 0) return whole;
    const props = pPr[1]!;
    const numPr = /<w:numPr>([\s\S]*?)<\/w:numPr>/.exec(props);
    let numId: string | undefined;
    let level = 0;
    if (numPr) {
      numId = attr(numPr[1]!, 'w:numId');
      level = Number(attr(numPr[1]!, 'w:ilvl') ?? '0');
    } else {
      const style = attr(props, 'w:pStyle');
      const linked = style === undefined ? undefined : numbering.styles.get(style);
      if (linked) [numId, level] = linked;
    }
    const abstract = numId === undefined ? undefined : numbering.nums.get(numId);
    const levels = abstract === undefined ? undefined : numbering.abstracts.get(abstract);
    if (numId === undefined || !levels || !levels.has(level)) return whole;
    const list = counters.get(numId) ?? [];
    counters.set(numId, list);
    list[level] = list[level] === undefined ? levels.get(level)!.start : list[level]! + 1;
    for (let deeper = level + 1; deeper < list.length; deeper++) delete list[deeper];
    for (let upper = 0; upper < level; upper++) list[upper] ??= levels.get(upper)?.start ?? 1;
    const text = label(levels, level, list);
    const newProps = numPr ? props.replace(numPr[0], NO_NUMBERING) : props + NO_NUMBERING;
    const run = text === '' ? '' : `<w:r><w:t xml:space="preserve">${escapeXml(text + separatorAfter(text))}</w:t></w:r>`;
    return `<w:p${attrs}>${body.replace(pPr[0], `<w:pPr>${newProps}</w:pPr>${run}`)}</w:p>`;
  });
}
