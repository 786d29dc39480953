/**
 * Word .docx through mammoth (a well-kept converter: paragraphs, headings, lists, tables, notes),
 * after docxNumbering has written Word's automatic numbers into the text, then docxHtml for the
 * text itself. fflate reads and rewrites the zip (mammoth reads it again with its own JSZip).
 */
import { unzipSync, zipSync, strFromU8, strToU8, type Unzipped } from 'fflate';
import { normaliseText } from '../../domain/document';
import { htmlToText } from './htmlText';
import { numberParagraphs } from './docxNumbering';
import { problem, type IntakeNote, type IntakeProblem, type IntakeResult } from './types';

/** Word's title styles (English and Chinese style names) as top-level headings too. */
const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", "p[style-name='标题'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh", "p[style-name='副标题'] => h2:fresh"];

function unzip(bytes: Uint8Array): Unzipped | IntakeProblem {
  try {
    return unzipSync(bytes);
  } catch (error) {
    return problem('corruptDocx', error instanceof Error ? error.message : String(error));
  }
}

export async function readDocx(bytes: Uint8Array): Promise<IntakeResult | IntakeProblem> {
  const files = unzip(bytes);
  if ('ok' in files && files.ok === false) return files as IntakeProblem;
  const zip = files as Unzipped;
  const document = zip['word/document.xml'];
  if (!document) return problem('corruptDocx', 'no word/document.xml in the archive');
  const numbering = zip['word/numbering.xml'];
  const numbered = numberParagraphs(strFromU8(document), numbering ? strFromU8(numbering) : undefined);
  const rewritten = zipSync({ ...zip, 'word/document.xml': strToU8(numbered) });
  const mammoth = (await import('mammoth')).default;
  let html: string;
  const notes: IntakeNote[] = [];
  try {
    const result = await mammoth.convertToHtml(
      { buffer: rewritten, arrayBuffer: rewritten },
      { styleMap: STYLE_MAP, convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })) },
    );
    html = result.value;
    // Warnings (an unknown style, a dropped image) are the normal course of a real document; errors are told.
    const warnings = result.messages.filter((m) => m.type === 'error').length;
    if (warnings > 0) notes.push({ kind: 'converterMessages', count: warnings });
  } catch (error) {
    return problem('corruptDocx', error instanceof Error ? error.message : String(error));
  }
  const { text } = normaliseText(htmlToText(html, { web: false }));
  if (text.trim() === '') return problem('noText');
  return { ok: true, text, format: 'markdown', source: 'docx', meta: {}, notes };
}
