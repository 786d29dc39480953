// Issue 17 item 5: a batch import interrupted by a reload said nothing about the files it never
// reached. The batch's progress is stored; the next start names the files not imported and offers
// to choose them again; once dismissed it is not told again.
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { BatchFile } from '../../src/app/importBatch';
import { byTestId, mountApp, unmountApps } from './i18n-mount';

afterEach(async () => {
  await unmountApps();
});

const text = (name: string, n: number): BatchFile => new File([`第${n}次会议纪要。\n委员建议加快第${n}项改革。\n`], name);
/** A file whose reading never ends: the page goes away while the batch waits on it. */
const stuck = (name: string): BatchFile => ({ name, arrayBuffer: () => new Promise<ArrayBuffer>(() => {}) });

describe('an interrupted batch import', () => {
  it('is told on the next start with the files not imported, offers to choose them again, and is forgotten once dismissed', async () => {
    const first = await mountApp({ preferred: ['zh-CN'] });
    void first.workbench.importFiles([text('一.txt', 1), text('二.txt', 2), stuck('三.txt'), text('四.txt', 4)]);
    await expect.poll(async () => (await first.library.getSetting('pendingImport'))?.done).toEqual(['一.txt', '二.txt']);
    const dbName = first.dbName;
    first.unmount(); // the page reloads in the middle of the batch

    const again = await mountApp({ preferred: ['zh-CN'], dbName });
    await expect.poll(() => again.container.querySelector('[data-testid="alert"]')?.textContent ?? '').toContain('以下文件没有导入：“三.txt”、“四.txt”');
    expect(byTestId(again, 'alert').textContent).not.toContain('一.txt');
    expect([...again.container.querySelectorAll('[data-testid="doc-item"] .yi-doc-title')].map((e) => e.textContent)).toHaveLength(3);

    // "Choose them again" opens the import's file chooser.
    let chooserOpened = 0;
    byTestId(again, 'import-file').addEventListener('click', (e) => {
      e.preventDefault(); // no real file dialog in the test
      chooserOpened++;
    });
    await userEvent.click(byTestId(again, 'notice-action'));
    expect(chooserOpened).toBe(1);

    // Dismissed: forgotten, not told at the next start.
    await userEvent.click(byTestId(again, 'alert').querySelector<HTMLElement>('button[aria-label="知道了"]')!);
    await expect.poll(async () => await again.library.getSetting('pendingImport')).toBeUndefined();
    again.unmount();
    const third = await mountApp({ preferred: ['zh-CN'], dbName });
    expect(third.container.querySelector('[data-testid="alert"]')).toBeNull();
  });

  it('leaves nothing behind when the batch finishes', async () => {
    const m = await mountApp({ preferred: ['en'] });
    await m.workbench.importFiles([text('a.txt', 1), text('b.txt', 2)]);
    expect(await m.library.getSetting('pendingImport')).toBeUndefined();
  });
});
