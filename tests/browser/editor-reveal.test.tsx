import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import '../../src/ui/styles.css';
import { Library } from '../../src/storage/library';
import { mountApp, unmountApps } from './i18n-mount';
import type { Annotation } from '../../src/domain/annotation';
import type { MeetingDocument } from '../../src/domain/document';
import { WINDOWED_FROM_UTF16 } from '../../src/editor/sectionWindow';
import { mountEditor, piecesOf, reveal, unmountAll, type Mounted } from './editor-helpers';

afterEach(async () => {
  unmountAll();
  await unmountApps();
});

// Proposals flattened into paragraphs of thousands of characters (issue 17): a pick in the list
// must bring the span itself into view, not the top or middle of its paragraph.
const FILL = '委员们围绕推进先进制造业高质量发展建言献策，认为当前仍存在创新能力不足的问题，建议加大投入。';

function longParagraphs(count: number, length: number): string {
  return Array.from({ length: count }, (_, i) => {
    let p = `段落${String(i).padStart(3, '0')}`;
    while (p.length < length) p += FILL;
    return p.slice(0, length);
  }).join('\n\n');
}

function record(id: string, text: string, spans: [string, number][]): { document: MeetingDocument; annotations: Annotation[] } {
  const stamp = '2026-01-01T00:00:00.000Z';
  return {
    document: { id, title: '长段落', text, format: 'plain', meta: { sourceName: 'long.txt', encoding: 'UTF-8' }, createdAt: stamp, updatedAt: stamp },
    // Every character is in the BMP: code points and UTF-16 units count alike.
    annotations: spans.map(([sid, start]) => ({ id: sid, label: 'problem', start, end: start + 12, text: text.slice(start, start + 12), createdAt: stamp, updatedAt: stamp }) as Annotation),
  };
}

/** Whether the span's first drawn piece lies within the scroll container's view. */
function inView(m: Mounted, id: string): boolean {
  const piece = piecesOf(m.root, id)[0];
  if (!piece) return false;
  const r = piece.getBoundingClientRect();
  const view = m.container.getBoundingClientRect();
  return r.height > 0 && r.top >= view.top && r.bottom <= view.bottom;
}

describe('a pick in the list brings the span itself into view', () => {
  it('inside a paragraph of 5,000 characters, near its end and near its start', async () => {
    const text = longParagraphs(4, 5_000);
    const late = 2 * 5_002 + 4_600; // near the end of the third paragraph
    const early = 3 * 5_002 + 150; // near the start of the fourth
    const r = record('doc-long-paragraphs', text, [['late', late], ['early', early]]);
    const m = await mountEditor({ document: r.document, annotations: r.annotations, scrollHeight: 400 });
    await expect.poll(() => piecesOf(m.root, 'late').length).toBeGreaterThan(0);
    expect(inView(m, 'late')).toBe(false);
    reveal(m, 'late');
    await expect.poll(() => inView(m, 'late')).toBe(true);
    reveal(m, 'early');
    await expect.poll(() => inView(m, 'early')).toBe(true);
  });

  it('in a windowed record of long paragraphs, in a section not shown yet', async () => {
    const text = longParagraphs(45, 4_000);
    expect(text.length).toBeGreaterThanOrEqual(WINDOWED_FROM_UTF16);
    const at = 40 * 4_002 + 3_500;
    const r = record('doc-long-windowed', text, [['far', at]]);
    const m = await mountEditor({ document: r.document, annotations: r.annotations, scrollHeight: 400 });
    await expect.poll(() => m.root.classList.contains('yi-windowed')).toBe(true);
    expect(piecesOf(m.root, 'far')).toHaveLength(0);
    reveal(m, 'far');
    await expect.poll(() => inView(m, 'far')).toBe(true);
  });
});

describe('in the app', () => {
  it('a click on an annotation in the sidebar scrolls the text to the span, deep in a long paragraph', async () => {
    const text = longParagraphs(3, 5_000);
    const r = record('doc-app-long', text, [['deep', 1 * 5_002 + 4_700]]);
    const dbName = `yishi-ui-test-${crypto.randomUUID()}`;
    const library = await Library.open(dbName);
    await library.importDocuments([r]);
    library.close();
    const m = await mountApp({ preferred: ['en-US'], dbName });
    const item = [...m.container.querySelectorAll<HTMLElement>('[data-testid="doc-item"]')].find((el) => el.textContent?.includes('长段落'))!;
    await userEvent.click(item.querySelector('.yi-doc-open')!);
    const list = () => m.container.querySelector<HTMLElement>('[data-testid="annotation-item"][data-annotation-id="deep"] button');
    await expect.poll(list).toBeTruthy();
    const editor = m.container.querySelector<HTMLElement>('[data-testid="editor"] .ProseMirror')!;
    const scroller = m.container.querySelector<HTMLElement>('.yi-scroll')!;
    const piece = () => editor.querySelector<HTMLElement>('[data-annotation-ids~="deep"]');
    await expect.poll(piece).toBeTruthy();
    const shown = () => {
      const box = piece()!.getBoundingClientRect();
      const view = scroller.getBoundingClientRect();
      return box.height > 0 && box.top >= view.top && box.bottom <= view.bottom;
    };
    expect(shown()).toBe(false);
    await userEvent.click(list()!);
    await expect.poll(shown).toBe(true);
    expect(document.activeElement).toBe(editor);
  });
});
