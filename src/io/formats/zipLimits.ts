/**
 * Reading a zip that may have been crafted: the sizes come from the central directory first, and
 * a zip whose entries (or the entries the format reads, together) are larger than the limits
 * (domain/limits.ts) is refused before anything is inflated. Only the entries the format reads
 * are inflated, each in small pieces (so a lying size field is caught within a few MB of it), and
 * each is checked against its declared length and CRC-32 (fflate checks neither): a mismatch
 * refuses the file.
 */
import { Inflate } from 'fflate';
import { formatBytes, MAX_ZIP_ENTRIES, MAX_ZIP_ENTRY_BYTES, MAX_ZIP_TOTAL_BYTES } from '../../domain/limits';
import { ProblemError, problem } from '../../domain/problem';
import type { InputFile } from './types';

export interface ZipEntry {
  path: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export interface ZipLimits {
  entries: number;
  entryBytes: number;
  totalBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { entries: MAX_ZIP_ENTRIES, entryBytes: MAX_ZIP_ENTRY_BYTES, totalBytes: MAX_ZIP_TOTAL_BYTES };

/** Inflated per step: a stream that inflates past its declared size stops within this much. */
const STEP = 8 * 1024;

function damaged(source: string, entry: string, detail: string): ProblemError {
  return new ProblemError(problem('zipDamaged', { name: source, entry, detail }), `“${source}” is a damaged zip (${entry}): ${detail}; nothing was imported`);
}

/** The central directory's entries, read without inflating anything. */
export function zipDirectory(bytes: Uint8Array, source: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record: 22 bytes plus a comment of at most 65,535.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= 0 && i >= bytes.length - 22 - 0xffff; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged(source, '—', 'no end of central directory (not a zip, or cut short)');
  const count = view.getUint16(eocd + 10, true);
  const dirSize = view.getUint32(eocd + 12, true);
  const dirOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || dirOffset === 0xffffffff) throw damaged(source, '—', 'a ZIP64 archive (over 65,535 entries or 4 GB), which Yishi does not read');
  if (count > limits.entries) {
    throw new ProblemError(
      problem('zipTooManyEntries', { name: source, count, max: limits.entries }),
      `“${source}” lists ${count} entries; Yishi reads zips of at most ${limits.entries}; nothing was imported`,
    );
  }
  if (dirOffset + dirSize > eocd) throw damaged(source, '—', 'the central directory lies outside the file');
  const entries: ZipEntry[] = [];
  const names = new TextDecoder('utf-8');
  let at = dirOffset;
  for (let k = 0; k < count; k++) {
    if (at + 46 > eocd || view.getUint32(at, true) !== 0x02014b50) throw damaged(source, `#${k + 1}`, 'a central directory entry is missing');
    const nameLength = view.getUint16(at + 28, true);
    const path = names.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    entries.push({
      path,
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      crc: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

/** Refuses entries, or their sum, larger than the limits: before anything is inflated. */
export function checkZipSizes(entries: readonly ZipEntry[], source: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): void {
  let total = 0;
  for (const e of entries) {
    if (e.size > limits.entryBytes || e.size === 0xffffffff) {
      throw new ProblemError(
        problem('zipEntryTooLarge', { name: source, entry: e.path, size: formatBytes(e.size), max: formatBytes(limits.entryBytes) }),
        `“${source}”: the entry ${e.path} expands to ${formatBytes(e.size)}; Yishi reads entries of at most ${formatBytes(limits.entryBytes)}; nothing was imported`,
      );
    }
    total += e.size;
  }
  if (total > limits.totalBytes) {
    throw new ProblemError(
      problem('zipTooLarge', { name: source, size: formatBytes(total), max: formatBytes(limits.totalBytes) }),
      `“${source}”: its entries expand to ${formatBytes(total)} together; Yishi reads at most ${formatBytes(limits.totalBytes)} from one zip; nothing was imported`,
    );
  }
}

let crcTable: Uint32Array | undefined;

/** CRC-32 (IEEE 802.3, as zip uses). */
export function crc32(data: Uint8Array, crc = 0): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = ~crc;
  for (let i = 0; i < data.length; i++) c = crcTable[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** One entry's bytes, inflated step by step, its length and CRC-32 checked against the directory. */
export function readZipEntry(bytes: Uint8Array, e: ZipEntry, source: string): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (e.flags & 1) throw damaged(source, e.path, 'the entry is encrypted');
  if (e.localOffset + 30 > bytes.length || view.getUint32(e.localOffset, true) !== 0x04034b50) throw damaged(source, e.path, 'its local header is missing');
  const start = e.localOffset + 30 + view.getUint16(e.localOffset + 26, true) + view.getUint16(e.localOffset + 28, true);
  if (start + e.compressedSize > bytes.length) throw damaged(source, e.path, 'its data runs past the end of the file');
  const packed = bytes.subarray(start, start + e.compressedSize);
  let out: Uint8Array;
  if (e.method === 0) {
    out = packed;
  } else if (e.method === 8) {
    out = new Uint8Array(e.size);
    let length = 0;
    let crc = 0;
    const inflate = new Inflate((chunk) => {
      if (length + chunk.length > e.size) throw damaged(source, e.path, `it expands to more than the ${e.size} bytes its size field declares`);
      out.set(chunk, length);
      length += chunk.length;
      crc = crc32(chunk, crc);
    });
    try {
      for (let i = 0; i < packed.length; i += STEP) inflate.push(packed.subarray(i, i + STEP), i + STEP >= packed.length);
      if (packed.length === 0) inflate.push(packed, true);
    } catch (error) {
      if (error instanceof ProblemError) throw error;
      throw damaged(source, e.path, error instanceof Error ? error.message : String(error));
    }
    if (length !== e.size) throw damaged(source, e.path, `it expands to ${length} bytes, not the ${e.size} its size field declares`);
    if (crc !== e.crc) throw damaged(source, e.path, 'its CRC-32 does not match its content');
    return out;
  } else {
    throw damaged(source, e.path, `compression method ${e.method} (Yishi reads stored and DEFLATE entries)`);
  }
  if (out.length !== e.size) throw damaged(source, e.path, `it holds ${out.length} bytes, not the ${e.size} its size field declares`);
  if (crc32(out) !== e.crc) throw damaged(source, e.path, 'its CRC-32 does not match its content');
  return out;
}

/** The entries an import reads from a zip: brat's .txt and .ann files. */
export const isBratEntry = (path: string): boolean => /\.(txt|ann)$/i.test(path);

/**
 * The files of a zip that `wanted` accepts (directories skipped), after the limits are checked on
 * the sizes the central directory declares; every inflated entry is checked against its declared
 * length and CRC-32.
 */
export function readZip(bytes: Uint8Array, source: string, wanted: (path: string) => boolean, limits: ZipLimits = DEFAULT_ZIP_LIMITS): InputFile[] {
  const used = zipDirectory(bytes, source, limits).filter((e) => !e.path.endsWith('/') && wanted(e.path));
  checkZipSizes(used, source, limits);
  return used.map((e) => ({ path: e.path, content: readZipEntry(bytes, e, source) }));
}
