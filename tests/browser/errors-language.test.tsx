// Errors speak the interface's language: with the interface in Chinese, a write and an import the
// browser's storage refuses are reported in Chinese, naming the record or the file (issue 12).
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { fillTheDisk } from '../fullDisk';
import { byTestId, mountApp, unmountApps, type MountedApp } from './i18n-mount';

const SAMPLE = '打造天津的当家产业（天津市政协专题议政会综述）';
/** The storage's own words for a full disk, with what to do (issue 18). */
const FULL = '磁盘或浏览器的存储配额已满——请释放空间，或导出备份';

let restoreStorage: (() => void) | null = null;
afterEach(async () => {
  restoreStorage?.();
  restoreStorage = null;
  await unmountApps();
});

const alertText = (m: MountedApp) => m.container.querySelector('[data-testid="alert"]')?.textContent ?? '';

describe('errors in the interface language', () => {
  it('a tag the storage refuses is reported in Chinese, naming the record, and is not shown as saved', async () => {
    const m = await mountApp({ preferred: ['zh-CN'] });
    const editor = m.container.querySelector<HTMLElement>('.ProseMirror')!;
    const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
    let text: Text | null = null;
    for (let n = walker.nextNode(); n && !text; n = walker.nextNode()) if ((n as Text).data.length > 30 && n.parentElement!.closest('p')) text = n as Text;
    await userEvent.click(text!.parentElement!);
    document.getSelection()!.setBaseAndExtent(text!, 2, text!, 8);
    await expect.poll(() => document.getSelection()!.toString().length).toBe(6);
    restoreStorage = fillTheDisk();
    await userEvent.keyboard('2');
    await expect.poll(() => alertText(m)).toMatch(new RegExp(`^记录“${SAMPLE.replace(/[()（）]/g, '.')}”：.*${FULL}`));
    expect(byTestId(m, 'save-state').dataset.state).toBe('failed');
    expect(byTestId(m, 'save-state').textContent).not.toMatch(/[A-Za-z]/);
    expect(m.container.querySelectorAll('[data-annotation-ids]')).toHaveLength(0);
  });

  it('an import the storage refuses is reported in Chinese, naming the file, and stores nothing', async () => {
    const m = await mountApp({ preferred: ['zh-CN'] });
    restoreStorage = fillTheDisk();
    const input = byTestId<HTMLInputElement>(m, 'import-file');
    const transfer = new DataTransfer();
    transfer.items.add(new File(['市长廖国勋表示将全面实施链长制。'], '座谈会.txt', { type: 'text/plain' }));
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await expect.poll(() => alertText(m)).toMatch(new RegExp(`^未导入：“座谈会\\.txt”：.*${FULL}`));
    // The batch's per-file summary joins the notice area once the batch is over (after its alert).
    await expect.poll(() => m.container.querySelector('[data-testid="import-summary-item"]')).not.toBeNull();
    const row = byTestId(m, 'import-summary-item');
    expect(row.dataset.outcome).toBe('refused');
    expect(row.textContent).toContain(FULL);
    expect(m.container.querySelectorAll('[data-testid="doc-item"]')).toHaveLength(1);
  });
});
