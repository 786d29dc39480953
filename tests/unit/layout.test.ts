import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { getSchema } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import type { TextFormat } from '../../src/domain/document';
import { layoutBlocks, type Block } from '../../src/domain/layout';
import { u16 } from '../../src/domain/units';
import { BLOCKS_PER_SECTION, buildEditorDocument, type EditorDocument } from '../../src/editor/documentModel';
import { recordSchemaExtensions } from '../../src/editor/schema';

const schema = getSchema(recordSchemaExtensions());

/** The real ProseMirror document for a text, checked against the schema. */
function build(text: string, format: TextFormat): { model: EditorDocument; doc: PMNode } {
  const model = buildEditorDocument(text, format);
  const doc = schema.nodeFromJSON(model.content);
  doc.check();
  return { model, doc };
}

const shape = (blocks: Block[], text: string) =>
  blocks.map((b) => [b.kind, b.level, text.slice(b.start, b.end)] as const);

/**
 * Every block of a text checked against the real document: its text, its node, and that every
 * offset inside it maps to a position and back.
 */
function checkAgainstDocument(text: string, format: TextFormat): void {
  const { model, doc } = build(text, format);
  const { blocks, positions } = model;
  expect(positions.blockCount).toBe(blocks.length);
  // Sections of BLOCKS_PER_SECTION blocks.
  expect(doc.childCount).toBe(Math.max(1, Math.ceil(blocks.length / BLOCKS_PER_SECTION)));
  let k = 0;
  doc.forEach((section) => {
    expect(section.type.name).toBe('section');
    section.forEach((node) => {
      const b = blocks[k++];
      if (!b) {
        // Only the placeholder paragraph of an empty text has no block.
        expect(blocks.length).toBe(0);
        expect(node.content.size).toBe(0);
        return;
      }
      expect(node.type.name).toBe(b.kind);
      if (b.kind === 'heading') expect(node.attrs.level).toBe(b.level);
      // Inside a block, positions count UTF-16 units; a "\n" is a hard break of size 1.
      expect(node.content.size).toBe(b.end - b.start);
    });
  });
  expect(k).toBe(Math.max(blocks.length, 1));

  for (const b of blocks) {
    const from = positions.posAtOffset(u16(b.start), 'start');
    const to = positions.posAtOffset(u16(b.end), 'end');
    expect(doc.textBetween(from, to, undefined, '\n')).toBe(text.slice(b.start, b.end));
    const $from = doc.resolve(from);
    expect($from.depth).toBe(2);
    expect($from.parentOffset).toBe(0);
    expect($from.parent.type.name).toBe(b.kind);
    expect(doc.resolve(to).parentOffset).toBe(b.end - b.start);
    for (let o = b.start; o <= b.end; o++) {
      for (const side of ['start', 'end'] as const) {
        const pos = positions.posAtOffset(u16(o), side);
        expect(pos).toBe(from + (o - b.start));
        expect(positions.offsetAtPos(pos)).toBe(o);
      }
    }
  }

  // Every document position (including those between blocks and sections) maps into a block,
  // never backwards; positions between two blocks go to the end of the earlier one.
  let previous = 0;
  for (let pos = 0; pos <= doc.content.size; pos++) {
    const o = positions.offsetAtPos(pos);
    expect(o).toBeGreaterThanOrEqual(previous);
    previous = o;
    if (blocks.length === 0) expect(o).toBe(0);
    else expect(blocks.some((b) => b.start <= o && o <= b.end)).toBe(true);
    const $pos = doc.resolve(pos);
    if ($pos.depth < 2 && blocks.length > 0) {
      const before = blocks.filter((b) => positions.posAtOffset(u16(b.end), 'end') < pos);
      expect(o).toBe(before.length ? before[before.length - 1]!.end : blocks[0]!.start);
    }
  }

  // Offsets in the gaps between blocks snap to the block edges.
  for (let i = 0; i + 1 < blocks.length; i++) {
    const prev = blocks[i]!;
    const next = blocks[i + 1]!;
    for (let o = prev.end + 1; o < next.start; o++) {
      expect(positions.posAtOffset(u16(o), 'start')).toBe(positions.posAtOffset(u16(next.start), 'start'));
      expect(positions.posAtOffset(u16(o), 'end')).toBe(positions.posAtOffset(u16(prev.end), 'end'));
    }
  }
}

describe('layoutBlocks: plain text', () => {
  it('makes every non-empty line a paragraph and keeps trailing spaces and U+3000', () => {
    const text = '主持人：开会。  \n　　张三：好。\n\n\n# 不是标题\n李四 **不加粗**';
    const blocks = layoutBlocks(text, 'plain');
    expect(shape(blocks, text)).toEqual([
      ['paragraph', 0, '主持人：开会。  '],
      ['paragraph', 0, '　　张三：好。'],
      ['paragraph', 0, '# 不是标题'],
      ['paragraph', 0, '李四 **不加粗**'],
    ]);
    expect(blocks.every((b) => b.inline.length === 0)).toBe(true);
    expect(blocks[1]!.start).toBe(text.indexOf('　　'));
  });

  it('gives no block for an empty text or a text of line breaks', () => {
    expect(layoutBlocks('', 'plain')).toEqual([]);
    expect(layoutBlocks('\n\n\n', 'plain')).toEqual([]);
    expect(layoutBlocks('\n\n\n', 'markdown')).toEqual([]);
  });

  it('keeps a line of only spaces as a block (it is not a blank line)', () => {
    const text = '甲\n  \n乙';
    expect(shape(layoutBlocks(text, 'plain'), text)).toEqual([
      ['paragraph', 0, '甲'],
      ['paragraph', 0, '  '],
      ['paragraph', 0, '乙'],
    ]);
  });
});

describe('layoutBlocks: Markdown', () => {
  it('finds headings of levels 1–6 and nothing deeper', () => {
    const text = '# 一\n## 二\n### 三\n#### 四\n##### 五\n###### 六\n\n####### 七\n\n#不是\n\n##';
    expect(shape(layoutBlocks(text, 'markdown'), text)).toEqual([
      ['heading', 1, '# 一'],
      ['heading', 2, '## 二'],
      ['heading', 3, '### 三'],
      ['heading', 4, '#### 四'],
      ['heading', 5, '##### 五'],
      ['heading', 6, '###### 六'],
      ['paragraph', 0, '####### 七'],
      ['paragraph', 0, '#不是'],
      ['heading', 2, '##'],
    ]);
  });

  it('joins consecutive lines into one paragraph; blank-line runs are gaps', () => {
    const text = '\n\n第一行\n第二行　\n\n\n\n另一段\n# 标题\n紧接标题的段\n\n';
    const blocks = layoutBlocks(text, 'markdown');
    expect(shape(blocks, text)).toEqual([
      ['paragraph', 0, '第一行\n第二行　'],
      ['paragraph', 0, '另一段'],
      ['heading', 1, '# 标题'],
      ['paragraph', 0, '紧接标题的段'],
    ]);
    expect(blocks[0]!.start).toBe(2);
  });

  it('marks heading syntax and **bold** with syntax and strong styles', () => {
    const text = '## 议题 **预算**\n\n我们**必须**讨论 **a** 和 ** 不是 ** 以及 **跨\n行**';
    const blocks = layoutBlocks(text, 'markdown');
    const styles = (b: Block) => b.inline.map((s) => [s.kind, text.slice(s.start, s.end)]);
    expect(styles(blocks[0]!)).toEqual([
      ['syntax', '## '],
      ['syntax', '**'],
      ['strong', '预算'],
      ['syntax', '**'],
    ]);
    expect(styles(blocks[1]!)).toEqual([
      ['syntax', '**'],
      ['strong', '必须'],
      ['syntax', '**'],
      ['syntax', '**'],
      ['strong', 'a'],
      ['syntax', '**'],
    ]);
  });
});

describe('buildEditorDocument', () => {
  it('builds paragraphs with hard breaks and marks', () => {
    const text = '## 标题\n\n**甲**\n乙';
    const { model, doc } = build(text, 'markdown');
    expect(model.content).toEqual({
      type: 'doc',
      content: [
        {
          type: 'section',
          // Two blocks of one line each: 2 × (36 + 16) px until the browser has rendered them.
          attrs: { estimatedHeight: 104 },
          content: [
            { type: 'heading', attrs: { level: 2 }, content: [
              { type: 'text', text: '## ', marks: [{ type: 'mdSyntax' }] },
              { type: 'text', text: '标题' },
            ] },
            { type: 'paragraph', content: [
              { type: 'text', text: '**', marks: [{ type: 'mdSyntax' }] },
              { type: 'text', text: '甲', marks: [{ type: 'bold' }] },
              { type: 'text', text: '**', marks: [{ type: 'mdSyntax' }] },
              { type: 'hardBreak' },
              { type: 'text', text: '乙' },
            ] },
          ],
        },
      ],
    });
    // Positions: doc > section (1) > heading (2): "## 标题" is 5 units; then paragraph at 9.
    expect(model.positions.posAtOffset(u16(0), 'start')).toBe(2);
    expect(model.positions.posAtOffset(u16(text.indexOf('**')), 'start')).toBe(2 + 5 + 2);
    const bold = doc.nodeAt(model.positions.posAtOffset(u16(text.indexOf('甲')), 'start'))!;
    expect(bold.text).toBe('甲');
    expect(bold.marks.map((m) => m.type.name)).toEqual(['bold']);
    const br = doc.nodeAt(model.positions.posAtOffset(u16(text.indexOf('\n乙')), 'start'))!;
    expect(br.type.name).toBe('hardBreak');
  });

  it('maps a small text with astral characters and blank lines exactly', () => {
    checkAgainstDocument('𠮷野家\n\n\n👩‍💻 写代码\n第二行𠮷\n\n# 标题👨‍👩‍👧\n\n', 'markdown');
    checkAgainstDocument('𠮷野家\n\n\n👩‍💻 写代码\n第二行𠮷\n\n# 标题👨‍👩‍👧\n\n', 'plain');
  });

  it('gives an empty text one empty section and maps offset 0', () => {
    const { model, doc } = build('', 'plain');
    expect(doc.childCount).toBe(1);
    expect(model.positions.blockCount).toBe(0);
    expect(model.positions.offsetAtPos(1)).toBe(0);
    checkAgainstDocument('\n\n', 'markdown');
  });

  it('snaps offsets before the first and after the last block to the nearest block edge', () => {
    const text = '\n\n甲乙\n\n丙\n\n\n';
    const { model } = build(text, 'plain');
    const p = model.positions;
    const firstStart = p.posAtOffset(u16(2), 'start');
    const lastEnd = p.posAtOffset(u16(text.indexOf('丙') + 1), 'end');
    for (const o of [0, 1]) {
      expect(p.posAtOffset(u16(o), 'start')).toBe(firstStart);
      expect(p.posAtOffset(u16(o), 'end')).toBe(firstStart);
    }
    for (let o = text.indexOf('丙') + 2; o <= text.length; o++) {
      expect(p.posAtOffset(u16(o), 'start')).toBe(lastEnd);
      expect(p.posAtOffset(u16(o), 'end')).toBe(lastEnd);
    }
    // In the blank line between 甲乙 and 丙.
    const gap = text.indexOf('\n\n丙') + 1;
    expect(p.posAtOffset(u16(gap), 'start')).toBe(p.posAtOffset(u16(text.indexOf('丙')), 'start'));
    expect(p.posAtOffset(u16(gap), 'end')).toBe(p.posAtOffset(u16(4), 'end'));
  });

  it('refuses offsets outside the text', () => {
    const { model } = build('甲乙', 'plain');
    expect(() => model.positions.posAtOffset(u16(-1), 'start')).toThrow(RangeError);
    expect(() => model.positions.posAtOffset(u16(3), 'end')).toThrow(/3/);
  });

  it('splits more than BLOCKS_PER_SECTION blocks into sections and keeps positions right across them', () => {
    const lines = Array.from({ length: 2 * BLOCKS_PER_SECTION + 15 }, (_, i) => (i % 7 === 0 ? `## 第${i}节 𠮷` : `发言${i}：👩‍💻 **要点${i}**`));
    const text = lines.join('\n\n\n');
    const { doc } = build(text, 'markdown');
    expect(doc.childCount).toBe(3);
    expect(doc.child(0).childCount).toBe(BLOCKS_PER_SECTION);
    expect(doc.child(2).childCount).toBe(15);
    checkAgainstDocument(text, 'markdown');
    checkAgainstDocument(text, 'plain');
  });
});

// ---------------------------------------------------------------------------------------------
// Property: random texts against the real document.

const LINE_PIECES = [
  '会', '议', '记录', '，', '。', ' ', '　', 'a', '#', '# ', '## ', '###### ', '**', '**重点**', '*',
  '𠮷', '𪚥', '😀', '👩‍💻', '👨‍👩‍👧', '🇨🇳', 'e\u0301', '\t',
];

const lineArb = (minLength: number) =>
  fc.array(fc.constantFrom(...LINE_PIECES), { minLength, maxLength: 8 }).map((p) => p.join(''));

/** Lines joined by runs of 1–4 line breaks, sometimes with leading/trailing breaks. */
const textArb = (minLines: number, maxLines: number, minLineLength = 0) =>
  fc
    .tuple(
      fc.array(fc.tuple(lineArb(minLineLength), fc.integer({ min: 1, max: 4 })), {
        minLength: minLines,
        maxLength: maxLines,
      }),
      fc.integer({ min: 0, max: 3 }),
    )
    .map(([lines, lead]) => '\n'.repeat(lead) + lines.map(([l, n]) => l + '\n'.repeat(n)).join(''));

const formatArb = fc.constantFrom<TextFormat>('plain', 'markdown');

describe('buildEditorDocument properties', () => {
  it('matches the real ProseMirror document for random small texts', () => {
    fc.assert(
      fc.property(textArb(0, 12), formatArb, (text, format) => checkAgainstDocument(text, format)),
      { numRuns: 300 },
    );
  });

  it('matches the real ProseMirror document for random texts of several sections', { timeout: 30_000 }, () => {
    fc.assert(
      // Non-empty lines: in plain text each is a block, so there are at least three sections.
      fc.property(textArb(90, 130, 1), formatArb, (text, format) => {
        const blocks = layoutBlocks(text, format);
        if (format === 'plain') expect(blocks.length).toBeGreaterThan(BLOCKS_PER_SECTION);
        checkAgainstDocument(text, format);
      }),
      { numRuns: 40 },
    );
  });

  it('covers every non-line-break character with exactly one block', () => {
    fc.assert(
      fc.property(textArb(0, 30), formatArb, (text, format) => {
        const blocks = layoutBlocks(text, format);
        const covered = new Array<number>(text.length).fill(0);
        for (const b of blocks) {
          expect(b.end).toBeGreaterThan(b.start);
          expect(text[b.start]).not.toBe('\n');
          expect(text[b.end - 1]).not.toBe('\n');
          for (let o = b.start; o < b.end; o++) covered[o]!++;
        }
        for (let o = 0; o < text.length; o++) {
          if (text[o] === '\n') expect(covered[o]).toBeLessThanOrEqual(1);
          else expect(covered[o]).toBe(1);
        }
        for (let i = 1; i < blocks.length; i++) expect(blocks[i]!.start).toBeGreaterThan(blocks[i - 1]!.end);
      }),
      { numRuns: 300 },
    );
  });
});
