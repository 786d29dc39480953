/** Small helpers shared by the formats: stable ids, escaping, labels, file names. */
import { stripBidiControls } from '../../domain/textRules';
import type { Label } from '../../domain/labels';

const FNV64_OFFSET = 0xcbf29ce484222325n;
const FNV64_PRIME = 0x100000001b3n;
const MASK64 = 0xffffffffffffffffn;
const utf8 = new TextEncoder();

/** FNV-1a, 64 bits, over the UTF-8 bytes of `s`, as 16 hex digits. Not cryptographic: an id. */
export function fnv1a64(s: string): string {
  let h = FNV64_OFFSET;
  for (const b of utf8.encode(s)) {
    h ^= BigInt(b);
    h = (h * FNV64_PRIME) & MASK64;
  }
  return h.toString(16).padStart(16, '0');
}

/** The id given to a document whose file carries none: stable for the same canonical text. */
export function documentIdFromText(text: string): string {
  return `doc-${fnv1a64(text)}`;
}

/** The id given to an annotation whose file carries none: stable for the same span. */
export function annotationIdFromSpan(docId: string, label: string, start: number, end: number): string {
  return `ann-${fnv1a64(`${docId}\u0000${label}\u0000${start}\u0000${end}`)}`;
}

/** The id given to a relation whose file carries none: stable for the same type and ends. */
export function relationIdFromEnds(docId: string, type: string, from: string, to: string): string {
  return `rel-${fnv1a64(`${docId}\u0000${type}\u0000${from}\u0000${to}`)}`;
}

/** Escapes text for HTML element content and (double- or single-quoted) attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}
const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for XML content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => XML_ENTITIES[c]!);
}
const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** The label's display name: "问题 (problem)", or the id for a label not in the set. */
export function labelTitle(labels: readonly Label[], id: string): string {
  const l = labels.find((x) => x.id === id);
  if (!l) return id;
  return l.nameEn && l.nameEn !== l.name ? `${l.name} (${l.nameEn})` : l.name;
}

const COLOR = /^#[0-9a-fA-F]{6}$/;
export function safeColor(c: string | undefined): string {
  return c !== undefined && COLOR.test(c) ? c.toLowerCase() : '#888888';
}

/**
 * The order summaries group labels in: problems, proposals, recommendations, responses (as a
 * reader meets them in a report), then every other label in label-set order.
 */
const SUMMARY_ORDER = ['problem', 'proposal', 'recommendation', 'response'];
export function summaryLabelOrder(labels: readonly Label[]): Label[] {
  const rank = (l: Label): number => {
    const i = SUMMARY_ORDER.indexOf(l.id);
    return i >= 0 ? i : SUMMARY_ORDER.length;
  };
  return labels
    .map((l, i) => ({ l, i }))
    .sort((a, b) => rank(a.l) - rank(b.l) || a.i - b.i)
    .map((x) => x.l);
}

/**
 * A file-name stem from a title: characters that file systems or zip tools refuse (/ \ : * ? " < > |,
 * control characters) become "_", leading dots are removed, and the result has at most 80 code
 * points. Distinct titles can give the same stem: `uniqueStems` numbers the repeats.
 */
export function fileStem(title: string): string {
  let s = stripBidiControls(title).replace(/[/\\:*?"<>|\u0000-\u001f\u007f]/g, '_').replace(/\s+/g, ' ').trim();
  s = s.replace(/^\.+/, '');
  s = Array.from(s).slice(0, 80).join('').trim();
  return s === '' ? 'document' : s;
}

/** Stems for a list of titles, unique case-insensitively ("a", "a-2", "a-3", …). */
export function uniqueStems(titles: readonly string[]): string[] {
  const used = new Set<string>();
  return titles.map((t) => {
    const base = fileStem(t);
    let stem = base;
    for (let n = 2; used.has(stem.toLowerCase()); n++) stem = `${base}-${n}`;
    used.add(stem.toLowerCase());
    return stem;
  });
}

/** One JSON value per line, each line ending in "\n". */
export function jsonLines(values: readonly unknown[]): string {
  return values.map((v) => `${JSON.stringify(v)}\n`).join('');
}

