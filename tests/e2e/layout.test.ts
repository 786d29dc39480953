// Issue 17 item 2: at 1024×700 the label buttons 3 and 4 could not be clicked, the header wrapped
// to two lines and the relation picker's list of targets was hidden under the sidebar tabs. From
// 1024×700 to 1920×1080 every control of the header and the label bar is inside the window and
// is what a click there reaches; the text column's width is the analyst's reading measure.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBuiltApp } from './builtApp';
import { selectInEditor, tagAll } from './harness.mjs';

const app = useBuiltApp();

/** Whether a click at the middle of the element (or of the label holding a hidden file input) reaches it. */
async function reachable(target: Locator): Promise<string | null> {
  return target.evaluate((el) => {
    const box = (el instanceof HTMLInputElement && el.type === 'file' ? el.closest('label') ?? el : el) as HTMLElement;
    const r = box.getBoundingClientRect();
    const name = el.getAttribute('data-testid') ?? el.textContent;
    if (r.width === 0 || r.height === 0) return `${name}: not shown`;
    if (r.left < 0 || r.top < 0 || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5) {
      return `${name}: outside the window (${Math.round(r.left)}, ${Math.round(r.top)}, ${Math.round(r.right)}, ${Math.round(r.bottom)})`;
    }
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit && box.contains(hit) ? null : `${name}: covered by ${hit?.className || hit?.tagName}`;
  });
}

async function checkAll(page: Page, locator: Locator): Promise<string[]> {
  const problems: string[] = [];
  for (const el of await locator.all()) {
    const p = await reachable(el);
    if (p) problems.push(p);
  }
  return problems;
}

/** Every control with a data-testid in the header (the folded ones once "More" is open) and the label bar. */
async function controlsOutOfReach(page: Page): Promise<string[]> {
  const header = page.locator('.yi-header');
  const more = page.getByTestId('header-more');
  const folded = (await more.count()) > 0;
  const problems = await checkAll(page, header.locator('[data-testid]:not(.yi-more-panel [data-testid])'));
  if (folded) {
    await more.click();
    problems.push(...(await checkAll(page, page.locator('.yi-more-panel [data-testid]'))));
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.yi-more-panel').isVisible()).toBe(false);
  }
  problems.push(...(await checkAll(page, page.getByTestId('label-bar').locator('[data-testid]'))));
  // The reader's tools beside the label bar.
  problems.push(...(await checkAll(page, page.locator('.yi-reader-bar [data-testid]:not(.yi-labelbar *)'))));
  return problems;
}

/** The header on one line: every control's top within a few pixels of the others'. */
async function headerLines(page: Page): Promise<number> {
  return page.locator('.yi-header').evaluate((h) => {
    const tops = [...h.querySelectorAll<HTMLElement>('button, select, label.yi-button')].filter((e) => e.getClientRects().length > 0 && !e.closest('.yi-more-panel')).map((e) => e.getBoundingClientRect().top);
    return Math.max(...tops) - Math.min(...tops) > 8 ? 2 : 1;
  });
}

const SIZES = [
  { width: 1024, height: 700 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];

describe('layout from 1024×700 to 1920×1080', () => {
  for (const viewport of SIZES) {
    for (const locale of ['zh-CN', 'en']) {
      it(`${viewport.width}×${viewport.height} (${locale}): every control of the header and the label bar is in the window and clickable; the relation picker's targets show`, async () => {
        const context = await app.browser.newContext({ viewport, locale });
        try {
          const page = await app.open(context);
          expect(await headerLines(page)).toBe(1);
          expect(await controlsOutOfReach(page)).toEqual([]);
          // The folded actions work from the menu.
          if ((await page.getByTestId('header-more').count()) > 0) {
            await page.getByTestId('header-more').click();
            await page.getByTestId('agreement-open').click();
            await expect.poll(() => page.getByTestId('agreement-dialog').isVisible()).toBe(true);
            await page.keyboard.press('Escape');
            await expect.poll(() => page.locator('.yi-more-panel').isVisible()).toBe(false);
          }

          // Label 4 by its button, then the relation picker (R) from it: its list of targets is visible.
          await tagAll(page, [['生物医药产业目前政策体系散乱', '2']]);
          await selectInEditor(page, '将以此次会议为契机');
          await page.getByTestId('label-button-response').click();
          await page.locator('[data-testid="annotation-item"][data-label="response"]').first().locator('button').click();
          await page.getByTestId('span-panel').waitFor();
          await page.keyboard.press('r');
          await page.getByTestId('link-target-search').waitFor();
          const first = page.locator('.yi-link-candidates li').first();
          await first.waitFor();
          expect(await reachable(first)).toBeNull();
          await page.keyboard.press('Escape');
        } finally {
          await context.close();
        }
      });
    }
  }

  it('1920×1080: the text column follows the reading measure, kept after a reload', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    try {
      const page = await app.open(context);
      const widths = async () =>
        page.locator('.yi-scroll').evaluate((s) => ({ column: s.querySelector('.yi-record')!.getBoundingClientRect().width, reader: s.clientWidth }));
      const seen: Record<string, number> = {};
      let reader = 0;
      for (const measure of ['narrow', 'medium', 'wide', 'full']) {
        await page.getByTestId('reading-measure').selectOption(measure);
        await expect.poll(() => page.locator('.yi-scroll').getAttribute('data-measure')).toBe(measure);
        const w = await widths();
        seen[measure] = w.column;
        reader = w.reader;
      }
      expect(seen.narrow).toBeLessThan(seen.medium!);
      expect(seen.medium).toBeLessThan(seen.wide!);
      expect(seen.wide).toBeLessThan(seen.full!);
      // "wide" uses most of a 1920 px screen's reader; "full" all of it but the margins.
      expect(seen.wide! / reader).toBeGreaterThan(0.7);
      expect(seen.full!).toBeGreaterThan(reader - 100);
      await page.getByTestId('reading-measure').selectOption('wide');
      await page.reload();
      await page.getByTestId('editor').locator('.ProseMirror').waitFor();
      await expect.poll(() => page.getByTestId('reading-measure').inputValue()).toBe('wide');
      expect((await widths()).column).toBeCloseTo(seen.wide!, 0);
    } finally {
      await context.close();
    }
  });
});
