import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { runImportBatch } from '../../../src/app/importBatch';
import { intakeProblemMessage } from '../../../src/app/importIntake';
import { DEFAULT_LABELS } from '../../../src/domain/labels';
import type { MeetingDocument } from '../../../src/domain/document';
import { buildDocx } from './docxBuilder';

const file = (name: string, bytes: Uint8Array) => ({
  name,
  arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
});

describe('intake in the batch import', () => {
  it('stores a Word file as a record and refuses bad files with a clear message, storing nothing for them', async () => {
    const stored: MeetingDocument[] = [];
    const docx = buildDocx([{ kind: 'heading', level: 1, text: '会议纪要' }, { kind: 'p', text: '正文。' }]);
    const summaries = await runImportBatch(
      [
        file('纪要.docx', docx),
        file('空.pdf', new Uint8Array()),
        file('坏.docx', docx.slice(0, 30)),
        file('旧.doc', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0])),
        file('记录.txt', strToU8('文本照旧。')),
        file('汇编.txt', strToU8('【提案0001】甲\n正文\n【提案0002】乙\n正文')),
      ],
      {
        now: '2025-01-01T00:00:00.000Z',
        labels: () => DEFAULT_LABELS,
        settleLabels: async (o) => ({ items: o.items }),
        store: async (items) => {
          stored.push(...items.map((i) => i.document));
          return { added: items.map((i) => i.document.title), addedIds: items.map((i) => i.document.id), merged: [], skipped: [] };
        },
        progress: () => undefined,
        pause: async () => undefined,
      },
    );
    expect(stored.map((d) => [d.title, d.text, d.format])).toEqual([
      ['纪要', '# 会议纪要\n\n正文。', 'markdown'],
      ['记录', '文本照旧。', 'plain'],
      ['汇编', '【提案0001】甲\n正文\n【提案0002】乙\n正文', 'plain'],
    ]);
    expect(stored[0]!.meta).toMatchObject({ sourceName: '纪要.docx' });
    const byName = Object.fromEntries(summaries.map((s) => [s.name, s]));
    expect(byName['纪要.docx']!.note).toBe('Word document');
    expect(byName['记录.txt']!.note).toBe('decoded as UTF-8');
    expect(byName['汇编.txt']!.note).toBe('decoded as UTF-8; looks like a compilation of 2 proposals; imported as one record');
    expect(byName['空.pdf']!.refused).toBe('“空.pdf”: the file is empty');
    expect(byName['坏.docx']!.refused).toMatch(/^“坏\.docx”: this \.docx file is damaged or is not a Word document \(.+\)$/);
    expect(byName['旧.doc']!.refused).toMatch(/^“旧\.doc”: this is an old Word \(\.doc\) or WPS file.*save it as \.docx/);
  });

  it('words problems in Chinese too', () => {
    expect(intakeProblemMessage('扫描.pdf', { ok: false, kind: 'noTextLayer' }, 'zh-CN')).toMatch(/^“扫描\.pdf”：这个 PDF 没有文字层/);
    expect(intakeProblemMessage('a.pdf', { ok: false, kind: 'encryptedPdf' }, 'zh-CN')).toContain('密码');
    expect(intakeProblemMessage('a.doc', { ok: false, kind: 'legacyWord' }, 'zh-CN')).toContain('另存为 .docx');
  });
});
