/** A zip's entries are inflated in a Web Worker in the browser, and its refusal keeps its Problem. */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { runImportBatch, type BatchFile, type BatchSteps } from '../../src/app/importBatch';
import { unzipForImport } from '../../src/app/unzipClient';
import { DEFAULT_LABELS } from '../../src/domain/labels';
import { describeProblem } from '../../src/i18n/messages';

const TEXT = '政协委员建议加快发展。';
const steps: BatchSteps = {
  now: '2024-05-01T08:00:00.000Z',
  labels: () => DEFAULT_LABELS,
  settleLabels: async (outcome) => ({ items: outcome.items }),
  store: async (items) => ({ added: items.map((i) => i.document.title), addedIds: [], merged: [], skipped: [] }),
  progress: () => {},
  pause: async () => {},
};
const file = (name: string, bytes: Uint8Array): BatchFile => ({ name, arrayBuffer: async () => bytes.slice().buffer as ArrayBuffer });

describe('zip import in the browser', () => {
  it('inflates in a worker (Worker exists here) and imports the brat pair', async () => {
    expect(typeof Worker).toBe('function');
    const bytes = zipSync({ 'a.txt': strToU8(TEXT), 'a.ann': strToU8('T1\tproposal 4 10\t建议加快发展\n'), 'notes.pdf': new Uint8Array(10) });
    const entries = await unzipForImport(bytes, 'pair.zip');
    expect(entries.map((e) => e.path).sort()).toEqual(['a.ann', 'a.txt']);
    expect(bytes.length).toBeGreaterThan(0); // the caller's bytes stay usable
    const [summary] = await runImportBatch([file('pair.zip', bytes)], steps);
    expect(summary!.refused).toBeUndefined();
    expect(summary!.added).toEqual(['a']);
  });

  it('carries a refusal from the worker with its Problem, said in Chinese', async () => {
    const bytes = zipSync({ 'a.txt': strToU8(TEXT), 'a.ann': strToU8('') });
    const view = new DataView(bytes.buffer);
    // The central directory's CRC-32 of a.txt is wrong.
    for (let i = 0; i + 4 <= bytes.length; i++) if (view.getUint32(i, true) === 0x02014b50 && bytes[i + 46] === 0x61 && bytes[i + 48] === 0x74) view.setUint32(i + 16, 1, true);
    const [summary] = await runImportBatch([file('bad.zip', bytes)], steps);
    expect(summary!.problem?.code).toBe('zipDamaged');
    expect(describeProblem('zh-CN', summary!.problem!)).toMatch(/^“bad\.zip”是损坏的 zip（a\.txt）：its CRC-32 does not match/);
  });
});
