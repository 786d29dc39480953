/**
 * A second learned suggester: multinomial logistic regression over the same clause features as
 * naive Bayes (character n-grams and the unit's features: document type, section kind, the rules'
 * label; learned.ts recordClauses), trained by deterministic stochastic gradient descent with L2
 * regularisation. Its probabilities are fitted to the log loss, so they are better calibrated than
 * naive Bayes posteriors (npm run eval:suggest compares both per confidence band).
 *
 * Plain JSON: weights per feature (only features seen in training), one number per class. Not
 * incremental like naive Bayes counts: trainLogistic(examples, previous) starts from the previous
 * weights and continues, which is close to, but not equal to, training on everything at once.
 * The app still uses naive Bayes (learned.ts); this model is measured beside it.
 */
import { NONE, suggestFromClauses, type TrainingExample } from './learned';
import type { SegmentOptions } from './segment';
import { stableHash, type Suggestion } from './suggestion';

export interface LogisticModel {
  kind: 'yishi.suggest.logistic';
  version: 1;
  /** Class names, sorted; NONE among them. */
  classes: string[];
  bias: number[];
  /** feature → one weight per class (in `classes` order). */
  weights: Record<string, number[]>;
  exampleCount: number;
  modelVersion: string;
}

export interface LogisticOptions {
  epochs?: number;
  /** Initial learning rate (decays as 1/(1 + t/examples)). */
  rate?: number;
  /** L2 penalty per update. */
  l2?: number;
}

function softmax(scores: number[]): number[] {
  const max = Math.max(...scores);
  const exp = scores.map((x) => Math.exp(x - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  return exp.map((x) => x / sum);
}

/** Each feature once per clause: presence, not counts. */
const unique = (features: readonly string[]): string[] => [...new Set(features)];

/** Scores of each class for a feature set. */
function scoresOf(model: LogisticModel, features: readonly string[]): number[] {
  const s = [...model.bias];
  for (const f of features) {
    const w = Object.hasOwn(model.weights, f) ? model.weights[f]! : undefined;
    if (w) for (let k = 0; k < s.length; k++) s[k]! += w[k]!;
  }
  return s;
}

/** Trains (or continues training) a model. Deterministic: examples are visited in a fixed shuffled order. */
export function trainLogistic(examples: readonly TrainingExample[], previous?: LogisticModel, options: LogisticOptions = {}): LogisticModel {
  const epochs = options.epochs ?? 8;
  const rate = options.rate ?? 0.3;
  const l2 = options.l2 ?? 1e-5;
  const classes = [...new Set([...(previous?.classes ?? []), ...examples.map((e) => e.label), NONE])].sort();
  const index = new Map(classes.map((c, i) => [c, i]));
  const remap = (old: number[] | undefined, oldClasses: string[]): number[] => classes.map((c) => (old ? (old[oldClasses.indexOf(c)] ?? 0) : 0));
  const weights: Record<string, number[]> = Object.create(null) as Record<string, number[]>;
  let bias = classes.map(() => 0);
  if (previous) {
    bias = remap(previous.bias, previous.classes);
    for (const [f, w] of Object.entries(previous.weights)) weights[f] = remap(w, previous.classes);
  }
  const data = examples.map((e) => ({ features: unique(e.features), y: index.get(e.label)! }));
  // A fixed order that mixes records: sort by a hash of the position.
  const order = data.map((_, i) => i).sort((a, b) => (stableHash(String(a)) < stableHash(String(b)) ? -1 : 1));
  let t = 0;
  const model = (): LogisticModel => ({ kind: 'yishi.suggest.logistic', version: 1, classes, bias, weights, exampleCount: 0, modelVersion: '' });
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const i of order) {
      const { features, y } = data[i]!;
      const eta = rate / (1 + t / Math.max(1, data.length));
      t++;
      const p = softmax(scoresOf(model(), features));
      for (let k = 0; k < classes.length; k++) {
        const g = p[k]! - (k === y ? 1 : 0);
        bias[k]! -= eta * g;
        if (g === 0) continue;
        for (const f of features) {
          const w = (weights[f] ??= classes.map(() => 0));
          w[k] = w[k]! * (1 - eta * l2) - eta * g;
        }
      }
    }
  }
  // Rounded and key-sorted: the JSON is compact and canonical.
  const round = (x: number): number => Math.round(x * 1e5) / 1e5;
  const sorted: Record<string, number[]> = Object.create(null) as Record<string, number[]>;
  for (const f of Object.keys(weights).sort()) {
    const w = weights[f]!.map(round);
    if (w.some((x) => x !== 0)) sorted[f] = w;
  }
  const exampleCount = (previous?.exampleCount ?? 0) + examples.length;
  const finalBias = bias.map(round);
  const modelVersion = `lr-${exampleCount}-${stableHash(JSON.stringify([classes, finalBias, sorted]))}`;
  return { kind: 'yishi.suggest.logistic', version: 1, classes, bias: finalBias, weights: sorted, exampleCount, modelVersion };
}

/** Class probabilities for a clause's features. */
export function classifyLogistic(model: LogisticModel, features: readonly string[]): { label: string; p: number }[] {
  const p = softmax(scoresOf(model, unique(features)));
  return model.classes.map((label, k) => ({ label, p: p[k]! }));
}

/** Suggestions from a logistic model, as scoreClauses does for naive Bayes. */
export function scoreClausesLogistic(model: LogisticModel, text: string, options: { threshold?: number; segment?: SegmentOptions } = {}): Suggestion[] {
  if (model.classes.length === 0) return [];
  return suggestFromClauses(text, options, options.threshold ?? 0.5, {
    classify: (features) => classifyLogistic(model, features),
    explain: (label, features) => {
      const k = model.classes.indexOf(label);
      const none = model.classes.indexOf(NONE);
      return [...features]
        .filter((f) => Object.hasOwn(model.weights, f))
        .map((f) => ({ f, w: model.weights[f]![k]! - (none >= 0 ? model.weights[f]![none]! : 0) }))
        .sort((a, b) => b.w - a.w || (a.f < b.f ? -1 : 1))
        .slice(0, 5)
        .map((x) => x.f);
    },
    modelVersion: model.modelVersion,
  });
}
