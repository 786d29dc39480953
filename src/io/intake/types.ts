/**
 * What an intake converter gives back: the text every span will point into, or a problem the
 * analyst is told about (nothing is stored then). Messages are keys (src/i18n, block "intake."),
 * so the app words them in the interface language.
 */
import type { DocumentMeta, TextFormat } from '../../domain/document';

export type IntakeFormat = 'docx' | 'pdf' | 'html' | 'text';

/** Something seen while converting, which the import summary reports. */
export type IntakeNote =
  | { kind: 'headersDropped'; count: number }
  | { kind: 'radicalsMapped'; count: number }
  | { kind: 'hardWrap'; joins: number }
  | { kind: 'compilation'; items: number }
  | { kind: 'encodingUncertain'; encoding: string }
  | { kind: 'pdfPages'; pages: number }
  | { kind: 'converterMessages'; count: number };

export interface IntakeResult {
  ok: true;
  text: string;
  /** The record's text format: Markdown when headings are written as `# `. */
  format: TextFormat;
  /** Which converter read the file. */
  source: IntakeFormat;
  meta: DocumentMeta;
  notes: IntakeNote[];
}

export type IntakeProblemKind =
  | 'empty'
  | 'tooLarge'
  | 'legacyWord'
  | 'corruptDocx'
  | 'corruptPdf'
  | 'encryptedPdf'
  | 'emptyPdf'
  | 'noTextLayer'
  | 'noText'
  | 'unsupported'
  | 'unreadable';

export interface IntakeProblem {
  ok: false;
  kind: IntakeProblemKind;
  /** The converter's own words, when it said something (kept in English, as it came). */
  detail?: string;
}

export const problem = (kind: IntakeProblemKind, detail?: string): IntakeProblem =>
  detail === undefined ? { ok: false, kind } : { ok: false, kind, detail };
