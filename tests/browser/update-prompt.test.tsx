import { afterEach, describe, expect, it } from 'vitest';
import { offerUpdate, reloadWhenIdle, resetUpdate, setIdleCheck } from '../../src/app/appUpdate';
import { byTestId, mountApp, unmountApps } from './i18n-mount';

afterEach(async () => {
  resetUpdate();
  await unmountApps();
});

function gate(): { wait: () => Promise<void>; open(): void; asked: () => number } {
  let open!: () => void;
  let asked = 0;
  const p = new Promise<void>((resolve) => (open = resolve));
  return { wait: () => (asked++, p), open, asked: () => asked };
}

describe('a new version waiting', () => {
  it('is offered once no write is pending, and switched to only on the analyst’s word', async () => {
    const m = await mountApp({ preferred: ['en-US'] });
    const writes = gate();
    setIdleCheck(writes.wait);
    let activated = 0;
    offerUpdate({ activate: async () => void activated++ });
    // The prompt asked whether writes are pending; one is: nothing is offered yet.
    await expect.poll(() => writes.asked()).toBeGreaterThan(0);
    expect(m.container.querySelector('[data-testid="update-ready"]')).toBeNull();
    writes.open();
    await expect.poll(() => m.container.querySelector('[data-testid="update-ready"]')?.textContent).toContain('A new version of Yishi is ready');
    expect(activated).toBe(0);
    byTestId(m, 'update-reload').click();
    await expect.poll(() => activated).toBe(1);
  });

  it('speaks Chinese in a Chinese interface, and the real idle check lets it show', async () => {
    const m = await mountApp({ preferred: ['zh-CN'] });
    offerUpdate({ activate: async () => {} });
    await expect.poll(() => m.container.querySelector('[data-testid="update-ready"]')?.textContent).toContain('议事的新版本已就绪');
    expect(byTestId(m, 'update-reload').textContent).toBe('重新载入');
  });

  it('reloads a tab the new version took over only after its writes are done', async () => {
    const writes = gate();
    setIdleCheck(writes.wait);
    let reloaded = false;
    const done = reloadWhenIdle(() => (reloaded = true));
    await expect.poll(() => writes.asked()).toBe(1);
    expect(reloaded).toBe(false);
    writes.open();
    await done;
    expect(reloaded).toBe(true);
  });
});
