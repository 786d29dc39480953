/**
 * Training the learned suggester on the analyst's own work across the library: what runs in
 * the suggest worker (suggest.worker.ts), pure so it is unit-tested and runs anywhere.
 *
 * Each record with at least one annotation or rejected suggestion is read as reviewed up to the
 * end of the last of them: there, a clause covered by an annotation (at least half) is an
 * example of its label, a clause covered by a rejected suggestion or by nothing an example of
 * "none" (examplesFromRecord). Beyond that point the record is not used: the analyst has not
 * read it yet. All annotations count (tagged by hand or accepted), as both are the analyst's.
 *
 * Incremental: the model's counts only add up (learned.ts), so when every record trained before
 * is unchanged (same fingerprint of annotations and rejections), only the new records are
 * trained on top of the stored model; a record changed or deleted since means training afresh.
 */
import { examplesFromRecord, NONE, trainModel, type NaiveBayesModel, type SpanLike } from '../domain/suggest/learned';
import { stableHash } from '../domain/suggest/suggestion';

export interface TrainingRecord {
  docId: string;
  text: string;
  annotations: readonly SpanLike[];
  rejected: readonly SpanLike[];
}

/** The stored model, with what it was trained on. Plain JSON (kept in the library's suggestModels table). */
export interface StoredModel {
  model: NaiveBayesModel;
  /** docId → fingerprint of the record's annotations and rejections when it was trained. */
  trained: Record<string, string>;
  trainedAt: string;
}

export interface TrainingResult extends StoredModel {
  /** Whether the previous model was extended (true) or replaced (false). */
  incremental: boolean;
  /** Examples added by this run. */
  examples: number;
}

const spanKey = (s: SpanLike): string => `${s.label}\u0000${s.start}\u0000${s.end}`;

/** A fingerprint of what a record teaches: its labelled spans and its rejections. */
export function recordFingerprint(r: TrainingRecord): string {
  const a = r.annotations.map(spanKey).sort().join('\u0001');
  const x = r.rejected.map(spanKey).sort().join('\u0001');
  return `${r.annotations.length}.${r.rejected.length}.${stableHash(`${r.text.length}\u0002${a}\u0002${x}`)}`;
}

/** Which records to train on, and whether on top of the previous model. */
export function planTraining(
  records: readonly TrainingRecord[],
  previous: StoredModel | undefined,
): { records: TrainingRecord[]; incremental: boolean } {
  const useful = records.filter((r) => r.annotations.length > 0 || r.rejected.length > 0);
  if (!previous) return { records: useful, incremental: false };
  const now = new Map(useful.map((r) => [r.docId, recordFingerprint(r)]));
  const unchanged = Object.entries(previous.trained).every(([docId, fp]) => now.get(docId) === fp);
  if (!unchanged) return { records: useful, incremental: false };
  return { records: useful.filter((r) => !(r.docId in previous.trained)), incremental: true };
}

/**
 * Trains (or extends) the model, reporting progress per record. Throws when there is nothing
 * to learn a label from.
 */
export function runTraining(
  records: readonly TrainingRecord[],
  previous: StoredModel | undefined,
  now: string,
  onProgress: (done: number, total: number) => void = () => undefined,
): TrainingResult {
  const plan = planTraining(records, previous);
  let model = plan.incremental ? previous!.model : undefined;
  const trained: Record<string, string> = plan.incremental ? { ...previous!.trained } : {};
  let examples = 0;
  onProgress(0, plan.records.length);
  plan.records.forEach((r, i) => {
    const reviewedTo = Math.max(...r.annotations.map((a) => a.end), ...r.rejected.map((a) => a.end));
    const batch = examplesFromRecord(r.text, r.annotations, { rejected: r.rejected, unlabelledAsNone: true, within: [[0, reviewedTo]] });
    model = trainModel(batch, model);
    examples += batch.length;
    trained[r.docId] = recordFingerprint(r);
    onProgress(i + 1, plan.records.length);
  });
  model ??= trainModel([]);
  if (!Object.keys(model.classes).some((label) => label !== NONE)) {
    throw new Error('Nothing to learn from yet: tag or accept some spans first.');
  }
  return { model, trained, trainedAt: now, incremental: plan.incremental, examples };
}
