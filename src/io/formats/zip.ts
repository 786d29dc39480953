/** Zip archives by fflate (maintained, pure JS, works in a Web Worker): no hand-written zip. */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { readZip } from './zipLimits';
import type { ExportFile, InputFile } from './types';

/**
 * Packs files into one zip (DEFLATE). Paths are '/'-separated, non-empty, not absolute, without
 * '..' and unique; names are stored in UTF-8 (fflate sets the language-encoding flag for
 * non-ASCII names, so Chinese file names open correctly). `mtime` fixes the entries' dates
 * (default: now), so the same export and date give the same bytes.
 */
export function zipFiles(files: readonly ExportFile[], mtime?: Date | string): Uint8Array {
  const entries: Zippable = {};
  const seen = new Set<string>();
  for (const f of files) {
    const path = f.path;
    if (path === '' || path.startsWith('/') || path.endsWith('/') || path.split('/').some((s) => s === '' || s === '.' || s === '..')) {
      throw new Error(`cannot zip a file with the path ${JSON.stringify(path)}`);
    }
    if (seen.has(path)) throw new Error(`two files in one zip have the same path ${JSON.stringify(path)}`);
    seen.add(path);
    const data = typeof f.content === 'string' ? strToU8(f.content) : f.content;
    entries[path] = [data, { mtime: mtime ?? new Date() }];
  }
  return zipSync(entries, { level: 6 });
}

/**
 * Unpacks the files of a zip that `wanted` accepts (directories skipped), e.g. brat .txt/.ann
 * pairs for `importBrat`: sizes checked before inflating, lengths and CRC-32 after (zipLimits.ts).
 */
export function unzipFiles(bytes: Uint8Array, source = 'zip', wanted: (path: string) => boolean = () => true): InputFile[] {
  return readZip(bytes, source, wanted);
}
