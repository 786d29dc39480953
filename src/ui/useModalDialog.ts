import { useEffect, useRef } from 'react';

/**
 * Keeps a <dialog> shown as a modal exactly while `open` is true. `onOpen` runs each time it
 * opens (e.g. to reset the dialog's choices). Returns the ref for the <dialog> element.
 */
export function useModalDialog(open: boolean, onOpen?: () => void) {
  const ref = useRef<HTMLDialogElement>(null);
  const onOpenRef = useRef(onOpen);
  onOpenRef.current = onOpen;
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      onOpenRef.current?.();
      d.showModal();
    }
    if (!open && d.open) d.close();
  }, [open]);
  return ref;
}
