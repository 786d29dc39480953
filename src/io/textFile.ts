/**
 * Importing a meeting record from a text file (or pasted text).
 *
 * Pure: bytes in, canonical text out. The only platform API used is `TextDecoder`, which exists in
 * browsers and in Node 20. The canonical text is the decoded text passed through `normaliseText`
 * (leading BOM removed, CRLF / lone CR → LF) and nothing else.
 *
 * Encoding detection, in order:
 *  1. a byte order mark: UTF-8 (EF BB BF), UTF-16LE (FF FE), UTF-16BE (FE FF);
 *  2. strict UTF-8;
 *  3. strict GB18030. GBK (and GB2312) is a subset of GB18030, so GBK files decode here too and
 *     are reported as "GB18030".
 * Anything else is refused with an `ImportError` that names the file.
 */
import { describeTextRuleProblem, isSuspectControl, MAX_CONTROL_SHARE, textRuleProblem } from '../domain/textRules';
import { normaliseText, type DocumentMeta, type TextFormat } from '../domain/document';
import { problem, type Problem, type ProblemCode, type ProblemParams } from '../domain/problem';

export interface DecodedText {
  text: string;
  /** A human label: 'UTF-8', 'UTF-8 with BOM', 'UTF-16LE with BOM', 'UTF-16BE with BOM', 'GB18030'. */
  encoding: string;
}

/**
 * A file (or pasted text) that Yishi refuses to import. The English message names the file; the
 * `problem` names it too, for the interface to say it in its language.
 */
export class ImportError extends Error {
  readonly problem: Problem;
  constructor(
    readonly fileName: string,
    message: string,
    p: Problem = problem('import.unreadable', { file: fileName, detail: message }),
  ) {
    super(message);
    this.name = 'ImportError';
    this.problem = p;
  }
}

export interface TextImport {
  title: string;
  text: string;
  format: TextFormat;
  meta: DocumentMeta;
}

const SUPPORTED_EXTENSIONS = '.txt, .text, .md and .markdown';
const TEXT_ONLY_ADVICE =
  'Yishi takes plain text and Markdown: open the file in its program and save it as plain text (.txt)';

const quote = (fileName: string): string => `“${fileName}”`;
const fail = (fileName: string, what: string, code: ProblemCode, params: ProblemParams = {}): ImportError =>
  new ImportError(fileName, `${quote(fileName)}: ${what}`, problem(code, { file: fileName, ...params }));

// ---------------------------------------------------------------------------------------------
// File names

/** The file name without directory and without its last extension. A name that is only an
 *  extension (e.g. ".md") is kept whole. Surrounding whitespace is trimmed. */
export function titleFromFileName(name: string): string {
  const base = baseName(name);
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  const title = stem.trim();
  return title === '' ? base.trim() || base : title;
}

/** `.md` / `.markdown` → 'markdown', `.txt` / `.text` → 'plain' (case-insensitive), else null. */
export function formatFromFileName(name: string): TextFormat | null {
  switch (extensionOf(name)) {
    case 'md':
    case 'markdown':
      return 'markdown';
    case 'txt':
    case 'text':
      return 'plain';
    default:
      return null;
  }
}

function baseName(name: string): string {
  const slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
  return name.slice(slash + 1);
}

/** Lower-case extension without the dot, or '' when there is none. */
function extensionOf(name: string): string {
  const base = baseName(name);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

// ---------------------------------------------------------------------------------------------
// Decoding

interface Magic {
  bytes: readonly number[];
  what: string;
  /** The kind's name in every language (a format name): "PDF", "ZIP", "Word/Office"… */
  kind: string;
}

/** Known binary formats, recognised by their first bytes. */
const MAGICS: readonly Magic[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document', kind: 'PDF' }, // %PDF
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (such as a Word .docx file)', kind: 'ZIP' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], what: 'a ZIP archive (such as a Word .docx file)', kind: 'ZIP' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], what: 'an old-style Word/Office document', kind: 'Word/Office' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image', kind: 'PNG' }, // \x89PNG
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image', kind: 'GIF' }, // GIF8
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image', kind: 'JPEG' },
];

/** The UTF-16 byte order marks (UTF-32's, which begin the same, are refused before these). */
const UTF16_BOMS = [
  { bom: [0xff, 0xfe], label: 'utf-16le', name: 'UTF-16LE' },
  { bom: [0xfe, 0xff], label: 'utf-16be', name: 'UTF-16BE' },
] as const;

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  return prefix.every((b, i) => bytes[i] === b);
}

// The share of control characters that means binary is the one text rule (domain/textRules.ts).

/**
 * Decodes a file's bytes. The returned text has no byte order mark but is otherwise exactly as
 * decoded (line breaks are not yet normalised; `importTextFile` does that).
 * Throws `ImportError` for an empty, binary or undecodable file.
 */
export function decodeBytes(bytes: Uint8Array, fileName: string): DecodedText {
  const decoded = decodeWithBom(bytes, fileName);
  const text = decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text;
  return { text, encoding: decoded.encoding };
}

/** As `decodeBytes`, but a leading BOM is kept as U+FEFF so that `normaliseText` reports it. */
function decodeWithBom(bytes: Uint8Array, fileName: string): DecodedText {
  if (bytes.length === 0) throw fail(fileName, 'the file is empty', 'text.empty');

  for (const magic of MAGICS) {
    if (startsWith(bytes, magic.bytes)) {
      throw fail(fileName, `this is ${magic.what}, not a text file. ${TEXT_ONLY_ADVICE}`, 'text.notText', { kind: magic.kind });
    }
  }
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) || startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) {
    throw fail(fileName, 'the file is in UTF-32, which Yishi does not read; save it as UTF-8', 'text.utf32');
  }

  let result: DecodedText;
  const utf16 = UTF16_BOMS.find((u) => startsWith(bytes, u.bom));
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    checkEmptyAfterBom(bytes, 3, fileName);
    checkNotBinaryBytes(bytes, fileName);
    result = { text: strictDecode('utf-8', bytes, fileName, 'UTF-8'), encoding: 'UTF-8 with BOM' };
  } else if (utf16) {
    checkEmptyAfterBom(bytes, 2, fileName);
    result = { text: strictDecode(utf16.label, bytes, fileName, utf16.name), encoding: `${utf16.name} with BOM` };
    checkNotBinaryText(result.text, fileName);
  } else {
    checkNotBinaryBytes(bytes, fileName);
    result = decodeUtf8OrGb18030(bytes, fileName);
  }

  if (/^\s*$/.test(result.text)) {
    throw fail(fileName, 'the file is empty (it contains only whitespace)', 'text.onlyWhitespace');
  }
  return result;
}

function checkEmptyAfterBom(bytes: Uint8Array, bomLength: number, fileName: string): void {
  if (bytes.length === bomLength) {
    throw fail(fileName, 'the file is empty (it contains only a byte order mark)', 'text.onlyBom');
  }
}

/** For byte-oriented encodings (UTF-8, GB18030): a byte below 0x20 is always a character of its
 *  own in both, so NULs and control characters can be found in the bytes themselves. */
function checkNotBinaryBytes(bytes: Uint8Array, fileName: string): void {
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const utf16Hint = looksLikeBomlessUtf16(bytes)
      ? ' It may be UTF-16 without a byte order mark; save it as UTF-8.'
      : '';
    throw fail(
      fileName,
      `this looks like a binary file, not text (NUL byte at offset ${nul}).${utf16Hint}`,
      'text.binaryNul',
      { offset: nul },
    );
  }
  let controls = 0;
  for (const b of bytes) if (isSuspectControl(b)) controls++;
  if (controls > bytes.length * MAX_CONTROL_SHARE) {
    throw fail(
      fileName,
      `this looks like a binary file, not text (${controls} control bytes in ${bytes.length})`,
      'text.binaryControls',
      { count: controls, total: bytes.length },
    );
  }
}

/** For UTF-16 text: checked on the decoded characters. */
function checkNotBinaryText(text: string, fileName: string): void {
  let controls = 0;
  let nul = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0 && nul < 0) nul = i;
    if (isSuspectControl(c)) controls++;
  }
  if (nul >= 0) {
    throw fail(fileName, `this looks like a binary file, not text (NUL character at position ${nul})`, 'text.binaryNul', { offset: nul });
  }
  if (controls > text.length * MAX_CONTROL_SHARE) {
    throw fail(
      fileName,
      `this looks like a binary file, not text (${controls} control characters in ${text.length})`,
      'text.binaryControls',
      { count: controls, total: text.length },
    );
  }
}

/** Text in UTF-16 without a BOM has NUL bytes at every other position for ASCII characters. */
function looksLikeBomlessUtf16(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 200);
  if (n < 4) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) {
    if (bytes[i] === 0) {
      if (i % 2 === 0) even++;
      else odd++;
    }
  }
  return Math.max(even, odd) >= n / 4 && Math.min(even, odd) === 0;
}

/** Decodes with a fatal decoder, keeping a leading BOM as U+FEFF. */
function strictDecode(label: string, bytes: Uint8Array, fileName: string, name: string): string {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const where =
      label === 'utf-8' ? ` (first invalid byte at offset ${firstInvalidUtf8Offset(bytes)})` : '';
    throw fail(
      fileName,
      `the file starts with a ${name} byte order mark but is not valid ${name}${where}`,
      'text.badBomEncoding',
      { encoding: name },
    );
  }
}

function decodeUtf8OrGb18030(bytes: Uint8Array, fileName: string): DecodedText {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    // not UTF-8: try GB18030 below
  }
  let gb: TextDecoder;
  try {
    // GBK and GB2312 are subsets of GB18030, so this also reads GBK files.
    gb = new TextDecoder('gb18030', { fatal: true, ignoreBOM: true });
  } catch {
    throw fail(
      fileName,
      `the file is not valid UTF-8 (first invalid byte at offset ${firstInvalidUtf8Offset(bytes)}) ` +
        'and this browser cannot decode GB18030; save it as UTF-8',
      'text.noGb18030',
      { offset: firstInvalidUtf8Offset(bytes) },
    );
  }
  try {
    const text = gb.decode(bytes);
    // GB18030 encodes U+FEFF as 84 31 95 33; normaliseText removes it and reports it.
    return { text, encoding: text.charCodeAt(0) === 0xfeff ? 'GB18030 with BOM' : 'GB18030' };
  } catch {
    throw fail(
      fileName,
      'the file is neither valid UTF-8 (first invalid byte at offset ' +
        `${firstInvalidUtf8Offset(bytes)}) nor valid GB18030/GBK; save it as UTF-8`,
      'text.notUtf8OrGb18030',
      { offset: firstInvalidUtf8Offset(bytes) },
    );
  }
}

/**
 * Byte offset of the first ill-formed UTF-8 sequence (Unicode Table 3-7), or -1 if there is none.
 * Only called once decoding has already failed.
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  const inRange = (j: number, lo: number, hi: number): boolean => {
    const b = bytes[j];
    return b !== undefined && b >= lo && b <= hi;
  };
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
    } else if (b >= 0xc2 && b <= 0xdf) {
      if (!inRange(i + 1, 0x80, 0xbf)) return i;
      i += 2;
    } else if (b >= 0xe0 && b <= 0xef) {
      const lo = b === 0xe0 ? 0xa0 : 0x80;
      const hi = b === 0xed ? 0x9f : 0xbf;
      if (!inRange(i + 1, lo, hi) || !inRange(i + 2, 0x80, 0xbf)) return i;
      i += 3;
    } else if (b >= 0xf0 && b <= 0xf4) {
      const lo = b === 0xf0 ? 0x90 : 0x80;
      const hi = b === 0xf4 ? 0x8f : 0xbf;
      if (!inRange(i + 1, lo, hi) || !inRange(i + 2, 0x80, 0xbf) || !inRange(i + 3, 0x80, 0xbf)) {
        return i;
      }
      i += 4;
    } else {
      return i;
    }
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------
// Import

/** Imports a .txt/.text/.md/.markdown file. Throws `ImportError` naming the file. */
export function importTextFile(bytes: Uint8Array, fileName: string): TextImport {
  const format = formatFromFileName(fileName);
  if (format === null) throw unsupportedExtension(fileName);
  const decoded = decodeWithBom(bytes, fileName);
  const { text, applied } = normaliseText(decoded.text);
  checkTextRule(text, fileName);
  return {
    title: titleFromFileName(fileName),
    text,
    format,
    meta: { sourceName: fileName, encoding: decoded.encoding, normalised: applied },
  };
}

/** The text rule every way in applies (domain/textRules.ts). */
function checkTextRule(text: string, name: string): void {
  const rule = textRuleProblem(text, 'text');
  if (rule) throw fail(name, `the text ${describeTextRuleProblem(rule)}`, 'untranslated', { detail: `“${name}”: the text ${describeTextRuleProblem(rule)}` });
}

function unsupportedExtension(fileName: string): ImportError {
  const ext = extensionOf(fileName);
  if (ext === 'docx' || ext === 'doc' || ext === 'pdf' || ext === 'rtf' || ext === 'odt') {
    return fail(
      fileName,
      `.${ext} files are not supported. ${TEXT_ONLY_ADVICE}, then import that (${SUPPORTED_EXTENSIONS})`,
      'text.officeFile',
      { ext },
    );
  }
  if (ext === '') return fail(fileName, `the file has no extension; Yishi imports ${SUPPORTED_EXTENSIONS} files`, 'text.noExtension');
  return fail(fileName, `unsupported file type “.${ext}”; Yishi imports ${SUPPORTED_EXTENSIONS} files`, 'text.unsupportedType', { ext });
}

/**
 * Imports pasted text. `title` stands in for the file name in error messages; a blank title
 * becomes "Pasted text". Throws `ImportError` when the text is empty or only whitespace.
 */
export function importPastedText(raw: string, title: string, format: TextFormat): TextImport {
  const name = title.trim() || 'Pasted text';
  const { text, applied } = normaliseText(raw);
  if (text === '') throw fail(name, 'the pasted text is empty', 'text.pastedEmpty');
  if (/^\s*$/.test(text)) throw fail(name, 'the pasted text contains only whitespace', 'text.pastedWhitespace');
  checkTextRule(text, name);
  return { title: name, text, format, meta: { normalised: applied } };
}
