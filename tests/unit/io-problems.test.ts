/**
 * io/ refuses in the interface's language: every refusal carries a Problem that names the file
 * (or the record) and the place, rendered here in Chinese and English.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS } from '../../src/domain/labels';
import { cp } from '../../src/domain/units';
import { describeError, describeProblem } from '../../src/i18n/messages';
import { EXPORT_FORMATS, ExportCheckError, FormatImportError } from '../../src/io/formats';
import { importDatasetJsonl } from '../../src/io/formats/jsonl';
import { defineMigrations } from '../../src/io/native/migrations';
import { NativeFormatError, parseNative, serializeNative } from '../../src/io/native';
import { importPastedText, importTextFile, ImportError } from '../../src/io/textFile';
import { fixtureInput } from './formats/fixtures';

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('nothing was thrown');
}

const NOW = '2025-01-01T00:00:00.000Z';
const nativeFile = (annotation: Record<string, unknown>, version = 2) =>
  JSON.stringify({
    format: 'yishi.annotations',
    version,
    offsetUnit: 'codepoint',
    documents: [{ id: 'd1', title: '第一次会议', text: '𠮷野家的问题', annotations: [{ id: 'a1', label: 'problem', createdAt: NOW, updatedAt: NOW, ...annotation }] }],
  });

describe('native JSON refusals', () => {
  it('name the file, the record and the annotation in Chinese: a quote that does not match', () => {
    const e = thrown(() => parseNative(nativeFile({ start: 4, end: 6, text: '问' }), '备份.json'));
    expect(e).toBeInstanceOf(NativeFormatError);
    expect(describeError('zh-CN', e)).toBe('“备份.json” documents[0] “第一次会议” (id d1) annotations[0] (id a1)：正文码位 [4, 6) 处是 "问题"，文件引用的却是 "问"；什么都没有导入');
    expect((e as Error).message).toContain('text does not match the document text at code points [4, 6)');
  });

  it('an offset past the end, a newer version, a file that is not JSON', () => {
    expect(describeError('zh-CN', thrown(() => parseNative(nativeFile({ start: 0, end: 9, text: 'x' }), 'a.json')))).toBe(
      '“a.json” documents[0] “第一次会议” (id d1) annotations[0] (id a1)：结束位置 9 超出了正文末尾（共 6 个码位）；什么都没有导入',
    );
    expect(describeError('zh-CN', thrown(() => parseNative(nativeFile({}, 3), 'new.json')))).toBe('“new.json”是第 3 版格式，由较新的议事写出；这个议事只读第 2 版：请更新议事后再打开');
    expect(describeError('en', thrown(() => parseNative('{"format":', 'cut.json')))).toMatch(/^“cut\.json” is not valid JSON: /);
    expect(describeError('zh-CN', thrown(() => parseNative('{"format":"other"}', 'o.json')))).toBe('“o.json”不是议事的标注文件');
  });

  it('a problem without a code of its own is summed up with the file, the count and the place', () => {
    const e = thrown(() => parseNative(nativeFile({ start: 0, end: 1, text: '𠮷', note: 5 }), 'n.json'));
    expect(describeError('zh-CN', e)).toBe(
      '“n.json”不是有效的议事标注文件（1 个问题），什么都没有导入。位置 documents[0] “第一次会议” (id d1) annotations[0] (id a1)：note: must be a string, found 5',
    );
  });

  it('an export the validator refuses says so', () => {
    const item = { document: { id: 'd', title: 't', text: 'abc', format: 'plain' as const, meta: {}, createdAt: NOW, updatedAt: NOW }, annotations: [{ id: 'x', label: 'nope', start: cp(0), end: cp(1), text: 'a', createdAt: NOW, updatedAt: NOW }] };
    expect(describeError('zh-CN', thrown(() => serializeNative([item], DEFAULT_LABELS, NOW)))).toMatch(/^导出被拒绝：要导出的数据有 1 个问题，什么都没有写出。位置 documents\[0\] “t” \(id d\) annotations\[0\] \(id x\)：label: unknown label "nope"/);
  });

  it('migrations are checked when they are defined: a gap or a stray step fails at once', () => {
    const step = (f: Record<string, unknown>) => f;
    expect(() => defineMigrations({ 1: step, 2: step }, 1, 3)).not.toThrow();
    expect(() => defineMigrations({ 1: step }, 1, 3)).toThrow('no migration from version 2 to 3');
    expect(() => defineMigrations({ 1: step, 2: step, 3: step }, 1, 3)).toThrow('migration 3 is outside versions 1..2');
  });
});

describe('format import refusals', () => {
  const line = (o: unknown) => JSON.stringify(o);
  it('name the file and the line in Chinese: an offset outside the text, a quote that does not match', () => {
    const out = thrown(() => importDatasetJsonl(line({ text: '政协委员', spans: [{ start: 2, end: 9, label: 'problem' }] }), '数据.jsonl'));
    expect(out).toBeInstanceOf(FormatImportError);
    expect(describeError('zh-CN', out)).toBe('“数据.jsonl” line 1, spans[0]：偏移 [2, 9) 不是正文（0..4）之内的非空范围；什么都没有导入');
    const quote = thrown(() => importDatasetJsonl(line({ text: '政协委员', spans: [{ start: 0, end: 2, label: 'problem', text: '委员' }] }), '数据.jsonl'));
    expect(describeError('zh-CN', quote)).toBe('“数据.jsonl” line 1, spans[0]：正文 [0, 2) 处是 "政协"，文件引用的却是 "委员"；什么都没有导入');
    expect((quote as Error).message).toContain('the quoted text does not match the text at code points [0, 2)');
  });
});

describe('text file refusals', () => {
  it('name the file in Chinese, with what is wrong', () => {
    const pdf = thrown(() => importTextFile(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]), '报告.txt'));
    expect(pdf).toBeInstanceOf(ImportError);
    expect(describeError('zh-CN', pdf)).toBe('“报告.txt”是 PDF 文件，不是纯文本：请用相应程序打开，另存为纯文本（.txt）后再导入');
    expect(describeError('zh-CN', thrown(() => importTextFile(new Uint8Array([0x61, 0, 0x62]), '坏.txt')))).toBe('“坏.txt”看来是二进制文件，不是文本（位置 1 有 NUL 字符）');
    expect(describeError('zh-CN', thrown(() => importTextFile(new Uint8Array([0x61]), '提案.docx')))).toBe('“提案.docx”：不支持 .docx 文件；请另存为纯文本（.txt）后导入');
    expect(describeError('zh-CN', thrown(() => importPastedText('  \n ', '', 'plain')))).toBe('“Pasted text”：粘贴的文本只有空白字符');
  });
});

describe('export refusals', () => {
  it('name the record and the span by its quote, not its id, in Chinese', () => {
    const input = fixtureInput();
    const a = input.documents[0]!.annotations.find((x) => x.id === 'a10')!;
    a.start = cp(a.start - 1);
    const e = thrown(() => EXPORT_FORMATS.find((f) => f.id === 'csv')!.export(input, {}));
    expect(e).toBeInstanceOf(ExportCheckError);
    const zh = describeProblem('zh-CN', (e as ExportCheckError).problem);
    expect(zh).toMatch(/^导出被拒绝（csv）：/);
    expect(zh).toContain('专题议政会综述');
    expect(zh).not.toContain('a10');
  });
});

describe('export notices', () => {
  it('tell what an export left out in Chinese, naming the record and the span by its quote, never its id or offsets', () => {
    const input = fixtureInput();
    const ids = input.documents.flatMap((d) => d.annotations.map((a) => a.id));
    for (const [id, options] of [['bio', {}], ['jsonl', { unit: 'paragraph' }], ['brat', {}]] as const) {
      const r = EXPORT_FORMATS.find((f) => f.id === id)!.export(fixtureInput(), options);
      expect(r.notices?.length, id).toBe(r.report.length);
      expect(r.report.length, id).toBeGreaterThan(0);
      for (const notice of r.notices ?? []) {
        const zh = describeProblem('zh-CN', notice);
        expect(zh).not.toMatch(/\{\w+\}/);
        for (const x of ids) expect(zh).not.toContain(x);
        expect(zh).not.toMatch(/\[\d+, \d+\)/);
      }
    }
    const bio = EXPORT_FORMATS.find((f) => f.id === 'bio')!.export(input, {});
    expect(bio.notices!.length).toBeGreaterThan(0);
    expect(bio.notices!.some((n) => /^BIO：“专题议政会综述”中的标注“.+”未导出：/.test(describeProblem('zh-CN', n)))).toBe(true);
  });
});
