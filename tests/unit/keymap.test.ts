import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEYMAP, dispatchKey, type Binding, type KeyHandlers, type KeyLike } from '../../src/editor/keymap';
import { en } from '../../src/i18n/en';
import { bindingsOf, HELP_GROUPS } from '../../src/ui/helpGroups';

const table = KEYMAP as readonly Binding[];
const SRC = join(import.meta.dirname, '../../src');

function sources(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return sources(p);
    return /\.tsx?$/.test(d.name) ? [{ path: relative(SRC, p), text: readFileSync(p, 'utf8') }] : [];
  });
}
const files = sources(SRC);

/** Where a keyboard event's key is read. */
const READS_KEY = /\b(?:e|ev|event|nativeEvent)\.(?:key|code)\b/g;

describe('the keymap', () => {
  it('every command of the table is shown in help, once, with a description in the interface language', () => {
    const ids = table.map((b) => b.id);
    expect(new Set(ids).size).toBe(ids.length);
    const shown = HELP_GROUPS.flatMap((g) => bindingsOf(g).map((b) => b.id));
    expect(shown.sort()).toEqual([...ids].sort());
    for (const b of table) {
      expect(b.combos.length, b.id).toBeGreaterThan(0);
      expect(en[b.description], b.id).toBeTruthy();
    }
  });

  it('no key is decoded outside the table: every keyboard handler goes through dispatchKey', () => {
    const readers = files.filter((f) => f.path !== 'editor/keymap.ts' && READS_KEY.test(f.text)).map((f) => f.path);
    expect(readers).toEqual([]);
    // Every place that listens to keys dispatches through the table.
    const listeners = files.filter((f) => /onKeyDown=|'keydown'|handleKeyDown\(/.test(f.text)).map((f) => f.path);
    expect(listeners.length).toBeGreaterThanOrEqual(8);
    for (const path of listeners) expect(files.find((f) => f.path === path)!.text, path).toMatch(/\b(?:dispatchKey|keyHandler)\(/);
  });

  it('every command the browser does not handle itself has a handler somewhere', () => {
    const dispatching = files.filter((f) => f.path !== 'editor/keymap.ts' && /\b(?:dispatchKey|keyHandler)\(/.test(f.text));
    for (const b of table.filter((b) => !b.native)) {
      const handled = dispatching.some((f) => new RegExp(`(?:'${b.id}'|\\b${b.id})\\s*:\\s*(?:\\(|async|\\w+\\()`).test(f.text));
      expect(handled, b.id).toBe(true);
    }
  });

  const press = (key: string, mods: Partial<KeyLike> = {}): KeyLike => ({
    key,
    code: key === '[' ? 'BracketLeft' : key === ']' ? 'BracketRight' : key === '{' ? 'BracketLeft' : key === '}' ? 'BracketRight' : `Key${key.toUpperCase()}`,
    shiftKey: false,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    ...mods,
  });
  /** The command (and direction) a key runs in the text's scopes, or null. */
  function inText(event: KeyLike, labelKeys = '1234'): string | null {
    let hit: string | null = null;
    const record = (h: { id: string; dir: number }) => void (hit = `${h.id}${h.dir < 0 ? ' -1' : ''}`);
    const handlers: KeyHandlers = Object.fromEntries(table.filter((b) => ['text', 'span', 'history'].includes(b.scope)).map((b) => [b.id, record]));
    dispatchKey(event, ['text', 'span', 'history'], handlers, (k) => labelKeys.includes(k));
    return hit;
  }

  it('decodes the keys of the text as they always were', () => {
    expect(inText(press('2'))).toBe('label');
    expect(inText(press('5'))).toBeNull();
    expect(inText(press('2', { altKey: true }))).toBeNull();
    expect(inText(press('2', { isComposing: true }))).toBeNull();
    expect(inText(press('z', { ctrlKey: true }))).toBe('undo');
    expect(inText(press('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(inText(press('y', { metaKey: true }))).toBe('redo');
    expect(inText(press('c', { ctrlKey: true }))).toBeNull(); // copy is the browser's
    expect(inText(press('['))).toBe('move-start -1');
    expect(inText(press('}', { shiftKey: true }))).toBe('move-end');
    expect(inText(press('Backspace'))).toBe('delete');
    expect(inText(press('Escape'))).toBe('deselect');
    expect(inText(press('s'))).toBe('speaker');
    expect(inText(press('S', { shiftKey: true }))).toBeNull();
    expect(inText(press('Tab'))).toBeNull();
    // A label set that uses s: the label wins, as before.
    expect(inText(press('s'), 'sp')).toBe('label');
  });

  it('decodes the keys of the fields: Enter saves the speaker, Ctrl+Enter the note', () => {
    const hit = (event: KeyLike) => {
      let id: string | null = null;
      dispatchKey(event, ['field'], { 'field-save': () => void (id = 'field-save'), 'note-save': () => void (id = 'note-save') });
      return id;
    };
    expect(hit(press('Enter'))).toBe('field-save');
    expect(hit(press('Enter', { ctrlKey: true }))).toBe('note-save');
    expect(hit(press('Enter', { metaKey: true }))).toBe('note-save');
  });

  it('a handler that declines lets the key go on', () => {
    expect(dispatchKey(press('Escape'), ['span'], { deselect: () => false })).toBe(false);
    expect(dispatchKey(press('Escape'), ['span'], { deselect: () => undefined })).toBe(true);
    expect(dispatchKey(press('Escape'), ['suggestions'], { deselect: () => undefined })).toBe(false);
  });
});
