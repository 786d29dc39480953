/**
 * A new version (issue 18): with the old version's tab open, a new build's service worker waits;
 * the tab says "a new version is ready — reload" and switches only when the analyst presses Reload,
 * after which the new worker controls the page. A copy of dist/ is served, and its sw.js changed
 * as the next build would change it.
 */
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { preview } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './harness.mjs';

let dir = '';
let url = '';
let close: () => Promise<void> = async () => {};
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yishi-update-'));
  cpSync('dist', dir, { recursive: true });
  const server = await preview({ build: { outDir: dir }, preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'silent' });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no port');
  url = `http://127.0.0.1:${address.port}/`;
  close = () => server.close();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await close();
  rmSync(dir, { recursive: true, force: true });
});

const ready = (page: import('playwright-core').Page) => page.getByTestId('editor').locator('.ProseMirror').waitFor();
const waiting = (page: import('playwright-core').Page) =>
  page.waitForFunction(async () => (await navigator.serviceWorker.getRegistration())?.waiting != null, null, { timeout: 20_000 });
const settled = (page: import('playwright-core').Page) =>
  page.waitForFunction(async () => {
    const r = await navigator.serviceWorker.getRegistration();
    return r !== undefined && r.waiting === null && r.active?.state === 'activated' && navigator.serviceWorker.controller !== null;
  }, null, { timeout: 20_000 });

describe('a new version', () => {
  it('found in the visit that installed the first: waits, is offered, and takes over on the analyst’s word', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url);
    await ready(page);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
    expect(await page.getByTestId('update-ready').count()).toBe(0);

    // The next build: a changed sw.js. The browser finds it when it checks for an update.
    appendFileSync(join(dir, 'sw.js'), '\n// next build 1\n');
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    await waiting(page);

    // It waits (the old worker still controls the tab) and the tab offers it.
    await page.getByTestId('update-ready').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('update-ready').textContent()).toContain('A new version of Yishi is ready');
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.waiting!.state)).toBe('installed');

    // On the analyst's word: the new worker takes over and the tab reloads into it.
    const reloaded = page.waitForEvent('load', { timeout: 20_000 });
    await page.getByTestId('update-reload').click();
    await reloaded;
    await ready(page);
    await settled(page);
    expect(await page.getByTestId('update-ready').count()).toBe(0);
    await context.close();
  });

  it('with two tabs of the old version open: both are offered it, and both reload when one says yes', async () => {
    const context = await browser.newContext();
    const a = await context.newPage();
    await a.goto(url);
    await ready(a);
    await a.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
    // A later visit: the old version controls the tab from its start.
    await a.reload();
    await ready(a);
    const b = await context.newPage();
    await b.goto(url);
    await ready(b);

    appendFileSync(join(dir, 'sw.js'), '\n// next build 2\n');
    await a.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    await waiting(a);
    await a.getByTestId('update-ready').waitFor({ timeout: 20_000 });
    await b.getByTestId('update-ready').waitFor({ timeout: 20_000 });

    const reloadedA = a.waitForEvent('load', { timeout: 20_000 });
    const reloadedB = b.waitForEvent('load', { timeout: 20_000 });
    await a.getByTestId('update-reload').click();
    await Promise.all([reloadedA, reloadedB]);
    for (const page of [a, b]) {
      await ready(page);
      await settled(page);
      expect(await page.getByTestId('update-ready').count()).toBe(0);
    }
    await context.close();
  });
});
