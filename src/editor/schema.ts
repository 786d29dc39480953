import { Mark, Node } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';

/** The document holds sections; sections hold headings and paragraphs (see documentModel.ts). */
const RecordDocument = Node.create({
  name: 'doc',
  topNode: true,
  content: 'section+',
});

/**
 * A group of blocks. Off-screen sections are skipped by the browser (`content-visibility: auto`);
 * until one has been rendered, its height is taken from `estimatedHeight`, so the scrollbar is
 * about right and scrolling does not bring in many sections at once.
 */
const Section = Node.create({
  name: 'section',
  group: 'section',
  content: '(paragraph | heading)+',
  addAttributes: () => ({ estimatedHeight: { default: 1600, rendered: false } }),
  parseHTML: () => [{ tag: 'section' }],
  renderHTML: ({ node }) => [
    'section',
    { class: 'yi-section', style: `contain-intrinsic-size: auto ${Math.round(node.attrs.estimatedHeight as number)}px` },
    0,
  ],
});

/** Markdown markup characters (`## `, `**`): part of the canonical text, shown dimmed. */
const MarkdownSyntax = Mark.create({
  name: 'mdSyntax',
  parseHTML: () => [{ tag: 'span.md-syntax' }],
  renderHTML: () => ['span', { class: 'md-syntax' }, 0],
});

/** The nodes and marks a record is shown with; nothing that edits is enabled. */
export function recordSchemaExtensions() {
  return [
    RecordDocument,
    Section,
    MarkdownSyntax,
    StarterKit.configure({
      document: false,
      undoRedo: false,
      trailingNode: false,
      dropcursor: false,
      gapcursor: false,
      blockquote: false,
      bulletList: false,
      orderedList: false,
      listItem: false,
      listKeymap: false,
      code: false,
      codeBlock: false,
      horizontalRule: false,
      italic: false,
      link: false,
      strike: false,
      underline: false,
    }),
  ];
}
