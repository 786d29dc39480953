/**
 * Every key the app reacts to, in one table: the record's text (annotationInput.ts), the panels
 * (span panel fields, suggestion list, find bar, sidebar tabs), the workspace and the app. Each
 * place decodes its keys with `dispatchKey` over its scopes and gives a handler per command id; the
 * help overlay (?) draws this same table (ui/helpGroups.ts), so help cannot drift from the keys.
 * A test (tests/unit/keymap.test.ts) checks that nothing else in src/ reads a key of an event.
 */
import type { PlainKey } from '../i18n/messages';

/** What help says of a command (a label key's row names its label). */
export type Description = PlainKey | 'help.labelKey';

/**
 * Where a command applies. text: the record's text has the keyboard; span: the same, with a span
 * selected; history: the text or the suggestion list; record: anywhere while a record is open;
 * suggestions: the suggestion list; find: the find bar; field: a field of a panel; tabs: the
 * sidebar's tabs; global: anywhere outside a text field; dialog: an open dialog.
 */
export type Scope = 'text' | 'span' | 'history' | 'record' | 'suggestions' | 'find' | 'field' | 'tabs' | 'global' | 'dialog';

/** A key cap as help shows it: the key's own name, or a message key (a click, the arrows). */
export type KeyCap = string | { key: PlainKey };

/**
 * One way to press a command. `key` is KeyboardEvent.key (letters compared in lower case when
 * Ctrl or ⌘ is held), `code` the physical key (brackets: their character depends on the layout).
 * `shift` undefined means either; `mod` is Ctrl or ⌘ (false when absent); Alt never matches.
 * `label` matches a label's key (one character, no Shift). `dir` is what the combination means
 * to a command that moves (previous / next, left / right).
 */
export interface Combo {
  key?: string;
  code?: string;
  label?: true;
  shift?: boolean;
  mod?: boolean;
  dir?: -1 | 1;
  /** The caps help shows; derived from the combination when absent. */
  caps?: readonly KeyCap[];
}

export interface Binding {
  id: string;
  scope: Scope;
  combos: readonly Combo[];
  description: Description;
  /** Done by the browser (selecting with Shift+arrows, Tab, a click, Esc in a dialog): in help only. */
  native?: true;
}

const ESC: Combo = { key: 'Escape', caps: ['Esc'] };

export const KEYMAP = [
  // The record's text.
  { id: 'select', scope: 'text', native: true, combos: [{ key: 'ArrowLeft', shift: true, caps: ['Shift', { key: 'key.arrows' }] }], description: 'help.select' },
  { id: 'label', scope: 'text', combos: [{ label: true, shift: false }], description: 'help.labelKey' },
  { id: 'click', scope: 'text', native: true, combos: [{ caps: [{ key: 'key.click' }] }], description: 'help.click' },
  { id: 'enter', scope: 'text', combos: [{ key: 'Enter' }], description: 'help.enter' },
  { id: 'delete', scope: 'span', combos: [{ key: 'Delete', mod: false }, { key: 'Backspace', mod: false }], description: 'help.delete' },
  { id: 'move-start', scope: 'span', combos: [{ code: 'BracketLeft', shift: false, dir: -1, caps: ['['] }, { code: 'BracketRight', shift: false, dir: 1, caps: [']'] }], description: 'help.moveStart' },
  { id: 'move-end', scope: 'span', combos: [{ code: 'BracketLeft', shift: true, dir: -1, caps: ['Shift', '['] }, { code: 'BracketRight', shift: true, dir: 1, caps: ['Shift', ']'] }], description: 'help.moveEnd' },
  { id: 'deselect', scope: 'span', combos: [ESC], description: 'help.deselect' },
  { id: 'speaker', scope: 'span', combos: [{ key: 's', caps: ['S'] }], description: 'help.speaker' },
  { id: 'note', scope: 'span', combos: [{ key: 'n', caps: ['N'] }], description: 'help.noteKey' },
  { id: 'link', scope: 'span', combos: [{ key: 'r', caps: ['R'] }], description: 'help.link' },
  { id: 'find', scope: 'record', combos: [{ key: 'f', mod: true }], description: 'help.find' },
  { id: 'undo', scope: 'history', combos: [{ key: 'z', mod: true, shift: false }], description: 'help.undo' },
  { id: 'redo', scope: 'history', combos: [{ key: 'z', mod: true, shift: true }, { key: 'y', mod: true }], description: 'help.redo' },
  // The suggestion list.
  { id: 'review-next', scope: 'suggestions', combos: [{ key: 'ArrowDown', dir: 1, caps: ['↓'] }, { key: 'ArrowUp', dir: -1, caps: ['↑'] }, { key: 'j', dir: 1 }, { key: 'k', dir: -1 }], description: 'help.reviewNext' },
  { id: 'review-accept', scope: 'suggestions', combos: [{ key: 'Enter' }], description: 'help.reviewAccept' },
  { id: 'review-accept-as', scope: 'suggestions', combos: [{ label: true, shift: false }], description: 'help.reviewAcceptAs' },
  { id: 'review-reject', scope: 'suggestions', combos: [{ key: 'x' }], description: 'help.reviewReject' },
  { id: 'review-start', scope: 'suggestions', combos: [{ code: 'BracketLeft', shift: false, dir: -1, caps: ['['] }, { code: 'BracketRight', shift: false, dir: 1, caps: [']'] }], description: 'help.reviewStart' },
  { id: 'review-end', scope: 'suggestions', combos: [{ code: 'BracketLeft', shift: true, dir: -1, caps: ['Shift', '['] }, { code: 'BracketRight', shift: true, dir: 1, caps: ['Shift', ']'] }], description: 'help.reviewEnd' },
  { id: 'review-back', scope: 'suggestions', combos: [ESC], description: 'help.reviewBack' },
  // The find bar, the panels' fields and the sidebar's tabs.
  { id: 'find-step', scope: 'find', combos: [{ key: 'Enter', shift: false, dir: 1 }, { key: 'Enter', shift: true, dir: -1 }], description: 'help.findStep' },
  { id: 'find-close', scope: 'find', combos: [ESC], description: 'help.findClose' },
  { id: 'field-save', scope: 'field', combos: [{ key: 'Enter', mod: false }], description: 'help.fieldSave' },
  { id: 'note-save', scope: 'field', combos: [{ key: 'Enter', mod: true }], description: 'help.noteSave' },
  { id: 'field-cancel', scope: 'field', combos: [ESC], description: 'help.fieldCancel' },
  { id: 'pick-step', scope: 'field', combos: [{ key: 'ArrowDown', dir: 1, caps: ['↓'] }, { key: 'ArrowUp', dir: -1, caps: ['↑'] }], description: 'help.pickStep' },
  { id: 'pick-choose', scope: 'field', combos: [{ key: 'Enter' }], description: 'help.pickChoose' },
  { id: 'tab-step', scope: 'tabs', combos: [{ key: 'ArrowLeft', dir: -1, caps: ['←'] }, { key: 'ArrowRight', dir: 1, caps: ['→'] }], description: 'help.tabStep' },
  // Anywhere.
  { id: 'help', scope: 'global', combos: [{ key: '?' }], description: 'help.help' },
  { id: 'guideline', scope: 'global', combos: [{ key: 'g', shift: false, caps: ['g'] }], description: 'help.guideline' },
  { id: 'tab', scope: 'global', native: true, combos: [{ key: 'Tab' }, { key: 'Tab', shift: true }], description: 'help.tab' },
  { id: 'close', scope: 'dialog', native: true, combos: [ESC], description: 'help.close' },
] as const satisfies readonly Binding[];

export type CommandId = (typeof KEYMAP)[number]['id'];

/** What `dispatchKey` found: the command, the direction of its combination, the key pressed. */
export interface KeyHit {
  id: CommandId;
  dir: -1 | 1;
  key: string;
}

/** A handler returns false when the command does not apply now (the key then goes on). */
export type KeyHandlers = Partial<Record<CommandId, (hit: KeyHit) => boolean | void>>;

/** The parts of a keyboard event the table reads (a DOM KeyboardEvent or React's). */
export interface KeyLike {
  key: string;
  code: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  isComposing?: boolean;
  /** React's events carry the composition state on the native event. */
  nativeEvent?: { isComposing: boolean };
}

export function comboMatches(combo: Combo, event: KeyLike, isLabelKey: (key: string) => boolean): boolean {
  const mod = event.ctrlKey || event.metaKey;
  if (event.altKey || mod !== (combo.mod ?? false)) return false;
  if (combo.shift !== undefined && combo.shift !== event.shiftKey) return false;
  if (combo.label) return event.key.length === 1 && isLabelKey(event.key);
  if (combo.code) return event.code === combo.code;
  if (combo.key === undefined) return false;
  // With Ctrl or ⌘ a letter is the same key in either case (Shift+Z is 'Z').
  return mod && combo.key.length === 1 ? event.key.toLowerCase() === combo.key : event.key === combo.key;
}

/**
 * Runs the first command of these scopes, among those given a handler, whose combination the
 * event is, in table order. Returns whether a handler took the key (the caller prevents its
 * default then). A key in an IME composition is never a command.
 */
export function dispatchKey(event: KeyLike, scopes: readonly Scope[], handlers: KeyHandlers, isLabelKey: (key: string) => boolean = () => false): boolean {
  if (event.isComposing || event.nativeEvent?.isComposing) return false;
  for (const binding of KEYMAP as readonly Binding[]) {
    const handler = handlers[binding.id as CommandId];
    if (!handler || binding.native || !scopes.includes(binding.scope)) continue;
    const combo = binding.combos.find((c) => comboMatches(c, event, isLabelKey));
    if (combo && handler({ id: binding.id as CommandId, dir: combo.dir ?? 1, key: event.key }) !== false) return true;
  }
  return false;
}

/** The caps of a combination for help: its own, or its modifiers and key. */
export function capsOf(combo: Combo): readonly KeyCap[] {
  if (combo.caps) return combo.caps;
  const key = combo.key ?? combo.code ?? '';
  const name = key === 'Escape' ? 'Esc' : key.length === 1 ? key.toUpperCase() : key;
  return [...(combo.mod ? ['Ctrl'] : []), ...(combo.shift ? ['Shift'] : []), name];
}

/** An onKeyDown handler over `dispatchKey` that prevents the default of a key it used. */
export function keyHandler(scopes: readonly Scope[], handlers: KeyHandlers, isLabelKey?: (key: string) => boolean) {
  return (event: KeyLike & { preventDefault(): void }): void => {
    if (dispatchKey(event, scopes, handlers, isLabelKey)) event.preventDefault();
  };
}
