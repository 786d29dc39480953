// Code that runs inside the app's page (passed to page.evaluate, so each function is self-contained).
// Every time is taken in the page with performance.now(): from just before the event that starts an
// operation to the second animation frame after the DOM shows its result (the first frame after the
// change has then been painted).

/**
 * Installs window.__yb: the watchers and actions the bench uses. `known` holds every annotation id
 * the record has at import, so a new span is recognised by an id the bench has not seen.
 */
export function installOurs(known) {
  const raf = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
  const raf2 = async () => {
    await raf();
    await raf();
  };
  const editorRoot = () => document.querySelector('[data-testid="editor"] .ProseMirror');
  const idsOf = (el) => (el.getAttribute('data-annotation-ids') ?? '').split(' ').filter(Boolean);
  const labelsOf = (el) => (el.getAttribute('data-labels') ?? '').split(' ');
  const countEl = () => document.querySelector('[data-testid="annotation-count"]');
  const count = () => Number(countEl()?.textContent ?? Number.NaN);
  const sidebarItem = (id) => document.querySelector(`[data-testid="annotation-item"][data-annotation-id="${CSS.escape(id)}"]`);

  /** Whether the spans `ids` are drawn near the top of the record (within its first `limit` characters). */
  function firstIdsDrawn(root, ids, limit) {
    const want = new Set(ids);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let seen = 0;
    let any = false;
    for (let n = walker.nextNode(); n && seen < limit; n = walker.nextNode()) {
      seen += n.data.length;
      any ||= n.data.trim().length > 0;
      const el = n.parentElement?.closest('[data-annotation-ids]');
      if (el) for (const id of idsOf(el)) want.delete(id);
      if (want.size === 0 && any) return true;
    }
    return want.size === 0 && any;
  }

  /** Decorated elements of the editor that a batch of DOM changes created or changed. */
  function touched(records, root) {
    const out = new Set();
    const add = (node) => {
      const el = node?.nodeType === 1 ? node : node?.parentElement;
      if (!el || !root.contains(el)) return;
      const d = el.closest('[data-annotation-ids]');
      if (d) out.add(d);
      if (node?.nodeType === 1) for (const x of node.querySelectorAll('[data-annotation-ids]')) out.add(x);
    };
    for (const r of records) {
      if (r.type === 'attributes' || r.type === 'characterData') add(r.target);
      else {
        if (r.target.nodeType === 1 && r.target.closest?.('[data-annotation-ids]')) out.add(r.target.closest('[data-annotation-ids]'));
        for (const n of r.addedNodes) add(n);
      }
    }
    return out;
  }

  /** Waits for `check(records)` to hold after DOM changes; resolves with the time it first held. */
  function watch(check, timeoutMs) {
    let observer;
    let timer;
    const promise = new Promise((resolve, reject) => {
      timer = setTimeout(() => {
        observer.disconnect();
        reject(new Error(`not shown within ${timeoutMs} ms`));
      }, timeoutMs);
      observer = new MutationObserver((records) => {
        if (!check(records)) return;
        const at = performance.now();
        observer.disconnect();
        clearTimeout(timer);
        resolve(at);
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    return promise;
  }

  const yb = {
    known: new Set(known),
    pending: null,
    raf2,
    async settle() {
      await raf2();
      await new Promise((resolve) => requestIdleCallback(() => resolve(undefined), { timeout: 2000 }));
    },

    /** Arms the import watchers; the clock starts with the file input's change event. */
    armImport(docId, title, firstIds, timeoutMs) {
      const input = document.querySelector('[data-testid="import-file"]');
      let t0;
      const started = new Promise((resolve) => {
        window.addEventListener(
          'change',
          (e) => {
            if (e.target === input) {
              t0 = performance.now();
              resolve(undefined);
            }
          },
          { capture: true },
        );
      });
      const listed = watch(() => t0 !== undefined && !!document.querySelector(`[data-testid="doc-item"][data-doc-id="${CSS.escape(docId)}"]`), timeoutMs);
      const opened = watch(() => {
        if (t0 === undefined) return false;
        const reader = document.querySelector('.yi-reader');
        const root = reader?.querySelector('.ProseMirror');
        return !!root && reader.getAttribute('aria-label') === title && firstIdsDrawn(root, firstIds, 4000);
      }, timeoutMs);
      yb.pending = (async () => {
        await started;
        const listedAt = await listed;
        await raf2();
        const listedPainted = performance.now();
        const openedAt = await opened;
        await raf2();
        return { ms: listedPainted - t0, domMs: listedAt - t0, openMs: performance.now() - t0, openDomMs: openedAt - t0 };
      })();
      yb.pending.catch(() => {});
    },

    /** Open: a click on the record in the list → its text and the spans at its top painted. */
    async open(docId, title, firstIds, timeoutMs) {
      const item = document.querySelector(`[data-testid="doc-item"][data-doc-id="${CSS.escape(docId)}"]`);
      if (!item) throw new Error(`no doc-item for ${docId}`);
      const target = item.querySelector('.yi-doc-open') ?? item;
      const shown = watch(() => {
        const reader = document.querySelector('.yi-reader');
        const root = reader?.querySelector('.ProseMirror');
        return !!root && reader.getAttribute('aria-label') === title && firstIdsDrawn(root, firstIds, 4000);
      }, timeoutMs);
      const t0 = performance.now();
      target.click();
      const at = await shown;
      await raf2();
      return { ms: performance.now() - t0, domMs: at - t0, t0 };
    },

    /** Prepares the next key action: references taken here, outside the measured time. */
    prepare(expect) {
      const root = editorRoot();
      if (!root) throw new Error('no editor');
      const p = { expect, root, countBefore: count(), item: null, offsetsBefore: null, refs: [] };
      if (expect.id) {
        p.item = sidebarItem(expect.id);
        p.offsetsBefore = p.item?.querySelector('.yi-offsets')?.textContent ?? null;
      }
      if (expect.kind === 'delete') p.refs = [...root.querySelectorAll(`[data-annotation-ids~="${CSS.escape(expect.id)}"]`)];
      yb.pending = p;
      return { countBefore: p.countBefore, refs: p.refs.length, item: !!p.item };
    },

    /**
     * Dispatches one keydown on the editor (ProseMirror handles synthetic key events) and waits until
     * the editor and the sidebar show the change, then two animation frames.
     */
    async key({ key, code, ctrlKey = false, shiftKey = false }, timeoutMs) {
      const p = yb.pending;
      const { expect, root } = p;
      let editorDone = false;
      let newId = null;
      const has = (el, id) => idsOf(el).includes(id);
      const editorCheck = (records) => {
        const els = touched(records, root);
        switch (expect.kind) {
          case 'add':
            for (const el of els) for (const id of idsOf(el)) if (!yb.known.has(id)) newId = id;
            return newId !== null;
          case 'relabel':
            for (const el of els) {
              const i = idsOf(el).indexOf(expect.id);
              if (i >= 0 && labelsOf(el)[i] === expect.label) return true;
            }
            return false;
          case 'move':
          case 'restore':
            for (const el of els) if (has(el, expect.id)) return true;
            return false;
          case 'delete':
            for (const el of els) if (has(el, expect.id)) return false;
            return p.refs.every((el) => !el.isConnected || !has(el, expect.id));
          default:
            throw new Error(`unknown expectation ${expect.kind}`);
        }
      };
      const sidebarCheck = () => {
        switch (expect.kind) {
          case 'add':
          case 'restore':
            return count() === p.countBefore + 1;
          case 'delete':
            return count() === p.countBefore - 1;
          case 'relabel':
            return !p.item || p.item.getAttribute('data-label') === expect.label;
          case 'move':
            return !p.item || p.item.querySelector('.yi-offsets')?.textContent !== p.offsetsBefore;
          default:
            return true;
        }
      };
      const shown = watch((records) => {
        editorDone ||= editorCheck(records);
        return editorDone && sidebarCheck();
      }, timeoutMs);
      const t0 = performance.now();
      root.dispatchEvent(new KeyboardEvent('keydown', { key, code, ctrlKey, shiftKey, bubbles: true, cancelable: true }));
      const at = await shown;
      await raf2();
      const ms = performance.now() - t0;
      if (newId) yb.known.add(newId);
      const stores = performance.getEntriesByName('yishi:store-change').filter((e) => e.startTime >= t0);
      return { ms, domMs: at - t0, newId, storeMs: stores.length ? stores[stores.length - 1].duration : null };
    },

    /** Scrolls the editor's scroll container from top to bottom, one viewport per animation frame. */
    async scroll(maxFrames) {
      const sc = document.querySelector('.yi-scroll');
      if (!sc) throw new Error('no .yi-scroll');
      sc.scrollTop = 0;
      await raf2();
      const t0 = performance.now();
      const tasks = [];
      const observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (e.startTime >= t0) tasks.push(e.duration);
      });
      observer.observe({ type: 'longtask', buffered: true });
      let frames = 0;
      while (sc.scrollTop + sc.clientHeight < sc.scrollHeight - 1 && frames < maxFrames) {
        sc.scrollTop += sc.clientHeight;
        frames++;
        await raf();
      }
      await raf2();
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (const e of observer.takeRecords()) if (e.startTime >= t0) tasks.push(e.duration);
      observer.disconnect();
      const reachedEnd = sc.scrollTop + sc.clientHeight >= sc.scrollHeight - 1;
      sc.scrollTop = 0;
      return {
        ms: performance.now() - t0,
        frames,
        reachedEnd,
        scrollHeight: sc.scrollHeight,
        longest: tasks.length ? Math.max(...tasks) : 0,
        count: tasks.length,
        tasks,
      };
    },

    /**
     * Export through the export dialog (already open, its format and scope chosen): a click on
     * Download → the dialog reports the export done (the file has been handed to the browser).
     */
    async exportDialog(timeoutMs) {
      const panel = document.querySelector('[data-testid="export-dialog-panel"]');
      const button = panel?.querySelector('[data-testid="export-download"]');
      if (!button) throw new Error('no export dialog');
      const alertsBefore = document.querySelectorAll('[role="alert"]').length;
      let progressSeen = false;
      let failed = false;
      const done = watch(() => {
        if (document.querySelectorAll('[role="alert"]').length > alertsBefore) return (failed = true);
        if (panel.querySelector('[data-testid="export-progress"]')) progressSeen = true;
        return progressSeen && !panel.querySelector('[data-testid="export-progress"]') && !!panel.querySelector('[data-testid="export-report"]');
      }, timeoutMs);
      const t0 = performance.now();
      button.click();
      const at = await done;
      if (failed) throw new Error(`export refused: ${[...document.querySelectorAll('[role="alert"]')].pop()?.textContent}`);
      await raf2();
      return { ms: performance.now() - t0, domMs: at - t0 };
    },

    measures(name) {
      return performance.getEntriesByName(name).map((e) => ({ start: e.startTime, duration: e.duration }));
    },
    count,
  };
  window.__yb = yb;
}
