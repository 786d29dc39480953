/**
 * Intake: a file as it arrives (Word, PDF, web page, text) → the text every span will point into.
 * One entry point; each format's converter is a module of its own, loaded when first needed
 * (pdf.js, mammoth and Readability stay out of the app's first load).
 *
 * Nothing here stores anything. Decisions that cannot be taken back once spans point into the
 * text (joining hard-wrapped lines, splitting a compilation) are only *noted*: the text is the
 * file's own; hardWrap.ts and compilation.ts give the previews of the other ways.
 */
import { importTextFile, ImportError } from '../textFile';
import { detectCompilation } from './compilation';
import { detectHardWrap } from './hardWrap';
import { problem, type IntakeNote, type IntakeProblem, type IntakeResult } from './types';

export type { IntakeFormat, IntakeNote, IntakeProblem, IntakeProblemKind, IntakeResult } from './types';

/** Larger files are refused before anything is read: no meeting record is this large. */
export const MAX_INTAKE_BYTES = 100 * 1024 * 1024;

/** The extensions intake converts (beyond plain text and Markdown, which it also reads). */
export const INTAKE_EXTENSIONS = ['docx', 'pdf', 'html', 'htm', 'doc', 'wps'] as const;

const TEXT_EXTENSIONS = ['txt', 'text', 'md', 'markdown'];

export function extensionOf(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

export function isIntakeFile(name: string): boolean {
  return (INTAKE_EXTENSIONS as readonly string[]).includes(extensionOf(name));
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[]): boolean => prefix.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** "%PDF-" within the first kilobyte (some writers put bytes before it). */
function looksLikePdf(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return head.includes('%PDF-');
}

/** A web page's bytes as text: BOM, then the charset its markup declares, then UTF-8, then GB18030. */
export function decodeHtml(bytes: Uint8Array): { html: string; encoding: string; certain: boolean } {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { html: new TextDecoder('utf-8').decode(bytes), encoding: 'UTF-8', certain: true };
  if (startsWith(bytes, [0xff, 0xfe])) return { html: new TextDecoder('utf-16le').decode(bytes), encoding: 'UTF-16LE', certain: true };
  if (startsWith(bytes, [0xfe, 0xff])) return { html: new TextDecoder('utf-16be').decode(bytes), encoding: 'UTF-16BE', certain: true };
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const declared = /<meta[^>]+charset\s*=\s*["']?\s*([-\w:.]+)/i.exec(head)?.[1];
  if (declared) {
    try {
      const decoder = new TextDecoder(declared.toLowerCase());
      return { html: decoder.decode(bytes), encoding: decoder.encoding.toUpperCase(), certain: true };
    } catch {
      // an unknown label: guess below
    }
  }
  try {
    return { html: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8', certain: true };
  } catch {
    return { html: new TextDecoder('gb18030').decode(bytes), encoding: 'GB18030', certain: false };
  }
}

/** Notes that any text may earn: a compilation to split, lines that look hard-wrapped (plain text only). */
export function textNotes(text: string, plain: boolean): IntakeNote[] {
  const notes: IntakeNote[] = [];
  if (plain) {
    const wrap = detectHardWrap(text);
    if (wrap.suspected) notes.push({ kind: 'hardWrap', joins: wrap.joins });
  }
  const compilation = detectCompilation(text);
  if (compilation) notes.push({ kind: 'compilation', items: compilation.items.length });
  return notes;
}

function withTextNotes(result: IntakeResult | IntakeProblem, name: string): IntakeResult | IntakeProblem {
  if (!result.ok) return result;
  return { ...result, meta: { sourceName: name, ...result.meta }, notes: [...result.notes, ...textNotes(result.text, false)] };
}

function readText(name: string, bytes: Uint8Array): IntakeResult | IntakeProblem {
  try {
    const t = importTextFile(bytes, name);
    const notes: IntakeNote[] = [];
    if (t.meta.encoding?.startsWith('GB18030')) notes.push({ kind: 'encodingUncertain', encoding: t.meta.encoding });
    notes.push(...textNotes(t.text, t.format === 'plain'));
    return { ok: true, text: t.text, format: t.format, source: 'text', meta: t.meta, notes };
  } catch (error) {
    if (error instanceof ImportError) return problem('unreadable', error.message);
    throw error;
  }
}

/**
 * Converts one file. Never throws for a bad file: a problem says what is wrong with it (the app
 * words it in the interface language, naming the file).
 */
export async function intakeFile(name: string, bytes: Uint8Array): Promise<IntakeResult | IntakeProblem> {
  const ext = extensionOf(name);
  if (bytes.length === 0) return problem('empty');
  if (bytes.length > MAX_INTAKE_BYTES) return problem('tooLarge', String(Math.ceil(bytes.length / 1024 / 1024)));
  if (ext === 'doc' || ext === 'wps' || (ext === 'docx' && startsWith(bytes, OLE))) return problem('legacyWord');
  if (ext === 'docx') {
    if (!startsWith(bytes, ZIP)) return problem('corruptDocx', 'not a zip archive');
    const { readDocx } = await import('./docx');
    return withTextNotes(await readDocx(bytes), name);
  }
  if (ext === 'pdf') {
    if (!looksLikePdf(bytes)) return problem('corruptPdf', 'no %PDF- header');
    const { readPdf } = await import('./pdf');
    return withTextNotes(await readPdf(bytes), name);
  }
  if (ext === 'html' || ext === 'htm') {
    const decoded = decodeHtml(bytes);
    const { readHtml } = await import('./html');
    const result = withTextNotes(readHtml(decoded.html), name);
    if (!result.ok) return result;
    const notes: IntakeNote[] = decoded.certain ? result.notes : [{ kind: 'encodingUncertain', encoding: decoded.encoding }, ...result.notes];
    return { ...result, meta: { ...result.meta, encoding: decoded.encoding }, notes };
  }
  if (TEXT_EXTENSIONS.includes(ext)) return readText(name, bytes);
  return problem('unsupported', ext);
}

/** HTML from the clipboard (a copy from a web page or Word): the same reading as a saved page. */
export async function intakeClipboardHtml(html: string): Promise<IntakeResult | IntakeProblem> {
  const { readHtml } = await import('./html');
  return readHtml(html);
}
