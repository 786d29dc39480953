/// <reference lib="webworker" />
/**
 * Trains the learned suggester off the main thread (the interface stays responsive on a large
 * library). Messages: in, a TrainingRequest; out, progress, then the result or an error message.
 */
import { runTraining, type StoredModel, type TrainingRecord, type TrainingResult } from './suggestTraining';

export interface TrainingRequest {
  records: TrainingRecord[];
  previous?: StoredModel;
  now: string;
}

export type SuggestWorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; result: TrainingResult }
  | { type: 'error'; message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<TrainingRequest>) => {
  const post = (m: SuggestWorkerMessage) => scope.postMessage(m);
  try {
    const { records, previous, now } = event.data;
    const result = runTraining(records, previous, now, (done, total) => post({ type: 'progress', done, total }));
    post({ type: 'done', result });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
