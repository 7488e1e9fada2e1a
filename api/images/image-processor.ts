/** The image-processing port: the Node server plugs sharp in; the Worker has none and leaves drawings to Node. */

export type ProcessedImage = { bytes: Uint8Array; contentType: 'image/webp'; width: number; height: number };
export type ProcessedDrawing = { processed: ProcessedImage; thumbnail: ProcessedImage };

export interface ImageProcessor {
  /** Re-encodes an uploaded picture: orientation applied, every piece of metadata gone, bounded in size. */
  process(original: Uint8Array): Promise<ProcessedDrawing>;
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
