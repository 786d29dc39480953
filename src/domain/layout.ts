import type { TextFormat } from './document';

/**
 * How a canonical text is shown as blocks. Every character of the text keeps its place: a block
 * covers the UTF-16 range [start, end) of the text, a line break inside a block is shown as a line
 * break, and the line breaks between blocks (blank lines) are the gaps between them.
 *
 * - plain text: every non-empty line is a paragraph;
 * - Markdown: a line starting with 1–6 `#` and a space is a heading; consecutive other non-empty
 *   lines form one paragraph. Markup characters (`## `, `**`) stay in the text and are shown dimmed.
 */
export interface Block {
  kind: 'heading' | 'paragraph';
  /** Heading level 1–6; 0 for paragraphs. */
  level: number;
  start: number;
  end: number;
  /** Inline styling inside the block (UTF-16 offsets into the whole text). */
  inline: InlineStyle[];
}

export interface InlineStyle {
  kind: 'syntax' | 'strong';
  start: number;
  end: number;
}

const HEADING = /^(#{1,6})([ \t]+|$)/;
const STRONG = /\*\*(?=\S)([^*\n]+?)\*\*/g;

export function layoutBlocks(text: string, format: TextFormat): Block[] {
  const blocks: Block[] = [];
  let paragraphStart = -1;
  let paragraphEnd = -1;
  const flushParagraph = () => {
    if (paragraphStart >= 0) {
      blocks.push({
        kind: 'paragraph',
        level: 0,
        start: paragraphStart,
        end: paragraphEnd,
        inline: format === 'markdown' ? strongStyles(text, paragraphStart, paragraphEnd) : [],
      });
    }
    paragraphStart = -1;
  };

  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    if (lineEnd === lineStart) {
      flushParagraph();
    } else {
      const heading = format === 'markdown' ? HEADING.exec(text.slice(lineStart, Math.min(lineEnd, lineStart + 8))) : null;
      if (heading) {
        flushParagraph();
        const markerEnd = lineStart + heading[0].length;
        blocks.push({
          kind: 'heading',
          level: heading[1]!.length,
          start: lineStart,
          end: lineEnd,
          inline: [{ kind: 'syntax', start: lineStart, end: markerEnd }, ...strongStyles(text, markerEnd, lineEnd)],
        });
      } else if (format === 'plain') {
        blocks.push({ kind: 'paragraph', level: 0, start: lineStart, end: lineEnd, inline: [] });
      } else {
        if (paragraphStart < 0) paragraphStart = lineStart;
        paragraphEnd = lineEnd;
      }
    }
    lineStart = lineEnd + 1;
  }
  flushParagraph();
  return blocks;
}

function strongStyles(text: string, start: number, end: number): InlineStyle[] {
  const styles: InlineStyle[] = [];
  const slice = text.slice(start, end);
  for (const m of slice.matchAll(STRONG)) {
    const s = start + m.index;
    const e = s + m[0].length;
    styles.push({ kind: 'syntax', start: s, end: s + 2 });
    styles.push({ kind: 'strong', start: s + 2, end: e - 2 });
    styles.push({ kind: 'syntax', start: e - 2, end: e });
  }
  return styles;
}
