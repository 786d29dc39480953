// @ts-check
// The plan: the actions measured, and where each run tags, relabels, moves and deletes.

/** @typedef {import('./types').BenchDocument} BenchDocument */
/** @typedef {import('./types').Plan} Plan */

/** The actions measured, in the order they run in each cycle. */
export const ACTIONS = ['add', 'relabel', 'move', 'delete', 'undo'];
/** @type {Record<string, string>} */
export const ACTION_NAMES = { add: 'add', relabel: 'relabel', move: 'boundary move', delete: 'delete', undo: 'undo' };

/**
 * Deterministic per size: the text an add selects (near the top of the record) and the existing
 * span each cycle relabels, moves, deletes and restores.
 * @param {BenchDocument} doc
 * @param {number} cycles
 * @returns {Plan}
 */
export function plan(doc, cycles) {
  const cps = Array.from(doc.text);
  const flat = doc.text.replace(/\n/g, ''); // the editor's text nodes hold no line breaks
  const plain = (/** @type {string | undefined} */ c) => c !== undefined && !/[\s*#]/.test(c) && c.length === 1;
  const near = doc.annotations.filter((a) => a.start < 5000); // spans near the top (text order)
  const covered = (/** @type {import('./types').BenchSpan} */ a) => near.some((b) => b !== a && b.start <= a.start && b.end >= a.end);
  const targets = near.filter((a) => a.start > 0 && a.end - a.start >= 4 && !a.text.includes('\n') && !covered(a));
  /** @type {Plan['cycles']} */
  const cyclesPlan = [];
  for (let c = 0; c < cycles; c++) {
    let p = 80 + 180 * c;
    while (p < cps.length - 12 && !cps.slice(p, p + 10).every(plain)) p++;
    const needle = cps.slice(p, p + 10).join('');
    const before = cps.slice(0, p).join('').replace(/\n/g, '');
    let occurrence = 0;
    for (let at = flat.indexOf(needle); at >= 0 && at < before.length; at = flat.indexOf(needle, at + 1)) occurrence++;
    const span = targets[1 + 2 * c] ?? targets[c];
    if (!span) throw new Error(`no span near the top of the record to relabel in cycle ${c + 1}`);
    cyclesPlan.push({
      needle,
      occurrence,
      addAt: p,
      span: { id: span.id, label: span.label, start: span.start, end: span.end, text: span.text },
      relabelKey: span.label === 'response' ? '1' : '4',
      relabelTo: span.label === 'response' ? 'proposal' : 'response',
    });
  }
  // The spans that must be painted for a record to count as open: those in its first 250 characters.
  const firstIds = doc.annotations.filter((a) => a.end <= 250).map((a) => a.id);
  return { cycles: cyclesPlan, firstIds };
}
