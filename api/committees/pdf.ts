/** Turning a pack's print page into a PDF, where the runtime has a headless browser (the Node server with Chromium). */

export type PackAsset = { bytes: Uint8Array; contentType: string };

export interface PdfRenderer {
  /**
   * Renders `html` as if served at `url`. Every request the page makes goes to `asset`; whatever it does not
   * answer is refused, so rendering never reaches the network or needs a signed-in session.
   */
  render(page: { url: string; html: string; asset(url: URL): Promise<PackAsset | undefined> }): Promise<Uint8Array>;
}
