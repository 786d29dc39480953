import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, servePreview } from './harness.mjs';

/**
 * For an end-to-end test file: serves the built app and launches Chromium once for the file,
 * closing both afterwards. Read `url` and `browser` inside tests (they exist once beforeAll ran).
 */
export function useBuiltApp(): { readonly url: string; readonly browser: Browser; open(context: BrowserContext): Promise<Page> } {
  let server: { url: string; close(): Promise<void> } | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await servePreview();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get url() {
      if (!server) throw new Error('the built app is not served yet (use it inside a test)');
      return server.url;
    },
    get browser() {
      if (!browser) throw new Error('Chromium is not launched yet (use it inside a test)');
      return browser;
    },
    /** A new page of the app in this context, once its editor is there. */
    async open(context: BrowserContext) {
      if (!server) throw new Error('the built app is not served yet (use it inside a test)');
      const page = await context.newPage();
      await page.goto(server.url);
      await page.getByTestId('editor').locator('.ProseMirror').waitFor();
      return page;
    },
  };
}

/** The number of annotations of the open record, as the sidebar shows it. */
export async function annotationCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('annotation-count').textContent());
}
