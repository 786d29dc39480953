import { afterEach, describe, expect, it } from 'vitest';
import { cdp, userEvent } from 'vitest/browser';
import type { Annotation } from '../../src/domain/annotation';
import {
  EMOJI,
  TEXT,
  domPoint,
  drawnRuns,
  expectedRuns,
  highlightedText,
  idsOf,
  mountEditor,
  onlyAnnotation,
  piecesOf,
  placeCaret,
  selectDomBetween,
  selectDomRange,
  selectWithKeyboard,
  unmountAll,
  type Mounted,
} from './editor-helpers';

afterEach(() => {
  unmountAll();
});

/** Code-point range of the unique occurrence of `needle` in TEXT. */
function cpRangeOf(needle: string): { start: number; end: number } {
  const at = TEXT.indexOf(needle);
  expect(at, `"${needle}" in TEXT`).toBeGreaterThanOrEqual(0);
  expect(TEXT.indexOf(needle, at + 1), `"${needle}" is unique in TEXT`).toBe(-1);
  const start = Array.from(TEXT.slice(0, at)).length;
  return { start, end: start + Array.from(needle).length };
}

/** `n` presses of '[' or ']' (optionally with Shift) in userEvent.keyboard syntax. */
function presses(key: '[' | ']', n: number, shift = false): string {
  const one = key === '[' ? '[[' : ']'; // '[' opens a key descriptor unless doubled
  return shift ? `{Shift>}${one.repeat(n)}{/Shift}` : one.repeat(n);
}

function annotationWithText(m: Mounted, text: string): Annotation | undefined {
  return m.session.getSnapshot().annotations.find((a) => a.text === text);
}

/** Waits until the annotation is drawn exactly over `text`. */
async function expectDrawn(m: Mounted, id: string, text: string): Promise<void> {
  await expect.poll(() => highlightedText(m.root, id)).toBe(text);
}

async function expectNotDrawn(m: Mounted, id: string): Promise<void> {
  await expect.poll(() => piecesOf(m.root, id).length).toBe(0);
}

/** Records the keydown keys and beforeinput types the editor element receives. */
function recordInput(root: HTMLElement) {
  const keys: string[] = [];
  const inputTypes: string[] = [];
  const events: string[] = [];
  const onKey = (e: KeyboardEvent) => keys.push(e.key);
  const onBeforeInput = (e: Event) => inputTypes.push((e as InputEvent).inputType);
  const onOther = (e: Event) => events.push(e.type);
  root.addEventListener('keydown', onKey);
  root.addEventListener('beforeinput', onBeforeInput);
  for (const type of ['paste', 'cut', 'copy', 'drop']) root.addEventListener(type, onOther);
  return { keys, inputTypes, events };
}


/** An annotation an undo or redo put back: the same, stamped with the time of the undo or redo. */
const restoredAs = (a: Annotation) => ({ ...a, updatedAt: expect.any(String) });

describe('RecordEditor: tagging', () => {
  it('keyboard selection (Shift+ArrowRight) and key 2 tag the selected text as a problem', async () => {
    const m = await mountEditor();
    await selectWithKeyboard(m, '先进制造业', 5, '先进制造业');
    await userEvent.keyboard('2');

    const a = await onlyAnnotation(m);
    expect(a.label).toBe('problem');
    expect(a.text).toBe('先进制造业');
    // Offsets are code points: 𠮷 before the span counts once.
    expect({ start: a.start, end: a.end }).toEqual(cpRangeOf('先进制造业'));
    expect(m.store.changes).toEqual([{ docId: 'doc-editor-test', change: { added: [a], removed: [] } }]);
    expect(m.session.getSnapshot().selectedId).toBe(a.id);

    await expectDrawn(m, a.id, '先进制造业');
    for (const el of piecesOf(m.root, a.id)) expect(idsOf(el)).toEqual([a.id]);
    expect(m.root.querySelectorAll('[data-annotation-ids]').length).toBe(piecesOf(m.root, a.id).length);
    // The selection collapses to the end of the new span.
    expect(m.view.state.selection.empty).toBe(true);
    await expect.poll(() => m.session.getSnapshot().save.kind).toBe('saved');
  });

  it('a label key pressed at once after Shift+ArrowRight x4 tags the four characters on screen', async () => {
    // Measured: keys under 10 ms apart tagged the selection ProseMirror last read (two characters).
    const m = await mountEditor();
    await placeCaret(m, '先进制造业', 0);
    await userEvent.keyboard('{Shift>}{ArrowRight}{ArrowRight}{ArrowRight}{ArrowRight}{/Shift}2');
    const a = await onlyAnnotation(m);
    expect(a.text).toBe('先进制造');
    expect(document.getSelection()?.toString()).toBe('');
  });

  it('a DOM Range selection and key 2 tag exactly that substring', async () => {
    const m = await mountEditor();
    await selectDomRange(m, '人才短缺问题');
    expect(document.getSelection()!.toString()).toBe('人才短缺问题');
    await userEvent.keyboard('2');

    const a = await onlyAnnotation(m);
    expect(a.label).toBe('problem');
    expect(a.text).toBe('人才短缺问题');
    expect({ start: a.start, end: a.end }).toEqual(cpRangeOf('人才短缺问题'));
    await expectDrawn(m, a.id, '人才短缺问题');
    expect(m.root.querySelector('[data-annotation-ids]')!.getAttribute('data-annotation-ids')).toContain(a.id);
    expect(m.root.querySelector('[data-annotation-ids]')!.getAttribute('data-labels')).toBe('problem');
  });

  it('a selection that is only whitespace creates nothing', async () => {
    const m = await mountEditor();
    const input = recordInput(m.root);

    // The two full-width spaces that indent the second paragraph, selected with the keyboard.
    await selectWithKeyboard(m, '　　委员乙', 2, '　　');
    await userEvent.keyboard('1');
    await expect.poll(() => input.keys.filter((k) => k === '1').length).toBe(1);
    await m.session.idle();
    expect(m.session.getSnapshot().annotations).toEqual([]);

    // From the end of the first paragraph across the blank line and the full-width spaces.
    await selectDomBetween(m, ['投入。', 3], ['　　委员乙', 2]);
    const across = () => m.view.state.doc.textBetween(m.view.state.selection.from, m.view.state.selection.to, '\n');
    expect(across()).toBe('\n　　');
    await userEvent.keyboard('1');
    await expect.poll(() => input.keys.filter((k) => k === '1').length).toBe(2);
    await m.session.idle();

    // From the end of the heading across the blank line to the start of the first paragraph.
    await selectDomBetween(m, ['会议', 2], ['主席', 0]);
    expect(across()).toBe('\n');
    await userEvent.keyboard('1');
    await expect.poll(() => input.keys.filter((k) => k === '1').length).toBe(3);
    await m.session.idle();

    expect(m.session.getSnapshot().annotations).toEqual([]);
    expect(m.store.attempts).toBe(0);
    expect(m.root.querySelectorAll('[data-annotation-ids]').length).toBe(0);
    expect(m.root.textContent).toBe(TEXT.replace(/\n/g, ''));

    // The same key on real text does tag (the key did reach the editor); the leading full-width
    // spaces of the selection are left out of the span.
    await selectDomRange(m, '　　委员乙');
    await userEvent.keyboard('1');
    const a = await onlyAnnotation(m);
    expect([a.label, a.text]).toEqual(['proposal', '委员乙']);
    expect({ start: a.start, end: a.end }).toEqual(cpRangeOf('委员乙'));
    await expectDrawn(m, a.id, '委员乙');
  });

  it('a selection ending inside 𠮷 or inside the ZWJ emoji is widened to the whole character', async () => {
    const m = await mountEditor();

    // '讨论' plus the high surrogate of 𠮷.
    await selectDomRange(m, '讨论𠮷', 0, 3);
    await userEvent.keyboard('2');
    await expect.poll(() => m.session.getSnapshot().annotations.length).toBe(1);
    await m.session.idle();
    const a = m.session.getSnapshot().annotations[0]!;
    expect(a.text).toBe('讨论𠮷');
    expect({ start: a.start, end: a.end }).toEqual(cpRangeOf('讨论𠮷'));
    await expectDrawn(m, a.id, '讨论𠮷');
    // The caret is put after the whole of 𠮷, not between its two halves.
    const after = domPoint(m.root, '讨论𠮷', 4);
    expect(m.view.state.selection.empty).toBe(true);
    expect(m.view.state.selection.from).toBe(m.view.posAtDOM(after.node, after.offset));

    // '以及' plus 👩 (the first code point of 👩‍💻), ending before the ZWJ.
    await selectDomRange(m, `以及${EMOJI}`, 0, 2 + 2);
    await userEvent.keyboard('2');
    await expect.poll(() => m.session.getSnapshot().annotations.length).toBe(2);
    await m.session.idle();
    const b = annotationWithText(m, `以及${EMOJI}`);
    expect(b, JSON.stringify(m.session.getSnapshot().annotations.map((x) => x.text))).toBeDefined();
    expect({ start: b!.start, end: b!.end }).toEqual(cpRangeOf(`以及${EMOJI}`));
    await expectDrawn(m, b!.id, `以及${EMOJI}`);

    // Starting after the ZWJ (inside the emoji) and ending after '数字': widened to the emoji's start.
    await selectDomRange(m, `${EMOJI}数字`, 3, 7);
    await userEvent.keyboard('3');
    await expect.poll(() => m.session.getSnapshot().annotations.length).toBe(3);
    await m.session.idle();
    const c = annotationWithText(m, `${EMOJI}数字`);
    expect(c, JSON.stringify(m.session.getSnapshot().annotations.map((x) => x.text))).toBeDefined();
    expect(c!.label).toBe('recommendation');
    expect({ start: c!.start, end: c!.end }).toEqual(cpRangeOf(`${EMOJI}数字`));
    await expectDrawn(m, c!.id, `${EMOJI}数字`);
  });

  it('a store that rejects: nothing is drawn, nothing is kept and the save state is failed', async () => {
    const m = await mountEditor({ rejecting: true });
    // Not even for a moment: record every highlight that appears.
    let everDrawn = 0;
    const observer = new MutationObserver(() => {
      everDrawn += m.root.querySelectorAll('[data-annotation-ids]').length;
    });
    observer.observe(m.root, { subtree: true, childList: true, attributes: true });
    await selectDomRange(m, '先进制造业');
    await userEvent.keyboard('2');

    await expect.poll(() => m.session.getSnapshot().save.kind).toBe('failed');
    await m.session.idle();
    observer.disconnect();
    expect(everDrawn).toBe(0);
    expect(m.store.attempts).toBe(1);
    expect(m.errors).toEqual(['disk full (test store rejects every change)']);
    expect(m.session.getSnapshot().annotations).toEqual([]);
    expect(m.session.getSnapshot().selectedId).toBeNull();
    expect(m.session.getSnapshot().canUndo).toBe(false);
    expect(m.root.querySelectorAll('[data-annotation-ids]').length).toBe(0);
    expect(m.root.textContent).toBe(TEXT.replace(/\n/g, ''));
  });
});

describe('RecordEditor: overlapping spans', () => {
  it('draws the inner piece with both ids; clicks select the innermost, then the one around it', async () => {
    const m = await mountEditor();
    await selectDomRange(m, '加大研发投入');
    await userEvent.keyboard('3');
    const outer = await onlyAnnotation(m);
    expect([outer.label, outer.text]).toEqual(['recommendation', '加大研发投入']);

    await selectDomRange(m, '研发');
    await userEvent.keyboard('1');
    await expect.poll(() => m.session.getSnapshot().annotations.length).toBe(2);
    await m.session.idle();
    const inner = annotationWithText(m, '研发')!;
    expect(inner.label).toBe('proposal');

    await expectDrawn(m, inner.id, '研发');
    await expectDrawn(m, outer.id, '加大研发投入');
    const innerPieces = piecesOf(m.root, inner.id);
    expect(innerPieces).toHaveLength(1);
    const piece = innerPieces[0]!;
    expect(piece.textContent).toBe('研发');
    expect(idsOf(piece).sort()).toEqual([inner.id, outer.id].sort());
    // The pieces of the outer span that the inner does not cover list only the outer id.
    const outerOnly = piecesOf(m.root, outer.id).filter((el) => el !== piece);
    expect(outerOnly.map((el) => el.textContent)).toEqual(['加大', '投入']);
    for (const el of outerOnly) expect(idsOf(el)).toEqual([outer.id]);

    // Deselect first, so the first click visibly selects something.
    await userEvent.keyboard('{Escape}');
    await expect.poll(() => m.session.getSnapshot().selectedId).toBeNull();

    // Two clicks on the same piece, far enough apart (> 10 px) that ProseMirror does not read
    // them as a double click (which does not call handleClick).
    const { width, height } = piece.getBoundingClientRect();
    expect(width).toBeGreaterThan(20);
    await userEvent.click(piece, { position: { x: 3, y: height / 2 } });
    await expect.poll(() => m.session.getSnapshot().selectedId).toBe(inner.id);
    // The selected span is outlined: its pieces, and only its pieces, carry is-selected.
    const outlined = () => [...m.root.querySelectorAll('.is-selected')].map((el) => el.textContent).join('|');
    await expect.poll(outlined).toBe(piece.textContent);
    await userEvent.click(piece, { position: { x: width - 3, y: height / 2 } });
    await expect.poll(() => m.session.getSnapshot().selectedId).toBe(outer.id);
    await expect.poll(() => m.root.querySelectorAll('.is-selected').length).toBe(outerOnly.length + 1);
    // And around again.
    await userEvent.click(piece, { position: { x: 3, y: height / 2 } });
    await expect.poll(() => m.session.getSnapshot().selectedId).toBe(inner.id);

    // A quick second click on the same spot (a double click to ProseMirror) also walks outwards,
    // and does not select a word, which would make the next label key tag it.
    // (A click on the heading first, so the double click is not read as continuing earlier clicks.)
    await userEvent.click(m.root.querySelector('h1')!);
    await expect.poll(() => m.session.getSnapshot().selectedId).toBeNull();
    await userEvent.dblClick(piece, { position: { x: 3, y: height / 2 } });
    await expect.poll(() => m.session.getSnapshot().selectedId).toBe(outer.id);
    expect(m.view.state.selection.empty).toBe(true);
    // Three quick clicks: inner, outer, inner again, and no paragraph selected.
    await userEvent.click(m.root.querySelector('h1')!);
    await expect.poll(() => m.session.getSnapshot().selectedId).toBeNull();
    await userEvent.tripleClick(piece, { position: { x: 3, y: height / 2 } });
    await expect.poll(() => m.session.getSnapshot().selectedId).toBe(inner.id);
    expect(m.view.state.selection.empty).toBe(true);

    // A click on a part only the outer covers selects the outer; on plain text, nothing.
    await userEvent.click(outerOnly[0]!);
    await expect.poll(() => m.session.getSnapshot().selectedId).toBe(outer.id);
    await userEvent.click(m.root.querySelector('h1')!);
    await expect.poll(() => m.session.getSnapshot().selectedId).toBeNull();
  });
});

describe('RecordEditor: editing the selected span', () => {
  it('relabels the selected span with a caret and no text selection (key 4, then after a click key 1)', async () => {
    const m = await mountEditor();
    await selectWithKeyboard(m, '人才短缺', 4, '人才短缺');
    await userEvent.keyboard('2');
    const a = await onlyAnnotation(m);
    expect(a.label).toBe('problem');
    expect(m.session.getSnapshot().selectedId).toBe(a.id);
    expect(m.view.state.selection.empty).toBe(true);

    await userEvent.keyboard('4');
    await expect.poll(() => m.session.getSnapshot().annotations[0]?.label).toBe('response');
    await m.session.idle();
    const relabelled = m.session.getSnapshot().annotations;
    expect(relabelled).toHaveLength(1);
    expect(relabelled[0]!.id).toBe(a.id);
    expect(relabelled[0]!.text).toBe('人才短缺');
    expect({ start: relabelled[0]!.start, end: relabelled[0]!.end }).toEqual({ start: a.start, end: a.end });
    await expect.poll(() => piecesOf(m.root, a.id)[0]?.getAttribute('data-labels')).toBe('response');
    expect(m.store.changes.at(-1)!.change.removed.map((x) => x.label)).toEqual(['problem']);

    // Deselect, then select it again by clicking it: the click leaves a caret, key 1 relabels.
    await userEvent.keyboard('{Escape}');
    await expect.poll(() => m.session.getSnapshot().selectedId).toBeNull();
    await userEvent.click(piecesOf(m.root, a.id)[0]!);
    await expect.poll(() => m.session.getSnapshot().selectedId).toBe(a.id);
    expect(m.view.state.selection.empty).toBe(true);
    await userEvent.keyboard('1');
    await expect.poll(() => m.session.getSnapshot().annotations[0]?.label).toBe('proposal');
    expect(m.session.getSnapshot().annotations.map((x) => x.id)).toEqual([a.id]);
  });

  it("moves boundaries: ']' shrinks the start, '[' grows it back, Shift+']' grows the end by one code point across 𠮷", async () => {
    const m = await mountEditor();
    await selectDomRange(m, '讨论');
    await userEvent.keyboard('2');
    const a = await onlyAnnotation(m);
    const base = cpRangeOf('讨论');
    expect({ start: a.start, end: a.end, text: a.text }).toEqual({ ...base, text: '讨论' });

    const current = () => m.session.getSnapshot().annotations[0]!;

    await userEvent.keyboard(']');
    await expect.poll(() => current().text).toBe('论');
    expect({ id: current().id, start: current().start, end: current().end }).toEqual({ id: a.id, start: base.start + 1, end: base.end });
    await expectDrawn(m, a.id, '论');

    await userEvent.keyboard('[[');
    await expect.poll(() => current().text).toBe('讨论');
    expect({ start: current().start, end: current().end }).toEqual(base);
    await expectDrawn(m, a.id, '讨论');

    // The end moves across 𠮷: one code point (two UTF-16 units).
    await userEvent.keyboard('{Shift>}]{/Shift}');
    await expect.poll(() => current().text).toBe('讨论𠮷');
    expect({ id: current().id, start: current().start, end: current().end }).toEqual({ id: a.id, start: base.start, end: base.end + 1 });
    await expectDrawn(m, a.id, '讨论𠮷');

    await userEvent.keyboard('{Shift>}]{/Shift}');
    await expect.poll(() => current().text).toBe('讨论𠮷先');
    expect(current().end).toBe(base.end + 2);

    // Shift+'[' moves the end back, again across 𠮷 as one character.
    await userEvent.keyboard('{Shift>}[[{/Shift}{Shift>}[[{/Shift}');
    await expect.poll(() => current().text).toBe('讨论');
    expect({ start: current().start, end: current().end }).toEqual(base);
    await expectDrawn(m, a.id, '讨论');
    await m.session.idle();
    expect(m.session.getSnapshot().annotations).toHaveLength(1);
    expect(m.root.textContent).toBe(TEXT.replace(/\n/g, ''));
  });

  it('Backspace and Delete remove the selected span; Ctrl+Z brings it back, Ctrl+Shift+Z and Ctrl+Y remove it again', async () => {
    const m = await mountEditor();
    await selectDomRange(m, '制造业');
    await userEvent.keyboard('2');
    const a = await onlyAnnotation(m);
    await expectDrawn(m, a.id, '制造业');

    await userEvent.keyboard('{Backspace}');
    await expect.poll(() => m.session.getSnapshot().annotations.length).toBe(0);
    await expectNotDrawn(m, a.id);
    expect(m.root.textContent).toBe(TEXT.replace(/\n/g, ''));

    await userEvent.keyboard('{Control>}z{/Control}');
    await expect.poll(() => m.session.getSnapshot().annotations.length).toBe(1);
    expect(m.session.getSnapshot().annotations[0]).toEqual(restoredAs(a));
    expect(m.session.getSnapshot().selectedId).toBe(a.id);
    await expectDrawn(m, a.id, '制造业');

    await userEvent.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    await expect.poll(() => m.session.getSnapshot().annotations.length).toBe(0);
    await expectNotDrawn(m, a.id);

    await userEvent.keyboard('{Control>}z{/Control}');
    await expect.poll(() => m.session.getSnapshot().annotations[0]).toEqual(restoredAs(a));
    await expectDrawn(m, a.id, '制造业');

    await userEvent.keyboard('{Control>}y{/Control}');
    await expect.poll(() => m.session.getSnapshot().annotations.length).toBe(0);
    await expectNotDrawn(m, a.id);

    // Delete, after undo has brought it back (and selected it).
    await userEvent.keyboard('{Control>}z{/Control}');
    await expect.poll(() => m.session.getSnapshot().annotations[0]).toEqual(restoredAs(a));
    await expectDrawn(m, a.id, '制造业');
    await userEvent.keyboard('{Delete}');
    await expect.poll(() => m.session.getSnapshot().annotations.length).toBe(0);
    await expectNotDrawn(m, a.id);
    await m.session.idle();

    // Every step reached the store, in order: add, remove, add, remove, add, remove, add, remove.
    expect(m.store.changes.map(({ change }) => `${change.added.length}+${change.removed.length}-`)).toEqual([
      '1+0-',
      '0+1-',
      '1+0-',
      '0+1-',
      '1+0-',
      '0+1-',
      '1+0-',
      '0+1-',
    ]);
    expect(m.root.textContent).toBe(TEXT.replace(/\n/g, ''));
    expect(m.session.getSnapshot().save.kind).toBe('saved');
  });
});

describe('RecordEditor: the text is immutable', () => {
  it('typing, Enter, Backspace/Delete, paste, cut, drop and IME-style input change nothing; Shift+ArrowRight still selects', async () => {
    const m = await mountEditor();
    const rendered = m.root.textContent;
    expect(rendered).toBe(TEXT.replace(/\n/g, ''));
    const doc = m.view.state.doc;
    const input = recordInput(m.root);
    // Input that can be stopped before it reaches the DOM must not touch it at all (no flicker,
    // no caret jump): every text or node change in the editor is recorded.
    const mutations: MutationRecord[] = [];
    const observer = new MutationObserver((records) => mutations.push(...records));
    observer.observe(m.root, { subtree: true, childList: true, characterData: true });
    const unchanged = async () => {
      await expect.poll(() => m.root.textContent).toBe(rendered);
      expect(m.view.state.doc).toBe(doc);
      expect(m.session.document.text).toBe(TEXT);
      expect(m.session.getSnapshot().annotations).toEqual([]);
      expect(m.store.attempts).toBe(0);
    };

    // Caret, no span selected.
    await placeCaret(m, '数字化', 1);
    expect(m.session.getSnapshot().selectedId).toBeNull();

    await userEvent.keyboard('abc{Shift>}Q{/Shift}');
    await expect.poll(() => input.keys.filter((k) => k.length === 1)).toEqual(['a', 'b', 'c', 'Q']);
    await unchanged();

    await userEvent.keyboard('{Enter}{Backspace}{Delete}');
    await expect.poll(() => input.keys.slice(-3)).toEqual(['Enter', 'Backspace', 'Delete']);
    await unchanged();

    // A text selection, no span selected: typing over it, Enter, Backspace and Delete.
    for (const key of ['x', '{Enter}', '{Backspace}', '{Delete}']) {
      await selectDomRange(m, '数字化');
      const count = input.keys.length;
      await userEvent.keyboard(key);
      await expect.poll(() => input.keys.slice(count)).toEqual([key.replace(/[{}]/g, '')]);
      await unchanged();
    }
    // The browser did try to insert the typed letter; the editor refused it.
    expect(input.inputTypes).toContain('insertText');

    // Paste: a ClipboardEvent carrying text, over a selection and at a caret.
    for (const select of [() => selectDomRange(m, '转型'), () => placeCaret(m, '转型', 1)]) {
      await select();
      const data = new DataTransfer();
      data.setData('text/plain', '粘贴的文字');
      const paste = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
      m.root.dispatchEvent(paste);
      expect(paste.defaultPrevented).toBe(true);
      await unchanged();
    }

    // Paste through the browser: copy a selection with the keyboard, then paste it elsewhere.
    await selectDomRange(m, '研发');
    await userEvent.copy();
    await placeCaret(m, '转型', 1);
    const pastes = input.events.filter((t) => t === 'paste').length;
    await userEvent.paste();
    await expect.poll(() => input.events.filter((t) => t === 'paste').length).toBe(pastes + 1);
    await unchanged();

    // Cut: a ClipboardEvent, and the keyboard shortcut.
    await selectDomRange(m, '转型');
    const cut = new ClipboardEvent('cut', { clipboardData: new DataTransfer(), bubbles: true, cancelable: true });
    m.root.dispatchEvent(cut);
    expect(cut.defaultPrevented).toBe(true);
    await unchanged();
    await selectDomRange(m, '转型');
    const cutsBefore = input.events.filter((t) => t === 'cut').length;
    await userEvent.cut();
    await expect.poll(() => input.events.filter((t) => t === 'cut').length).toBe(cutsBefore + 1);
    await unchanged();

    // Drop: text dragged in from elsewhere.
    const target = m.root.querySelector('p')!.getBoundingClientRect();
    const dropData = new DataTransfer();
    dropData.setData('text/plain', '拖入的文字');
    const drop = new DragEvent('drop', {
      dataTransfer: dropData,
      bubbles: true,
      cancelable: true,
      clientX: target.left + 20,
      clientY: target.top + 8,
    });
    m.root.dispatchEvent(drop);
    expect(drop.defaultPrevented).toBe(true);
    await unchanged();

    observer.disconnect();
    expect(mutations.map((r) => `${r.type} ${r.target.nodeName}`)).toEqual([]);

    // IME-style insertion: committed text (no key events for the characters), and execCommand.
    await placeCaret(m, '数字化', 1);
    const beforeIme = input.inputTypes.length;
    await userEvent.keyboard('你好');
    await expect.poll(() => input.inputTypes.slice(beforeIme)).toContain('insertText');
    await unchanged();

    // execCommand fires no beforeinput: the browser changes the DOM, ProseMirror reads the
    // change back, the transaction is refused and the text is redrawn.
    await placeCaret(m, '数字化', 1);
    expect(document.execCommand('insertText', false, 'X')).toBe(true);
    await unchanged();
    await selectDomRange(m, '数字化');
    expect(document.execCommand('insertText', false, 'X')).toBe(true);
    await unchanged();
    await selectDomRange(m, '数字化');
    expect(document.execCommand('delete')).toBe(true);
    await unchanged();

    // The view is still editable for selection: Shift+ArrowRight extends the DOM selection.
    await placeCaret(m, '先进', 0);
    expect(document.getSelection()!.toString()).toBe('');
    await userEvent.keyboard('{Shift>}{ArrowRight}{/Shift}');
    await expect.poll(() => document.getSelection()!.toString()).toBe('先');
    await userEvent.keyboard('{Shift>}{ArrowRight}{ArrowRight}{/Shift}');
    await expect.poll(() => document.getSelection()!.toString()).toBe('先进制');
    await expect.poll(() => m.view.state.selection.to - m.view.state.selection.from).toBe(3);
    await unchanged();
  });
});

describe('RecordEditor: IME composition', () => {
  it('a pinyin composition changes nothing and leaves the keys and the drawing working', async () => {
    const m = await mountEditor();
    const rendered = m.root.textContent;
    const doc = m.view.state.doc;
    const composition: string[] = [];
    for (const type of ['compositionstart', 'compositionupdate']) m.root.addEventListener(type, (e) => composition.push(type));
    const session = cdp();

    // Compose "ni" at a caret, then over a selected range, and commit 你 (what a Pinyin IME does).
    for (const select of [() => placeCaret(m, '数字化', 1), () => selectDomRange(m, '数字化')]) {
      await select();
      const before = composition.length;
      await session.send('Input.imeSetComposition', { text: 'n', selectionStart: 1, selectionEnd: 1 });
      await session.send('Input.imeSetComposition', { text: 'ni', selectionStart: 2, selectionEnd: 2 });
      await session.send('Input.insertText', { text: '你' });
      expect(composition.length).toBeGreaterThan(before); // the browser did compose
      await expect.poll(() => m.root.textContent).toBe(rendered);
      expect(m.view.state.doc).toBe(doc);
    }
    // ProseMirror must not be left thinking a composition is still going on: it would ignore
    // keydown (the label keys) and keep the text node at the caret from being redrawn.
    expect(m.view.composing).toBe(false);

    // Keyboard only (a mouse press would reset a stuck composition and hide the problem).
    await selectWithKeyboard(m, '人才短缺', 4, '人才短缺');
    await userEvent.keyboard('2');
    const a = await onlyAnnotation(m);
    expect([a.label, a.text]).toEqual(['problem', '人才短缺']);
    await expectDrawn(m, a.id, '人才短缺');

    // The label bar's path (the applyLabel command) draws too.
    await selectWithKeyboard(m, '研发投入', 4, '研发投入');
    m.editor.commands.applyLabel('recommendation');
    await expect.poll(() => annotationWithText(m, '研发投入')?.label).toBe('recommendation');
    await expectDrawn(m, annotationWithText(m, '研发投入')!.id, '研发投入');
    expect(m.session.document.text).toBe(TEXT);
  });
});

describe('RecordEditor: what is drawn follows every change', () => {
  it('overlapping spans, one across a line break and one across the blank line, through delete, undo, moves and relabels', async () => {
    const m = await mountEditor();
    const names = new Map<string, string>();
    const named = (runs: [string, string][]) =>
      runs.map(([text, ids]) => [text, ids.split(' ').filter(Boolean).map((id) => names.get(id) ?? id).sort().join('+')]);
    const settled = async () => {
      await m.session.idle();
      await expect.poll(() => named(drawnRuns(m.root))).toEqual(named(expectedRuns(m.session)));
    };
    const tag = async (name: string, key: string, select: () => Promise<void>, text: string) => {
      await select();
      await userEvent.keyboard(key);
      await expect.poll(() => annotationWithText(m, text)).toBeDefined();
      names.set(annotationWithText(m, text)!.id, name);
      await settled();
      return annotationWithText(m, text)!;
    };

    const A = await tag('A', '3', () => selectDomRange(m, '加大研发投入'), '加大研发投入');
    const B = await tag('B', '1', () => selectDomRange(m, '研发'), '研发');
    await tag('C', '2', () => selectDomRange(m, '建议加大'), '建议加大');
    // Across the hard break between the two lines of the first paragraph.
    const D = await tag('D', '4', () => selectDomBetween(m, ['制造业', 0], ['委员甲', 3]), '制造业，以及👩‍💻数字化转型。\n委员甲');
    // Across the blank line between the heading and the first paragraph.
    await tag('E', '1', () => selectDomBetween(m, ['第一次会议', 3], ['主席：', 2]), '会议\n\n主席');
    expect(m.session.getSnapshot().annotations).toHaveLength(5);
    // The expected drawing really has overlaps in it.
    expect(named(expectedRuns(m.session)).map(([t, ids]) => `${t}:${ids}`)).toContain('研发:A+B');
    expect(named(expectedRuns(m.session)).map(([t, ids]) => `${t}:${ids}`)).toContain('加大:A+C');

    // Select A by a click on a piece only it covers, then delete it.
    await userEvent.keyboard('{Escape}');
    const aOnly = piecesOf(m.root, A.id).find((el) => idsOf(el).length === 1)!;
    expect(aOnly.textContent).toBe('投入');
    await userEvent.click(aOnly);
    await expect.poll(() => m.session.getSnapshot().selectedId).toBe(A.id);
    await userEvent.keyboard('{Delete}');
    await expect.poll(() => m.session.find(A.id)).toBeUndefined();
    await settled();

    await userEvent.keyboard('{Control>}z{/Control}');
    await expect.poll(() => m.session.find(A.id)).toEqual(restoredAs(A));
    await settled();

    // Select B (innermost under a click), move its start left over A's and C's pieces, its end right.
    await userEvent.click(piecesOf(m.root, B.id)[0]!);
    await expect.poll(() => m.session.getSnapshot().selectedId).toBe(B.id);
    await userEvent.keyboard(presses('[', 1));
    await expect.poll(() => m.session.find(B.id)?.text).toBe('大研发');
    await settled();
    await userEvent.keyboard(presses('[', 2));
    await expect.poll(() => m.session.find(B.id)?.text).toBe('议加大研发');
    await settled();
    await userEvent.keyboard(presses(']', 3, true));
    await expect.poll(() => m.session.find(B.id)?.text).toBe('议加大研发投入。');
    await settled();
    await userEvent.keyboard(presses(']', 3));
    await expect.poll(() => m.session.find(B.id)?.text).toBe('研发投入。');
    await settled();
    await userEvent.keyboard('3');
    await expect.poll(() => m.session.find(B.id)?.label).toBe('recommendation');
    await settled();

    // D, across the hard break: shrink its end back over the break, delete, undo, redo.
    await userEvent.keyboard('{Escape}');
    await userEvent.click(piecesOf(m.root, D.id).find((el) => el.textContent?.includes('数字化'))!);
    await expect.poll(() => m.session.getSnapshot().selectedId).toBe(D.id);
    // 甲, 员, 委, the line break, 。 and 型: six characters.
    await userEvent.keyboard(presses('[', 6, true));
    await expect.poll(() => m.session.find(D.id)?.text).toBe('制造业，以及👩‍💻数字化转');
    await settled();
    await userEvent.keyboard('{Backspace}');
    await expect.poll(() => m.session.find(D.id)).toBeUndefined();
    await settled();
    await userEvent.keyboard('{Control>}z{/Control}');
    await expect.poll(() => m.session.find(D.id)?.text).toBe('制造业，以及👩‍💻数字化转');
    await settled();
    // Each move was one undoable step: six undos restore the original end.
    await userEvent.keyboard('{Control>}z{/Control}'.repeat(6));
    await expect.poll(() => m.session.find(D.id)?.text).toBe('制造业，以及👩‍💻数字化转型。\n委员甲');
    await settled();
    await userEvent.keyboard('{Control>}y{/Control}');
    await expect.poll(() => m.session.find(D.id)?.text).toBe('制造业，以及👩‍💻数字化转型。\n委员');
    await settled();
    expect(m.root.textContent).toBe(TEXT.replace(/\n/g, ''));
  });
});
