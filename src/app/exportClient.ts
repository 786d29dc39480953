import { ProblemError } from '../domain/problem';
import type { ExportWorkerMessage } from './export.worker';
import { runExportRequest, type Download, type ExportRequest } from './exportJob';

/** The formats the export dialog offers (the interface reads them here, never from io/). */
export { EXPORT_FORMATS, type FormatId, type FormatOptions } from '../io/formats';

/**
 * Runs an export in a Web Worker and resolves with the download. Where workers are unavailable
 * the same function runs on the main thread.
 */
export function runExport(request: ExportRequest, onProgress: (done: number, total: number) => void): Promise<Download> {
  if (typeof Worker === 'undefined') return Promise.resolve(runExportRequest(request, onProgress));
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./export.worker.ts', import.meta.url), { type: 'module' });
    const finish = () => worker.terminate();
    worker.onmessage = (event: MessageEvent<ExportWorkerMessage>) => {
      const m = event.data;
      if (m.type === 'progress') onProgress(m.done, m.total);
      else if (m.type === 'done') {
        finish();
        resolve(m.download);
      } else {
        finish();
        // The Problem crosses the worker boundary as data; the error carries it again.
        reject(m.problem ? new ProblemError(m.problem, m.message) : new Error(m.message));
      }
    };
    worker.onerror = (event) => {
      finish();
      reject(new Error(`The export worker failed: ${event.message || 'unknown error'}`));
    };
    worker.postMessage(request);
  });
}
