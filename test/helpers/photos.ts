/** Large photo-like pictures for load checks: gradients and a wave under strong noise, so they neither compress nor decode trivially. */
import sharp from 'sharp';

/** Deterministic RGB pixels (a fixed seed): the same picture every run. */
function pixels(width: number, height: number, noise: number, seed: number): Buffer {
  const data = Buffer.alloc(width * height * 3);
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const clamp = (value: number) => (value < 0 ? 0 : value > 255 ? 255 : value);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const at = (y * width + x) * 3;
      const grain = (random() - 0.5) * noise;
      data[at] = clamp((x / width) * 200 + 30 + grain);
      data[at + 1] = clamp((y / height) * 180 + 40 + grain * 0.8);
      data[at + 2] = clamp(128 + 90 * Math.sin((x + y) / 97) + grain * 1.2);
    }
  }
  return data;
}

/** A JPEG of about 15 MB (3500×2600, quality 98, no chroma subsampling). */
export async function largeJpeg(seed = 1): Promise<Uint8Array> {
  const [width, height] = [3500, 2600];
  const raw = sharp(pixels(width, height, 160, seed), { raw: { width, height, channels: 3 } });
  return new Uint8Array(await raw.jpeg({ quality: 98, chromaSubsampling: '4:4:4' }).toBuffer());
}

/** A PNG of about 15 MB (2760×1940 of noisy pixels). */
export async function largePng(seed = 2): Promise<Uint8Array> {
  const [width, height] = [2760, 1940];
  return new Uint8Array(await sharp(pixels(width, height, 200, seed), { raw: { width, height, channels: 3 } }).png({ compressionLevel: 6 }).toBuffer());
}
