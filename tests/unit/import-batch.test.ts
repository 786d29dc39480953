import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS } from '../../src/domain/labels';
import { describeProblem } from '../../src/i18n/messages';
import { importGroups, runImportBatch, type BatchProgress } from '../../src/app/importBatch';
import type { ImportReport } from '../../src/storage/library';
import { parseTags } from '../../src/ui/DocumentDetailsDialog';

const file = (name: string, text: string | Uint8Array) => ({
  name,
  arrayBuffer: async () => {
    const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  },
});

describe('batch import', () => {
  it('groups a brat .ann with its .txt and keeps every other file alone, in the order chosen', () => {
    expect(importGroups(['a.txt', 'b.ann', 'c.json', 'b.txt', 'd.txt'])).toEqual([[0], [1, 3], [2], [4]]);
    expect(importGroups([])).toEqual([]);
  });

  it('stores file by file, pauses between files, counts read and finished, and refuses bad files with the reason', async () => {
    const progress: BatchProgress[] = [];
    const stored: string[][] = [];
    let pauses = 0;
    const summaries = await runImportBatch(
      [file('one.txt', '第一份记录。'), file('empty.txt', ''), file('bad.json', '{"format":'), file('two.md', '# 二\n\n正文。')],
      {
        now: '2025-01-01T00:00:00.000Z',
        labels: () => DEFAULT_LABELS,
        settleLabels: async (o) => ({ items: o.items }),
        store: async (items): Promise<ImportReport> => {
          stored.push(items.map((i) => i.document.title));
          return { added: items.map((i) => i.document.title), addedIds: items.map((i) => i.document.id), merged: [], skipped: [] };
        },
        progress: (p) => progress.push(p),
        pause: async () => void pauses++,
      },
    );
    expect(stored).toEqual([['one'], ['two']]);
    expect(pauses).toBe(4);
    expect(progress[0]).toEqual({ total: 4, read: 0, done: 0 });
    expect(progress.at(-1)).toEqual({ total: 4, read: 4, done: 4 });
    expect(progress.map((p) => p.read + p.done)).toEqual([...progress.map((p) => p.read + p.done)].sort((a, b) => a - b));
    expect(summaries.map((s) => [s.name, s.refused === undefined ? 'ok' : 'refused'])).toEqual([
      ['one.txt', 'ok'],
      ['empty.txt', 'refused'],
      ['bad.json', 'refused'],
      ['two.md', 'ok'],
    ]);
    expect(summaries[1]!.refused).toMatch(/empty\.txt.*empty/);
    expect(summaries[2]!.refused).toMatch(/bad\.json.*not valid JSON/);
    // What the interface shows in Chinese: the notice and the refusals name the file.
    expect(describeProblem('zh-CN', summaries[0]!.notice!)).toBe('按 UTF-8 解码');
    expect(describeProblem('zh-CN', summaries[1]!.problem!)).toBe('“empty.txt”是空文件');
    expect(describeProblem('zh-CN', summaries[2]!.problem!)).toMatch(/^“bad\.json”不是有效的 JSON：/);
  });

  it('a file the store refuses, or whose labels are refused, is reported and the batch goes on', async () => {
    const summaries = await runImportBatch([file('a.txt', '甲。'), file('b.txt', '乙。'), file('c.txt', '丙。')], {
      now: '2025-01-01T00:00:00.000Z',
      labels: () => DEFAULT_LABELS,
      settleLabels: async (o) => (o.name === 'b.txt' ? { refused: 'labels not accepted' } : { items: o.items }),
      store: async (items) => {
        if (items[0]!.document.title === 'a') throw new Error('the disk is full');
        return { added: ['c'], addedIds: ['id'], merged: [], skipped: [] };
      },
      progress: () => undefined,
      pause: async () => undefined,
    });
    expect(summaries.map((s) => s.refused ?? 'ok')).toEqual(['the disk is full', 'labels not accepted', 'ok']);
  });
});

describe('tags typed in the details dialog', () => {
  it('split on commas (half- and full-width), 、 and semicolons, trimmed, each once', () => {
    expect(parseTags(' 工业，制造业、产业链, 工业;  ；Manufacturing ')).toEqual(['工业', '制造业', '产业链', 'Manufacturing']);
    expect(parseTags('  ')).toEqual([]);
  });
});
