#!/usr/bin/env node
/**
 * npm run eval:suggest — measures the suggesters against the gold files in fixtures/gold/
 * (*.gold.yishi.json, native Yishi JSON). Prints precision, recall and F1 per label and overall,
 * for exact and overlap matches, for the rules and the cross-validated learned suggester.
 *
 * Node 20 cannot run TypeScript, so the TypeScript modules are loaded through Vite's module
 * runner (`runnerImport`, part of vite itself: no extra dependency, no build step).
 * Options: --folds N (single-document cross-validation, default 5), --threshold X (model).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const goldDir = join(root, 'fixtures', 'gold');
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : undefined;
};

const load = async (path) => (await runnerImport(join(root, path), { root, configFile: false, logLevel: 'error' })).module;
const { parseNative } = await load('src/io/native/index.ts');
const { runExperiment, formatResults, sentenceReport } = await load('src/domain/suggest/experiment.ts');
const { DEFAULT_LABELS } = await load('src/domain/labels.ts');

const files = readdirSync(goldDir).filter((f) => f.endsWith('.gold.yishi.json')).sort();
if (files.length === 0) {
  console.error(`no *.gold.yishi.json in ${goldDir}`);
  process.exit(1);
}
const docs = [];
for (const file of files) {
  const parsed = parseNative(readFileSync(join(goldDir, file), 'utf8'), file);
  for (const { document, annotations } of parsed.documents) {
    docs.push({ id: document.id, text: document.text, spans: annotations.map((a) => ({ label: a.label, start: a.start, end: a.end })) });
  }
}
const spans = docs.reduce((n, d) => n + d.spans.length, 0);
console.log(`gold: ${files.join(', ')}: ${docs.length} document(s), ${spans} spans`);
const options = {};
if (arg('--folds') !== undefined) options.folds = arg('--folds');
if (arg('--threshold') !== undefined) options.threshold = arg('--threshold');
const results = runExperiment(docs, DEFAULT_LABELS.map((l) => l.id), options);
console.log(formatResults(results));
console.log(sentenceReport(docs, DEFAULT_LABELS.map((l) => l.id)));
