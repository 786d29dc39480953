/**
 * A browser closed in the middle of a bulk import leaves every record either whole (title, text,
 * every annotation, the count) or absent, and a file of many records all there or none of it.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import type { Annotation } from '../../src/domain/annotation';
import type { MeetingDocument } from '../../src/domain/document';
import { DEFAULT_LABELS } from '../../src/domain/labels';
import { cp } from '../../src/domain/units';
import { serializeNative } from '../../src/io/native';
import { servePreview } from './harness.mjs';

let server: { url: string; close(): Promise<void> } | undefined;
const work = mkdtempSync(join(tmpdir(), 'yishi-interrupt-'));
const profile = join(work, 'profile');

beforeAll(async () => {
  server = await servePreview();
});
afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

/** The same profile directory every time: what one browser stored, the next one finds. */
function launch(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, { executablePath: chromiumPath, args: chromiumArgs, headless: true });
}

async function openApp(context: BrowserContext): Promise<Page> {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(server!.url);
  await page.getByTestId('editor').locator('.ProseMirror').waitFor();
  return page;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const slice = (text: string, start: number, end: number) => Array.from(text).slice(start, end).join('');
const OLD = '2024-01-01T00:00:00.000Z';
const LABELS = DEFAULT_LABELS.map((l) => l.id);

/** A record of about 16,000 characters (astral characters included), distinct per `n`. */
function recordText(n: number): string {
  const lines: string[] = [`第${n}次会议记录`, ''];
  for (let i = 0; i < 300; i++) lines.push(`　　委员${n}-${i}说：目前𠮷我市先进制造业存在配套不完整的问题，建议加快建设研究院（${i}）。`);
  return lines.join('\n') + '\n';
}

function withAnnotations(id: string, title: string, text: string, every: number): { document: MeetingDocument; annotations: Annotation[] } {
  const length = Array.from(text).length;
  const annotations: Annotation[] = [];
  for (let start = 3, k = 0; start + 12 < length; start += every, k++) {
    const end = start + 5 + (k % 7);
    annotations.push({ id: `${id}-a${k}`, label: LABELS[k % 4]!, start: cp(start), end: cp(end), text: slice(text, start, end), createdAt: OLD, updatedAt: OLD });
  }
  return { document: { id, title, text, format: 'plain', meta: {}, createdAt: OLD, updatedAt: OLD }, annotations };
}

interface Expected {
  text: string;
  annotations: { id: string; label: string; start: number; end: number; text: string }[] | null; // null: a .txt file (ids are new)
  /** The file that carries several records, which must be stored all together or not at all. */
  group?: string;
}

interface Stored {
  id: string;
  title: string;
  annotationCount: number;
  contentHash: string;
  text: string | null;
  annotations: { id: string; label: string; start: number; end: number; text: string }[];
}

/** Every record as stored, read with the raw IndexedDB API (not through the app's code). */
function readStore(page: Page): Promise<Stored[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('yishi');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = <T,>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(request.error);
      });
    const docs = await all<{ id: string; title: string; annotationCount: number; contentHash: string }>('documents');
    const texts = new Map((await all<{ docId: string; text: string }>('texts')).map((t) => [t.docId, t.text]));
    const buckets = await all<{ docId: string; annotations: Stored['annotations'] }>('annotationBuckets');
    db.close();
    return docs.map((d) => ({
      id: d.id,
      title: d.title,
      annotationCount: d.annotationCount,
      contentHash: d.contentHash,
      text: texts.get(d.id) ?? null,
      annotations: buckets
        .filter((b) => b.docId === d.id)
        .flatMap((b) => b.annotations.map(({ id, label, start, end, text }) => ({ id, label, start, end, text }))),
    }));
  });
}

describe('a browser closed in the middle of a bulk import', () => {
  it('leaves each record whole or absent', async () => {
    // 41 files: 20 plain texts, 20 native files of one record with ~300 annotations each, and as
    // the fifth file, about when the browser is closed, one native file of 10 records.
    const expected = new Map<string, Expected>();
    const paths: string[] = [];
    for (let i = 0; i < 41; i++) {
      if (i === 4) {
        const items = Array.from({ length: 10 }, (_, j) => withAnnotations(`group-${j}`, `合集记录${j}`, recordText(1000 + j), 97));
        for (const it of items) expected.set(it.document.title, { text: it.document.text, annotations: it.annotations, group: 'group' });
        paths.push(join(work, 'group.yishi.json'));
        writeFileSync(paths.at(-1)!, serializeNative(items, DEFAULT_LABELS));
      } else if (i % 2 === 0) {
        const title = `文本记录${i}`;
        expected.set(title, { text: recordText(i), annotations: null });
        paths.push(join(work, `${title}.txt`));
        writeFileSync(paths.at(-1)!, recordText(i));
      } else {
        const item = withAnnotations(`native-${i}`, `标注记录${i}`, recordText(i), 53);
        expected.set(item.document.title, { text: item.document.text, annotations: item.annotations });
        paths.push(join(work, `native-${i}.yishi.json`));
        writeFileSync(paths.at(-1)!, serializeNative([item], DEFAULT_LABELS));
      }
    }

    let context = await launch();
    let page = await openApp(context);
    const sample = await page.getByTestId('doc-item').count();
    expect(sample).toBe(1);
    await page.getByTestId('import-file').setInputFiles(paths);
    // Close the whole browser as soon as a few records are listed: the import is still running.
    await expect.poll(() => page.getByTestId('doc-item').count(), { timeout: 30_000, interval: 20 }).toBeGreaterThanOrEqual(sample + 4);
    await context.close();

    context = await launch();
    page = await openApp(context);
    const stored = (await readStore(page)).filter((d) => expected.has(d.title));
    const byTitle = new Map(stored.map((d) => [d.title, d]));
    expect(byTitle.size).toBe(stored.length); // no record stored twice

    for (const [title, want] of expected) {
      const got = byTitle.get(title);
      if (!got) continue; // absent is allowed; half-stored is not
      expect(got.text, title).toBe(want.text);
      expect(got.contentHash, title).toBe(sha256(want.text));
      expect(got.annotationCount, title).toBe(got.annotations.length);
      for (const a of got.annotations) expect(slice(got.text!, a.start, a.end), `${title} ${a.id}`).toBe(a.text);
      const wanted = (want.annotations ?? []).map(({ id, label, start, end, text }) => ({ id, label, start, end, text }));
      expect([...got.annotations].sort((a, b) => (a.id < b.id ? -1 : 1)), title).toEqual([...wanted].sort((a, b) => (a.id < b.id ? -1 : 1)));
    }
    const group = [...expected].filter(([, e]) => e.group).map(([t]) => byTitle.has(t));
    expect(new Set(group).size, 'the 10 records of one file: all stored or none').toBe(1);

    // The import really was interrupted, after storing some records.
    const annotations = stored.reduce((n, d) => n + d.annotations.length, 0);
    console.log(`import interrupted: ${stored.length} of ${expected.size} records stored whole (${annotations} annotations), the rest absent`);
    expect(stored.length).toBeGreaterThanOrEqual(4);
    expect(stored.length).toBeLessThan(expected.size);

    // The app lists exactly what is stored, and opens a stored record with all its annotations.
    expect(await page.getByTestId('doc-item').count()).toBe(sample + stored.length);
    const annotated = stored.find((d) => d.annotations.length > 0);
    if (annotated) {
      await page.getByTestId('doc-item').filter({ hasText: annotated.title }).locator('.yi-doc-open').click();
      await expect.poll(() => page.getByTestId('annotation-count').textContent()).toBe(String(annotated.annotations.length));
    }
    await context.close();
  });
});
