import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { byTestId, mountApp, unmountApps, type MountedApp } from './i18n-mount';

afterEach(unmountApps);

/** Runs axe on the whole document (the app is mounted in it, with its styles) and prints counts per impact. */
async function audit(what: string): Promise<{ rule: string; impact: string | null | undefined; nodes: string[] }[]> {
  const results = await axe.run(document, { resultTypes: ['violations'] });
  const counts: Record<string, number> = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  for (const v of results.violations) counts[v.impact ?? 'minor']! += v.nodes.length;
  console.log(`axe, ${what}: ${Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', ')}` +
    results.violations.map((v) => `\n  ${v.impact} ${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`).join(''));
  // What fails, compactly: rule, impact, and each element with axe's explanation.
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ rule: v.id, impact: v.impact, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join(' ')}`) }));
}

/** Tags two spans so that the sidebar, chips and highlights are there to be checked. */
async function tagSome(m: MountedApp): Promise<void> {
  const editor = m.container.querySelector<HTMLElement>('.ProseMirror')!;
  /** A long stretch of plain text in a paragraph (read again after each tag: tagging splits text nodes). */
  const plainText = (): Text => {
    const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement!;
      if ((n as Text).data.length > 30 && el.closest('p') && !el.closest('[data-annotation-ids]')) return n as Text;
    }
    throw new Error('no plain paragraph text left');
  };
  for (const [key, count] of [['2', '1'], ['3', '2']] as const) {
    const text = plainText();
    await userEvent.click(text.parentElement!);
    document.getSelection()!.setBaseAndExtent(text, 2, text, 8);
    await expect.poll(() => document.getSelection()!.toString().length).toBe(6);
    await userEvent.keyboard(key);
    await expect.poll(() => byTestId(m, 'annotation-count').textContent).toBe(count);
  }
  await expect.poll(() => byTestId(m, 'annotation-count').textContent).toBe('2');
}

describe.each([['zh-CN'], ['en']])('accessibility (axe), %s', (language) => {
  it('a record open with spans, the export dialog, the help overlay, the guideline: no serious or critical violation', async () => {
    const m = await mountApp({ preferred: [language] });
    await tagSome(m);
    await expect.poll(() => m.container.querySelector('[data-testid="annotation-item"] button')).toBeTruthy();
    await userEvent.click(m.container.querySelector('[data-testid="annotation-item"] button')!);
    expect(await audit(`${language}, record open`)).toEqual([]);

    await userEvent.click(byTestId(m, 'export-dialog'));
    await expect.poll(() => byTestId<HTMLDialogElement>(m, 'export-dialog-panel').open).toBe(true);
    await userEvent.click(byTestId(m, 'export-format-jsonl'));
    await userEvent.click(byTestId(m, 'export-split'));
    expect(await audit(`${language}, export dialog`)).toEqual([]);
    await userEvent.keyboard('{Escape}');

    await userEvent.click(byTestId(m, 'open-help'));
    await expect.poll(() => byTestId<HTMLDialogElement>(m, 'help-overlay').open).toBe(true);
    expect(await audit(`${language}, help overlay`)).toEqual([]);
    await userEvent.keyboard('{Escape}');

    await userEvent.click(byTestId(m, 'open-guideline'));
    await expect.poll(() => byTestId<HTMLDialogElement>(m, 'guideline').open).toBe(true);
    expect(await audit(`${language}, guideline`)).toEqual([]);
  });
});

describe('focus order', () => {
  it('Tab goes header → record list → the record (label bar, text) → annotation list', async () => {
    const m = await mountApp({ preferred: ['en-US'] });
    (document.activeElement as HTMLElement | null)?.blur();
    const areas: string[] = [];
    const areaOf = (el: Element | null): string =>
      !el || !m.container.contains(el)
        ? 'outside'
        : el.closest('header') ? 'header' : el.closest('nav') ? 'records' : el.closest('.ProseMirror') ? 'text' : el.closest('.yi-reader') ? 'label bar' : el.closest('aside') ? 'annotations' : 'other';
    for (let i = 0; i < 30 && !areas.includes('annotations'); i++) {
      await userEvent.keyboard('{Tab}');
      const area = areaOf(document.activeElement);
      if (areas.at(-1) !== area) areas.push(area);
    }
    expect(areas.filter((a) => a !== 'outside')).toEqual(['header', 'records', 'label bar', 'text', 'annotations']);
  });
});
