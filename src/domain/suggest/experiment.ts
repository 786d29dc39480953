/**
 * The measurement behind `npm run eval:suggest`: the rules on every gold document, and the learned
 * suggester cross-validated (leave one document out with several gold documents; with one, k
 * contiguous folds of its paragraphs, trained on the others). Pure: the script only reads files
 * and prints.
 */
import { countByLabel, countSentences, evaluationFromCounts, spansMatch, sumCounts, type Counts, type Evaluation, type MatchMode, type Span } from './evaluate';
import { examplesFromRecord, scoreClauses, trainModel } from './learned';
import { scoreClausesLogistic, trainLogistic } from './logistic';
import { suggestByRules } from './rules';
import { segmentSentences } from './segment';
import type { Suggestion } from './suggestion';
import { detectDocumentType } from './structure';

export interface GoldDocument {
  id: string;
  text: string;
  spans: Span[];
}

export interface MethodResult {
  method: string;
  scheme: string;
  exact: Evaluation;
  overlap: Evaluation;
}

const MODES: MatchMode[] = ['exact', 'overlap'];

function result(method: string, scheme: string, parts: { gold: Span[]; suggested: Span[] }[], labels: string[]): MethodResult {
  const by = (mode: MatchMode): Evaluation =>
    evaluationFromCounts(mode, sumCounts(parts.map((p): Record<string, Counts> => countByLabel(p.gold, p.suggested, mode, labels))));
  return { method, scheme, exact: by(MODES[0]!), overlap: by(MODES[1]!) };
}

/** Contiguous folds of a text's paragraphs, of roughly equal clause counts: [start, end) ranges. */
export function paragraphFolds(text: string, k: number): [number, number][] {
  const sentences = segmentSentences(text);
  const paragraphs: { index: number; start: number; clauses: number }[] = [];
  for (const s of sentences) {
    const last = paragraphs[paragraphs.length - 1];
    if (last && last.index === s.paragraph) last.clauses += s.clauses.length;
    else paragraphs.push({ index: s.paragraph, start: s.start, clauses: s.clauses.length });
  }
  const total = paragraphs.reduce((n, p) => n + p.clauses, 0);
  const folds: [number, number][] = [];
  let acc = 0;
  let foldStart = 0;
  for (let i = 0; i < paragraphs.length; i++) {
    acc += paragraphs[i]!.clauses;
    const next = paragraphs[i + 1];
    if (next && acc >= (total * (folds.length + 1)) / k && folds.length < k - 1) {
      folds.push([foldStart, next.start]);
      foldStart = next.start;
    }
  }
  folds.push([foldStart, Array.from(text).length]);
  if (folds[0]) folds[0][0] = 0;
  return folds;
}

export function runExperiment(docs: readonly GoldDocument[], labels: string[], options: { folds?: number; threshold?: number } = {}): MethodResult[] {
  const rules = result(
    'rules',
    `cues.json on all ${docs.length} gold document(s), no training`,
    docs.map((d) => ({ gold: d.spans, suggested: suggestByRules(d.text) })),
    labels,
  );

  const parts: { gold: Span[]; suggested: Span[] }[] = [];
  let scheme: string;
  const threshold = options.threshold === undefined ? {} : { threshold: options.threshold };
  if (docs.length > 1) {
    scheme = `leave one document out over ${docs.length} gold documents`;
    for (const test of docs) {
      const examples = docs.filter((d) => d !== test).flatMap((d) => examplesFromRecord(d.text, d.spans, { unlabelledAsNone: true }));
      const model = trainModel(examples);
      parts.push({ gold: test.spans, suggested: scoreClauses(model, test.text, threshold) });
    }
  } else {
    const doc = docs[0]!;
    const k = options.folds ?? 5;
    const folds = paragraphFolds(doc.text, k);
    scheme = `one gold document: ${folds.length}-fold cross-validation over contiguous blocks of its paragraphs (train on the other blocks, test on one)`;
    for (const [s, e] of folds) {
      const inFold = (x: Span): boolean => x.start >= s && x.start < e;
      const outside = folds.filter(([fs]) => fs !== s);
      const model = trainModel(examplesFromRecord(doc.text, doc.spans, { unlabelledAsNone: true, within: outside }));
      parts.push({ gold: doc.spans.filter(inFold), suggested: scoreClauses(model, doc.text, threshold).filter(inFold) });
    }
  }
  return [rules, result('learned (naive Bayes, char 1–3-grams)', scheme, parts, labels)];
}

/** The results as a plain-text table. */
export function formatResults(results: readonly MethodResult[]): string {
  const pct = (x: number): string => (x * 100).toFixed(1).padStart(5);
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`== ${r.method}`, `   ${r.scheme}`);
    for (const ev of [r.exact, r.overlap]) {
      lines.push(`   ${ev.mode === 'exact' ? 'exact match' : 'overlap match (≥ half of the shorter span)'}`);
      lines.push(`   ${'label'.padEnd(16)} ${'P%'.padStart(5)} ${'R%'.padStart(5)} ${'F1%'.padStart(5)}  matched/suggested/gold`);
      const rows = [...Object.entries(ev.perLabel), ['overall (micro)', ev.overall] as const];
      for (const [label, s] of rows) {
        lines.push(`   ${label.padEnd(16)} ${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)}  ${s.matched}/${s.suggested}/${s.gold}`);
      }
    }
    lines.push('');
  }
  return lines.join('\n');
}

/**
 * Sentence-level figures per document type (detected) and label: the rules, and the learned model
 * trained on other documents only (leave one document out); plus a learning curve: the learned
 * model's sentence-level F1 per label after 0, 1, 2, 4 training records (the first n others).
 */
export function sentenceReport(docs: readonly GoldDocument[], labels: string[]): string {
  const lines: string[] = [];
  const pct = (x: number): string => (x * 100).toFixed(1).padStart(5);
  const sentencesOf = (d: GoldDocument): { start: number; end: number }[] => segmentSentences(d.text);
  const learnedWith = (kind: 'nb' | 'lr', train: readonly GoldDocument[], test: GoldDocument): Suggestion[] => {
    if (train.length === 0) return [];
    const examples = train.flatMap((d) => examplesFromRecord(d.text, d.spans, { unlabelledAsNone: true }));
    return kind === 'nb' ? scoreClauses(trainModel(examples), test.text) : scoreClausesLogistic(trainLogistic(examples), test.text);
  };
  const learnedOn = (train: readonly GoldDocument[], test: GoldDocument): Suggestion[] => learnedWith('nb', train, test);
  // Each leave-one-out logistic model once (training is the slow part).
  const lrOut = new Map(docs.map((d) => [d, learnedWith('lr', docs.filter((o) => o !== d), d)]));
  const byType = new Map<string, GoldDocument[]>();
  for (const d of docs) byType.set(detectDocumentType(d.text), [...(byType.get(detectDocumentType(d.text)) ?? []), d]);
  lines.push('== sentence level, per document type (rules; learned = trained on the other documents only)');
  for (const [type, group] of [...byType, ['all', [...docs]] as const]) {
    const rules = sumCounts(group.map((d) => countSentences(sentencesOf(d), d.spans, suggestByRules(d.text), labels)));
    const learned = sumCounts(group.map((d) => countSentences(sentencesOf(d), d.spans, learnedOn(docs.filter((o) => o !== d), d), labels)));
    lines.push(`   ${type} (${group.length} document(s))`);
    lines.push(`   ${'label'.padEnd(16)} rules P% R% F1%    learned P% R% F1%   gold sentences`);
    const r = evaluationFromCounts('exact', rules).perLabel;
    const l = evaluationFromCounts('exact', learned).perLabel;
    for (const label of labels) {
      const a = r[label]!;
      const b = l[label]!;
      lines.push(`   ${label.padEnd(16)} ${pct(a.precision)} ${pct(a.recall)} ${pct(a.f1)}   ${pct(b.precision)} ${pct(b.recall)} ${pct(b.f1)}   ${a.gold}`);
    }
  }
  {
    const ev = evaluationFromCounts('exact', sumCounts(docs.map((d) => countSentences(sentencesOf(d), d.spans, lrOut.get(d)!, labels)))).perLabel;
    lines.push('', '== sentence level, all documents: logistic regression (same features), trained on the other documents only');
    for (const label of labels) lines.push(`   ${label.padEnd(16)} ${pct(ev[label]!.precision)} ${pct(ev[label]!.recall)} ${pct(ev[label]!.f1)}`);
  }
  lines.push('', '== sentence level per document, rules: F1% per label (matched/suggested/gold sentences)');
  for (const d of docs) {
    const ev = evaluationFromCounts('exact', countSentences(sentencesOf(d), d.spans, suggestByRules(d.text), labels)).perLabel;
    const cells = labels.filter((x) => ev[x]!.gold + ev[x]!.suggested > 0).map((x) => `${x} ${pct(ev[x]!.f1).trim()} (${ev[x]!.matched}/${ev[x]!.suggested}/${ev[x]!.gold})`);
    lines.push(`   ${d.id} [${detectDocumentType(d.text)}]: ${cells.join(', ')}`);
  }
  const bins = [0.5, 0.6, 0.7, 0.8, 0.9, 1.0001];
  for (const [name, out] of [
    ['naive Bayes', (d: GoldDocument) => learnedOn(docs.filter((o) => o !== d), d)],
    ['logistic regression', (d: GoldDocument) => lrOut.get(d)!],
  ] as const) {
    lines.push('', `== calibration: ${name} (leave one document out), share of its suggestions matching gold (overlap) by confidence`);
    const tally = bins.slice(0, -1).map(() => ({ n: 0, ok: 0 }));
    for (const d of docs) {
      for (const x of out(d)) {
        const b = bins.findIndex((lo, i) => x.confidence >= lo && x.confidence < bins[i + 1]!);
        if (b < 0) continue;
        tally[b]!.n++;
        if (d.spans.some((g) => spansMatch(g, x, 'overlap'))) tally[b]!.ok++;
      }
    }
    tally.forEach((t, i) => lines.push(`   confidence ${bins[i]!.toFixed(1)}–${Math.min(1, bins[i + 1]!).toFixed(1)}: ${t.n} suggestions, ${t.n ? pct(t.ok / t.n).trim() : '—'}% match`));
  }
  lines.push('', '== learning curve: sentence-level F1% per label, trained on the first n other documents (nb = naive Bayes, lr = logistic regression)');
  lines.push(`   ${'n'.padEnd(7)} ${labels.map((x) => x.padStart(15)).join('')}`);
  for (const n of [0, 1, 2, 4]) {
    for (const kind of ['nb', 'lr'] as const) {
      const counts = sumCounts(docs.map((d) => countSentences(sentencesOf(d), d.spans, learnedWith(kind, docs.filter((o) => o !== d).slice(0, n), d), labels)));
      const ev = evaluationFromCounts('exact', counts).perLabel;
      lines.push(`   ${`${n} ${kind}`.padEnd(7)} ${labels.map((x) => pct(ev[x]!.f1).padStart(15)).join('')}`);
    }
  }
  return lines.join('\n');
}
