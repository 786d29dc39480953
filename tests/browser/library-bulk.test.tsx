// Issue 17 item 8: bulk delete and bulk status change in the library list — check boxes, an
// "N selected" bar, one confirmation with the count; driven through the mounted App.
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { MeetingDocument } from '../../src/domain/document';
import { byTestId, mountApp, unmountApps, type MountedApp } from './i18n-mount';

afterEach(async () => {
  await unmountApps();
});

const T = '2025-01-01T00:00:00.000Z';
const doc = (id: string, title: string): MeetingDocument => ({ id, title, text: `${title}的正文。`, format: 'plain', meta: {}, createdAt: T, updatedAt: T });

function item(m: MountedApp, title: string): HTMLElement {
  const el = [...m.container.querySelectorAll<HTMLElement>('[data-testid="doc-item"]')].find((li) => li.querySelector('.yi-doc-title')!.textContent === title);
  if (!el) throw new Error(`no record "${title}" in the list`);
  return el;
}
const titles = (m: MountedApp) => [...m.container.querySelectorAll('[data-testid="doc-item"] .yi-doc-title')].map((e) => e.textContent!);

describe('bulk changes in the library', () => {
  it('sets the status of the chosen records, then deletes them after one confirmation with the count', async () => {
    const m = await mountApp({ preferred: ['zh-CN'] });
    await m.workbench.storeImport(
      ['甲', '乙', '丙'].map((x, i) => ({ document: doc(`d${i}`, `记录${x}`), annotations: [] })),
      { file: 'records.json', note: '' },
    );
    await expect.poll(() => titles(m)).toHaveLength(4);
    expect(m.container.querySelector('[data-testid="bulk-bar"]')).toBeNull();

    await userEvent.click(item(m, '记录甲').querySelector<HTMLElement>('[data-testid="doc-pick"]')!);
    await userEvent.click(item(m, '记录丙').querySelector<HTMLElement>('[data-testid="doc-pick"]')!);
    await expect.poll(() => byTestId(m, 'bulk-count').textContent).toBe('已选 2 条');
    // Choosing a record does not open it.
    expect(m.container.querySelector('.yi-reader')!.getAttribute('aria-label')).not.toBe('记录甲');

    await userEvent.selectOptions(byTestId<HTMLSelectElement>(m, 'bulk-status'), 'done');
    await expect.poll(() => ['记录甲', '记录乙', '记录丙'].map((t) => item(m, t).dataset.status)).toEqual(['done', 'not_started', 'done']);
    expect((await m.library.listDocuments()).filter((d) => d.meta.status === 'done').map((d) => d.title).sort()).toEqual(['记录丙', '记录甲']);

    await userEvent.click(byTestId(m, 'bulk-delete'));
    const confirm = m.container.querySelector<HTMLElement>('[data-testid="bulk-bar"] .yi-confirm')!;
    expect(confirm.textContent).toContain('删除这 2 条记录');
    expect(titles(m)).toHaveLength(4); // nothing is deleted before the answer
    await userEvent.click(byTestId(m, 'bulk-confirm-delete'));
    await expect.poll(() => titles(m).sort()).toEqual(['打造天津的当家产业（天津市政协专题议政会综述）', '记录乙'].sort());
    expect((await m.library.listDocuments()).map((d) => d.title)).not.toContain('记录甲');
    expect(m.container.querySelector('[data-testid="bulk-bar"]')).toBeNull();
  });
});
