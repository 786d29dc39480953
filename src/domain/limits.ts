/**
 * The sizes Yishi refuses beyond, so that no file can take the tab's memory or time: checked
 * before the bytes are read or inflated, and named in the refusal. README "Data safety" lists them.
 */
const MiB = 1024 * 1024;

/** The largest file an import reads (its size is known before it is read). */
export const MAX_IMPORT_FILE_BYTES = 256 * MiB;
/** The most entries a zip's central directory may list. */
export const MAX_ZIP_ENTRIES = 10_000;
/** The largest one entry of a zip may expand to. */
export const MAX_ZIP_ENTRY_BYTES = 64 * MiB;
/** The most the entries a format reads from one zip may expand to together. */
export const MAX_ZIP_TOTAL_BYTES = 256 * MiB;
/** The longest record text, in code points (a record of a million opens in about 0.2 s). */
export const MAX_RECORD_CODE_POINTS = 10_000_000;

/** A byte count as people read it: "64 MB" (binary megabytes, one decimal below 10). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < MiB) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
  if (n < 1024 * MiB) return `${(n / MiB).toFixed(n < 10 * MiB ? 1 : 0)} MB`;
  return `${(n / (1024 * MiB)).toFixed(1)} GB`;
}
