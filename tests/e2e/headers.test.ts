/**
 * Headers and the service worker's precache (issue 18): `npm run preview` serves every response
 * with the CSP as a header (frame-ancestors 'none', the meta tag's directives), nosniff and no
 * referrer; the built sw.js precaches the manifest once.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { CSP_DIRECTIVES, contentSecurityPolicy } from '../../scripts/security-headers.mjs';
import { useBuiltApp } from './builtApp';

const app = useBuiltApp();

describe('security headers of the preview server', () => {
  for (const path of ['', 'sw.js', 'manifest.webmanifest', 'no/such/page']) {
    it(`sends the CSP with frame-ancestors 'none', nosniff and no-referrer for /${path}`, async () => {
      const response = await fetch(new URL(path, app.url));
      const csp = response.headers.get('content-security-policy');
      expect(csp).toBe(contentSecurityPolicy('header'));
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("connect-src 'self'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    });
  }

  it('has the same directives as the meta tag of the built index.html, plus frame-ancestors', async () => {
    const html = await (await fetch(app.url)).text();
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1]?.replace(/&#39;/g, "'");
    expect(meta).toBe(CSP_DIRECTIVES.join('; '));
    expect(contentSecurityPolicy('header')).toBe(`${meta}; frame-ancestors 'none'`);
  });

  it('lets the app inflate an imported zip in its worker under the header policy', async () => {
    const context = await app.browser.newContext();
    const page = await app.open(context);
    const errors: string[] = [];
    page.on('console', (m) => {
      if (/Content.Security.Policy|Refused/i.test(m.text())) errors.push(m.text());
    });
    const zipPath = join(mkdtempSync(join(tmpdir(), 'yishi-zip-')), '调研纪要.zip');
    writeFileSync(zipPath, zipSync({ '调研纪要.txt': strToU8('政协委员建议加快发展。'), '调研纪要.ann': strToU8('T1\tproposal 4 10\t建议加快发展\n') }));
    await page.getByTestId('import-file').setInputFiles(zipPath);
    await expect.poll(() => page.getByTestId('doc-item').locator('.yi-doc-title').allTextContents(), { timeout: 20_000 }).toContain('调研纪要');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps the app out of a frame on another origin', async () => {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    const blocked: string[] = [];
    page.on('console', (m) => {
      if (/frame-ancestors|Refused to frame/i.test(m.text())) blocked.push(m.text());
    });
    await page.setContent(`<iframe src="${app.url}"></iframe>`);
    await expect.poll(() => blocked.length).toBeGreaterThan(0);
    await context.close();
  });
});

describe('the service worker precache', () => {
  it('lists every entry once, the manifest included', () => {
    const sw = readFileSync('dist/sw.js', 'utf8');
    const urls = [...sw.matchAll(/"?url"?:\s*"([^"]+)"/g)].map((m) => m[1]!);
    expect(urls.filter((u) => u === 'manifest.webmanifest')).toHaveLength(1);
    expect(urls.length).toBe(new Set(urls).size);
    expect(urls).toContain('index.html');
  });
});
