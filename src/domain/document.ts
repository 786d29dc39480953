/** How a record's canonical text is laid out into blocks for reading (never how it is stored). */
export type TextFormat = 'markdown' | 'plain';

export type DocumentStatus = 'not_started' | 'in_progress' | 'done' | 'reviewed';
export const DOCUMENT_STATUSES: readonly DocumentStatus[] = ['not_started', 'in_progress', 'done', 'reviewed'];

export interface DocumentMeta {
  /** The file name it was imported from, if any. */
  sourceName?: string;
  /** The encoding the file was decoded from, e.g. "UTF-8", "UTF-8 with BOM", "GB18030". */
  encoding?: string;
  /** Normalisations applied at import, e.g. ["removed BOM", "CRLF→LF"]. */
  normalised?: string[];
  /** When the meeting took place (ISO date, e.g. "2021-06-15"). */
  date?: string;
  /** The meeting, e.g. "市政协十四届常委会第二十次会议". */
  meeting?: string;
  /** Where the record comes from (a publication, a URL written down by the analyst). */
  source?: string;
  tags?: string[];
  /** Where the analyst is with the record. Absent means not started. */
  status?: DocumentStatus;
  [key: string]: unknown;
}

/** A meeting record. `text` is canonical: fixed at import, never altered afterwards. */
export interface MeetingDocument {
  id: string;
  title: string;
  text: string;
  format: TextFormat;
  meta: DocumentMeta;
  createdAt: string;
  updatedAt: string;
}

/**
 * The only normalisations Yishi applies to a text: a leading byte order mark is removed and
 * CRLF / lone CR become LF. Everything else (trailing spaces, full-width spaces, blank lines,
 * Markdown markup) is kept character for character.
 */
export function normaliseText(raw: string): { text: string; applied: string[] } {
  const applied: string[] = [];
  let text = raw;
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    applied.push('removed byte order mark');
  }
  if (text.includes('\r')) {
    text = text.replace(/\r\n?/g, '\n');
    applied.push('line breaks CRLF/CR → LF');
  }
  return { text, applied };
}
