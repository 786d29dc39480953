import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { expect } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { Editor } from '@tiptap/core';
import type { EditorView } from '@tiptap/pm/view';
import { DocumentSession, type AnnotationStore } from '../../src/app/documentSession';
import type { Annotation } from '../../src/domain/annotation';
import type { AnnotationChange } from '../../src/domain/change';
import type { MeetingDocument } from '../../src/domain/document';
import { DEFAULT_LABELS } from '../../src/domain/labels';
import { RecordEditor } from '../../src/ui/RecordEditor';
import { I18nProvider } from '../../src/i18n/context';

// ---------------------------------------------------------------------------------------------
// Fixture

/**
 * A short Markdown record: a heading, a blank line, a first paragraph of two lines (a hard break
 * between them) with 𠮷 (U+20BB7, a surrogate pair) and 👩‍💻 (a ZWJ sequence of 5 UTF-16 units),
 * a blank line, and a second paragraph indented with two full-width spaces (U+3000).
 */
export const TEXT =
  '# 第一次会议\n' +
  '\n' +
  '主席：我们讨论𠮷先进制造业，以及👩‍💻数字化转型。\n' +
  '委员甲：我建议加大研发投入。\n' +
  '\n' +
  '　　委员乙：存在人才短缺问题，请回应。\n';

export const EMOJI = '👩‍💻';

export function meetingDocument(): MeetingDocument {
  return {
    id: 'doc-editor-test',
    title: '第一次会议',
    text: TEXT,
    format: 'markdown',
    meta: { sourceName: 'meeting.md', encoding: 'UTF-8' },
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
  };
}

/** An in-memory AnnotationStore that records every change it is asked to store. */
export class MemoryStore implements AnnotationStore {
  readonly changes: { docId: string; change: AnnotationChange }[] = [];
  /** Every call, accepted or not. */
  attempts = 0;
  constructor(private readonly reject = false) {}
  async applyChange(docId: string, change: AnnotationChange): Promise<void> {
    this.attempts++;
    if (this.reject) throw new Error('disk full (test store rejects every change)');
    this.changes.push({ docId, change });
  }
}

// ---------------------------------------------------------------------------------------------
// Mounting

export interface Mounted {
  session: DocumentSession;
  store: MemoryStore;
  errors: string[];
  container: HTMLElement;
  /** The ProseMirror contenteditable element. */
  root: HTMLElement;
  view: EditorView;
  /** The TipTap editor whose commands the rest of the interface uses. */
  editor: Editor;
  unmount(): void;
}

const mounted: Mounted[] = [];

/**
 * Mounts the editor on a record (the short TEXT by default). `scrollHeight` puts it in a scroll
 * container of that height (px), as the reader does.
 */
export async function mountEditor(
  options: { rejecting?: boolean; annotations?: Annotation[]; document?: MeetingDocument; scrollHeight?: number } = {},
): Promise<Mounted> {
  const store = new MemoryStore(options.rejecting ?? false);
  const errors: string[] = [];
  const doc = options.document ?? meetingDocument();
  const session = new DocumentSession(doc, options.annotations ?? [], store, DEFAULT_LABELS, (m) => errors.push(m));
  const container = document.createElement('div');
  container.style.cssText = 'width: 800px; font-size: 16px; line-height: 1.8; font-family: sans-serif';
  if (options.scrollHeight) container.style.cssText += `; height: ${options.scrollHeight}px; overflow-y: auto`;
  document.body.append(container);
  let connected: Editor | null = null;
  const onEditor = (e: Editor | null) => {
    connected = e;
  };
  const reactRoot: Root = createRoot(container);
  reactRoot.render(createElement(I18nProvider, { initial: 'en' }, createElement(RecordEditor, { session, labels: DEFAULT_LABELS, onEditor })));
  await expect.poll(() => container.querySelector('.ProseMirror')).toBeTruthy();
  // The editor is given once it has connected to the session (after its effect ran).
  await expect.poll(() => connected !== null).toBe(true);
  const root = container.querySelector<HTMLElement>('.ProseMirror')!;
  const editor = (root as HTMLElement & { editor?: Editor }).editor;
  if (!editor) throw new Error('TipTap did not attach the editor to its element');
  const m: Mounted = {
    session,
    store,
    errors,
    container,
    root,
    view: editor.view,
    editor,
    unmount() {
      reactRoot.unmount();
      container.remove();
    },
  };
  mounted.push(m);
  return m;
}

export function unmountAll(): void {
  for (const m of mounted.splice(0)) m.unmount();
  document.getSelection()?.removeAllRanges();
}

// ---------------------------------------------------------------------------------------------
// Text positions in the DOM

function textNodes(root: HTMLElement): Text[] {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const out: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n as Text);
  return out;
}

export interface DomPoint {
  node: Text;
  offset: number;
}

/**
 * The DOM point `k` UTF-16 units after the start of the (unique) occurrence of `needle` in the
 * rendered text. `k` may fall inside a surrogate pair: the DOM counts UTF-16 units too.
 * At a boundary between two text nodes (which may be in different blocks), the point stays in
 * the needle: the start of the later node for k = 0, the end of the earlier one otherwise.
 */
export function domPoint(root: HTMLElement, needle: string, k = 0): DomPoint {
  const prefer = k === 0 ? 'after' : 'before';
  const nodes = textNodes(root);
  const all = nodes.map((n) => n.data).join('');
  const at = all.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" is not in the rendered text`);
  if (all.indexOf(needle, at + 1) >= 0) throw new Error(`"${needle}" occurs more than once in the rendered text`);
  const target = at + k;
  let base = 0;
  for (const [i, node] of nodes.entries()) {
    const end = base + node.data.length;
    if (target < end || (target === end && (prefer === 'before' || i === nodes.length - 1))) {
      return { node, offset: target - base };
    }
    base = end;
  }
  throw new Error(`offset ${k} of "${needle}" is past the rendered text`);
}

/** Whether ProseMirror's selection is the DOM selection (i.e. it has read the DOM selection). */
export function editorReadDomSelection(view: EditorView): boolean {
  const sel = document.getSelection();
  if (!sel || !sel.anchorNode || !sel.focusNode) return false;
  if (!view.dom.contains(sel.anchorNode) || !view.dom.contains(sel.focusNode)) return false;
  const anchor = view.posAtDOM(sel.anchorNode, sel.anchorOffset);
  const head = view.posAtDOM(sel.focusNode, sel.focusOffset);
  return view.state.selection.anchor === anchor && view.state.selection.head === head;
}

/** Focuses the editor as a user does: a real click, on the heading (which carries no annotation). */
export async function focusEditor(m: Mounted): Promise<void> {
  const heading = m.root.querySelector('h1')!;
  await userEvent.click(heading);
  await expect.poll(() => document.activeElement === m.root && m.view.hasFocus()).toBe(true);
}

/**
 * Selects from `k0` to `k1` units into `needle` with a DOM Range (as a mouse drag leaves it), then
 * waits until ProseMirror has read it (it does so on selectionchange).
 */
export async function selectDomRange(m: Mounted, needle: string, k0 = 0, k1 = needle.length): Promise<void> {
  if (!m.view.hasFocus()) await focusEditor(m);
  const a = domPoint(m.root, needle, k0);
  const b = domPoint(m.root, needle, k1);
  document.getSelection()!.setBaseAndExtent(a.node, a.offset, b.node, b.offset);
  await expect.poll(() => editorReadDomSelection(m.view) && !m.view.state.selection.empty).toBe(true);
}

/** Like selectDomRange, but between two separate needles (e.g. across blocks). */
export async function selectDomBetween(m: Mounted, from: [string, number], to: [string, number]): Promise<void> {
  if (!m.view.hasFocus()) await focusEditor(m);
  const a = domPoint(m.root, from[0], from[1]);
  const b = domPoint(m.root, to[0], to[1]);
  document.getSelection()!.setBaseAndExtent(a.node, a.offset, b.node, b.offset);
  await expect.poll(() => editorReadDomSelection(m.view) && !m.view.state.selection.empty).toBe(true);
}

/** Puts the caret `k` units into `needle` and waits until ProseMirror has read it. */
export async function placeCaret(m: Mounted, needle: string, k = 0): Promise<void> {
  if (!m.view.hasFocus()) await focusEditor(m);
  const p = domPoint(m.root, needle, k);
  document.getSelection()!.collapse(p.node, p.offset);
  await expect
    .poll(() => editorReadDomSelection(m.view) && m.view.state.selection.empty && m.view.state.selection.from === m.view.posAtDOM(p.node, p.offset))
    .toBe(true);
}

/**
 * Keyboard selection: caret before `needle`, then Shift+ArrowRight `n` times. Waits until the
 * DOM selection reads `expected` and ProseMirror has taken it over.
 */
export async function selectWithKeyboard(m: Mounted, needle: string, n: number, expected: string): Promise<void> {
  await placeCaret(m, needle, 0);
  await userEvent.keyboard(`{Shift>}${'{ArrowRight}'.repeat(n)}{/Shift}`);
  await expect.poll(() => document.getSelection()?.toString()).toBe(expected);
  await expect.poll(() => editorReadDomSelection(m.view)).toBe(true);
}

// ---------------------------------------------------------------------------------------------
// What is drawn

/** Elements drawn for an annotation id (every piece whose data-annotation-ids lists it). */
export function piecesOf(root: HTMLElement, id: string): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(`[data-annotation-ids~="${CSS.escape(id)}"]`)];
}

/** The text the pieces of an annotation show, in document order. */
export function highlightedText(root: HTMLElement, id: string): string {
  return piecesOf(root, id)
    .map((el) => el.textContent ?? '')
    .join('');
}

export function idsOf(el: Element): string[] {
  return (el.getAttribute('data-annotation-ids') ?? '').split(' ').filter(Boolean);
}

/**
 * The rendered text as runs of characters covered by the same set of annotation ids (sorted,
 * space-separated; '' for plain text), read from the DOM: what the analyst sees.
 */
export function drawnRuns(root: HTMLElement): [string, string][] {
  const runs: [string, string][] = [];
  for (const node of textNodes(root)) {
    const piece = node.parentElement?.closest('[data-annotation-ids]');
    pushRun(runs, node.data, piece && root.contains(piece) ? idsOf(piece).sort().join(' ') : '');
  }
  return runs;
}

/** The runs drawnRuns should read for these annotations (line breaks are not rendered as text). */
export function expectedRuns(session: DocumentSession): [string, string][] {
  const { index } = session;
  const ranges = session.getSnapshot().annotations.map((a) => ({ id: a.id, start: index.toUtf16(a.start), end: index.toUtf16(a.end) }));
  const runs: [string, string][] = [];
  for (let i = 0; i < index.text.length; i++) {
    if (index.text[i] === '\n') continue;
    const ids = ranges.filter((r) => r.start <= i && i < r.end).map((r) => r.id);
    pushRun(runs, index.text[i]!, ids.sort().join(' '));
  }
  return runs;
}

function pushRun(runs: [string, string][], text: string, key: string): void {
  const last = runs.at(-1);
  if (last && last[1] === key) last[0] += text;
  else runs.push([text, key]);
}

/** Waits for the session to settle and returns its only annotation. */
export async function onlyAnnotation(m: Mounted): Promise<Annotation> {
  await expect.poll(() => m.session.getSnapshot().annotations.length).toBe(1);
  await m.session.idle();
  return m.session.getSnapshot().annotations[0]!;
}

/** What a pick in the sidebar does (Workspace): select the span, bring it into view, focus the text. */
export function reveal(m: Mounted, id: string): void {
  m.session.select(id);
  const a = m.session.find(id);
  if (!a) return;
  m.editor.commands.revealRange({ start: m.session.index.toUtf16(a.start), end: m.session.index.toUtf16(a.end) });
  m.editor.commands.focusText();
}
