import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { byTestId, mountApp, unmountApps, type MountedApp } from './i18n-mount';

afterEach(unmountApps);

function panel(m: MountedApp): HTMLDialogElement {
  return byTestId<HTMLDialogElement>(m, 'guideline');
}

function labelEntry(m: MountedApp, id: string): HTMLElement {
  return panel(m).querySelector<HTMLElement>(`[data-testid="guideline-label"][data-label="${id}"]`)!;
}

describe('guideline panel', () => {
  it('opens with g, shows the four labels in both languages (Chinese first) with examples and the boundary rules', async () => {
    const m = await mountApp({ preferred: ['zh-CN'] });
    const editor = m.container.querySelector<HTMLElement>('.ProseMirror')!;
    await userEvent.click(editor.querySelector('h1, h2, h3')!);
    await expect.poll(() => document.activeElement).toBe(editor);
    await userEvent.keyboard('g');
    await expect.poll(() => panel(m).open).toBe(true);

    const ids = [...panel(m).querySelectorAll('[data-testid="guideline-label"]')].map((e) => e.getAttribute('data-label'));
    expect(ids).toEqual(['proposal', 'problem', 'recommendation', 'response']);
    const pairs: [string, string, string, string][] = [
      ['proposal', '主张', 'proposal', '大力发展汽车产业'],
      ['problem', '问题', 'problem', '生物医药产业目前政策体系散乱、存在盲点区域'],
      ['recommendation', '建议', 'recommendation', '提高技工实习实践补贴额度'],
      ['response', '回应', 'response', '将以此次会议为契机，做好产业转型升级工作'],
    ];
    for (const [id, zh, en, example] of pairs) {
      const text = labelEntry(m, id).textContent!;
      expect(text).toContain(zh);
      expect(text).toContain(en);
      expect(text.indexOf(zh)).toBeLessThan(text.indexOf(en)); // the interface language first
      expect(text).toContain(example);
    }
    expect(labelEntry(m, 'problem').textContent).toContain('对现状中的不足、风险或困难的陈述');
    expect(labelEntry(m, 'problem').textContent).toContain('A statement of a shortcoming, risk or difficulty');
    const rules = [...panel(m).querySelectorAll('[data-testid="guideline-rule"]')].map((e) => e.getAttribute('data-rule'));
    expect(rules).toEqual(['speaker', 'final-punctuation', 'enclosing-marks', 'sentence-unit', 'two-labels', 'who-says-it', 'inner-punctuation']);
    const rulesText = panel(m).querySelector('.yi-guideline-rules')!.textContent!;
    for (const s of ['某某委员建议', '。', '；', '**', 'Leave out the speaker phrase', '包括标注内部的标点']) expect(rulesText).toContain(s);

    await userEvent.keyboard('{Escape}');
    await expect.poll(() => panel(m).open).toBe(false);
    expect(document.activeElement).toBe(editor);
  });

  it('in English puts the English definitions first; the header button opens it', async () => {
    const m = await mountApp({ preferred: ['en-US'] });
    await userEvent.click(byTestId(m, 'open-guideline'));
    await expect.poll(() => panel(m).open).toBe(true);
    expect(panel(m).querySelector('h2')!.textContent).toBe('Annotation guideline');
    const text = labelEntry(m, 'recommendation').textContent!;
    expect(text.indexOf('recommendation')).toBeLessThan(text.indexOf('建议'));
    expect(text.indexOf('A concrete, actionable measure.')).toBeLessThan(text.indexOf('具体、可操作的措施。'));
  });
});
