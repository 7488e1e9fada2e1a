/**
 * The image processor on Node, with sharp (libvips). Only JPEG, PNG and WebP reach the decoder; the output is
 * WebP with no EXIF, GPS, XMP, IPTC or ICC data: sharp writes metadata only when asked, and we never ask.
 */
import sharp from 'sharp';
import { ImageRejectedError, type ImageProcessor, type ProcessedImage } from './image-processor.ts';
import { defaultDimensionLimits, sniffImage, withinLimits } from './sniff.ts';

export type SharpProcessorOptions = { maxSide?: number; thumbnailSide?: number; limitInputPixels?: number };

export function createSharpProcessor(options: SharpProcessorOptions = {}): ImageProcessor {
  const maxSide = options.maxSide ?? 2048;
  const thumbnailSide = options.thumbnailSide ?? 400;
  const limitInputPixels = options.limitInputPixels ?? defaultDimensionLimits.maxPixels;

  async function render(input: Uint8Array, side: number): Promise<ProcessedImage> {
    const { data, info } = await sharp(input, { limitInputPixels, failOn: 'truncated', animated: false })
      .rotate()
      .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true })
      // A drawing on a transparent canvas reads as a drawing on paper.
      .flatten({ background: '#ffffff' })
      .webp({ quality: 82 })
      .toBuffer({ resolveWithObject: true });
    return { bytes: new Uint8Array(data), contentType: 'image/webp', width: info.width, height: info.height };
  }

  return {
    async process(original) {
      const sniffed = sniffImage(original);
      if (!sniffed.ok) throw new ImageRejectedError(sniffed.reason, `not a JPEG, PNG or WebP${sniffed.detected ? ` (${sniffed.detected})` : ''}`);
      if (!withinLimits(sniffed, { ...defaultDimensionLimits, maxPixels: limitInputPixels })) {
        throw new ImageRejectedError('too_many_pixels', `${sniffed.width}x${sniffed.height} is too large`);
      }
      try {
        return { processed: await render(original, maxSide), thumbnail: await render(original, thumbnailSide) };
      } catch (error) {
        if (error instanceof Error && isInputError(error)) throw new ImageRejectedError('undecodable', error.message);
        throw error;
      }
    },
  };
}

// libvips reports bad input through these messages; anything else (out of memory, a bug) is retried.
function isInputError(error: Error): boolean {
  return /unsupported image format|corrupt|premature end|truncated|bad seek|invalid|exceeds pixel limit|not a known file format|VipsJpeg|VipsPng|VipsForeignLoad/i.test(error.message);
}
