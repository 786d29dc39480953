import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { en } from '../../src/i18n/en';
import { zh } from '../../src/i18n/zh';
import { defaultLanguage, translate } from '../../src/i18n/messages';
import { byTestId, mountApp, unmountApps, type MountedApp } from './i18n-mount';

afterEach(async () => {
  await unmountApps();
  restoreLanguages?.();
  restoreLanguages = null;
});

let restoreLanguages: (() => void) | null = null;

/** Makes navigator.languages read `languages` (as a browser set to that language would). */
function preferLanguages(languages: string[]): void {
  Object.defineProperty(navigator, 'languages', { value: languages, configurable: true });
  restoreLanguages = () => delete (navigator as { languages?: unknown }).languages;
}

/**
 * Text the interface itself writes (text, aria-label, title, placeholder): everything but the
 * record's own words (its text, quotes, the guideline's Chinese examples, data such as label ids
 * marked `.yi-data`) with record titles cut out.
 */
function interfaceText(m: MountedApp): string[] {
  const skip = '.ProseMirror, .yi-doc-title, .yi-excerpt, .yi-en, .yi-data, option[lang], [data-testid="guideline"], [data-testid="help-overlay"]';
  const titles = [...m.container.querySelectorAll('.yi-doc-title')].map((e) => e.textContent!).filter(Boolean);
  const out: string[] = [];
  for (const el of m.container.querySelectorAll('*')) {
    if (el.closest(skip)) continue;
    for (const a of ['aria-label', 'title', 'placeholder']) {
      const v = el.getAttribute(a);
      if (v) out.push(v);
    }
    for (const n of el.childNodes) if (n instanceof Text) out.push(n.data);
  }
  return out.map((s) => titles.reduce((t, title) => t.split(title).join(''), s).trim()).filter(Boolean);
}

describe('translation tables', () => {
  it('Chinese has exactly the keys of English, with the same placeholders', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]))].sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('interpolates named parameters, and leaves text without parameters alone', () => {
    expect(translate('en', 'sidebar.showing', { shown: 3, total: 10 })).toBe('Showing 3 of 10');
    expect(translate('zh-CN', 'sidebar.showing', { shown: 3, total: 10 })).toBe('显示 3 / 10');
    expect(translate('en', 'export.refused', { detail: 'a {b} c' })).toBe('Export refused: a {b} c');
    expect(translate('zh-CN', 'save.saved')).toBe('已保存');
  });

  it('any Chinese browser language gives Chinese, anything else English', () => {
    expect(defaultLanguage(['zh-CN', 'en'])).toBe('zh-CN');
    expect(defaultLanguage(['zh-TW'])).toBe('zh-CN');
    expect(defaultLanguage(['en-US', 'zh'])).toBe('zh-CN');
    expect(defaultLanguage(['ZH-hans'])).toBe('zh-CN');
    expect(defaultLanguage(['en-GB', 'fr'])).toBe('en');
    expect(defaultLanguage(['zu'])).toBe('en');
    expect(defaultLanguage([])).toBe('en');
  });
});

describe('interface language', () => {
  it('defaults to Chinese in a browser that prefers Chinese', async () => {
    preferLanguages(['zh-CN', 'zh', 'en']);
    const m = await mountApp();
    expect(m.language).toBe('zh-CN');
    await expect.poll(() => document.documentElement.lang).toBe('zh-CN');
    expect(byTestId<HTMLSelectElement>(m, 'language').value).toBe('zh-CN');
    expect(byTestId(m, 'export-dialog').textContent).toBe('导出…');
    expect(byTestId(m, 'label-button-problem').textContent).toContain('问题');
    expect(byTestId(m, 'label-button-problem').textContent).not.toContain('problem');
  });

  it('defaults to English in a browser that prefers another language', async () => {
    preferLanguages(['fr-FR', 'en']);
    const m = await mountApp();
    expect(m.language).toBe('en');
    await expect.poll(() => document.documentElement.lang).toBe('en');
    expect(byTestId(m, 'export-dialog').textContent).toBe('Export…');
    expect(byTestId(m, 'label-button-problem').textContent).toContain('problem');
  });

  it('switches every visible string and <html lang>, and keeps the choice when the app starts again', async () => {
    const first = await mountApp({ preferred: ['zh-CN'] });
    expect(byTestId(first, 'save-state').textContent).toBe('已保存');
    const before = interfaceText(first);
    expect(before.join(' ')).toContain('标注');

    await userEvent.selectOptions(byTestId(first, 'language'), 'en');
    await expect.poll(() => document.documentElement.lang).toBe('en');
    expect(byTestId(first, 'save-state').textContent).toBe('Saved');
    expect(byTestId(first, 'export-dialog').textContent).toBe('Export…');
    expect(first.container.querySelector('.ProseMirror')!.getAttribute('aria-label')).toMatch(/^Text of/);
    // No Chinese left in what the interface writes (the record, its title and quotes are the record's).
    const han = /\p{Script=Han}/u;
    expect(interfaceText(first).filter((s) => han.test(s))).toEqual([]);
    // Stored: the next start (whatever the browser prefers) is in English.
    await expect.poll(() => first.library.getSetting('language')).toBe('en');
    const dbName = first.dbName;
    first.unmount();
    const second = await mountApp({ dbName, preferred: ['zh-CN'] });
    expect(second.language).toBe('en');
    expect(byTestId<HTMLSelectElement>(second, 'language').value).toBe('en');
    await expect.poll(() => document.documentElement.lang).toBe('en');
    expect(byTestId(second, 'export-dialog').textContent).toBe('Export…');

    // And back: no English sentence left in the Chinese interface (names of formats, keys and tools aside).
    await userEvent.selectOptions(byTestId(second, 'language'), 'zh-CN');
    await expect.poll(() => document.documentElement.lang).toBe('zh-CN');
    const allowed = new Set(
      ('English Yishi IndexedDB Shift JSON JSONL Unicode UTF BOM CSV Excel WPS Markdown HTML BIO CoNLL W3C Web Annotation LD ' +
        'Hugging Face datasets spaCy doccano Label Studio brat standoff txt ann').split(' '),
    );
    const words = interfaceText(second).flatMap((s) => s.match(/[A-Za-z]{3,}/g) ?? []);
    expect(words.filter((w) => !allowed.has(w))).toEqual([]);
  });

  it('the dialogs are translated too', async () => {
    const m = await mountApp({ preferred: ['en-US'] });
    await userEvent.click(byTestId(m, 'export-dialog'));
    await expect.poll(() => byTestId<HTMLDialogElement>(m, 'export-dialog-panel').open).toBe(true);
    expect(byTestId(m, 'export-dialog-panel').textContent).toContain('Formats');
    await userEvent.keyboard('{Escape}');
    await userEvent.selectOptions(byTestId(m, 'language'), 'zh-CN');
    await userEvent.click(byTestId(m, 'export-dialog'));
    await expect.poll(() => byTestId<HTMLDialogElement>(m, 'export-dialog-panel').open).toBe(true);
    const text = byTestId(m, 'export-dialog-panel').textContent!;
    expect(text).toContain('格式');
    expect(text).toContain('议事 JSON（原生格式，可再导入）');
    expect(text).not.toContain('Formats');
  });
});
