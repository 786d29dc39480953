import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS } from '../../../src/domain/labels';
import { exportFormat } from '../../../src/io/formats';
import { SUMMARY_MD_FILE } from '../../../src/io/formats/summaryMarkdown';
import type { ExportInput } from '../../../src/io/formats/types';
import { ann, EXPORTED, T0 } from '../formats/fixtures';
import { cpuMs } from './cpuTime';

const md = (input: ExportInput): string =>
  exportFormat('summary-md').export(input, {}).files.find((f) => f.path === SUMMARY_MD_FILE)!.content as string;

function input(title: string, text: string, extra: Partial<ReturnType<typeof ann>> = {}): ExportInput {
  return {
    documents: [
      {
        document: { id: 'd', title, text, format: 'markdown', meta: {}, createdAt: T0, updatedAt: T0 },
        annotations: [{ ...ann('a1', 'problem', text, '建议'), ...extra }],
      },
    ],
    labels: [...DEFAULT_LABELS],
    exportedAt: EXPORTED,
  };
}

describe('Markdown summary on hostile text', () => {
  const spaces = ' '.repeat(100_000);
  it('is linear in runs of spaces: a title, heading, speaker and note of 100,000 spaces export in under 1 s', () => {
    const text = `##${spaces}标题${spaces}\n\n建议${spaces}完善`;
    const { ms, value: out } = cpuMs(() => md(input(`题${spaces}目${spaces}`, text, { speaker: `张${spaces}委员`, note: `注${spaces}。${spaces}x` })));
    expect(ms).toBeLessThan(1000);
    expect(out).toContain('## 1\\. 题');
  });

  it('keeps a title with a lone CR, CRLF, U+2028 or NEL on its one ## heading line', () => {
    for (const br of ['\r', '\r\n', '\n', '\u2028', '\u2029', '\u0085', ' \r \n ']) {
      const out = md(input(`第一行${br}第二行`, '建议加强'));
      const heading = out.split(/\r\n|[\r\n\u2028\u2029\u0085]/).find((l) => l.startsWith('## 1'));
      expect(heading, JSON.stringify(br)).toBe('## 1\\. 第一行 第二行');
    }
  });
});
