/**
 * The built app when IndexedDB is refused (an in-memory session, with a warning that stays), and
 * when another tab upgrades the database under it (it stops and asks for a reload).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { annotationCount, useBuiltApp } from './builtApp';
import { selectInEditor, tagAll } from './harness.mjs';
import { YishiDb } from '../../src/storage/db';

/** The native IndexedDB version of the schema after the current one. */
const NEWER = (new YishiDb('yishi-version-probe').verno + 1) * 10;

const app = useBuiltApp();

const openApp = (context: BrowserContext): Promise<Page> => app.open(context);
const count = annotationCount;

/** Init scripts that make IndexedDB unusable before any of the app's code runs. */
const REFUSALS: [string, () => void][] = [
  [
    'indexedDB.open throws',
    () => {
      IDBFactory.prototype.open = function () {
        throw new DOMException('The operation failed because access to IndexedDB was denied by policy.', 'SecurityError');
      };
    },
  ],
  [
    'indexedDB is undefined',
    () => {
      Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
    },
  ],
];

describe('storage faults in the built app', () => {
  for (const [what, refuse] of REFUSALS) {
    it(`runs a working in-memory session with a warning that stays when ${what}`, async () => {
      const context = await app.browser.newContext();
      await context.addInitScript(refuse);
      // The in-memory IndexedDB is a chunk of the app's own, loaded under the same policy.
      const requests: string[] = [];
      context.on('request', (r) => requests.push(r.url()));
      const csp: string[] = [];
      context.on('console', (m) => {
        if (/Content.Security.Policy/i.test(m.text())) csp.push(m.text());
      });
      const page = await openApp(context);

      const warning = page.getByTestId('storage-warning');
      expect(await warning.getAttribute('role')).toBe('alert');
      const said = await warning.textContent();
      expect(said).toContain('Nothing will be kept');
      expect(said).toContain('Nothing will be kept');
      expect(said).toMatch(what.includes('throws') ? /SecurityError: The operation failed/ : /no IndexedDB/);
      expect(await page.getByTestId('persistence').textContent()).toMatch(/evict|export/i);

      // The sample opened; a span can be tagged, is stored (in memory) and listed.
      expect(await page.getByTestId('editor').textContent()).toContain('天津市政协');
      await tagAll(page, [['大力发展汽车产业', '1']]);
      expect(await page.getByTestId('annotation-item').getAttribute('data-label')).toBe('proposal');
      await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state')).toBe('saved');
      expect(await page.getByTestId('alert').count()).toBe(0); // no error besides the warning
      expect(await warning.isVisible()).toBe(true);

      // As the warning says: a reload starts from nothing, and warns again.
      await page.reload();
      await page.getByTestId('editor').locator('.ProseMirror').waitFor();
      expect(await count(page)).toBe(0);
      expect(await page.getByTestId('storage-warning').isVisible()).toBe(true);
      expect(requests.filter((u) => !u.startsWith(app.url))).toEqual([]);
      expect(csp).toEqual([]);
      await context.close();
    });
  }

  it('stops and asks for a reload when another tab upgrades the database, showing only what is stored', async () => {
    const context = await app.browser.newContext();
    const page = await openApp(context);
    expect(await page.getByTestId('storage-warning').count()).toBe(0);
    await tagAll(page, [['大力发展汽车产业', '1']]);
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state')).toBe('saved');

    // Another tab (here a second Yishi tab, as a newer Yishi would be) opens the schema version
    // after the current one (native version = Dexie's version × 10).
    const other = await openApp(context);
    const upgraded = await other.evaluate(
      (newer) =>
        new Promise<{ version: number; blocked: boolean }>((resolve, reject) => {
          let blocked = false;
          const request = indexedDB.open('yishi', newer);
          request.onblocked = () => {
            blocked = true;
          };
          request.onupgradeneeded = () => request.result.createObjectStore('relations', { keyPath: 'id' });
          request.onsuccess = () => {
            resolve({ version: request.result.version, blocked });
            request.result.close();
          };
          request.onerror = () => reject(request.error);
        }),
      NEWER,
    );
    expect(upgraded).toEqual({ version: NEWER, blocked: false });

    const closed = page.getByTestId('library-closed');
    await closed.waitFor();
    expect(await closed.getAttribute('role')).toBe('alert');
    expect(await closed.textContent()).toContain('Yishi was updated in another tab; reload to continue');
    expect(await page.getByTestId('reload').isVisible()).toBe(true);

    // A tag now is refused loudly and not drawn.
    await selectInEditor(page, '以工业互联网助推现代工业体系');
    await page.keyboard.press('2');
    await expect.poll(() => page.getByTestId('alert').textContent()).toMatch(/closed.*another tab/);
    expect(await count(page)).toBe(1);
    expect(await page.getByTestId('save-state').getAttribute('data-state')).toBe('failed');

    await page.getByTestId('reload').click();
    await page.getByTestId('editor').locator('.ProseMirror').waitFor();
    await page.getByTestId('library-closed').waitFor({ state: 'detached' });
    await context.close();
  });
});
