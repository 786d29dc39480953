/**
 * The annotation guideline as data, in both languages: what each label means, with examples from
 * real records, and where a span starts and ends. The guideline panel shows it; the examples are
 * quoted exactly as the records write them. It is the one guideline: the gold annotations in
 * fixtures/gold/ follow these rules (see its README), and the rule-based suggester cuts its spans
 * by them (src/domain/suggest/rules.ts).
 */
import type { Language } from './messages';

export interface Bilingual {
  'zh-CN': string;
  en: string;
}

export interface LabelGuideline {
  /** The label id (as in domain/labels.ts DEFAULT_LABELS). */
  labelId: string;
  name: Bilingual;
  definition: Bilingual;
  /** Spans as they would be tagged (Chinese originals). */
  examples: readonly string[];
}

export interface BoundaryRule {
  id: string;
  /** Whether the described part belongs inside the span; null for a rule about the unit or the choice of label. */
  include: boolean | null;
  rule: Bilingual;
  /** A sentence with the span marked by 【】. */
  example: string;
}

export const LABEL_GUIDELINES: readonly LabelGuideline[] = [
  {
    labelId: 'proposal',
    name: { 'zh-CN': '主张', en: 'proposal' },
    definition: {
      'zh-CN': '发言人提出的总体立场或目标，常是一个观点的标题或论点。',
      en: "The overall position or goal a speaker advances, often a viewpoint's title or thesis.",
    },
    examples: ['大力发展汽车产业', '以工业互联网助推现代工业体系'],
  },
  {
    labelId: 'problem',
    name: { 'zh-CN': '问题', en: 'problem' },
    definition: {
      'zh-CN': '对现状中的不足、风险或困难的陈述。',
      en: 'A statement of a shortcoming, risk or difficulty in the current situation.',
    },
    examples: ['目前天津市先进制造业未形成完整的产业链上下游配套…', '生物医药产业目前政策体系散乱、存在盲点区域'],
  },
  {
    labelId: 'recommendation',
    name: { 'zh-CN': '建议', en: 'recommendation' },
    definition: {
      'zh-CN': '具体、可操作的措施。',
      en: 'A concrete, actionable measure.',
    },
    examples: ['建设引领性、高端型的产业技术研究院', '提高技工实习实践补贴额度'],
  },
  {
    labelId: 'response',
    name: { 'zh-CN': '回应', en: 'response' },
    definition: {
      'zh-CN': '官员或部门作出的答复、承诺或宣布的举措。',
      en: 'What officials or departments say in reply, commit to or announce.',
    },
    examples: ['将以此次会议为契机，做好产业转型升级工作', '全面实施“链长制”'],
  },
];

export const BOUNDARY_RULES: readonly BoundaryRule[] = [
  {
    id: 'speaker',
    include: false,
    rule: {
      'zh-CN': '不包括发言人引语，如“某某委员建议”“市长表示”：标注从所说的内容开始。',
      en: 'Leave out the speaker phrase, such as "某某委员建议" ("Member X suggests"): the span starts where what is said starts.',
    },
    example: '马丽娟委员建议，【提高技工实习实践补贴额度】。',
  },
  {
    id: 'final-punctuation',
    include: false,
    rule: {
      'zh-CN': '不包括句末的句号“。”或分号“；”。',
      en: 'Leave out the final full stop "。" or semicolon "；".',
    },
    example: '【建设引领性、高端型的产业技术研究院】；',
  },
  {
    id: 'enclosing-marks',
    include: false,
    rule: {
      'zh-CN': '不包括包住整段的引号和 Markdown 加粗标记 **。',
      en: 'Leave out quotation marks that enclose the whole span, and Markdown ** bold markers.',
    },
    example: '**【大力发展汽车产业】**',
  },
  {
    id: 'sentence-unit',
    include: null,
    rule: {
      'zh-CN': '以句为单位：句子以。！？；或换行结束，引号内的句号不断句。同一标签的相邻句分别标注；同一句内逗号分隔的分句合为一段。',
      en: 'The unit is the sentence, ended by 。！？； or a line break (a 。 inside a quotation does not end it). Adjacent sentences with the same label are separate spans; the clauses of one sentence stay in one span.',
    },
    example: '【加快建设产业技术研究院，打造产业创新综合服务体】。【提高技工实习实践补贴额度】。',
  },
  {
    id: 'two-labels',
    include: null,
    rule: {
      'zh-CN': '一句含两个标签时，在标签变化处切分；句首没有自己标签的成绩或让步分句（“目前…取得一定成效，”）不标。',
      en: 'A sentence carrying two labels is cut where the label changes; a leading clause with no label of its own (an achievement or a concession) is left out.',
    },
    example: '目前取得一定成效，但【生物医药产业政策体系散乱、存在盲点区域】。',
  },
  {
    id: 'who-says-it',
    include: null,
    rule: {
      'zh-CN': '同样的“要…”，出自委员为建议，出自市长或政府部门为回应。叙述、背景、记者的小标题和关于协商工作本身的表述不标。',
      en: "The same 要… is a recommendation from a member and a response from the mayor or a department. Narrative, background, the journalist's headings and statements about running the consultation itself are not tagged.",
    },
    example: '市长表示，【要全面实施“链长制”】。',
  },
  {
    id: 'inner-punctuation',
    include: true,
    rule: {
      'zh-CN': '包括标注内部的标点（逗号、顿号、内部引号等）。',
      en: 'Include punctuation inside the span (commas, enumeration commas, inner quotation marks).',
    },
    example: '【推动链条化布局，围绕全市制造业集群，建设引领性、高端型的产业技术研究院】。',
  },
];

/** Both languages of a text, the interface language first. */
export function bothLanguages(text: Bilingual, language: Language): [first: string, second: string] {
  return language === 'zh-CN' ? [text['zh-CN'], text.en] : [text.en, text['zh-CN']];
}
