// Limits applied before a picture's body is read: an over-limit Content-Length is refused at once, and beyond
// the per-instance number of uploads in flight a 503 with Retry-After answers without counting against the device.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../api/config.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { drawing, pngDrawing, postDrawing } from '../helpers/intake.ts';

const SLOTS = 2;
const DEVICE = { 'heard-device-id': 'upload-limits-device-0001' };

/** A multipart request whose body never arrives until `finish` is called: an upload in flight. */
function stalledUpload(h: Harness, headers: Record<string, string> = {}) {
  let finish!: () => void;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      finish = () => {
        controller.enqueue(new TextEncoder().encode('--b--\r\n'));
        controller.close();
      };
    },
  });
  const response = Promise.resolve(
    h.app.request('/api/submissions', {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=b', ...headers },
      body,
      duplex: 'half',
    } as RequestInit),
  );
  return { response, finish: () => finish() };
}

describe('upload limits before the body is read', () => {
  let h: Harness;
  let png: Uint8Array;
  beforeAll(async () => {
    const defaults = parseConfig({ NODE_ENV: 'test' });
    h = await createHarness({ config: { intake: { ...defaults.intake, maxConcurrentUploads: SLOTS } } });
    png = await pngDrawing(120, 90);
  });
  afterAll(async () => h?.close());

  it('refuses an over-limit Content-Length with 413 without waiting for the body', async () => {
    const declared = String(h.deps.config.intake.maxImageBytes * 2);
    const upload = stalledUpload(h, { 'content-length': declared });
    // The body never comes: only an answer from the header alone can settle this.
    const response = await upload.response;
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'body_too_large' });
    upload.finish();
  });

  it(`answers 503 with Retry-After beyond ${SLOTS} uploads in flight, frees the slot after, and counts nothing`, async () => {
    const inFlight = Array.from({ length: SLOTS }, () => stalledUpload(h, DEVICE));
    await new Promise((resolve) => setTimeout(resolve, 50));

    const busy = await postDrawing(h.app, drawing(), png, 'image/png', DEVICE);
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(busy.headers.get('content-type')).toBe('application/problem+json');
    expect(await busy.json()).toMatchObject({ status: 503, code: 'uploads_busy' });
    const hitsWhileBusy = await h.database.db.selectFrom('rate_limits').select(({ fn }) => fn.sum<number>('hits').as('hits')).executeTakeFirst();

    for (const upload of inFlight) upload.finish();
    for (const upload of inFlight) expect((await upload.response).status).toBe(422);

    const after = await postDrawing(h.app, drawing(), png, 'image/png', DEVICE);
    expect(after.status).toBe(201);
    // The refused-while-busy attempt and the malformed ones counted no hit: only the accepted drawing did.
    const hits = await h.database.db.selectFrom('rate_limits').select(({ fn }) => fn.sum<number>('hits').as('hits')).executeTakeFirst();
    expect(Number(hitsWhileBusy?.hits ?? 0)).toBe(0);
    expect(Number(hits?.hits)).toBe(1);
  });
});
