import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { byTestId, mountApp, unmountApps, type MountedApp } from './i18n-mount';
import { bindingsOf, HELP_GROUPS } from '../../src/ui/helpGroups';

afterEach(unmountApps);

function overlay(m: MountedApp): HTMLDialogElement {
  return byTestId<HTMLDialogElement>(m, 'help-overlay');
}

/** Focuses the record's text as a reader does: a click on its first heading. */
async function focusRecord(m: MountedApp): Promise<HTMLElement> {
  const editor = m.container.querySelector<HTMLElement>('.ProseMirror')!;
  await userEvent.click(editor.querySelector('h1, h2, h3')!);
  await expect.poll(() => document.activeElement).toBe(editor);
  return editor;
}

describe('keyboard help overlay', () => {
  it('opens with ? from the record, lists every shortcut, closes with Esc and gives focus back', async () => {
    const m = await mountApp({ preferred: ['en-US'] });
    const editor = await focusRecord(m);
    expect(overlay(m).open).toBe(false);
    await userEvent.keyboard('?');
    await expect.poll(() => overlay(m).open).toBe(true);
    expect(overlay(m).contains(document.activeElement)).toBe(true);
    const rows = [...overlay(m).querySelectorAll('tr[data-shortcut]')].map((r) => r.getAttribute('data-shortcut'));
    // Every command of the keymap (src/editor/keymap.ts), a row per label key, in table order.
    const expected = HELP_GROUPS.flatMap((g) => bindingsOf(g).flatMap((b) => (b.id === 'label' ? ['label-1', 'label-2', 'label-3', 'label-4'] : [b.id])));
    expect(rows).toEqual(expected);
    expect(rows.slice(0, 17)).toEqual([
      'select', 'label-1', 'label-2', 'label-3', 'label-4', 'click', 'enter', 'delete', 'move-start', 'move-end', 'deselect', 'speaker', 'note', 'link', 'find', 'undo', 'redo',
    ]);
    expect(rows).toEqual(expect.arrayContaining(['review-accept-as', 'find-step', 'note-save', 'pick-step', 'tab-step', 'help', 'guideline', 'tab', 'close']));
    const keys = (id: string) => [...overlay(m).querySelectorAll(`tr[data-shortcut="${id}"] kbd`)].map((k) => k.textContent);
    expect(keys('delete')).toEqual(['Delete', 'Backspace']);
    expect(keys('move-start')).toEqual(['[', ']']);
    expect(keys('move-end')).toEqual(['Shift', '[', 'Shift', ']']);
    expect(keys('redo')).toEqual(['Ctrl', 'Shift', 'Z', 'Ctrl', 'Y']);
    expect(keys('undo')).toEqual(['Ctrl', 'Z']);
    expect(keys('deselect')).toEqual(['Esc']);
    expect(keys('review-next')).toEqual(['↓', '↑', 'J', 'K']);
    expect(keys('review-reject')).toEqual(['X']);
    expect(keys('review-end')).toEqual(['Shift', '[', 'Shift', ']']);
    expect(keys('review-accept-as')).toEqual(['1', '2', '3', '4']);
    expect(keys('find')).toEqual(['Ctrl', 'F']);
    expect(keys('find-step')).toEqual(['Enter', 'Shift', 'Enter']);
    expect(keys('note-save')).toEqual(['Ctrl', 'Enter']);
    expect(keys('guideline')).toEqual(['g']);
    expect(overlay(m).querySelector('tr[data-shortcut="label-2"]')!.textContent).toContain('problem');

    await userEvent.keyboard('{Escape}');
    await expect.poll(() => overlay(m).open).toBe(false);
    expect(document.activeElement).toBe(editor);
    // The text was not touched and nothing was tagged by the keys.
    expect(byTestId(m, 'annotation-count').textContent).toBe('0');
  });

  it('is translated, and its header button opens it too', async () => {
    const m = await mountApp({ preferred: ['zh-CN'] });
    const button = byTestId(m, 'open-help');
    await userEvent.click(button);
    await expect.poll(() => overlay(m).open).toBe(true);
    expect(overlay(m).querySelector('h2')!.textContent).toBe('键盘快捷键');
    expect(overlay(m).querySelector('tr[data-shortcut="delete"]')!.textContent).toContain('删除选中的标注');
    expect(overlay(m).querySelector('tr[data-shortcut="label-3"]')!.textContent).toContain('建议');
    await userEvent.click(byTestId(m, 'help-close'));
    await expect.poll(() => overlay(m).open).toBe(false);
    expect(document.activeElement).toBe(button);
  });

  it('? typed in a text field is text, not a shortcut', async () => {
    const m = await mountApp({ preferred: ['en-US'] });
    await userEvent.click(byTestId(m, 'new-doc'));
    const title = byTestId<HTMLInputElement>(m, 'new-doc-title');
    await expect.poll(() => document.activeElement).toBe(title);
    await userEvent.keyboard('why?g');
    expect(title.value).toBe('why?g');
    expect(overlay(m).open).toBe(false);
    expect(byTestId<HTMLDialogElement>(m, 'guideline').open).toBe(false);
  });
});
