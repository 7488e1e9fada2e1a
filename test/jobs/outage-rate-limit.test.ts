// A child's app retrying through a store outage must not be rate limited afterwards for the service's own failures.
import { parseConfig } from '../../api/config.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Client, S3BlobStore } from '../../api/storage/s3-blob-store.ts';
import { engineName } from '../helpers/database.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { drawing, pngDrawing, postDrawing } from '../helpers/intake.ts';
import { startOutageS3Server, type OutageS3Server } from '../helpers/s3-outage.ts';

const PER_DEVICE = 3;

describe(`rate limits through a store outage on ${engineName}`, () => {
  let h: Harness;
  let s3: OutageS3Server;
  beforeAll(async () => {
    s3 = await startOutageS3Server('heard-outage-limits');
    h = await createHarness({
      blobs: new S3BlobStore(createS3Client(s3.config), s3.config.bucket),
      config: { rateLimit: { ...parseConfig({ NODE_ENV: 'test' }).rateLimit, windowSeconds: 600, perDevice: PER_DEVICE, perDeviceInGroup: PER_DEVICE, perGroup: 100, withoutDevice: 100 } },
    });
  });
  afterAll(async () => {
    await h.close();
    await s3.stop();
  });

  it('does not count 503 answers against the device, so its retries land once the store is back', async () => {
    const device = 'outage-device-0123456789';
    const picture = await pngDrawing(80, 60);
    const bodies = Array.from({ length: PER_DEVICE }, () => drawing());
    await s3.outage();
    try {
      // Each message retried four times during the outage: far more attempts than the device's limit.
      for (let round = 0; round < 4; round += 1) {
        for (const body of bodies) expect((await postDrawing(h.app, body, picture, 'image/png', { 'heard-device-id': device })).status).toBe(503);
      }
    } finally {
      await s3.restore();
    }
    for (const body of bodies) expect((await postDrawing(h.app, body, picture, 'image/png', { 'heard-device-id': device })).status).toBe(201);
    // The limit itself still holds for new messages.
    expect((await postDrawing(h.app, drawing(), picture, 'image/png', { 'heard-device-id': device })).status).toBe(429);
  });
});
