import { useEffect } from 'react';
import { dispatchKey } from '../editor/keymap';

/**
 * Whether a key press is typing in a text field (where `?` and `g` are text), not a shortcut.
 * The record's read-only editor is not a text field: the shortcuts work while reading it.
 */
function typingInField(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest('.yi-record')) return false;
  return !!target.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])');
}

/** `?` opens the shortcuts, `g` the guideline (the keymap's global commands): anywhere but in a text field or an open dialog. */
export function useHelpKeys(onHelp: () => void, onGuideline: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || typingInField(e.target) || document.querySelector('dialog[open]')) return;
      if (dispatchKey(e, ['global'], { help: () => onHelp(), guideline: () => onGuideline() })) e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onHelp, onGuideline]);
}
