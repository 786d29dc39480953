// @ts-check
// Medians, percentiles and the number format of the bench's tables.

/**
 * The median of the finite numbers among `xs`; null when there are none.
 * @param {unknown[]} xs
 * @returns {number | null}
 */
export function median(xs) {
  const v = finite(xs);
  if (!v.length) return null;
  const m = v.length >> 1;
  return v.length % 2 ? /** @type {number} */ (v[m]) : (/** @type {number} */ (v[m - 1]) + /** @type {number} */ (v[m])) / 2;
}

/**
 * Nearest-rank percentile.
 * @param {unknown[]} xs
 * @param {number} p 0–100
 * @returns {number | null}
 */
export function percentile(xs, p) {
  const v = finite(xs);
  if (!v.length) return null;
  return /** @type {number} */ (v[Math.min(v.length - 1, Math.max(0, Math.ceil((p / 100) * v.length) - 1))]);
}

/**
 * @param {unknown[]} xs
 * @returns {number[]} the finite numbers among `xs`, ascending
 */
function finite(xs) {
  return /** @type {number[]} */ (xs.filter((x) => typeof x === 'number' && Number.isFinite(x))).sort((a, b) => a - b);
}

/**
 * A figure as the tables print it: three significant digits or so, '–' for none.
 * @param {number | string | null | undefined} x
 * @returns {string}
 */
export function fmt(x) {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  if (typeof x === 'string') return x;
  if (x === 0) return '0';
  if (Math.abs(x) >= 100) return Math.round(x).toLocaleString('en-US');
  if (Math.abs(x) >= 10) return x.toFixed(1);
  return x.toFixed(2);
}
