import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { runImportBatch, type BatchFile, type BatchSteps } from '../../../src/app/importBatch';
import { DEFAULT_LABELS } from '../../../src/domain/labels';
import { describeProblem } from '../../../src/i18n/messages';

const steps = (stored: string[]): BatchSteps => ({
  now: '2024-05-01T08:00:00.000Z',
  labels: () => DEFAULT_LABELS,
  settleLabels: async (outcome) => ({ items: outcome.items }),
  store: async (items) => {
    stored.push(...items.map((i) => i.document.title));
    return { added: items.map((i) => i.document.title), addedIds: [], merged: [], skipped: [] };
  },
  progress: () => {},
  pause: async () => {},
});

describe('import limits seen by the analyst', () => {
  it('refuses a file over 256 MB by its size, without reading it, in both languages', async () => {
    const huge: BatchFile = {
      name: '巨大.txt',
      size: 300 * 1024 * 1024,
      arrayBuffer: () => Promise.reject(new Error('a file over the limit must not be read')),
    };
    const small: BatchFile = { name: '会议.txt', size: 12, arrayBuffer: async () => strToU8('政协委员建议').buffer as ArrayBuffer };
    const stored: string[] = [];
    const [first, second] = await runImportBatch([huge, small], steps(stored));
    expect(first!.refused).toMatch(/“巨大\.txt” is 300 MB; Yishi imports files of at most 256 MB/);
    expect(describeProblem('zh-CN', first!.problem!)).toBe('“巨大.txt”大小为 300 MB；议事只导入不超过 256 MB 的文件。未导入任何内容。');
    expect(second!.added).toEqual(['会议']);
    expect(stored).toEqual(['会议']);
  });

  it('carries a crafted zip’s refusal as a problem the interface says in Chinese', async () => {
    const bytes = zipSync({ 'a.txt': strToU8('会议'), 'a.ann': strToU8('') });
    // The central directory's size of a.txt says 2 GB.
    const view = new DataView(bytes.buffer);
    for (let i = 0; i + 4 <= bytes.length; i++) if (view.getUint32(i, true) === 0x02014b50 && bytes[i + 46] === 0x61 && bytes[i + 48] === 0x74) view.setUint32(i + 24, 0x80000000, true);
    const file: BatchFile = { name: '会议.zip', arrayBuffer: async () => bytes.buffer as ArrayBuffer };
    const [summary] = await runImportBatch([file], steps([]));
    expect(summary!.problem?.code).toBe('zipEntryTooLarge');
    expect(describeProblem('zh-CN', summary!.problem!)).toBe('“会议.zip”：条目 a.txt 解压后为 2.0 GB；议事只读取解压后不超过 64 MB 的 zip 条目。未导入任何内容。');
  });
});
