// Generates the benchmark's input: a Chinese meeting record in Markdown with standoff spans, as a
// Yishi native JSON file (docs/formats.md). Deterministic: the same size and seed always give the
// same bytes. Offsets are Unicode code points; every span's `text` is checked against the
// code-point slice (and the file against docs/yishi-annotations.schema.json) before it is written.
//
//   node bench/generate.mjs [--out DIR] [--seed N] [20k 200k 1m library …]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '..');

/** The sizes the bench knows, in code points. */
export const SIZES = { '20k': 20_000, '200k': 200_000, '1m': 1_000_000 };
export const DEFAULT_SEED = 20260601;
export const SPAN_EVERY = 50; // one span per 50 characters
export const LABEL_IDS = ['proposal', 'problem', 'recommendation', 'response'];
const FIXED_DATE = '2026-01-01T00:00:00.000Z';

/** mulberry32: small, fast, good enough, and the same on every machine. */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)); // inclusive
  const pick = (list) => list[Math.floor(next() * list.length)];
  const chance = (p) => next() < p;
  return { next, int, pick, chance };
}

// --- vocabulary --------------------------------------------------------------------------------

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗', '韩', '窦', '魏', '欧阳', '司马'];
const GIVEN = ['明', '华', '伟', '芳', '静', '磊', '洋', '勇', '艳', '杰', '涛', '超', '霞', '平', '刚', '宁馨', '天权', '长龙', '远达', '双菊', '建国', '晓东', '丽娟', '志强', '海燕', '文博', '思远'];
/** Astral (non-BMP) characters seen in Chinese names: two UTF-16 units, one code point. */
const ASTRAL = ['𠮷', '𡈽', '𤭢', '𨚕', '𪚥'];
const TITLES = ['委员', '常委', '代表', '委员', '主任', '副主席', '局长', '副局长', '处长'];
const UNITS = ['市工业和信息化局', '市发展改革委', '市科技局', '市生态环境局', '市人力社保局', '市商务局', '市教委', '市卫生健康委', '市民政局', '市住房城乡建设委', '滨海新区政府', '市政协经济委员会', '民进市委', '致公党市委', '市工商联'];

const SUBJECTS = ['我市', '本区', '有关部门', '市政府', '各级政协组织', '相关企业', '基层社区', '职业院校', '行业协会', '各区政府', '园区管委会', '市场主体', '金融机构', '科研院所'];
const VERBS = ['加快建设', '进一步完善', '大力发展', '着力推进', '切实加强', '积极探索', '统筹推进', '持续优化', '全面实施', '加大力度支持', '健全', '深化', '培育壮大', '规范提升', '系统谋划'];
const MODIFIERS = ['高质量的', '引领性、高端型的', '绿色低碳的', '智能化', '区域协同的', '全生命周期的', '覆盖城乡的', '具有全国影响力的', '可持续的', '多层次', '开放共享的', ''];
const OBJECTS = ['产业链上下游配套', '营商环境', '科技创新体系', '人才引进政策', '公共服务供给', '城乡融合发展机制', '生态环境保护', '数字经济', '养老服务体系', '基层治理能力', '知识产权保护', '中小企业融资渠道', '职业技能培训', '新能源汽车产业', '工业互联网平台', '农村人居环境', '交通基础设施', '医疗卫生资源', '产业技术研究院', '氢能产业链', '装配式建筑产业', '文化旅游融合', '社区嵌入式服务设施', '政务服务“一网通办”', '标准规范体系'];
const PROBLEMS = ['配套不完整', '政策体系散乱', '创新活力不足', '资金保障不到位', '人才流失严重', '审批流程繁琐', '区域发展不平衡', '数据共享不充分', '监管存在盲点', '基础设施老化', '供需结构不匹配', '协同机制不健全'];
const METRICS = ['企业数量', '产值', '投资额', '从业人员', '专利授权量', '覆盖率', '服务人次'];
const UNIT_WORDS = ['家', '亿元', '万人', '件', '个', '万人次'];
const SLOGANS = ['链长制', '放管服', '双碳', '一网通办', '揭榜挂帅', '专精特新', '最多跑一次', '接诉即办'];
const NOTES = ['试行', '征求意见稿', '2023—2025年', '以下简称“方案”', '含新区', '不含港口', '据初步统计'];
const CONNECTORS = ['同时，', '此外，', '另一方面，', '总体来看，', '但是，', '因此，', '与此同时，', '从调研情况看，', ''];
const TOPICS = ['委员观点', '部门回应', '问题与建议', '专题协商', '调研情况', '会议综述', '意见建议', '主要做法', '存在的问题', '下一步工作打算'];
const SUBTOPICS = ['关于产业发展', '关于科技创新', '关于民生保障', '关于生态环境', '关于营商环境', '关于人才工作', '关于城乡建设', '关于社会治理', '关于对外开放', '关于财政金融'];
const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];

function person(r) {
  const given = r.chance(0.06) ? r.pick(ASTRAL) + (r.chance(0.5) ? r.pick(GIVEN).slice(0, 1) : '') : r.pick(GIVEN);
  return `${r.pick(SURNAMES)}${given}`;
}

function sentence(r) {
  const obj = () => `${r.pick(MODIFIERS)}${r.pick(OBJECTS)}`;
  switch (r.int(0, 9)) {
    case 0:
      return `${r.pick(CONNECTORS)}${r.pick(SUBJECTS)}${r.pick(VERBS)}${obj()}。`;
    case 1:
      return `目前${r.pick(SUBJECTS)}${r.pick(OBJECTS)}存在${r.pick(PROBLEMS)}的问题，${r.pick(PROBLEMS)}的情况仍然突出。`;
    case 2:
      return `建议${r.pick(VERBS)}${obj()}，${r.pick(VERBS)}${obj()}，${r.pick(VERBS)}${obj()}。`;
    case 3:
      return `${r.pick(UNITS)}表示：将以此次会议为契机，${r.pick(VERBS)}${obj()}，做好${r.pick(OBJECTS)}工作。`;
    case 4:
      return `据统计，${r.int(2015, 2025)}年${r.pick(SUBJECTS)}${r.pick(OBJECTS)}${r.pick(METRICS)}达到${r.int(12, 9800)}${r.pick(UNIT_WORDS)}，同比增长${r.int(1, 38)}.${r.int(0, 9)}%。`;
    case 5:
      return `要把“${r.pick(SLOGANS)}”落到实处，${r.pick(VERBS)}${obj()}；${r.pick(VERBS)}${obj()}。`;
    case 6:
      return `重点在${r.pick(OBJECTS)}、${r.pick(OBJECTS)}、${r.pick(OBJECTS)}等方面${r.pick(VERBS)}政策供给。`;
    case 7:
      return `${r.pick(SUBJECTS)}出台了《关于${r.pick(VERBS)}${r.pick(OBJECTS)}的实施意见》（${r.pick(NOTES)}），${r.pick(VERBS)}${obj()}。`;
    case 8:
      return `${person(r)}${r.pick(TITLES)}指出，${r.pick(OBJECTS)}面临${r.pick(PROBLEMS)}、${r.pick(PROBLEMS)}等挑战。`;
    default:
      return `${r.pick(CONNECTORS)}应当${r.pick(VERBS)}${obj()}，推动${r.pick(OBJECTS)}与${r.pick(OBJECTS)}深度融合。`;
  }
}

/** One paragraph of 100–400 characters; sometimes opened by a speaker line, sometimes bold. */
function paragraph(r) {
  const target = r.int(100, 340);
  let body = r.chance(0.15) ? '　　' : ''; // full-width indentation, as in many records
  if (r.chance(0.1)) body += `**${r.pick(VERBS)}${r.pick(OBJECTS)}**  \n`; // a bold lead line
  while ([...body].length < target) body += sentence(r);
  const chars = [...body];
  if (chars.length > 400) body = chars.slice(0, 399).join('') + '。';
  const roll = r.next();
  if (roll < 0.2) return `${person(r)}${r.pick(TITLES)}：  \n${body}`; // speaker on its own line
  if (roll < 0.35) return `${person(r)}${r.pick(TITLES)}说：${body}`;
  return body;
}

/** The Markdown text, exactly `length` code points long, ending with a line break. */
export function generateText(length, seed = DEFAULT_SEED) {
  const r = prng(seed);
  const blocks = [`# 市政协专题协商会议记录（基准文本 ${length} 字）`];
  let size = [...blocks[0]].length;
  let section = 0;
  let sub = 0;
  let untilSection = 0;
  let untilSub = 0;
  while (size < length) {
    let block;
    if (untilSection <= 0) {
      block = `## ${CN_NUM[section++ % CN_NUM.length]}、${r.pick(TOPICS)}`;
      untilSection = r.int(8, 20);
      sub = 0;
      untilSub = r.int(2, 5);
    } else if (untilSub <= 0) {
      block = `### （${CN_NUM[sub++ % CN_NUM.length]}）${r.pick(SUBTOPICS)}`;
      untilSub = r.int(2, 6);
    } else {
      block = paragraph(r);
      untilSection--;
      untilSub--;
    }
    blocks.push(block);
    size += 2 + [...block].length; // "\n\n" between blocks
  }
  const cps = [...blocks.join('\n\n')].slice(0, length - 1);
  // A cut can end on white space or inside a line break pair: end on a full stop, then LF.
  while (/\s/.test(cps[cps.length - 1])) cps.pop();
  while (cps.length < length - 1) cps.push('。');
  return cps.join('') + '\n';
}

// --- spans -------------------------------------------------------------------------------------

/** Label frequencies: problems and recommendations are the most common tags. */
const WEIGHTED_LABELS = ['problem', 'problem', 'problem', 'recommendation', 'recommendation', 'recommendation', 'proposal', 'proposal', 'proposal', 'response', 'response'];

const CLAUSE_END = new Set(['，', '。', '；', '：', '、', '！', '？']);
const isSpace = (c) => c === undefined || /\s/.test(c) || c === '　';

/**
 * One span per `every` characters. About `overlapShare` of them overlap or nest in the span
 * before them; about `crossShare` run across a paragraph break. The rest sit one per slot.
 */
export function generateSpans(text, { seed = DEFAULT_SEED, every = SPAN_EVERY, overlapShare = 0.1, crossShare = 0.02 } = {}) {
  const r = prng(seed ^ 0x5bd1e995);
  const cps = [...text];
  const n = Math.floor(cps.length / every);
  const breaks = [];
  for (let i = 0; i + 1 < cps.length; i++) if (cps[i] === '\n' && cps[i + 1] === '\n') breaks.push(i);
  const trim = (s, e) => {
    while (s < e && isSpace(cps[s])) s++;
    while (e > s && isSpace(cps[e - 1])) e--;
    return [s, e];
  };
  const spans = [];
  let prev = null;
  let bi = 0;
  for (let slot = 0; slot < n; slot++) {
    const lo = slot * every;
    const hi = Math.min(cps.length, lo + every);
    let s;
    let e;
    let kind = 'plain';
    while (bi < breaks.length && breaks[bi] < lo) bi++;
    if (prev && prev.end - prev.start >= 6 && r.chance(overlapShare)) {
      if (r.chance(0.5)) {
        // nested inside the previous span
        s = r.int(prev.start + 1, prev.end - 4);
        e = r.int(s + 2, prev.end - 1);
        kind = 'nested';
      } else {
        // starts inside the previous span and ends after it
        s = r.int(prev.start + 1, prev.end - 2);
        e = Math.min(cps.length, prev.end + r.int(3, 20));
        kind = 'overlapping';
      }
    } else if (bi < breaks.length && breaks[bi] < hi && breaks[bi] > 25 && r.chance(crossShare * 3)) {
      // across the paragraph break at breaks[bi]
      s = breaks[bi] - r.int(4, 20);
      e = Math.min(cps.length, breaks[bi] + 2 + r.int(4, 20));
      kind = 'cross';
    } else {
      // a clause: from just after a punctuation mark near the slot start, to just after the next
      s = lo + r.int(0, 20);
      for (let k = s; k < s + 8 && k < hi; k++) if (CLAUSE_END.has(cps[k])) { s = k + 1; break; }
      e = Math.min(hi, s + r.int(6, 28));
      for (let k = e - 1; k < e + 10 && k < hi; k++) if (CLAUSE_END.has(cps[k])) { e = k + 1; break; }
      // and within one paragraph: cut at a paragraph break, keeping the longer side
      for (let k = s; k + 1 < e; k++) {
        if (cps[k] === '\n' && cps[k + 1] === '\n') {
          if (k - s >= e - k - 2) e = k;
          else s = k + 2;
          break;
        }
      }
    }
    [s, e] = trim(Math.max(1, s), e);
    if (e - s < 2) {
      // landed on white space or markup: fall back to a short span at the slot's first text
      let t = Math.max(1, lo);
      while (t < hi && isSpace(cps[t])) t++;
      [s, e] = trim(t, Math.min(cps.length, t + 8));
      kind = 'plain';
      if (e - s < 1) continue;
    }
    const span = { start: s, end: e, kind, label: r.pick(WEIGHTED_LABELS) };
    spans.push(span);
    prev = span;
  }
  return spans;
}

/** Text order, as the exporter writes it: start ascending, then end descending, then id. */
export function compareSpans(a, b) {
  return a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The native JSON object for one generated record. */
export function benchDocument(sizeName, { seed = DEFAULT_SEED } = {}) {
  const length = SIZES[sizeName];
  if (!length) throw new Error(`unknown size ${sizeName} (known: ${Object.keys(SIZES).join(', ')})`);
  const text = generateText(length, seed);
  const cps = [...text];
  const spans = generateSpans(text, { seed });
  const annotations = spans
    .map((s, i) => ({
      id: `b${sizeName}-${String(i).padStart(6, '0')}`,
      label: s.label,
      start: s.start,
      end: s.end,
      text: cps.slice(s.start, s.end).join(''),
      createdAt: FIXED_DATE,
      updatedAt: FIXED_DATE,
    }))
    .sort(compareSpans);
  const stats = {
    codePoints: cps.length,
    utf16: text.length,
    astral: cps.filter((c) => c.length === 2).length,
    paragraphs: text.split('\n\n').length,
    spans: spans.length,
    overlapping: spans.filter((s) => s.kind === 'nested' || s.kind === 'overlapping').length,
    acrossParagraphs: spans.filter((s) => cps.slice(s.start, s.end).includes('\n')).length,
  };
  const file = {
    format: 'yishi.annotations',
    version: 1,
    offsetUnit: 'codepoint',
    exportedAt: FIXED_DATE,
    documents: [
      {
        id: `bench-${sizeName}`,
        title: `基准会议记录 ${sizeName}`,
        text,
        format: 'markdown',
        meta: { sourceName: `bench/generate.mjs ${sizeName} seed ${seed}`, generator: 'bench/generate.mjs', seed },
        createdAt: FIXED_DATE,
        updatedAt: FIXED_DATE,
        annotations,
      },
    ],
  };
  return { file, stats };
}

/**
 * A library of `count` ordinary records (1,000–4,000 characters each, one span per 50 characters)
 * in one native JSON file: what "export all" and a big import face.
 */
export function benchLibrary(count, { seed = DEFAULT_SEED } = {}) {
  const r = prng(seed ^ 0x1b873593);
  const documents = [];
  let codePoints = 0;
  let spans = 0;
  for (let i = 0; i < count; i++) {
    const n = String(i + 1).padStart(4, '0');
    const text = generateText(r.int(1000, 4000), seed + 1 + i);
    const cps = [...text];
    const annotations = generateSpans(text, { seed: seed + 1 + i })
      .map((s, k) => ({ id: `lib${n}-${String(k).padStart(4, '0')}`, label: s.label, start: s.start, end: s.end, text: cps.slice(s.start, s.end).join(''), createdAt: FIXED_DATE, updatedAt: FIXED_DATE }))
      .sort(compareSpans);
    codePoints += cps.length;
    spans += annotations.length;
    documents.push({ id: `bench-lib-${n}`, title: `基准库记录 ${n}`, text, format: 'markdown', meta: { sourceName: `bench/generate.mjs library ${n}`, seed: seed + 1 + i }, createdAt: FIXED_DATE, updatedAt: FIXED_DATE, annotations });
  }
  return { file: { format: 'yishi.annotations', version: 1, offsetUnit: 'codepoint', exportedAt: FIXED_DATE, documents }, stats: { documents: count, codePoints, spans } };
}

/** Generates, verifies and writes the library file. */
export async function writeLibraryFile(count, dir, { seed = DEFAULT_SEED } = {}) {
  const { file, stats } = benchLibrary(count, { seed });
  await verifyNative(file);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `yishi-bench-library-${count}.yishi.json`);
  writeFileSync(path, JSON.stringify(file));
  return { path, file, stats };
}

/** Throws unless every rule of docs/formats.md holds (the schema, and what it cannot express). */
export async function verifyNative(file) {
  const { default: Ajv2020 } = await import('ajv/dist/2020.js');
  const schema = JSON.parse(readFileSync(join(ROOT, 'docs/yishi-annotations.schema.json'), 'utf8'));
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
  const validate = ajv.compile(schema);
  if (!validate(file)) throw new Error(`schema: ${ajv.errorsText(validate.errors)}`);
  const docIds = new Set();
  for (const doc of file.documents) {
    if (docIds.has(doc.id)) throw new Error(`duplicate document id ${doc.id}`);
    docIds.add(doc.id);
    const cps = Array.from(doc.text);
    const ids = new Set();
    for (const a of doc.annotations) {
      if (ids.has(a.id)) throw new Error(`duplicate annotation id ${a.id}`);
      ids.add(a.id);
      if (!(Number.isInteger(a.start) && Number.isInteger(a.end) && 0 <= a.start && a.start < a.end && a.end <= cps.length)) {
        throw new Error(`annotation ${a.id}: offsets ${a.start}–${a.end} out of range`);
      }
      if (cps.slice(a.start, a.end).join('') !== a.text) throw new Error(`annotation ${a.id}: text is not the code-point slice`);
      if (!LABEL_IDS.includes(a.label)) throw new Error(`annotation ${a.id}: unknown label ${a.label}`);
    }
  }
}

/** Generates, verifies and writes one size; returns the path, the object and its statistics. */
export async function writeBenchFile(sizeName, dir, { seed = DEFAULT_SEED } = {}) {
  const { file, stats } = benchDocument(sizeName, { seed });
  await verifyNative(file);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `yishi-bench-${sizeName}.yishi.json`);
  writeFileSync(path, JSON.stringify(file));
  return { path, file, stats };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  let out = join(here, 'results', 'data');
  let seed = DEFAULT_SEED;
  const sizes = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--out') out = resolve(args[++i]);
    else if (args[i] === '--seed') seed = Number(args[++i]);
    else sizes.push(args[i].toLowerCase());
  }
  for (const size of sizes.length ? sizes : [...Object.keys(SIZES), 'library']) {
    const { path, stats } = size === 'library' ? await writeLibraryFile(1000, out, { seed }) : await writeBenchFile(size, out, { seed });
    console.log(`${path}: ${JSON.stringify(stats)}`);
  }
}
