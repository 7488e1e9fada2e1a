/** The image-processing port: the Node server plugs sharp in; the Worker has none and leaves drawings to Node. */

export type ProcessedImage = { bytes: Uint8Array; contentType: 'image/webp'; width: number; height: number };
export type ProcessedDrawing = { processed: ProcessedImage; thumbnail: ProcessedImage };

export type Rect = { left: number; top: number; width: number; height: number };

/** A moderator's edits to a processed drawing (a photo of paper may show a face, a name or a school badge). */
export type DrawingEdits = { blur?: Rect[]; crop?: Rect };

export interface ImageProcessor {
  /** Re-encodes an uploaded picture: orientation applied, every piece of metadata gone, bounded in size. */
  process(original: Uint8Array): Promise<ProcessedDrawing>;
  /** Blurs regions of, then crops, an already processed drawing; rectangles are in its pixels. */
  edit(processed: Uint8Array, edits: DrawingEdits): Promise<ProcessedDrawing>;
  /** An already processed drawing as PNG, for documents that cannot hold WebP (DOCX). */
  png?(processed: Uint8Array): Promise<{ bytes: Uint8Array; width: number; height: number }>;
}

/** Input that can never be processed (not a picture, too many pixels, corrupt): fail it, do not retry. */
export class ImageRejectedError extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'ImageRejectedError';
  }
}
