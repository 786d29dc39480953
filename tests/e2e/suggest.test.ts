import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBuiltApp } from './builtApp';

const app = useBuiltApp();
const work = mkdtempSync(join(tmpdir(), 'yishi-suggest-'));

interface Item {
  id: string;
  label: string;
  source: string;
  confidence: number;
  start: number;
  end: number;
}

/** The suggestion list as shown, in order. */
async function items(page: Page): Promise<Item[]> {
  return page.getByTestId('suggestion-item').evaluateAll((els) =>
    els.map((e) => ({
      id: e.getAttribute('data-suggestion-id')!,
      label: e.getAttribute('data-label')!,
      source: e.getAttribute('data-source')!,
      confidence: Number(e.getAttribute('data-confidence')),
      start: Number(e.getAttribute('data-start')),
      end: Number(e.getAttribute('data-end')),
    })),
  );
}

const current = (page: Page) => page.getByTestId('suggestion-list').getAttribute('aria-activedescendant');
const count = async (page: Page) => Number(await page.getByTestId('annotation-count').textContent());

async function run(page: Page): Promise<Item[]> {
  await page.getByTestId('suggest-run').click();
  await expect.poll(async () => (await items(page)).length).toBeGreaterThan(5);
  await page.getByTestId('suggestion-list').focus();
  return items(page);
}

async function saved(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state')).toBe('saved');
}

describe('assisted tagging in the built app', () => {
  it('suggests, reviews by keyboard, accepts all above a threshold in one undo step, remembers rejections, trains in a worker', async () => {
    const context = await app.browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(app.url);
    await page.getByTestId('editor').locator('.ProseMirror').waitFor();
    await page.getByTestId('annotator-name').fill('王分析');
    await page.getByTestId('annotator-name').press('Enter');

    // Run: suggestions in the list and drawn in the text, the first one current.
    const all = await run(page);
    expect(all.every((s) => s.source === 'rule')).toBe(true);
    const drawn = await page.locator('[data-testid="editor"] [data-suggestion-ids]').evaluateAll((els) => els.flatMap((e) => e.getAttribute('data-suggestion-ids')!.split(' ')));
    expect(new Set(drawn)).toEqual(new Set(all.map((s) => s.id)));
    expect(await current(page)).toBe(`suggestion-${all[0]!.id}`);
    expect(await count(page)).toBe(0);

    // ↓: the next one is current, in the list and in the text.
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => current(page)).toBe(`suggestion-${all[1]!.id}`);
    await expect.poll(() => page.locator(`.yi-sug.is-current[data-suggestion-ids~="${all[1]!.id}"]`).count()).toBeGreaterThan(0);
    // Enter accepts it as proposed; the one after becomes current.
    await page.keyboard.press('Enter');
    await expect.poll(() => count(page)).toBe(1);
    await expect.poll(() => current(page)).toBe(`suggestion-${all[2]!.id}`);
    expect((await items(page)).map((s) => s.id)).not.toContain(all[1]!.id);
    // 3 accepts with the label recommendation.
    await page.keyboard.press('3');
    await expect.poll(() => count(page)).toBe(2);
    await expect.poll(() => current(page)).toBe(`suggestion-${all[3]!.id}`);
    // x rejects: nothing is tagged, it leaves the list and the text.
    await page.keyboard.press('x');
    await expect.poll(() => current(page)).toBe(`suggestion-${all[4]!.id}`);
    expect(await count(page)).toBe(2);
    expect(await page.locator(`[data-suggestion-ids~="${all[3]!.id}"]`).count()).toBe(0);
    // ] moves the start one character right; Enter accepts it so.
    await page.keyboard.press(']');
    await expect.poll(async () => (await items(page)).find((s) => s.id === all[4]!.id)?.start).toBe(all[4]!.start + 1);
    await page.keyboard.press('Enter');
    await expect.poll(() => count(page)).toBe(3);
    await saved(page);

    // Accept all above a threshold: exactly those, in one change, one undo.
    const threshold = 0.8;
    const listed = await items(page);
    const expected = listed.filter((s) => s.confidence >= threshold).length;
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(listed.length);
    await page.getByTestId('suggestion-threshold').fill(String(threshold));
    await page.getByTestId('suggestion-accept-all').click();
    await expect.poll(() => count(page)).toBe(3 + expected);
    await saved(page);
    expect((await items(page)).every((s) => s.confidence < threshold)).toBe(true);
    await page.getByTestId('suggestion-list').focus();
    await page.keyboard.press('Control+z');
    await expect.poll(() => count(page)).toBe(3);
    await expect.poll(async () => (await items(page)).length).toBe(listed.length);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => count(page)).toBe(3 + expected);
    await saved(page);

    // The native export: the accepted spans carry their origin, speaker and annotator.
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
    const path = join(work, 'record.yishi.json');
    await file.saveAs(path);
    const exported = JSON.parse(readFileSync(path, 'utf8'));
    const annotations: { label: string; start: number; end: number; origin?: { kind: string }; annotator?: string; speaker?: string }[] = exported.documents[0].annotations;
    expect(annotations).toHaveLength(3 + expected);
    expect(annotations.every((a) => a.origin?.kind === 'rule' && a.annotator === '王分析')).toBe(true);
    expect(annotations.some((a) => a.speaker)).toBe(true);
    expect(annotations.find((a) => a.start === all[1]!.start && a.end === all[1]!.end)?.label).toBe(all[1]!.label);
    expect(annotations.find((a) => a.start === all[2]!.start && a.end === all[2]!.end)?.label).toBe('recommendation');
    expect(annotations.find((a) => a.start === all[4]!.start + 1 && a.end === all[4]!.end)?.label).toBe(all[4]!.label);

    // After a reload, the rejected suggestion is not proposed again (the accepted ones neither).
    await page.reload();
    await page.getByTestId('editor').locator('.ProseMirror').waitFor();
    const again = await run(page);
    const ids = again.map((s) => s.id);
    expect(ids).not.toContain(all[3]!.id);
    expect(ids).not.toContain(all[1]!.id);
    // A click on a suggestion in the text makes it current.
    const target = again[2]!;
    await page.locator(`[data-testid="editor"] [data-suggestion-ids~="${target.id}"]`).first().click();
    await expect.poll(() => current(page)).toBe(`suggestion-${target.id}`);

    // Training in the worker (CSP worker-src 'self'): a model version is shown, and model suggestions appear.
    await page.getByTestId('suggest-train').click();
    await expect.poll(() => page.getByTestId('suggest-model-version').getAttribute('data-version'), { timeout: 30_000 }).toMatch(/^nb-\d+-[0-9a-f]{16}$/);
    await expect.poll(async () => (await items(page)).filter((s) => s.source === 'model').length).toBeGreaterThan(0);
    const version = await page.getByTestId('suggest-model-version').getAttribute('data-version');

    // A model suggestion accepted carries the model and its version.
    const model = (await items(page)).find((s) => s.source === 'model')!;
    await page.locator(`[data-testid="suggestion-item"][data-suggestion-id="${model.id}"]`).click();
    await page.getByTestId('suggestion-list').focus();
    await page.keyboard.press('Enter');
    await saved(page);
    const [file2] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
    await file2.saveAs(path);
    const second = JSON.parse(readFileSync(path, 'utf8')).documents[0].annotations as typeof annotations & { origin?: { modelVersion?: string } }[];
    expect(second.find((a) => a.start === model.start && a.end === model.end)?.origin).toEqual({ kind: 'model', modelVersion: version });

    expect(errors.filter((e) => !/favicon/.test(e))).toEqual([]);
    await context.close();
  });
});
