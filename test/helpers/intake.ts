/** Builders for children's submissions as the app sends them, and a way to post them to the real app. */
import sharp from 'sharp';
import type { HeardApp } from '../../api/app.ts';

export const consentAll = { shareWithCommittee: true, quoteInReports: true, publishPublicly: false, givenBy: 'self' } as const;

export function quote(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: crypto.randomUUID(), kind: 'quote', text: 'I wish people listened to me at school.', ageBand: '12-15', consent: consentAll, ...overrides };
}

export function drawing(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: crypto.randomUUID(), kind: 'drawing', text: 'My family', ageBand: '8-11', consent: consentAll, ...overrides };
}

export function postJson(app: HeardApp, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(
    app.request('/api/submissions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

export function postDrawing(
  app: HeardApp,
  submission: unknown,
  image: Uint8Array | undefined,
  imageType = 'image/png',
  headers: Record<string, string> = {},
): Promise<Response> {
  const form = new FormData();
  form.set('submission', typeof submission === 'string' ? submission : JSON.stringify(submission));
  if (image) form.set('image', new Blob([image as Uint8Array<ArrayBuffer>], { type: imageType }), 'drawing');
  return Promise.resolve(app.request('/api/submissions', { method: 'POST', body: form, headers }));
}

/** A real PNG drawing: a few coloured strokes on white. */
export async function pngDrawing(width = 640, height = 480): Promise<Uint8Array> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="white"/><path d="M20 20 L${width - 20} ${height - 20}" stroke="red" stroke-width="12"/><circle cx="${width / 2}" cy="${height / 2}" r="${Math.min(width, height) / 4}" fill="none" stroke="blue" stroke-width="8"/></svg>`;
  return new Uint8Array(await sharp(Buffer.from(svg)).png().toBuffer());
}

/** A phone photo of paper: JPEG carrying GPS coordinates and a rotated orientation. */
export async function jpegWithGps(width = 600, height = 400): Promise<Uint8Array> {
  const base = await sharp({ create: { width, height, channels: 3, background: { r: 240, g: 230, b: 200 } } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: 'PhoneCo', Model: 'Phone 12' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 0/1' },
    })
    .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Sam Smith</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>')
    .toBuffer();
  return new Uint8Array(base);
}
