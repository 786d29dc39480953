/**
 * The annotation guideline as data, for the guideline panel. The same rules are written in
 * fixtures/gold/README.md, which the gold file follows, and the rule-based suggester cuts its
 * spans by them (rules.ts: trimSpan, speaker phrase, turn words).
 */
export interface LabelGuideline {
  label: string;
  zh: string;
  en: string;
  examples: string[];
}

export interface BoundaryRule {
  zh: string;
  en: string;
}

export const LABEL_GUIDELINES: readonly LabelGuideline[] = [
  {
    label: 'problem',
    zh: '问题：对短板、风险或困难的陈述。',
    en: 'Problem: a statement of a shortcoming, risk or difficulty.',
    examples: ['目前天津市先进制造业未形成完整的产业链上下游配套,不能快速打通从创意、小批量试制到批量生产的全流程'],
  },
  {
    label: 'proposal',
    zh: '主张：发言者提出的总体立场或目标，常为观点的加粗标题或论点句。',
    en: "Proposal: the overall position or goal a speaker advances, often a viewpoint's bold title or thesis sentence.",
    examples: ['大力发展汽车产业', '构建新能源产业体系,是加快天津市先进制造业发展、完成“双碳”目标任务的“先手棋”'],
  },
  {
    label: 'recommendation',
    zh: '建议：委员或专家提出的具体、可操作的措施。',
    en: 'Recommendation: a concrete, actionable measure put forward by members or experts.',
    examples: ['建设引领性、高端型的产业技术研究院', '对参建单位要在信贷、财税等方面给予优惠支持'],
  },
  {
    label: 'response',
    zh: '回应：政府官员或部门的答复、承诺或宣布的举措，包括“政府回应”下各部门发言的加粗标题。',
    en: 'Response: what officials or departments say in reply, commit to or announce, including the bold titles of their statements under 政府回应.',
    examples: ['将以此次会议为契机,做好产业转型升级工作', '全面实施“链长制”'],
  },
];

export const BOUNDARY_RULES: readonly BoundaryRule[] = [
  {
    zh: '以句为单位（。！？；及换行为界，引号内的句号不断句）；同一标签的相邻句分别标注，同一句内逗号分隔的分句合为一段。',
    en: 'The unit is the sentence (ended by 。！？；or a line break; a 。 inside a quotation does not end it). Adjacent sentences with the same label are separate spans; the clauses of one sentence stay in one span.',
  },
  {
    zh: '不含：发言人短语及其后的逗号（“马丽娟委员建议,”“廖国勋表示,”）、句末的。/；、包住整段的引号、Markdown 的 ** 和 # 标记。',
    en: 'Exclude the speaker phrase with its comma ("马丽娟委员建议,", "廖国勋表示,"), the final 。/；, quotation marks enclosing the whole span, Markdown ** and # marks.',
  },
  {
    zh: '包含：段内标点和引号，以及句首的情态词和连接词（要、将、我们将、同时、一方面、但）。',
    en: 'Include inner punctuation and quotation marks, and opening modal or connective words (要, 将, 我们将, 同时, 一方面, 但).',
  },
  {
    zh: '一句含两个标签时，在标签变化处切分；句首没有标签的让步或成绩分句（“目前…取得一定成效,”）不标。',
    en: 'A sentence carrying two labels is cut where the label changes; a leading clause with no label of its own (an achievement or concession) is left out.',
  },
  {
    zh: '被插图说明打断的句子作为一段标注（包含说明文字），因为标注必须连续。',
    en: 'A sentence interrupted by an inserted caption is one span, caption included, since spans are contiguous.',
  },
  {
    zh: '不标：叙述、背景、记者的小标题，以及关于协商工作本身的表述（如何调研、报送意见、组织会议）。',
    en: "Not tagged: narrative, background, the journalist's headings, and statements about conducting the consultation itself (research, submitting opinions, organising meetings).",
  },
  {
    zh: '同样的“要…”，出自委员为建议，出自市长或政府部门为回应。',
    en: 'The same 要… is a recommendation from a member and a response from the mayor or a department.',
  },
];
