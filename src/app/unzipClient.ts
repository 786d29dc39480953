/**
 * A zip's entries for an import, inflated in a Web Worker (unzip.worker.ts) where there is one,
 * else here (Node, the unit tests). A refusal keeps its Problem across the worker boundary.
 */
import { ProblemError, type Problem } from '../domain/problem';
import type { InputFile } from '../io/formats/types';
import { isBratEntry, readZip } from '../io/formats/zipLimits';
import type { UnzipWorkerMessage } from './unzip.worker';

export function unzipForImport(bytes: Uint8Array, name: string): Promise<InputFile[]> {
  if (typeof Worker === 'undefined') return Promise.resolve().then(() => readZip(bytes, name, isBratEntry));
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./unzip.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<UnzipWorkerMessage>) => {
      worker.terminate();
      const m = event.data;
      if (m.type === 'done') resolve(m.files);
      else reject(m.problem ? new ProblemError(m.problem as Problem, m.message) : new Error(m.message));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || 'the zip could not be read'));
    };
    // A copy is sent: the caller's bytes stay usable.
    worker.postMessage({ bytes, name });
  });
}
