import { stripBidiControls } from '../domain/textRules';

/** Offers content as a file download (no network: a blob URL revoked right after). */
export function downloadBytes(fileName: string, content: string | Uint8Array, mime: string): void {
  const url = URL.createObjectURL(new Blob([content as BlobPart], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A file name that every operating system accepts, keeping Chinese characters. */
export function safeFileName(title: string): string {
  // At most 120 characters, counted in code points so a surrogate pair is never cut.
  // Bidirectional controls are dropped: they would show the name reversed ("报告\u202Egpj.exe").
  const cleaned = Array.from(stripBidiControls(title).replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim()).slice(0, 120).join('');
  return cleaned || 'record';
}
