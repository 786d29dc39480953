import { describe, expect, it } from 'vitest';
import { readImportFiles } from '../../../src/app/importFiles';
import { DEFAULT_LABELS } from '../../../src/domain/labels';
import { describeProblem } from '../../../src/i18n/messages';
import { firstInvalidUtf8 } from '../../../src/io/jsonInput';
import { parseNative } from '../../../src/io/native';

const T = '2024-05-01T08:00:00.000Z';
const enc = (s: string) => new TextEncoder().encode(s);
const read = (name: string, bytes: Uint8Array) => readImportFiles([{ name, bytes }], T, DEFAULT_LABELS);

function nested(levels: number): string {
  const meta = `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
  return `{"format":"yishi.annotations","version":2,"offsetUnit":"codepoint","documents":[\n{"id":"d","title":"t","text":"会议","createdAt":"${T}","updatedAt":"${T}","meta":${meta}}]}`;
}

describe('deep nesting and invalid UTF-8 in JSON files', () => {
  it('refuses 5,000 levels in meta with the place, not "Maximum call stack size exceeded"', () => {
    const { ok, failed } = read('deep.json', enc(nested(5000)));
    expect(ok).toEqual([]);
    expect(failed[0]!.message).toMatch(/“deep\.json”: the JSON nests deeper than 100 levels at line 2, column \d+/);
    expect(failed[0]!.message).not.toMatch(/call stack/);
    expect(describeProblem('zh-CN', failed[0]!.problem!)).toMatch(/^“deep\.json”：JSON 在 line 2, column \d+ 处嵌套超过 100 层/);
    expect(() => parseNative(nested(5000), 'backup.json')).toThrow(/nests deeper than 100 levels/);
  });

  it('names the line and column where a backup nests too deep', () => {
    const deepLine = `{"format":"yishi.annotations",\n"meta":${'['.repeat(200)}${']'.repeat(200)}}`;
    expect(() => parseNative(deepLine, 'b.json')).toThrow(/at line 2, column 107;/);
  });

  it('keeps moderate nesting and brackets inside strings', () => {
    const text = nested(20).replace('"title":"t"', '"title":"[[[{{{\\"[[["');
    expect(parseNative(text, 'ok.json').documents[0]!.document.title).toBe('[[[{{{"[[[');
  });

  it('names the offset of the first invalid UTF-8 byte instead of the decoder message', () => {
    const good = enc('{"a":"会议"}');
    const bad = new Uint8Array([...good.slice(0, 7), 0xff, ...good.slice(7)]); // inside 会 (bytes 6–8)
    const { failed } = read('bad.json', bad);
    expect(failed[0]!.message).toBe('“bad.json” is not valid UTF-8 (first bad byte at offset 6); save it as UTF-8 and import it again. Nothing was imported.');
    expect(describeProblem('zh-CN', failed[0]!.problem!)).toBe('“bad.json”不是有效的 UTF-8（第一个错误字节在偏移 6）；请另存为 UTF-8 后重新导入。未导入任何内容。');
    expect(read('bad.jsonl', bad).failed[0]!.message).toMatch(/bad\.jsonl” is not valid UTF-8 \(first bad byte at offset 6\)/);
  });

  it('finds overlong forms, surrogates and cut sequences as invalid', () => {
    expect(firstInvalidUtf8(new Uint8Array([0x41, 0xc0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(new Uint8Array([0x41, 0x42, 0xe4, 0xbc]))).toBe(2);
    expect(firstInvalidUtf8(enc('𠮷会议'))).toBe(-1);
  });
});
