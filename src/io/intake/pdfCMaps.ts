/**
 * The Adobe CMaps pdf.js needs for PDFs whose CJK fonts are not embedded (a predefined CMap such
 * as UniGB-UCS2-H with STSong-Light, as some Chinese PDF writers make): without them their text
 * cannot be read at all. Bundled with the app (Vite emits each .bcmap as a same-origin file,
 * fetched only when a PDF names it), never fetched from elsewhere.
 */
// URLs only (the files are fetched when needed); never inlined as data: URLs, which the CSP's
// connect-src 'self' would refuse.
const CMAPS = import.meta.glob<string>('../../../node_modules/pdfjs-dist/cmaps/*.bcmap', { query: '?url&no-inline', import: 'default', eager: true });

const byName = new Map(Object.entries(CMAPS).map(([path, url]) => [path.slice(path.lastIndexOf('/') + 1), url]));

/** pdf.js's BinaryDataFactory interface: CMaps from the bundle, nothing else. */
export class BundledCMapFactory {
  constructor(_options: unknown) {}

  async fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
    const url = kind === 'cMapUrl' ? byName.get(filename) : undefined;
    if (!url) throw new Error(`no bundled ${kind === 'cMapUrl' ? 'CMap' : kind} “${filename}”`);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`CMap “${filename}”: ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }
}

/** A stand-in base URL: pdf.js asks the factory only when it is set. */
export const CMAP_BASE = 'bundled-cmaps/';
