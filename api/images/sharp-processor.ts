/**
 * The image processor on Node, with sharp (libvips). Only bytes that sniff as JPEG, PNG or WebP within the pixel
 * limits reach a decoder, and they are decoded once, to plain pixels; both WebP outputs are encoded from those pixels,
 * so no EXIF, GPS, XMP, IPTC or ICC data can ride along (and we never call withMetadata/keepExif/keepIccProfile).
 */
import sharp from 'sharp';
import { ImageRejectedError, type ImageProcessor, type ProcessedImage } from './image-processor.ts';
import { defaultDimensionLimits, sniffImage, withinLimits } from './sniff.ts';

// libvips' operation cache would keep decoded children's pictures in memory between jobs; we never reuse them.
sharp.cache(false);
// Concurrency is left at sharp's default (one libvips thread per core for each image); the job runner bounds how
// many images are in flight.

export type SharpProcessorOptions = {
  /** Longest side of the processed image, in pixels (2048). */
  maxSide?: number;
  /** Longest side of the thumbnail, in pixels (400). */
  thumbnailSide?: number;
  /** Largest width × height we agree to decode (50 000 000); checked from the header and again by libvips. */
  limitInputPixels?: number;
};

const WEBP_QUALITY = 82;
const WHITE = { r: 255, g: 255, b: 255 };

/** The only libvips loaders the processor needs: sharp hands them our bytes as a buffer. */
export const allowedSharpLoaders = ['VipsForeignLoadJpegBuffer', 'VipsForeignLoadPngBuffer', 'VipsForeignLoadWebpBuffer'];

/**
 * Blocks every libvips loader except JPEG, PNG and WebP from a buffer (so SVG, PDF, TIFF, GIF, HEIF… cannot be
 * decoded even if something slipped past sniffing). This is process-wide libvips state and affects every use of
 * sharp in the process, which is why it is a separate call for the Node entry point, not an import side effect.
 */
export function restrictSharpLoaders(): void {
  sharp.block({ operation: ['VipsForeignLoad'] });
  sharp.unblock({ operation: allowedSharpLoaders });
}

export function createSharpProcessor(options: SharpProcessorOptions = {}): ImageProcessor {
  const maxSide = options.maxSide ?? 2048;
  const thumbnailSide = options.thumbnailSide ?? 400;
  const limitInputPixels = options.limitInputPixels ?? defaultDimensionLimits.maxPixels;

  return {
    async process(original) {
      const sniffed = sniffImage(original);
      if (!sniffed.ok) {
        throw new ImageRejectedError(sniffed.reason, `not a JPEG, PNG or WebP${sniffed.detected ? ` (${sniffed.detected})` : ''}`);
      }
      if (!withinLimits(sniffed, { ...defaultDimensionLimits, maxPixels: limitInputPixels })) {
        throw new ImageRejectedError('too_many_pixels', `${sniffed.width}x${sniffed.height} is too large`);
      }
      try {
        const pixels = await decode(original, maxSide, limitInputPixels);
        return { processed: await encode(pixels), thumbnail: await encode(pixels, thumbnailSide) };
      } catch (error) {
        if (error instanceof Error && isInputError(error)) throw new ImageRejectedError('undecodable', error.message);
        throw error;
      }
    },

    async edit(processed, edits) {
      const { width, height } = await sharp(processed).metadata();
      for (const rect of [...(edits.blur ?? []), ...(edits.crop ? [edits.crop] : [])]) {
        if (rect.left + rect.width > (width ?? 0) || rect.top + rect.height > (height ?? 0)) {
          throw new ImageRejectedError('outside_image', `the area ${JSON.stringify(rect)} is outside the ${width}x${height} drawing`);
        }
      }
      // A heavy blur: enough that a face, a name or a badge cannot be read or recovered from what is stored.
      const regions = await Promise.all(
        (edits.blur ?? []).map(async (rect) => ({ input: await sharp(processed).extract(rect).blur(Math.max(20, Math.min(rect.width, rect.height) / 4)).toBuffer(), left: rect.left, top: rect.top })),
      );
      let edited = await sharp(processed).composite(regions).png().toBuffer();
      if (edits.crop) edited = await sharp(edited).extract(edits.crop).png().toBuffer();
      const pixels = await decode(new Uint8Array(edited), maxSide, limitInputPixels);
      return { processed: await encode(pixels), thumbnail: await encode(pixels, thumbnailSide) };
    },

    async png(processed) {
      const { data, info } = await sharp(processed, { limitInputPixels }).png().toBuffer({ resolveWithObject: true });
      return { bytes: new Uint8Array(data), width: info.width, height: info.height };
    },
  };
}

type Pixels = { data: Buffer; width: number; height: number; channels: 1 | 2 | 3 | 4 };

/** The one decode of the untrusted bytes: upright (EXIF orientation), on white, at most `side` px, sRGB 8-bit. */
async function decode(input: Uint8Array, side: number, limitInputPixels: number): Promise<Pixels> {
  // failOn 'error' refuses truncated files and decoder errors (a cut-off JPEG, a PNG with a bad checksum) but
  // accepts libjpeg warnings such as "corrupt JPEG data", which real phone photos produce.
  const { data, info } = await sharp(input, { limitInputPixels, failOn: 'error', animated: false })
    .rotate()
    .flatten({ background: WHITE }) // a drawing on a transparent canvas reads as a drawing on paper
    .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

async function encode(pixels: Pixels, side?: number): Promise<ProcessedImage> {
  const { data, ...raw } = pixels;
  let image = sharp(data, { raw });
  if (side) image = image.resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true });
  const { data: bytes, info } = await image.webp({ quality: WEBP_QUALITY }).toBuffer({ resolveWithObject: true });
  return { bytes: new Uint8Array(bytes), contentType: 'image/webp', width: info.width, height: info.height };
}

/** Resource failures are worth retrying; libvips' complaints about the bytes themselves are not. */
function isInputError(error: Error): boolean {
  if (/out of memory|insufficient memory|cannot allocate|unable to allocate/i.test(error.message)) return false;
  return /^Input (buffer (contains unsupported image format|has corrupt header)|image exceeds pixel limit)|VipsJpeg:|jpegload|pngload|libspng|webpload|webp2vips|webp: unable|VipsForeignLoad/i.test(
    error.message,
  );
}
