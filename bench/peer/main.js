// The peer in the bench: @recogito/text-annotator on the same text and spans as Yishi.
// bench/run.mjs drives it through window.__peer; every figure is taken in the page.
import { createTextAnnotator, W3CTextFormat } from '@recogito/text-annotator';
import '@recogito/text-annotator/text-annotator.css';

const SOURCE = 'urn:yishi:bench';
const container = /** @type {HTMLElement} */ (document.getElementById('content'));
const raf = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
/** Two animation frames: the second runs after the frame holding the change was painted. */
const raf2 = async () => {
  await raf();
  await raf();
};

/** @type {import('@recogito/text-annotator').TextAnnotator<any, any> | null} */
let annotator = null;
/** @type {HTMLElement | null} */
let layer = null;
/** @type {any[]} */
let staged = [];

/** Resolves when `done()` holds, checked after each DOM change in the container. */
function until(done, timeoutMs) {
  return new Promise((resolve, reject) => {
    if (done()) return resolve(undefined);
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`peer: not painted within ${timeoutMs} ms`));
    }, timeoutMs);
    const observer = new MutationObserver(() => {
      if (!done()) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve(undefined);
    });
    observer.observe(container, { childList: true, subtree: true });
  });
}

const highlightLayer = () => (layer ??= container.querySelector(':scope > .r6o-span-highlight-layer'));
const drawn = (id) => !!highlightLayer()?.querySelector(`[data-annotation="${CSS.escape(id)}"]`);

/** A span as a W3C Web Annotation with both selectors (UTF-16 offsets into the container's text). */
function w3c({ id, label, start16, end16, text }) {
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id,
    type: 'Annotation',
    body: [{ type: 'TextualBody', purpose: 'tagging', value: label }],
    target: {
      source: SOURCE,
      selector: [
        { type: 'TextQuoteSelector', exact: text },
        { type: 'TextPositionSelector', start: start16, end: end16 },
      ],
    },
  };
}

/** How many loaded spans the peer could anchor in the text (a DOM range), and which it could not. */
function anchoring() {
  const all = annotator.state.store.all();
  const lost = all.filter((a) => !a.target.selector.every((s) => s.range instanceof Range && !s.range.collapsed));
  const wrong = all.filter((a) => !lost.includes(a) && a.target.selector.some((s) => s.range.toString() !== s.quote));
  return { loaded: all.length, unanchored: lost.length, misanchored: wrong.length, unanchoredIds: lost.slice(0, 20).map((a) => a.id) };
}

window.__peer = {
  /** Lays the text out, one block per paragraph (a paragraph keeps its trailing blank line). */
  async render(text) {
    const t0 = performance.now();
    const parts = text.split(/(?<=\n\n)/);
    const frag = document.createDocumentFragment();
    for (const p of parts) {
      const div = document.createElement('div');
      div.className = 'para';
      div.textContent = p;
      frag.append(div);
    }
    container.replaceChildren(frag);
    if (container.textContent !== text) throw new Error('peer: the container text differs from the record');
    await raf2();
    return { ms: performance.now() - t0, blocks: parts.length };
  },
  stage(spans) {
    staged = spans.map(w3c);
    return staged.length;
  },
  /** Open: create the annotator, load every span, until the spans near the top are painted. */
  async open(firstIds, timeoutMs) {
    const t0 = performance.now();
    annotator = createTextAnnotator(container, { adapter: W3CTextFormat(SOURCE, container) });
    // replace = false: in 4.1.1 the replacing path (the core store's syncAnnotations) skips the
    // text annotator's anchoring, so no span would get a DOM range and none would be drawn; the
    // upserting path anchors every span (and walks the text nodes from the top for each).
    annotator.setAnnotations(staged, false);
    const setMs = performance.now() - t0;
    await until(() => firstIds.every(drawn), timeoutMs);
    const domMs = performance.now() - t0;
    await raf2();
    return { ms: performance.now() - t0, setMs, domMs, ...anchoring() };
  },
  async add(span, timeoutMs) {
    const a = w3c(span);
    const t0 = performance.now();
    annotator.addAnnotation(a);
    await until(() => drawn(span.id), timeoutMs);
    const domMs = performance.now() - t0;
    await raf2();
    return { ms: performance.now() - t0, domMs };
  },
  async remove(id, timeoutMs) {
    const t0 = performance.now();
    annotator.removeAnnotation(id);
    await until(() => !drawn(id), timeoutMs);
    const domMs = performance.now() - t0;
    await raf2();
    return { ms: performance.now() - t0, domMs };
  },
  count: () => annotator?.getAnnotations().length ?? 0,
};
window.__peerReady = true;
