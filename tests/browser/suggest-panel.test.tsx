import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { byTestId, mountApp, unmountApps, type MountedApp } from './i18n-mount';

afterEach(unmountApps);

/** Text the suggestions tab writes itself (quotes, speakers, cues and versions are data). */
function panelText(m: MountedApp): string[] {
  const panel = byTestId(m, 'suggestion-panel');
  const out: string[] = [];
  const roots = [panel, ...m.container.querySelectorAll('[role="tablist"], [data-testid="suggest-run"]')];
  for (const root of roots) {
    for (const el of [root, ...root.querySelectorAll('*')]) {
      if (el.closest('.yi-excerpt, .yi-data')) continue;
      for (const a of ['aria-label', 'title', 'placeholder']) {
        const v = el.getAttribute(a);
        if (v) out.push(v);
      }
      for (const n of el.childNodes) if (n instanceof Text && n.data.trim()) out.push(n.data.trim());
    }
  }
  return out;
}

async function runSuggestions(m: MountedApp): Promise<void> {
  await userEvent.click(byTestId(m, 'suggest-run'));
  await expect.poll(() => m.container.querySelectorAll('[data-testid="suggestion-item"]').length).toBeGreaterThan(5);
  await expect.poll(() => byTestId(m, 'sidebar-tab-suggestions').getAttribute('aria-selected')).toBe('true');
}

describe('the suggestions tab', () => {
  it('passes axe in both languages and writes no untranslated text', async () => {
    const m = await mountApp({ preferred: ['zh-CN'] });
    await runSuggestions(m);
    // The annotations tab's list is hidden, its count still in the DOM.
    expect(byTestId(m, 'annotation-list').closest('[hidden]')).not.toBeNull();
    expect(byTestId(m, 'annotation-count').textContent).toBe('0');
    const results = await axe.run(document, { resultTypes: ['violations'] });
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
    const words = panelText(m).flatMap((s) => s.match(/[A-Za-z]{3,}/g) ?? []);
    expect(words.filter((w) => !['Enter', 'Shift'].includes(w))).toEqual([]);

    await userEvent.selectOptions(byTestId(m, 'language'), 'en');
    await expect.poll(() => document.documentElement.lang).toBe('en');
    expect(panelText(m).filter((s) => /\p{Script=Han}/u.test(s))).toEqual([]);
    const again = await axe.run(document, { resultTypes: ['violations'] });
    expect(again.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

    // Back to the annotations: the list shows again.
    await userEvent.click(byTestId(m, 'sidebar-tab-annotations'));
    expect(byTestId(m, 'annotation-list').closest('[hidden]')).toBeNull();
    expect(byTestId(m, 'suggestion-panel').closest('[hidden]')).not.toBeNull();
  });

  it('Esc in the list gives the keyboard back to the text; j and k move', async () => {
    const m = await mountApp({ preferred: ['en-US'] });
    await runSuggestions(m);
    const list = byTestId(m, 'suggestion-list');
    await expect.poll(() => document.activeElement).toBe(list);
    const first = list.getAttribute('aria-activedescendant');
    await userEvent.keyboard('j');
    await expect.poll(() => list.getAttribute('aria-activedescendant')).not.toBe(first);
    await userEvent.keyboard('k');
    await expect.poll(() => list.getAttribute('aria-activedescendant')).toBe(first);
    await userEvent.keyboard('{Escape}');
    await expect.poll(() => document.activeElement).toBe(m.container.querySelector('.ProseMirror'));
  });
});
