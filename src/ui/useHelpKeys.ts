import { useEffect } from 'react';

/**
 * Whether a key press is typing in a text field (where `?` and `g` are text), not a shortcut.
 * The record's read-only editor is not a text field: the shortcuts work while reading it.
 */
function typingInField(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest('.yi-record')) return false;
  return !!target.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])');
}

/** `?` opens the shortcuts, `g` the guideline: anywhere but in a text field or an open dialog. */
export function useHelpKeys(onHelp: () => void, onGuideline: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key !== '?' && e.key !== 'g') return;
      if (typingInField(e.target) || document.querySelector('dialog[open]')) return;
      e.preventDefault();
      if (e.key === '?') onHelp();
      else onGuideline();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onHelp, onGuideline]);
}
