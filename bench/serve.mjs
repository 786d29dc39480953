// @ts-check
// The servers the subjects are measured on: the built app (from a copy of its build) and the peer's page.
import { cpSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build, preview } from 'vite';
import { ROOT } from './generate.mjs';

/** @typedef {import('./types').Served} Served */

export const BENCH = join(ROOT, 'bench');
/** Where runs, inputs and copies of builds go (ignored by git). */
export const RESULTS = join(BENCH, 'results');

/**
 * Vite's preview server on a free loopback port.
 * @param {string} root
 * @param {string} outDir
 * @param {string | false | undefined} configFile
 * @returns {Promise<Served>}
 */
async function serve(root, outDir, configFile) {
  const server = await preview({
    root,
    configFile,
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
    logLevel: 'silent',
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no port');
  return { url: `http://127.0.0.1:${address.port}/`, close: () => server.close() };
}

/**
 * The built app, served like tests/e2e/harness.mjs servePreview() does, but from a copy of dist/
 * taken at the start: a build by someone else during a long run cannot pull the files away.
 * @param {string} dist
 * @param {string} [copyName] the copy's folder under bench/results/ (one per concurrent user)
 * @returns {Promise<Served>}
 */
export async function serveApp(dist, copyName = 'app-dist') {
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`${dist} has no build: run \`vite build\` first (npm run bench does)`);
  const copy = join(RESULTS, copyName);
  rmSync(copy, { recursive: true, force: true });
  cpSync(dist, copy, { recursive: true });
  return serve(ROOT, copy, undefined);
}

/**
 * Builds bench/peer with Vite's build() API and serves it; `skipped` (with the reason) without the package.
 * @returns {Promise<Served | { skipped: string }>}
 */
export async function servePeer() {
  const peerRoot = join(BENCH, 'peer');
  if (!existsSync(join(ROOT, 'node_modules/@recogito/text-annotator/package.json'))) {
    return { skipped: '@recogito/text-annotator is not installed (npm install -D @recogito/text-annotator)' };
  }
  try {
    await build({ root: peerRoot, configFile: false, logLevel: 'warn', build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' } });
  } catch (error) {
    return { skipped: `the peer page did not build: ${error instanceof Error ? error.message : String(error)}` };
  }
  return serve(peerRoot, 'dist', false);
}
