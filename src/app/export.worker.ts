/// <reference lib="webworker" />
/**
 * Runs exports off the main thread, so the interface stays responsive while a large library is
 * written. Messages: in, an ExportRequest; out, progress, then the Download or an error message
 * (with its Problem, so the interface can say it in its language).
 */
import { problemOf, type Problem } from '../domain/problem';
import { runExportRequest, type ExportRequest } from './exportJob';

export type ExportWorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; download: ReturnType<typeof runExportRequest> }
  | { type: 'error'; message: string; problem?: Problem };

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<ExportRequest>) => {
  const post = (m: ExportWorkerMessage) => scope.postMessage(m);
  try {
    const download = runExportRequest(event.data, (done, total) => post({ type: 'progress', done, total }));
    post({ type: 'done', download });
  } catch (error) {
    const problem = problemOf(error);
    post({ type: 'error', message: error instanceof Error ? error.message : String(error), ...(problem && { problem }) });
  }
};
