import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { TextSelection } from '@tiptap/pm/state';
import { annotationDecorationsKey } from '../../src/editor/annotationDecorations';
import '../../src/ui/styles.css';
import type { Annotation } from '../../src/domain/annotation';
import type { MeetingDocument } from '../../src/domain/document';
import { BLOCKS_PER_SECTION } from '../../src/editor/documentModel';
import { WINDOWED_FROM_UTF16 } from '../../src/editor/sectionWindow';
import { u16 } from '../../src/domain/units';
import { TEXT, highlightedText, mountEditor, piecesOf, reveal, unmountAll, type Mounted } from './editor-helpers';

afterEach(() => {
  unmountAll();
});

// A record long enough to be drawn near the viewport only: 700 paragraphs of 240 characters, each
// opening with a unique marker (段落0001…), all in the Basic Multilingual Plane, so code points
// and UTF-16 units count alike.
const PARAGRAPHS = 700;
const FILL = '委员们围绕推进先进制造业高质量发展建言献策，认为当前仍存在创新能力不足的问题。';

function paragraph(i: number): string {
  const marker = `段落${String(i).padStart(4, '0')}`;
  let p = marker;
  while (p.length < 240) p += FILL;
  return p.slice(0, 240);
}

function longRecord(): { document: MeetingDocument; annotations: Annotation[] } {
  const paragraphs = Array.from({ length: PARAGRAPHS }, (_, i) => paragraph(i));
  const text = paragraphs.join('\n\n');
  const annotations: Annotation[] = [];
  let at = 0;
  const stamp = '2026-01-01T00:00:00.000Z';
  const add = (id: string, start: number, end: number, label: string) =>
    annotations.push({ id, label, start, end, text: text.slice(start, end), createdAt: stamp, updatedAt: stamp } as Annotation);
  paragraphs.forEach((p, i) => {
    add(`p${i}`, at + 6, at + 30, i % 2 ? 'problem' : 'recommendation');
    // A span across the break into the next paragraph, at the last block of a section.
    if (i % BLOCKS_PER_SECTION === BLOCKS_PER_SECTION - 1 && i + 1 < PARAGRAPHS) add(`x${i}`, at + 200, at + p.length + 2 + 10, 'proposal');
    at += p.length + 2;
  });
  return {
    document: {
      id: 'doc-window-test',
      title: '长记录',
      text,
      format: 'plain',
      meta: { sourceName: 'long.txt', encoding: 'UTF-8' },
      createdAt: stamp,
      updatedAt: stamp,
    },
    annotations,
  };
}

const record = longRecord();

async function mountLong(): Promise<Mounted> {
  expect(record.document.text.length).toBeGreaterThanOrEqual(WINDOWED_FROM_UTF16);
  return mountEditor({ document: record.document, annotations: record.annotations, scrollHeight: 600 });
}

/** The element of paragraph i (found by its marker). */
function paragraphElement(m: Mounted, i: number): HTMLElement | undefined {
  const marker = `段落${String(i).padStart(4, '0')}`;
  return [...m.root.querySelectorAll<HTMLElement>('p')].find((p) => p.textContent?.startsWith(marker));
}

/** The first paragraph at the top of the view (a point between two paragraphs hits none). */
function paragraphAtTop(m: Mounted): { marker: string; top: number } | null {
  const view = m.container.getBoundingClientRect();
  for (let dy = 5; dy < 200; dy += 10) {
    const el = document.elementFromPoint(view.left + view.width / 2, view.top + dy)?.closest('p');
    if (el) return { marker: el.textContent!.slice(0, 6), top: Math.round(el.getBoundingClientRect().top) };
  }
  return null;
}

const drawnIds = (m: Mounted) => new Set([...m.root.querySelectorAll('[data-annotation-ids]')].flatMap((el) => el.getAttribute('data-annotation-ids')!.split(' ')));
const textOf = (id: string) => record.annotations.find((a) => a.id === id)!.text.replace(/\n/g, '');

describe('a long record is drawn near the viewport only', () => {
  it('draws the spans in view and leaves the far ones undrawn, exactly where they belong', async () => {
    const m = await mountLong();
    await expect.poll(() => highlightedText(m.root, 'p0')).toBe(textOf('p0'));
    // The span across the first section's last paragraph break is drawn whole (both sections are near).
    await expect.poll(() => highlightedText(m.root, `x${BLOCKS_PER_SECTION - 1}`)).toBe(textOf(`x${BLOCKS_PER_SECTION - 1}`));
    expect(piecesOf(m.root, `p${PARAGRAPHS - 1}`)).toHaveLength(0);
    const drawn = drawnIds(m).size;
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThan(record.annotations.length / 4);
    // Far sections are empty boxes: their paragraphs have no layout, but the record keeps its height.
    expect(paragraphElement(m, 5)!.getClientRects().length).toBeGreaterThan(0);
    expect(paragraphElement(m, PARAGRAPHS - 10)!.getClientRects()).toHaveLength(0);
    expect(m.root.querySelectorAll('.yi-far').length).toBeGreaterThan(m.root.children.length / 2);
    expect(m.container.scrollHeight).toBeGreaterThan(PARAGRAPHS * 100);
  });

  it('the text in view stays put while the window follows the scroll (no jump as sections are shown and hidden)', async () => {
    const m = await mountLong();
    await expect.poll(() => piecesOf(m.root, 'p0').length).toBeGreaterThan(0);
    const frames = (n: number) => new Promise<void>((resolve) => {
      const step = (k: number) => (k === 0 ? resolve() : requestAnimationFrame(() => step(k - 1)));
      step(n);
    });
    const atTop = () => paragraphAtTop(m);
    for (const scrollTop of [20_000, 20_700, 60_000, 59_000, 120_000]) {
      m.container.scrollTop = scrollTop;
      // Where the text is the moment the view got there, before the window follows: it may be a
      // far section's place in the padding, so the first paragraph shown there is looked for.
      await expect.poll(atTop).not.toBeNull();
      const before = atTop()!;
      // The window follows: the paragraph at the top gets its span drawn.
      const i = Number(before.marker.slice(2));
      await expect.poll(() => highlightedText(m.root, `p${i}`)).toBe(textOf(`p${i}`));
      await frames(2);
      // (scrollTop itself may change: the browser's scroll anchoring keeps the text in place when a
      // section above the view is shown at a height other than its estimate)
      expect(atTop(), `still at ${scrollTop}`).toEqual(before);
    }
  });

  it('the section holding the caret stays shown when the view scrolls away, and the caret stays put', async () => {
    const m = await mountLong();
    await expect.poll(() => piecesOf(m.root, 'p0').length).toBeGreaterThan(0);
    await userEvent.click(paragraphElement(m, 2)!);
    await expect.poll(() => m.view.hasFocus() && m.view.state.selection.empty).toBe(true);
    const caret = m.view.state.selection.head;
    m.container.scrollTop = m.container.scrollHeight;
    const last = `p${PARAGRAPHS - 1}`;
    await expect.poll(() => highlightedText(m.root, last)).toBe(textOf(last));
    expect(m.root.children[0]!.classList.contains('yi-far')).toBe(false);
    expect(m.root.children[5]!.classList.contains('yi-far')).toBe(true);
    expect(m.view.state.selection.head).toBe(caret);
  });

  it('find reveals a match in a far section and scrolls it into view', async () => {
    const m = await mountLong();
    await expect.poll(() => piecesOf(m.root, 'p0').length).toBeGreaterThan(0);
    const needle = `段落${String(PARAGRAPHS - 40).padStart(4, '0')}`;
    const start = record.document.text.indexOf(needle);
    m.editor.commands.setFindMatches([{ start: u16(start), end: u16(start + needle.length) }], 0);
    await expect.poll(() => m.root.querySelector('.yi-find.is-current')?.textContent).toBe(needle);
    const view = m.container.getBoundingClientRect();
    await expect
      .poll(() => {
        const r = m.root.querySelector('.yi-find.is-current')!.getBoundingClientRect();
        return r.height > 0 && r.top >= view.top && r.bottom <= view.bottom;
      })
      .toBe(true);
    // The spans there are drawn once the window has followed the scroll.
    const there = `p${PARAGRAPHS - 40}`;
    await expect.poll(() => highlightedText(m.root, there)).toBe(textOf(there));
  });

  it('draws what scrolls into view and clears what scrolled away', async () => {
    const m = await mountLong();
    await expect.poll(() => piecesOf(m.root, 'p0').length).toBeGreaterThan(0);
    m.container.scrollTop = m.container.scrollHeight;
    const last = `p${PARAGRAPHS - 1}`;
    await expect.poll(() => highlightedText(m.root, last)).toBe(textOf(last));
    // (p0 would stay: its section holds the editor's selection, which is always shown)
    await expect.poll(() => piecesOf(m.root, 'p25').length).toBe(0);
    // The spans of the last paragraphs are drawn over their own text, as a full drawing would.
    for (let i = PARAGRAPHS - 15; i < PARAGRAPHS; i++) expect(highlightedText(m.root, `p${i}`), `p${i}`).toBe(textOf(`p${i}`));
    expect(drawnIds(m).size).toBeLessThan(record.annotations.length / 4);
  });

  it('a change to a span out of view is kept and drawn once the span is scrolled to; the sidebar pick selects it', async () => {
    const m = await mountLong();
    await expect.poll(() => piecesOf(m.root, 'p0').length).toBeGreaterThan(0);
    const far = `p${PARAGRAPHS - 50}`;
    expect(piecesOf(m.root, far)).toHaveLength(0);
    m.session.select(far);
    m.session.relabelSelected('response');
    await m.session.idle();
    expect(m.session.find(far)?.label).toBe('response');
    expect(piecesOf(m.root, far)).toHaveLength(0);
    // A pick in the sidebar scrolls the text to the span: it is drawn there, relabelled and selected.
    reveal(m, far);
    await expect.poll(() => piecesOf(m.root, far).map((el) => el.getAttribute('data-labels'))).toEqual(['response']);
    await expect.poll(() => piecesOf(m.root, far)[0]?.classList.contains('is-selected')).toBe(true);
    expect(highlightedText(m.root, far)).toBe(textOf(far));
    // Deleted out of view after scrolling back: gone when it comes into view again.
    // Scrolled back to the top: the span's section still holds the selection, so it stays shown.
    m.container.scrollTop = 0;
    await expect.poll(() => piecesOf(m.root, 'p2').length).toBeGreaterThan(0);
    expect(piecesOf(m.root, far).length).toBeGreaterThan(0);
    expect(piecesOf(m.root, `p${PARAGRAPHS - 110}`)).toHaveLength(0);
    // The text's selection leaves the span's section, which is then hidden, before the delete.
    m.view.dispatch(m.view.state.tr.setSelection(TextSelection.atStart(m.view.state.doc)));
    await expect.poll(() => piecesOf(m.root, far).length).toBe(0);
    m.session.deleteSelected();
    await m.session.idle();
    expect(m.session.find(far)).toBeUndefined();
    reveal(m, `p${PARAGRAPHS - 51}`);
    await expect.poll(() => piecesOf(m.root, `p${PARAGRAPHS - 51}`).length).toBeGreaterThan(0);
    expect(piecesOf(m.root, far)).toHaveLength(0);
    expect(m.errors).toEqual([]);
  });

  it('a span across many sections is drawn once in each shown section, however the window moves', async () => {
    const stamp = '2026-01-01T00:00:00.000Z';
    const { text } = record.document;
    const start = text.indexOf(paragraph(5));
    const end = text.indexOf(paragraph(400));
    const long = { id: 'long', label: 'problem', start, end, text: text.slice(start, end), createdAt: stamp, updatedAt: stamp } as Annotation;
    const m = await mountEditor({ document: record.document, annotations: [long], scrollHeight: 600 });
    await expect.poll(() => piecesOf(m.root, 'long').length).toBeGreaterThan(0);
    // The selection stays at the start (section 0 is always shown): the window is not one run.
    for (const scrollTop of [8_000, 12_000, 16_000, 20_000, 40_000, 30_000]) {
      m.container.scrollTop = scrollTop;
      await expect.poll(() => paragraphAtTop(m)).not.toBeNull();
      await expect.poll(() => m.root.querySelectorAll('[data-annotation-ids~="long"]').length).toBeGreaterThan(20);
      // No piece twice in the decoration set (the browser would merge them and hide the fault).
      const pieces = annotationDecorationsKey.getState(m.view.state)!.decorations.find().map((d) => `${d.from}-${d.to}`);
      expect(new Set(pieces).size, 'distinct pieces').toBe(pieces.length);
      // One piece per shown paragraph it covers, no more.
      const shown = [...m.root.querySelectorAll('p')].filter((p) => p.getClientRects().length > 0 && p.querySelector('[data-annotation-ids~="long"]'));
      expect(piecesOf(m.root, 'long').filter((el) => el.getClientRects().length > 0)).toHaveLength(shown.length);
    }
  });

  it('a short record is drawn whole, out of view included', async () => {
    const text = TEXT;
    const at = Array.from(text.slice(0, text.indexOf('请回应'))).length;
    const stamp = '2026-01-01T00:00:00.000Z';
    const last = { id: 'end', label: 'response', start: at, end: at + 3, text: '请回应', createdAt: stamp, updatedAt: stamp } as Annotation;
    const m = await mountEditor({ annotations: [last], scrollHeight: 30 });
    expect(text.length).toBeLessThan(WINDOWED_FROM_UTF16);
    await expect.poll(() => highlightedText(m.root, 'end')).toBe('请回应');
    expect(m.root.getBoundingClientRect().height).toBeGreaterThan(60); // it is out of the 30 px view
  });
});
