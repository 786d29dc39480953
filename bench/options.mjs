// @ts-check
// The options of `node bench/run.mjs` (docs/performance.md lists them) and what each defaults to.
import { join } from 'node:path';
import { ROOT, SIZES } from './generate.mjs';
import { RESULTS } from './serve.mjs';

/** @typedef {import('./types').BenchOptions} BenchOptions */
/** @typedef {import('./types').ExportSpec} ExportSpec */

/**
 * The exports measured. `button`: a button whose export the app times itself with a User Timing
 * measure. `dialog`: every format the export dialog offers (found at run time from its
 * `export-format-<id>` boxes), one at a time for the open record, timed in the page from the
 * click on Download until the dialog reports the file handed over. Add an entry here (or pass
 * --export testid=measure) when the app gains another exporter.
 * @type {ExportSpec[]}
 */
export const EXPORTS = [
  { kind: 'button', name: 'JSON button', testId: 'export-json', measure: 'yishi:export-json' },
  { kind: 'dialog', name: 'dialog', testId: 'export-dialog' },
];

/**
 * @param {string[]} argv the arguments after `node bench/run.mjs`
 * @returns {BenchOptions}
 */
export function parseArgs(argv) {
  /** @type {BenchOptions} */
  const o = {
    smoke: false,
    sizes: Object.keys(SIZES),
    runs: { '20k': 5, '200k': 5, '1m': 3 },
    peerRuns: { '20k': 3, '200k': 3, '1m': 1 },
    cycles: 3,
    peer: true,
    peerTimeoutS: 180,
    library: 1000,
    libraryRuns: 3,
    exports: [...EXPORTS],
    dist: join(ROOT, 'dist'),
    note: null,
    out: join(RESULTS, 'latest.json'),
  };
  /**
   * `5,5,3` → one number per size; the last repeats.
   * @param {string} value
   * @param {string[]} sizes
   * @returns {Record<string, number>}
   */
  const perSize = (value, sizes) => {
    const parts = String(value).split(',').map(Number);
    return Object.fromEntries(sizes.map((s, i) => [s, /** @type {number} */ (parts[Math.min(i, parts.length - 1)])]));
  };
  /** @type {string | undefined} */
  let runs;
  /** @type {string | undefined} */
  let peerRuns;
  /** @type {number | undefined} */
  let cycles;
  for (let i = 0; i < argv.length; i++) {
    const a = /** @type {string} */ (argv[i]);
    const value = () => {
      const v = a.includes('=') && a.startsWith('--') && !a.startsWith('--export') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const name = a.includes('=') && !a.startsWith('--export') ? a.slice(0, a.indexOf('=')) : a;
    switch (name) {
      case '--smoke':
        o.smoke = true;
        break;
      case '--sizes': {
        const v = value().toLowerCase();
        o.sizes = v === 'none' ? [] : v.split(',');
        break;
      }
      case '--runs':
        runs = value();
        break;
      case '--peer-runs':
        peerRuns = value();
        break;
      case '--cycles':
        cycles = Number(value());
        break;
      case '--no-peer':
        o.peer = false;
        break;
      case '--peer-timeout':
        o.peerTimeoutS = Number(value());
        break;
      case '--library':
        o.library = Number(value());
        break;
      case '--library-runs':
        o.libraryRuns = Number(value());
        break;
      case '--export': {
        const [testId = '', measure] = value().split('=');
        o.exports.push({ kind: 'button', testId, measure, name: testId });
        break;
      }
      case '--out':
        o.out = value();
        break;
      case '--dist':
        o.dist = value();
        break;
      case '--note':
        o.note = value();
        break;
      case '--report':
        o.report = value();
        break;
      default:
        throw new Error(`unknown option ${a}`);
    }
  }
  if (o.smoke) {
    o.sizes = ['20k'];
    o.runs = { '20k': 1 };
    o.peerRuns = { '20k': 1 };
    o.cycles = 1;
    o.library = 0;
  }
  for (const s of o.sizes) if (!(/** @type {Record<string, number>} */ (SIZES))[s]) throw new Error(`unknown size ${s} (known: ${Object.keys(SIZES).join(', ')})`);
  if (runs) o.runs = perSize(runs, o.sizes);
  if (peerRuns) o.peerRuns = perSize(peerRuns, o.sizes);
  if (cycles) o.cycles = cycles;
  return o;
}
