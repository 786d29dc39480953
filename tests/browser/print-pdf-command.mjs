/**
 * A browser-test command (it runs in Node, beside Playwright): prints HTML to a PDF with the
 * test's own Chromium (page.pdf), so the PDF tests read a PDF exactly as Chromium writes it,
 * with Noto CJK fonts, a running header and page numbers. Returned as base64.
 * Options: `header` (text printed in the top margin of every page), `pageNumbers` ("- N -" at
 * the bottom). Its type for the tests is declared in intake-pdf.test.ts.
 *
 * @param {{ context: import('playwright-core').BrowserContext }} ctx
 * @param {string} html
 * @param {{ header?: string, pageNumbers?: boolean }} [options]
 */
export async function printPdf(ctx, html, options = {}) {
  const page = await ctx.context.newPage();
  try {
    await page.setContent(html, { waitUntil: 'load' });
    const box = (inner) => `<div style="font-size:9px;width:100%;text-align:center">${inner}</div>`;
    const pdf = await page.pdf({
      format: 'A4',
      displayHeaderFooter: options.header !== undefined || options.pageNumbers === true,
      headerTemplate: options.header !== undefined ? box(options.header) : '<span></span>',
      footerTemplate: options.pageNumbers ? box('- <span class="pageNumber"></span> -') : '<span></span>',
      margin: { top: '25mm', bottom: '25mm', left: '25mm', right: '25mm' },
    });
    return pdf.toString('base64');
  } finally {
    await page.close();
  }
}
