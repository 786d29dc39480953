/**
 * Offline and installable (issue 7, item 7): after one visit with the network on, the built app
 * opens, tags and keeps a span with the network off; it links a web app manifest that names the
 * app, runs standalone and has 192 and 512 px PNG icons. Served on http://127.0.0.1 (a service
 * worker needs a secure context, which loopback http is; file:// is not).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { useBuiltApp } from './builtApp';
import { tagAll } from './harness.mjs';

const app = useBuiltApp();

/** Console messages about the Content-Security-Policy: the built app must trigger none. */
const cspViolations: string[] = [];
afterAll(() => {
  expect(cspViolations).toEqual([]);
});

async function newPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  return page;
}

async function editorReady(page: Page): Promise<void> {
  await page.getByTestId('editor').locator('.ProseMirror').waitFor();
}

const count = async (page: Page): Promise<number> => Number(await page.getByTestId('annotation-count').textContent());

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

interface Manifest {
  name?: string;
  short_name?: string;
  start_url?: string;
  display?: string;
  theme_color?: string;
  background_color?: string;
  icons?: Array<{ src: string; sizes: string; type?: string; purpose?: string }>;
}

describe('offline and installable', () => {
  it('links a manifest with a name, standalone display, a theme colour and 192/512 px PNG icons', async () => {
    const context = await app.browser.newContext();
    const page = await newPage(context);
    await page.goto(app.url);
    await editorReady(page);

    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBeTruthy();
    const manifestUrl = new URL(href!, app.url).href;
    expect(manifestUrl.startsWith(app.url)).toBe(true); // same origin
    const response = await context.request.get(manifestUrl);
    expect(response.ok()).toBe(true);
    const manifest = JSON.parse(await response.text()) as Manifest;
    expect(manifest).toMatchObject({ name: '议事 Yishi', display: 'standalone', start_url: '/' });
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(await page.locator('meta[name="theme-color"]').getAttribute('content')).toBe(manifest.theme_color);

    const icons = manifest.icons ?? [];
    for (const size of [192, 512]) {
      const icon = icons.find((i) => i.sizes === `${size}x${size}` && i.type === 'image/png' && (i.purpose ?? 'any').includes('any'));
      expect(icon, `a ${size}x${size} PNG icon`).toBeDefined();
      const bytes = await context.request.get(new URL(icon!.src, manifestUrl).href);
      expect(bytes.ok()).toBe(true);
      expect(bytes.headers()['content-type']).toContain('image/png');
      expect(pngSize(await bytes.body())).toEqual({ width: size, height: size });
    }
    console.log(`  manifest: ${manifest.name}, ${manifest.display}, ${icons.length} icons (${icons.map((i) => i.sizes).join(', ')})`);
    await context.close();
  });

  it('after one visit online, opens the sample record, tags a span and keeps it across reloads with the network off', async () => {
    const context = await app.browser.newContext();
    const page = await newPage(context);
    await page.goto(app.url);
    await editorReady(page);

    // The service worker is installed, active and controls this page (clientsClaim).
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(app.url);
    const swUrl = await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL);
    expect(swUrl).toBe(new URL('sw.js', app.url).href);

    await context.setOffline(true);
    // The network is really off: a file that is not precached cannot be fetched.
    const uncached = await page.evaluate(async () => {
      try {
        const r = await fetch(`/not-precached-${Date.now()}.txt`);
        return `HTTP ${r.status}`;
      } catch (e) {
        return `refused: ${(e as Error).name}`;
      }
    });
    expect(uncached).toMatch(/^refused/);
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);

    // Reload offline: the app opens on the sample record, from the service worker's cache.
    const reload = await page.reload();
    expect(reload?.fromServiceWorker()).toBe(true);
    await editorReady(page);
    expect(await page.getByTestId('editor').textContent()).toContain('天津市政协调研组在滨海新区调研');
    const before = await count(page);

    // Tag a span offline; it is stored and survives another offline reload.
    await tagAll(page, [['天津市政协调研组', '2']]);
    await expect.poll(() => count(page)).toBe(before + 1);
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state')).toBe('saved');
    await page.reload();
    await editorReady(page);
    await expect.poll(() => count(page)).toBe(before + 1);
    const excerpts = await page.getByTestId('annotation-item').locator('.yi-excerpt').allTextContents();
    expect(excerpts).toContain('天津市政协调研组');
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    console.log(`  offline: reloaded twice with the network off, tagged 1 span (${before} → ${before + 1} annotations)`);
    await context.close();
  });
});
