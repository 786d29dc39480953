// @ts-check
// One action cycle as an analyst does it, shared by the bench (subjects/ours.mjs) and
// trace.mjs: select text near the top and tag it (add), pick an existing span in the list,
// relabel it, move its end, delete it, undo the delete, then Escape.
import { selectInEditor } from '../tests/e2e/harness.mjs';

/** @typedef {{ kind: string; id?: string; label?: string }} Expectation what bench/page.mjs key() waits for */
/** @typedef {{ key: string; code: string; ctrlKey?: boolean }} KeyInit */
/** @typedef {(name: string, expect: Expectation, keyInit: KeyInit) => Promise<unknown>} Act runs one measured action */

/**
 * @param {import('playwright-core').Page} page
 * @param {import('./types').CyclePlan} c
 * @param {Act} act
 */
export async function runCycle(page, c, act) {
  await page.evaluate(() => {
    const sc = document.querySelector('.yi-scroll');
    if (sc) sc.scrollTop = 0;
  });
  await selectInEditor(page, c.needle, c.occurrence);
  // ProseMirror takes the DOM selection on selectionchange; wait until its state has it.
  await page.waitForFunction(() => {
    const root = document.querySelector('[data-testid="editor"] .ProseMirror');
    const editor = /** @type {any} */ (root)?.editor;
    return editor ? !editor.state.selection.empty : true;
  });
  await page.evaluate(() => window.__yb.raf2());
  await act('add', { kind: 'add' }, { key: '2', code: 'Digit2' });

  // Select the span as an analyst does: its entry in the sidebar (or, failing that — a style
  // sheet of trace.mjs --css hiding the list, say — the text).
  const item = page.locator(`[data-testid="annotation-item"][data-annotation-id="${c.span.id}"] button`);
  if ((await item.count()) && (await item.first().isVisible())) await item.first().click();
  else await page.locator(`[data-testid="editor"] [data-annotation-ids~="${c.span.id}"]`).first().click();
  await page.waitForFunction((id) => {
    const li = document.querySelector(`[data-testid="annotation-item"][data-annotation-id="${CSS.escape(id)}"]`);
    return li ? li.getAttribute('aria-current') === 'true' : true;
  }, c.span.id);
  await page.evaluate(() => window.__yb.settle());
  await act('relabel', { kind: 'relabel', id: c.span.id, label: c.relabelTo }, { key: c.relabelKey, code: `Digit${c.relabelKey}` });
  await act('move', { kind: 'move', id: c.span.id }, { key: ']', code: 'BracketRight' });
  await act('delete', { kind: 'delete', id: c.span.id }, { key: 'Delete', code: 'Delete' });
  await act('undo', { kind: 'restore', id: c.span.id }, { key: 'z', code: 'KeyZ', ctrlKey: true });
  await page.evaluate(() => {
    const root = document.querySelector('[data-testid="editor"] .ProseMirror');
    root?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true, cancelable: true }));
  });
}
