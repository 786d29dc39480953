/// <reference lib="webworker" />
/**
 * Inflates a zip's entries off the main thread (zipLimits.ts checks sizes first, inflates in
 * small steps and checks each entry's length and CRC-32), so a large archive never freezes the
 * page. In: the zip's bytes and name; out: the files, or the refusal with its Problem.
 */
import type { Problem } from '../domain/problem';
import { problemOf } from '../domain/problem';
import type { InputFile } from '../io/formats/types';
import { isBratEntry, readZip } from '../io/formats/zipLimits';

export interface UnzipRequest {
  bytes: Uint8Array;
  name: string;
}

export type UnzipWorkerMessage = { type: 'done'; files: InputFile[] } | { type: 'error'; message: string; problem?: Problem };

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<UnzipRequest>) => {
  const post = (m: UnzipWorkerMessage, transfer: Transferable[] = []) => scope.postMessage(m, transfer);
  try {
    const files = readZip(event.data.bytes, event.data.name, isBratEntry);
    post({ type: 'done', files }, files.flatMap((f) => (typeof f.content === 'string' ? [] : [f.content.buffer as ArrayBuffer])));
  } catch (error) {
    const problem = problemOf(error);
    post({ type: 'error', message: error instanceof Error ? error.message : String(error), ...(problem && { problem }) });
  }
};
