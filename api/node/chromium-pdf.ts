/** The pack PDF through headless Chromium: the print page is the source of truth, this only prints it. */
import type { PdfRenderer } from '../committees/pdf.ts';
import { launchHeadlessChromium } from './chromium.ts';

export function chromiumPdfRenderer(executablePath: string): PdfRenderer {
  return {
    async render({ url, html, asset }) {
      // A browser per PDF: packs are printed a few times per meeting, and nothing is shared between staff.
      const browser = await launchHeadlessChromium(executablePath);
      try {
        const context = await browser.newContext({ javaScriptEnabled: false, offline: false });
        const page = await context.newPage();
        await page.route('**/*', async (route) => {
          const requested = route.request().url();
          if (requested === url) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
          const found = await asset(new URL(requested));
          return found ? route.fulfill({ status: 200, contentType: found.contentType, body: Buffer.from(found.bytes) }) : route.abort('blockedbyclient');
        });
        await page.goto(url, { waitUntil: 'load' });
        return new Uint8Array(await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
      } finally {
        await browser.close();
      }
    },
  };
}
