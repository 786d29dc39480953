import type { JSONContent } from '@tiptap/core';
import type { TextFormat } from '../domain/document';
import { layoutBlocks, type Block, type InlineStyle } from '../domain/layout';
import { PositionMap } from './positionMap';

/**
 * Paragraphs are grouped into sections of this many blocks. ProseMirror's DecorationSet keeps a
 * tree per node, so grouping keeps each decoration update local (measured: ~50 ms per change for
 * a flat 4,000-paragraph document, 2.5 ms with sections).
 */
export const BLOCKS_PER_SECTION = 20;

/**
 * A rough height of a block in pixels, for sections not rendered yet: about 42 characters per line
 * at the reading width, 36 px per line, 16 px between blocks (see styles.css). Only a placeholder:
 * the browser remembers each section's real height once it has been rendered.
 */
function estimatedHeight(block: Block): number {
  return Math.ceil((block.end - block.start) / 42) * 36 + 16;
}

export interface EditorDocument {
  content: JSONContent;
  positions: PositionMap;
  blocks: Block[];
}

/** Builds the read-only editor document for a canonical text, and its position map. */
export function buildEditorDocument(text: string, format: TextFormat): EditorDocument {
  const blocks = layoutBlocks(text, format);
  const sections: JSONContent[] = [];
  const contentPositions: number[] = [];
  let pos = 0;
  for (let first = 0; first < Math.max(blocks.length, 1); first += BLOCKS_PER_SECTION) {
    const children: JSONContent[] = [];
    let height = 0;
    pos += 1; // into the section
    for (const block of blocks.slice(first, first + BLOCKS_PER_SECTION)) {
      pos += 1; // into the block
      contentPositions.push(pos);
      children.push(blockContent(text, block));
      height += estimatedHeight(block);
      pos += block.end - block.start + 1; // content, then out of the block
    }
    if (children.length === 0) children.push({ type: 'paragraph' });
    pos += 1; // out of the section
    sections.push({ type: 'section', attrs: { estimatedHeight: Math.max(height, 36) }, content: children });
  }
  return {
    content: { type: 'doc', content: sections },
    positions: new PositionMap(blocks, contentPositions, text.length),
    blocks,
  };
}

function blockContent(text: string, block: Block): JSONContent {
  const node: JSONContent =
    block.kind === 'heading'
      ? { type: 'heading', attrs: { level: block.level } }
      : { type: 'paragraph' };
  const inline: JSONContent[] = [];
  // Cut points: line breaks and style edges.
  const cuts = new Set<number>([block.start, block.end]);
  for (const s of block.inline) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  for (let i = text.indexOf('\n', block.start); i >= 0 && i < block.end; i = text.indexOf('\n', i + 1)) {
    cuts.add(i);
    cuts.add(i + 1);
  }
  const points = [...cuts].filter((p) => p >= block.start && p <= block.end).sort((a, b) => a - b);
  for (let k = 0; k + 1 < points.length; k++) {
    const s = points[k]!;
    const e = points[k + 1]!;
    if (e <= s) continue;
    if (text.charCodeAt(s) === 10 && e === s + 1) {
      inline.push({ type: 'hardBreak' });
      continue;
    }
    const marks = marksAt(block.inline, s);
    inline.push(marks.length ? { type: 'text', text: text.slice(s, e), marks } : { type: 'text', text: text.slice(s, e) });
  }
  if (inline.length) node.content = inline;
  return node;
}

function marksAt(styles: readonly InlineStyle[], offset: number): { type: string }[] {
  const marks: { type: string }[] = [];
  for (const s of styles) {
    if (s.start <= offset && offset < s.end) marks.push({ type: s.kind === 'strong' ? 'bold' : 'mdSyntax' });
  }
  return marks;
}
