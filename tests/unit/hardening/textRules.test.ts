import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS } from '../../../src/domain/labels';
import { importLabelStudio, importDatasetJsonl } from '../../../src/io/formats';
import { fileStem } from '../../../src/io/formats/common';
import { parseNative, serializeNative } from '../../../src/io/native';
import { importPastedText, importTextFile } from '../../../src/io/textFile';
import { safeFileName } from '../../../src/ui/download';

const T = '2024-05-01T08:00:00.000Z';
function nativeFile(text: string, title = '标题'): string {
  return JSON.stringify({
    format: 'yishi.annotations',
    version: 2,
    offsetUnit: 'codepoint',
    documents: [{ id: 'd1', title, text, createdAt: T, updatedAt: T, annotations: [] }],
  });
}

describe('one text rule for every way in', () => {
  const bad: [string, string, string, RegExp][] = [
    ['a lone high surrogate in the text', '会议\ud842纪要', '标题', /text: holds a lone surrogate .* at code point 2/],
    ['a lone low surrogate in the text', '会议\udfb7纪要', '标题', /text: holds a lone surrogate/],
    ['a NUL in the text', '会议\u0000纪要', '标题', /text: holds a NUL character at code point 2/],
    ['control characters throughout the text', '会\u0001议\u0002纪\u0003要', '标题', /text: holds 3 control characters in 7/],
    ['a lone surrogate in the title', '会议纪要', '标\ud800题', /title: holds a lone surrogate .*at code point 1/],
    ['a NUL in the title', '会议纪要', '标\u0000题', /title: holds a NUL/],
    ['a control character in the title', '会议纪要', '标\u001b题', /title: holds the control character U\+001B at code point 1/],
  ];
  for (const [what, text, title, message] of bad) {
    it(`native JSON refuses ${what}`, () => {
      expect(() => parseNative(nativeFile(text, title), 'f.json')).toThrow(
        expect.objectContaining({ problems: expect.arrayContaining([expect.stringMatching(message)]) }),
      );
    });
    it(`Label Studio and dataset JSONL refuse ${what}`, () => {
      const ls = JSON.stringify([{ id: 1, data: { text, title }, annotations: [] }]);
      expect(() => importLabelStudio(ls, 'ls.json')).toThrow(message);
      // Dataset JSONL carries no title.
      const jsonl = `${JSON.stringify({ id: 'x', text, spans: [] })}\n`;
      if (title === '标题') expect(() => importDatasetJsonl(jsonl, 'd.jsonl')).toThrow(message);
    });
  }

  it('keeps what the rule allows: astral characters, tabs, a rare stray control character in a long record', () => {
    const text = `𠮷\t会议${'议'.repeat(300)}\u001b${'会'.repeat(300)}`;
    expect(parseNative(nativeFile(text, '标题\t𠮷'), 'f.json').documents[0]!.document.text).toBe(text);
    expect(importTextFile(new TextEncoder().encode(text), 'a.txt').text).toBe(text);
  });

  it('still exports (backs up) what is stored, even text the intake rule now refuses', () => {
    const items = [{ document: { id: 'd', title: 't\u0001', text: '会\ud800', format: 'plain' as const, meta: {}, createdAt: T, updatedAt: T }, annotations: [] }];
    expect(serializeNative(items, [...DEFAULT_LABELS], T)).toContain('"t\\u0001"');
  });
});

describe('exported file names', () => {
  it('strip bidirectional controls, so a name is never shown reversed', () => {
    for (const name of [safeFileName('报告\u202Egpj.exe'), fileStem('报告\u202Egpj.exe')]) {
      expect(name).toBe('报告gpj.exe');
    }
    expect(safeFileName('a\u2066b\u2067c\u2068d\u2069e\u200ef\u200fg\u061ch\u202ai\u202bj\u202ck\u202dl')).toBe('abcdefghijkl');
  });
});

describe('the longest record', () => {
  it('is 10,000,000 code points on every way in: .txt, pasted text, native JSON', () => {
    const long = '议'.repeat(10_000_001);
    expect(() => importTextFile(new TextEncoder().encode(long), 'long.txt')).toThrow(/is 10000001 characters long; a record holds at most 10000000/);
    expect(() => importPastedText(long, '长', 'plain')).toThrow(/at most 10000000/);
    expect(() => parseNative(nativeFile(long), 'long.json')).toThrow(expect.objectContaining({ problems: expect.arrayContaining([expect.stringMatching(/text: is 10000001 characters long/)]) }));
  }, 60_000);

  it('refuses a lone surrogate in pasted text', () => {
    expect(() => importPastedText('会\ud800议', '标题', 'plain')).toThrow(/lone surrogate/);
  });
});
