import { describe, it, expect } from 'vitest';
import iconv from 'iconv-lite';
import {
  ImportError,
  decodeBytes,
  firstInvalidUtf8Offset,
  formatFromFileName,
  importPastedText,
  importTextFile,
  titleFromFileName,
} from '../../src/io/textFile';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const bytes = (...b: number[]): Uint8Array => new Uint8Array(b);
const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const utf16le = (s: string): Uint8Array => {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    out[2 * i] = s.charCodeAt(i) & 0xff;
    out[2 * i + 1] = s.charCodeAt(i) >> 8;
  }
  return out;
};
const utf16be = (s: string): Uint8Array => {
  const le = utf16le(s);
  const out = new Uint8Array(le.length);
  for (let i = 0; i < le.length; i += 2) {
    out[i] = le[i + 1]!;
    out[i + 1] = le[i]!;
  }
  return out;
};
const toBytes = (buf: Buffer): Uint8Array => new Uint8Array(buf);

/** Runs `fn`, expects an ImportError and returns it. */
function importError(fn: () => unknown): ImportError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return e as ImportError;
  }
  throw new Error('expected an ImportError, but nothing was thrown');
}

const SAMPLE = '天津市政协十四届五次会议\n主持人：张三\n';

describe('decodeBytes / importTextFile: encodings', () => {
  it('reads UTF-8 without BOM', () => {
    const r = importTextFile(utf8(SAMPLE), '会议.txt');
    expect(r).toEqual({
      title: '会议',
      text: SAMPLE,
      format: 'plain',
      meta: { sourceName: '会议.txt', encoding: 'UTF-8', normalised: [] },
    });
  });

  it('reads UTF-8 with BOM, drops the BOM and reports it', () => {
    const file = concat(bytes(0xef, 0xbb, 0xbf), utf8(SAMPLE));
    const r = importTextFile(file, '会议.md');
    expect(r.text).toBe(SAMPLE);
    expect(r.text.charCodeAt(0)).not.toBe(0xfeff);
    expect(r.format).toBe('markdown');
    expect(r.meta).toEqual({
      sourceName: '会议.md',
      encoding: 'UTF-8 with BOM',
      normalised: ['removed byte order mark'],
    });
    expect(decodeBytes(file, '会议.md')).toEqual({ text: SAMPLE, encoding: 'UTF-8 with BOM' });
  });

  it('reads UTF-16LE with BOM, including an astral character', () => {
    const text = '发言：𠮷野家\n';
    const file = concat(bytes(0xff, 0xfe), utf16le(text));
    const r = importTextFile(file, 'a.txt');
    expect(r.text).toBe(text);
    expect(r.meta.encoding).toBe('UTF-16LE with BOM');
    expect(r.meta.normalised).toEqual(['removed byte order mark']);
    expect(decodeBytes(file, 'a.txt')).toEqual({ text, encoding: 'UTF-16LE with BOM' });
  });

  it('reads UTF-16BE with BOM', () => {
    const text = '会议记录\r\n第二行';
    const r = importTextFile(concat(bytes(0xfe, 0xff), utf16be(text)), 'b.txt');
    expect(r.text).toBe('会议记录\n第二行');
    expect(r.meta.encoding).toBe('UTF-16BE with BOM');
    expect(r.meta.normalised).toEqual(['removed byte order mark', 'line breaks CRLF/CR → LF']);
  });

  it('reads GBK bytes as GB18030', () => {
    const text = '天津市政协会议纪要\n各位委员：\n';
    const file = toBytes(iconv.encode(text, 'gbk'));
    // Sanity: these bytes are not UTF-8, so the GB18030 path is really taken.
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(file)).toThrow();
    const r = importTextFile(file, '纪要.txt');
    expect(r.text).toBe(text);
    expect(r.meta).toEqual({ sourceName: '纪要.txt', encoding: 'GB18030', normalised: [] });
  });

  it('reads GB18030 bytes including a 4-byte character (𠮷 U+20BB7)', () => {
    const text = '天津市政协：𠮷先生发言。\r\n完';
    const file = toBytes(iconv.encode(text, 'gb18030'));
    // 𠮷 is the four-byte sequence 95 34 B2 35 in GB18030.
    const hex = Array.from(file, (b) => b.toString(16).padStart(2, '0')).join(' ');
    expect(hex).toContain('95 34 b2 35');
    const r = importTextFile(file, '纪要.txt');
    expect(r.text).toBe('天津市政协：𠮷先生发言。\n完');
    expect(r.meta.encoding).toBe('GB18030');
    expect(r.meta.normalised).toEqual(['line breaks CRLF/CR → LF']);
  });

  it('prefers UTF-8 when bytes are valid UTF-8', () => {
    expect(decodeBytes(utf8('纪要'), 'x.txt')).toEqual({ text: '纪要', encoding: 'UTF-8' });
  });
});

describe('importTextFile: canonical text', () => {
  it('turns CRLF and lone CR into LF and reports it', () => {
    const r = importTextFile(utf8('一\r\n二\r三\n四'), 'x.txt');
    expect(r.text).toBe('一\n二\n三\n四');
    expect(r.meta.normalised).toEqual(['line breaks CRLF/CR → LF']);
  });

  it('keeps trailing spaces, U+3000, tabs, blank lines and Markdown markup exactly', () => {
    const text = '# 标题  \n\n\n\u3000\u3000正文，**加粗**  \n\t- 列表\n\n\n';
    const r = importTextFile(utf8(text), 'x.md');
    expect(r.text).toBe(text);
    expect(r.text.length).toBe(text.length);
    expect(r.meta.normalised).toEqual([]);
  });

  it('decodeBytes does not normalise line breaks', () => {
    expect(decodeBytes(utf8('a\r\nb'), 'x.txt').text).toBe('a\r\nb');
  });
});

describe('refusals', () => {
  const cases: [string, Uint8Array, string, RegExp][] = [
    ['empty file', new Uint8Array(0), '空.txt', /empty/],
    ['UTF-8 BOM only', bytes(0xef, 0xbb, 0xbf), 'bom.txt', /only a byte order mark/],
    ['UTF-16LE BOM only', bytes(0xff, 0xfe), 'bom16.txt', /only a byte order mark/],
    ['whitespace only', utf8(' \n\t\r\n\u3000 '), '空白.txt', /only whitespace/],
    ['BOM and whitespace', concat(bytes(0xef, 0xbb, 0xbf), utf8('  \n')), 'w.txt', /only whitespace/],
    ['NUL byte', utf8('abc\u0000def'), 'nul.txt', /binary.*NUL byte at offset 3/],
    ['control characters', utf8('a\u0001b\u0002c\u0003'), 'ctl.txt', /binary/],
    ['PNG header', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), 'img.txt', /PNG image/],
    ['zip/docx header', bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00), 'doc.txt', /ZIP archive.*\.docx.*save it as plain text \(\.txt\)/],
    ['PDF header', utf8('%PDF-1.7\n'), 'p.md', /PDF document.*plain text and Markdown/],
    ['GIF header', utf8('GIF89a'), 'g.txt', /GIF image/],
    ['JPEG header', bytes(0xff, 0xd8, 0xff, 0xe0), 'j.txt', /JPEG image/],
    ['invalid in UTF-8 and GB18030', bytes(0x80, 0x80, 0x80, 0xff), 'bad.txt', /neither valid UTF-8 \(first invalid byte at offset 0\) nor valid GB18030/],
    ['odd-length UTF-16LE', bytes(0xff, 0xfe, 0x41, 0x00, 0x42), 'odd.txt', /not valid UTF-16LE/],
    ['UTF-16 without BOM', utf16le('hello world'), 'u16.txt', /UTF-16 without a byte order mark/],
  ];

  for (const [label, file, name, pattern] of cases) {
    it(`refuses: ${label}`, () => {
      const e = importError(() => importTextFile(file, name));
      expect(e.fileName).toBe(name);
      expect(e.message).toContain(`“${name}”`);
      expect(e.message).toMatch(pattern);
    });
  }

  it('names the file in the empty-file message', () => {
    const e = importError(() => decodeBytes(new Uint8Array(0), '会议.txt'));
    expect(e.message).toBe('“会议.txt”: the file is empty');
    expect(e.name).toBe('ImportError');
    expect(e).toBeInstanceOf(Error);
  });

  it('refuses an unsupported extension, naming the file and the supported ones', () => {
    const e = importError(() => importTextFile(utf8('{"a":1}'), 'data.json'));
    expect(e.fileName).toBe('data.json');
    expect(e.message).toContain('“data.json”');
    expect(e.message).toContain('.json');
    expect(e.message).toContain('.txt, .text, .md and .markdown');
  });

  it('refuses a .docx by extension with advice to save as .txt', () => {
    const e = importError(() => importTextFile(utf8('x'), '报告.docx'));
    expect(e.message).toContain('“报告.docx”');
    expect(e.message).toMatch(/plain text and Markdown/);
    expect(e.message).toMatch(/save it as plain text \(\.txt\)/);
  });

  it('refuses a file without extension', () => {
    const e = importError(() => importTextFile(utf8('x'), 'README'));
    expect(e.message).toMatch(/^“README”: the file has no extension/);
  });

  it('accepts a few control characters in a long text (under 1%)', () => {
    const text = '会'.repeat(300) + '\u001b' + '议'.repeat(300);
    expect(importTextFile(utf8(text), 'x.txt').text).toBe(text);
  });
});

describe('firstInvalidUtf8Offset', () => {
  it('finds the first ill-formed sequence', () => {
    expect(firstInvalidUtf8Offset(utf8('会议𠮷'))).toBe(-1);
    expect(firstInvalidUtf8Offset(concat(utf8('会议'), bytes(0xc0, 0x80)))).toBe(6);
    expect(firstInvalidUtf8Offset(concat(utf8('ab'), bytes(0xe4, 0xbc)))).toBe(2); // truncated
    expect(firstInvalidUtf8Offset(bytes(0xed, 0xa0, 0x80))).toBe(0); // surrogate
    expect(firstInvalidUtf8Offset(bytes(0x41, 0xf4, 0x90, 0x80, 0x80))).toBe(1); // > U+10FFFF
  });
});

describe('importPastedText', () => {
  it('normalises line breaks and keeps everything else', () => {
    const r = importPastedText('\u3000发言  \r\n\r\n下一段', '粘贴的会议', 'plain');
    expect(r).toEqual({
      title: '粘贴的会议',
      text: '\u3000发言  \n\n下一段',
      format: 'plain',
      meta: { normalised: ['line breaks CRLF/CR → LF'] },
    });
  });

  it('refuses empty and whitespace-only text, naming the title', () => {
    const empty = importError(() => importPastedText('', '会议', 'markdown'));
    expect(empty.fileName).toBe('会议');
    expect(empty.message).toBe('“会议”: the pasted text is empty');
    const blank = importError(() => importPastedText(' \n\u3000\r\n', '会议', 'plain'));
    expect(blank.message).toBe('“会议”: the pasted text contains only whitespace');
  });

  it('uses "Pasted text" for a blank title', () => {
    expect(importPastedText('x', '  ', 'plain').title).toBe('Pasted text');
  });
});

describe('file names', () => {
  it('derives the title', () => {
    expect(titleFromFileName('会议纪要.final.md')).toBe('会议纪要.final');
    expect(titleFromFileName('会议.txt')).toBe('会议');
    expect(titleFromFileName('dir/sub/记录.markdown')).toBe('记录');
    expect(titleFromFileName('C:\\Users\\me\\记录.txt')).toBe('记录');
    expect(titleFromFileName('.md')).toBe('.md');
    expect(titleFromFileName('README')).toBe('README');
  });

  it('derives the format', () => {
    expect(formatFromFileName('a.md')).toBe('markdown');
    expect(formatFromFileName('a.MARKDOWN')).toBe('markdown');
    expect(formatFromFileName('a.txt')).toBe('plain');
    expect(formatFromFileName('a.Text')).toBe('plain');
    expect(formatFromFileName('a.json')).toBeNull();
    expect(formatFromFileName('a.md.docx')).toBeNull();
    expect(formatFromFileName('md')).toBeNull();
    expect(formatFromFileName('.md')).toBeNull();
  });
});
