// Issue 17 item 3: import notices piled up (one per file, a progress bar and a per-file summary,
// none leaving) and pushed the workbench 300–350 px down. One notice area: newest first, folded to
// the newest entry, successes leave by themselves, failures stay.
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { byTestId, mountApp, unmountApps } from './i18n-mount';

afterEach(async () => {
  await unmountApps();
});

const visible = (el: Element) => el.getClientRects().length > 0;

describe('the notice area', () => {
  it('keeps the workbench in place over five imports, lets successes leave and keeps a failure', async () => {
    const m = await mountApp({ preferred: ['en'] });
    const main = m.container.querySelector<HTMLElement>('.yi-main')!;
    const top = main.getBoundingClientRect().top;
    for (let i = 0; i < 5; i++) {
      await m.workbench.importFiles([new File([`第${i}次会议纪要。\n委员建议加快第${i}项改革。\n`], `meeting-${i}.txt`)]);
    }
    const area = byTestId(m, 'notice-area');
    await expect.poll(() => Number(area.dataset.count)).toBeGreaterThanOrEqual(5);
    // One entry is shown (the newest: the last batch's summary); the rest wait behind "+N more".
    const shown = [...area.querySelectorAll('[data-testid="notice"], [data-testid="import-batch"]')].filter(visible);
    expect(shown).toHaveLength(1);
    expect(shown[0]!.getAttribute('data-testid')).toBe('import-batch');
    const entryHeight = shown[0]!.getBoundingClientRect().height;
    expect(entryHeight).toBeLessThan(64);
    expect(main.getBoundingClientRect().top - top).toBeLessThanOrEqual(entryHeight + 1);

    // Expanded, newest first: the notices of meeting-4 before those of meeting-3.
    await userEvent.click(byTestId(m, 'notices-toggle'));
    const texts = [...area.querySelectorAll<HTMLElement>('[data-testid="notice"]')].filter(visible).map((p) => p.textContent!);
    expect(texts.findIndex((x) => x.includes('meeting-4'))).toBeLessThan(texts.findIndex((x) => x.includes('meeting-3')));
    await userEvent.click(byTestId(m, 'notices-toggle'));
    await userEvent.hover(main); // the pointer over the area holds the successes

    // A failure: an empty file.
    await m.workbench.importFiles([new File([], 'empty.txt')]);
    await expect.poll(() => byTestId(m, 'alert').textContent).toContain('empty.txt');

    // The successes leave by themselves; the failure (and its batch summary) stays.
    await expect.poll(() => area.querySelectorAll('[data-kind="info"]').length, { timeout: 20_000 }).toBe(0);
    expect(byTestId(m, 'alert').textContent).toContain('empty.txt');
    expect(byTestId(m, 'import-batch').textContent).toContain('refused');
    expect(main.getBoundingClientRect().top - top).toBeLessThan(64);
  }, 40_000);
});
