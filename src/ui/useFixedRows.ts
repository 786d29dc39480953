import { useCallback, useEffect, useState, type RefObject } from 'react';

/**
 * Which rows of a list of equal-height rows are in view of a scroll container. With one row
 * height, everything is arithmetic: O(1) per render whatever the count, and the scroll position
 * and viewport height are kept from scroll events and a ResizeObserver, so nothing here forces
 * the browser to lay out the page (a layout of a 1M-character record takes milliseconds).
 */
export function useFixedRows(scrollRef: RefObject<HTMLElement | null>, count: number, rowHeight: number, overscan = 8) {
  const [view, setView] = useState({ top: 0, height: 800 });

  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setView((v) => (v.top === el.scrollTop ? v : { ...v, top: el.scrollTop })));
    };
    const resize = new ResizeObserver(([entry]) => {
      const height = entry?.contentRect.height ?? 0;
      setView((v) => (v.height === height ? v : { ...v, height }));
    });
    el.addEventListener('scroll', onScroll, { passive: true });
    resize.observe(el);
    return () => {
      cancelAnimationFrame(frame);
      el.removeEventListener('scroll', onScroll);
      resize.disconnect();
    };
  }, [scrollRef]);

  // The list may have shrunk (a filter, a refresh) before the browser clamps the scroll position.
  const top = Math.min(view.top, Math.max(0, count * rowHeight - view.height));
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((top + view.height) / rowHeight) + overscan);

  /** Scrolls the least needed to show row i whole. */
  const scrollToRow = useCallback(
    (i: number) => {
      const el = scrollRef.current;
      if (!el) return;
      const top = i * rowHeight;
      if (top < view.top) el.scrollTop = top;
      else if (top + rowHeight > view.top + view.height) el.scrollTop = top + rowHeight - view.height;
    },
    [scrollRef, rowHeight, view],
  );

  return { first, last, totalHeight: count * rowHeight, scrollToRow };
}
