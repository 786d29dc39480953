import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readImportFiles } from '../../../src/app/importFiles';
import { DEFAULT_LABELS } from '../../../src/domain/labels';
import { problemOf } from '../../../src/domain/problem';
import { crc32, readZip } from '../../../src/io/formats/zipLimits';
import { cpuMs } from './cpuTime';

const NOW = '2024-05-01T08:00:00.000Z';
const TEXT = '政协委员建议加快发展。'.repeat(50);
const ANN = 'T1\tproposal 4 10\t建议加快发展\n';

function zip(files: Record<string, string | Uint8Array>): Uint8Array {
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const [path, c] of Object.entries(files)) entries[path] = [typeof c === 'string' ? strToU8(c) : c, { mtime: new Date(NOW) }];
  return zipSync(entries, { level: 6 });
}

/** Rewrites fields of one entry, in its local header and in the central directory, as a crafted zip would. */
function patch(bytes: Uint8Array, path: string, fields: { size?: number; crc?: number }): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  const name = strToU8(path);
  const at = (i: number, offset: number) => out.subarray(i + offset, i + offset + name.length).every((b, k) => b === name[k]);
  for (let i = 0; i + 4 <= out.length; i++) {
    const sig = view.getUint32(i, true);
    // Local header: crc at 14, size at 22, name at 30. Central: crc at 16, size at 24, name at 46.
    const [crcAt, sizeAt, nameAt] = sig === 0x04034b50 ? [14, 22, 30] : sig === 0x02014b50 ? [16, 24, 46] : [-1, -1, -1];
    if (nameAt < 0 || !at(i, nameAt)) continue;
    if (fields.size !== undefined) view.setUint32(i + sizeAt, fields.size, true);
    if (fields.crc !== undefined) view.setUint32(i + crcAt, fields.crc, true);
  }
  return out;
}

const importZip = (bytes: Uint8Array, name = '会议.zip') => readImportFiles([{ name, bytes }], NOW, DEFAULT_LABELS);

function refusal(bytes: Uint8Array): { code?: string; message: string } {
  try {
    readZip(bytes, 'x.zip', (p) => /\.(txt|ann)$/.test(p));
  } catch (error) {
    return { code: problemOf(error)?.code, message: (error as Error).message };
  }
  throw new Error('the zip was not refused');
}

describe('zip import of crafted archives', () => {
  it('imports an honest brat zip', () => {
    const { ok, failed } = importZip(zip({ 'a.txt': TEXT, 'a.ann': ANN }));
    expect(failed).toEqual([]);
    expect(ok[0]!.items[0]!.annotations).toHaveLength(1);
  });

  it('refuses an entry whose size field says less than it holds (was imported truncated as "added")', () => {
    const lying = patch(zip({ 'a.txt': TEXT, 'a.ann': ANN }), 'a.txt', { size: 30 });
    const { ok, failed } = importZip(lying);
    expect(ok).toEqual([]);
    expect(failed[0]!.message).toMatch(/damaged zip \(a\.txt\).*expands to more than the 30 bytes/);
    expect(refusal(lying).code).toBe('zipDamaged');
  });

  it('refuses an entry whose size field says more than it holds', () => {
    const real = strToU8(TEXT).length;
    expect(refusal(patch(zip({ 'a.txt': TEXT, 'a.ann': ANN }), 'a.txt', { size: real + 7 })).message).toMatch(
      new RegExp(`expands to ${real} bytes, not the ${real + 7}`),
    );
  });

  it('refuses an entry whose CRC-32 does not match, deflated or stored', () => {
    const good = zip({ 'a.txt': TEXT, 'a.ann': ANN });
    expect(refusal(patch(good, 'a.ann', { crc: 0x12345678 })).message).toMatch(/a\.ann.*CRC-32 does not match/);
    const stored = zipSync({ 'a.txt': [strToU8(TEXT), { level: 0 }], 'a.ann': [strToU8(ANN), { level: 0 }] });
    expect(refusal(patch(stored, 'a.txt', { crc: 1 })).message).toMatch(/a\.txt.*CRC-32/);
  });

  it('refuses a huge declared entry before inflating anything, with the sizes in the message', () => {
    const huge = patch(zip({ 'a.txt': TEXT, 'a.ann': ANN }), 'a.txt', { size: 1024 * 1024 * 1024 });
    const { ms, value: { failed } } = cpuMs(() => importZip(huge));
    expect(ms).toBeLessThan(1000);
    expect(failed[0]!.message).toMatch(/the entry a\.txt expands to 1\.0 GB; Yishi reads entries of at most 64 MB/);
  });

  it('refuses entries the format reads whose sum is over the limit', () => {
    const bytes = zip({ 'a.txt': TEXT, 'a.ann': ANN, 'b.txt': TEXT });
    expect(() => readZip(bytes, 'x.zip', () => true, { entries: 100, entryBytes: 10_000, totalBytes: 2 * strToU8(TEXT).length })).toThrow(
      /expand to .* together/,
    );
  });

  it('refuses a zip of more than 10,000 entries by its directory, at once', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 10_001; i++) files[`x/${i}.txt`] = '';
    const many = zip(files);
    const { ms, value: { failed } } = cpuMs(() => importZip(many));
    expect(ms).toBeLessThan(1000);
    expect(failed[0]!.message).toMatch(/lists 10001 entries; Yishi reads zips of at most 10000/);
  }, 60_000);

  it('never inflates an entry the format does not read (a lying, huge or corrupt one beside the pair)', () => {
    const bytes = patch(zip({ 'a.txt': TEXT, 'a.ann': ANN, 'annex.bin': new Uint8Array(5000) }), 'annex.bin', { size: 0xfffffff0, crc: 7 });
    const { ok, failed } = importZip(bytes);
    expect(failed).toEqual([]);
    expect(ok[0]!.items).toHaveLength(1);
  });

  it('computes the CRC-32 zip uses', () => {
    expect(crc32(strToU8('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });
});
