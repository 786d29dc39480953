/**
 * Every keyboard shortcut of the app, for the help overlay. The keys handled in the record are
 * those of src/editor/annotationInput.ts; `?` and `g` are App's. A combination is a list of key
 * caps; a shortcut may have several alternative combinations.
 */
import type { PlainKey } from './messages';

export type KeyCap = string | { key: PlainKey };

export interface Shortcut {
  id: string;
  combos: readonly (readonly KeyCap[])[];
  description: PlainKey;
}

export interface ShortcutGroup {
  id: string;
  heading: PlainKey;
  /** 'labels' marks where one row per label key goes (they depend on the label set). */
  shortcuts: readonly (Shortcut | 'labels')[];
}

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = [
  {
    id: 'tagging',
    heading: 'help.group.tagging',
    shortcuts: [
      { id: 'select', combos: [['Shift', { key: 'key.arrows' }]], description: 'help.select' },
      'labels',
      { id: 'click', combos: [[{ key: 'key.click' }]], description: 'help.click' },
      { id: 'delete', combos: [['Delete'], ['Backspace']], description: 'help.delete' },
      { id: 'move-start', combos: [['['], [']']], description: 'help.moveStart' },
      { id: 'move-end', combos: [['Shift', '['], ['Shift', ']']], description: 'help.moveEnd' },
      { id: 'deselect', combos: [['Esc']], description: 'help.deselect' },
      { id: 'speaker', combos: [['S']], description: 'help.speaker' },
      { id: 'note', combos: [['N']], description: 'help.noteKey' },
      { id: 'link', combos: [['R']], description: 'help.link' },
      { id: 'find', combos: [['Ctrl', 'F']], description: 'help.find' },
      { id: 'undo', combos: [['Ctrl', 'Z']], description: 'help.undo' },
      { id: 'redo', combos: [['Ctrl', 'Shift', 'Z'], ['Ctrl', 'Y']], description: 'help.redo' },
    ],
  },
  {
    id: 'review',
    heading: 'help.group.review',
    shortcuts: [
      { id: 'review-next', combos: [['↓'], ['↑'], ['J'], ['K']], description: 'help.reviewNext' },
      { id: 'review-accept', combos: [['Enter']], description: 'help.reviewAccept' },
      { id: 'review-accept-as', combos: [['1–4']], description: 'help.reviewAcceptAs' },
      { id: 'review-reject', combos: [['X']], description: 'help.reviewReject' },
      { id: 'review-start', combos: [['['], [']']], description: 'help.reviewStart' },
      { id: 'review-end', combos: [['Shift', '['], ['Shift', ']']], description: 'help.reviewEnd' },
      { id: 'review-back', combos: [['Esc']], description: 'help.reviewBack' },
    ],
  },
  {
    id: 'general',
    heading: 'help.group.general',
    shortcuts: [
      { id: 'help', combos: [['?']], description: 'help.help' },
      { id: 'guideline', combos: [['g']], description: 'help.guideline' },
      { id: 'tab', combos: [['Tab'], ['Shift', 'Tab']], description: 'help.tab' },
    ],
  },
  {
    id: 'dialogs',
    heading: 'help.group.dialogs',
    shortcuts: [{ id: 'close', combos: [['Esc']], description: 'help.close' }],
  },
];
