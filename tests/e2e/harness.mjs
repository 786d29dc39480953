// Drives the built app in Debian Chromium: shared by the end-to-end tests and scripts/screenshot.mjs.
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';

/** Serves dist/ (run `vite build` first) on a free loopback port. */
export async function servePreview() {
  const server = await preview({ preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'silent' });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no port');
  return { url: `http://127.0.0.1:${address.port}/`, close: () => server.close() };
}

/** Pages default to English (`--lang`), which the end-to-end tests read; a context's `locale` overrides it. */
export function launchChromium() {
  return chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs, '--lang=en-US'], headless: true });
}

/**
 * Selects the n-th occurrence of `needle` in the editor's text with a real DOM selection, as a
 * mouse drag would (ProseMirror reads it from the selectionchange event).
 * @param {import('playwright-core').Page} page
 * @param {string} needle
 * @param {number} [occurrence]
 */
export async function selectInEditor(page, needle, occurrence = 0) {
  await page.evaluate(
    ([needle, occurrence]) => {
      const root = document.querySelector('[data-testid="editor"] .ProseMirror');
      if (!root) throw new Error('no editor');
      /** @type {{ node: Text; start: number }[]} */
      const pieces = [];
      let full = '';
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        pieces.push({ node: /** @type {Text} */ (n), start: full.length });
        full += n.data;
      }
      let at = -1;
      for (let i = 0; i <= occurrence; i++) {
        at = full.indexOf(needle, at + 1);
        if (at < 0) throw new Error(`“${needle}” (occurrence ${occurrence}) is not in the editor`);
      }
      const locate = (offset, preferNext) => {
        for (let i = 0; i < pieces.length; i++) {
          const p = pieces[i];
          const end = p.start + p.node.data.length;
          if (offset < end || (offset === end && !preferNext) || i === pieces.length - 1) {
            if (offset >= p.start) return [p.node, offset - p.start];
          }
        }
        throw new Error(`offset ${offset} not found`);
      };
      const [sn, so] = locate(at, true);
      const [en, eo] = locate(at + needle.length, false);
      const range = document.createRange();
      range.setStart(sn, so);
      range.setEnd(en, eo);
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      /** @type {HTMLElement} */ (root).focus();
    },
    [needle, occurrence],
  );
  // ProseMirror picks the DOM selection up on selectionchange; wait until its state has it.
  await page.waitForFunction(() => {
    const s = window.getSelection();
    return !!s && !s.isCollapsed;
  });
}

/** Tags each [needle, key] pair in order, waiting for each to be stored and drawn. */
export async function tagAll(page, pairs) {
  for (const [needle, key, occurrence] of pairs) {
    const before = await page.getByTestId('annotation-item').count();
    await selectInEditor(page, needle, occurrence ?? 0);
    await page.keyboard.press(key);
    await page.getByTestId('annotation-item').nth(before).waitFor();
  }
}
