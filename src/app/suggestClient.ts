import type { NaiveBayesModel } from '../domain/suggest/learned';
import type { Library } from '../storage/library';
import type { TrainingRequest, SuggestWorkerMessage } from './suggest.worker';
import type { SuggestStore } from './suggestReview';
import { runTraining, type StoredModel, type TrainingRecord, type TrainingResult } from './suggestTraining';

/**
 * The settings key the learned model (a StoredModel) had in schema 1; since schema 2 it is kept
 * in a table of its own (Library.learnedModel / saveLearnedModel), moved there by the upgrade.
 */
export const MODEL_KEY = 'suggest.model';

/**
 * Runs training in a Web Worker (same origin: the CSP's worker-src 'self' allows it) and
 * resolves with the result. Where workers are unavailable the same function runs here.
 */
export function trainInWorker(request: TrainingRequest, onProgress: (done: number, total: number) => void): Promise<TrainingResult> {
  if (typeof Worker === 'undefined') return Promise.resolve(runTraining(request.records, request.previous, request.now, onProgress));
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./suggest.worker.ts', import.meta.url), { type: 'module' });
    const finish = () => worker.terminate();
    worker.onmessage = (event: MessageEvent<SuggestWorkerMessage>) => {
      const m = event.data;
      if (m.type === 'progress') onProgress(m.done, m.total);
      else if (m.type === 'done') {
        finish();
        resolve(m.result);
      } else {
        finish();
        reject(new Error(m.message));
      }
    };
    worker.onerror = (event) => {
      finish();
      reject(new Error(`The training worker failed: ${event.message || 'unknown error'}`));
    };
    worker.postMessage(request);
  });
}

/** The stored model, or undefined when none was trained (or what is stored is not one). */
export async function loadStoredModel(library: Library): Promise<StoredModel | undefined> {
  const stored = (await library.learnedModel()) as Partial<StoredModel> | null | undefined;
  return typeof stored === 'object' && stored !== null && stored.model?.kind === 'yishi.suggest.naive-bayes' ? (stored as StoredModel) : undefined;
}

/**
 * Trains the learned suggester on every record's annotations and rejected suggestions (read from
 * the library, never the screen), incrementally when the core allows, and stores the model.
 */
export async function trainFromLibrary(library: Library, onProgress: (done: number, total: number) => void): Promise<TrainingResult> {
  const [items, rejections, previous] = await Promise.all([library.exportAll(), library.rejectedSuggestions(), loadStoredModel(library)]);
  const records: TrainingRecord[] = items.map(({ document, annotations }) => ({
    docId: document.id,
    text: document.text,
    annotations: annotations.map((a) => ({ label: a.label, start: a.start, end: a.end })),
    rejected: (rejections.get(document.id) ?? []).map((r) => ({ label: r.label, start: r.start, end: r.end })),
  }));
  const result = await trainInWorker({ records, previous, now: new Date().toISOString() }, onProgress);
  const stored: StoredModel = { model: result.model, trained: result.trained, trainedAt: result.trainedAt };
  await library.saveLearnedModel(stored);
  return result;
}

/** Rejections and the model, kept in the library. */
export function librarySuggestStore(library: Library): SuggestStore {
  return {
    loadRejected: async (docId) => (await library.rejectedSuggestions(docId)).get(docId) ?? [],
    reject: (docId, rejections) => library.rejectSuggestions(docId, rejections),
    loadModel: async (): Promise<NaiveBayesModel | undefined> => (await loadStoredModel(library))?.model,
  };
}

/** What the workspace needs for assisted tagging, over one library. */
export interface SuggestServices {
  store: SuggestStore;
  train(onProgress: (done: number, total: number) => void): Promise<TrainingResult>;
  modelVersion(): Promise<string | null>;
}

export function librarySuggestServices(library: Library): SuggestServices {
  return {
    store: librarySuggestStore(library),
    train: (onProgress) => trainFromLibrary(library, onProgress),
    modelVersion: async () => (await loadStoredModel(library))?.model.modelVersion ?? null,
  };
}
