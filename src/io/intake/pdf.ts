/**
 * Text PDFs, through pdf.js (in its own worker, bundled with the app: nothing is fetched). The
 * page texts go through pdfLayout (reading order, paragraphs, running headers and page numbers
 * dropped) and radicals.ts (Kangxi / supplement radicals back to ideographs).
 *
 * Worker: Vite's `?worker` import bundles pdf.js's worker as a same-origin script of the app
 * (the built app's CSP has `worker-src 'self'`; the service worker precaches it with the other
 * .js files). pdf.js 6 uses no eval, which the CSP forbids.
 */
import { getDocument, GlobalWorkerOptions, OPS, type PDFDocumentProxy } from 'pdfjs-dist';
import type { TextItem } from 'pdfjs-dist/types/src/display/api';
import PdfWorker from 'pdfjs-dist/build/pdf.worker.min.mjs?worker';
import { BundledCMapFactory, CMAP_BASE } from './pdfCMaps';
import { layoutParagraphs, type PdfPageText } from './pdfLayout';
import { mapRadicals } from './radicals';
import { problem, type IntakeNote, type IntakeProblem, type IntakeResult } from './types';

let worker: Worker | null = null;

/** One worker for the app's lifetime, started on the first PDF. */
function ensureWorker(): void {
  if (worker) return;
  worker = new PdfWorker();
  GlobalWorkerOptions.workerPort = worker;
}

const IMAGE_OPS = new Set(
  Object.entries(OPS)
    .filter(([name]) => /^paint.*Image/.test(name))
    .map(([, code]) => code),
);

async function pageText(pdf: PDFDocumentProxy, n: number): Promise<{ text: PdfPageText; images: boolean }> {
  const page = await pdf.getPage(n);
  const content = await page.getTextContent();
  const items = content.items
    .filter((i): i is TextItem => 'str' in i)
    .map((i) => ({
      str: i.str,
      x: i.transform[4] as number,
      y: i.transform[5] as number,
      width: i.width,
      size: i.height || Math.hypot(i.transform[2] as number, i.transform[3] as number),
      hasEOL: i.hasEOL,
    }));
  let images = false;
  if (!items.some((i) => i.str.trim() !== '')) {
    const ops = await page.getOperatorList();
    images = ops.fnArray.some((op) => IMAGE_OPS.has(op));
  }
  page.cleanup();
  return { text: { items }, images };
}

async function readDocument(pdf: PDFDocumentProxy): Promise<IntakeResult | IntakeProblem> {
  if (pdf.numPages === 0) return problem('emptyPdf');
  const pages: PdfPageText[] = [];
  let images = false;
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pageText(pdf, n);
    pages.push(page.text);
    images ||= page.images;
  }
  const layout = layoutParagraphs(pages);
  if (layout.paragraphs.length === 0) return problem(images ? 'noTextLayer' : 'emptyPdf');
  const radicals = mapRadicals(layout.paragraphs.join('\n\n'));
  const notes: IntakeNote[] = [{ kind: 'pdfPages', pages: pdf.numPages }];
  if (layout.dropped > 0) notes.push({ kind: 'headersDropped', count: layout.dropped });
  if (radicals.count > 0) notes.push({ kind: 'radicalsMapped', count: radicals.count });
  const info = (await pdf.getMetadata().catch(() => null))?.info as { Title?: unknown } | undefined;
  const title = typeof info?.Title === 'string' ? info.Title.trim() : '';
  return {
    ok: true,
    text: radicals.text,
    format: 'plain',
    source: 'pdf',
    meta: { pages: pdf.numPages, ...(title ? { sourceTitle: title } : {}) },
    notes,
  };
}

/** Reads a PDF's text. A problem for a damaged, encrypted, empty or scanned PDF. */
export async function readPdf(bytes: Uint8Array): Promise<IntakeResult | IntakeProblem> {
  ensureWorker();
  // pdf.js transfers the buffer to its worker: give it a copy, the caller keeps its bytes.
  const task = getDocument({
    data: bytes.slice(),
    disableFontFace: true,
    stopAtErrors: false,
    // CMaps for non-embedded CJK fonts come from the bundle, through the main thread.
    cMapUrl: CMAP_BASE,
    useWorkerFetch: false,
    BinaryDataFactory: BundledCMapFactory,
  });
  try {
    let pdf: PDFDocumentProxy;
    try {
      pdf = await task.promise;
    } catch (error) {
      const name = (error as { name?: string } | null)?.name;
      if (name === 'PasswordException') return problem('encryptedPdf');
      return problem('corruptPdf', error instanceof Error ? error.message : String(error));
    }
    return await readDocument(pdf);
  } catch (error) {
    return problem('corruptPdf', error instanceof Error ? error.message : String(error));
  } finally {
    // Awaited: the next PDF's loading task shares the worker.
    await task.destroy();
  }
}
