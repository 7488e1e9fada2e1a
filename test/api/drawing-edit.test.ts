// A moderator blurs part of a photographed drawing (a face, a name, a badge) and crops it; the old images are gone.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharpProcessor } from '../../api/images/sharp-processor.ts';
import { createJobRunner } from '../../api/jobs/runner.ts';
import type { DevOidcProvider } from '../../api/node/dev-oidc-provider.ts';
import { engineName } from '../helpers/database.ts';
import { createHarness, listKeys, type Harness } from '../helpers/harness.ts';
import { drawing, postDrawing } from '../helpers/intake.ts';
import { signInAs, staffConfig, startTestProvider, type SignedIn } from '../helpers/staff.ts';

describe(`editing a drawing on ${engineName}`, () => {
  let provider: DevOidcProvider;
  let h: Harness;
  let worker: SignedIn;
  beforeAll(async () => {
    provider = await startTestProvider();
    h = await createHarness({ config: staffConfig(), oidc: provider.settings });
    worker = await signInAs(h.app, 'worker');
  });
  afterAll(async () => {
    await h.close();
    await provider.stop();
  });

  async function pixel(bytes: Buffer, x: number, y: number): Promise<number> {
    const { data, info } = await sharp(bytes).greyscale().raw().toBuffer({ resolveWithObject: true });
    return data[y * info.width + x]!;
  }

  it('blurs a region and crops, replacing the processed image and thumbnail', async () => {
    // Left half black, right half white: a blur across the edge turns it grey.
    const image = await sharp({ create: { width: 400, height: 200, channels: 3, background: 'white' } })
      .composite([{ input: { create: { width: 200, height: 200, channels: 3, background: 'black' } }, left: 0, top: 0 }])
      .png()
      .toBuffer();
    const body = drawing();
    expect((await postDrawing(h.app, body, new Uint8Array(image))).status).toBe(201);
    await createJobRunner(h.deps, createSharpProcessor()).drain();
    const before = await listKeys(h.blobs, `media/${body.id}/`);
    expect(before).toHaveLength(2);

    const response = await worker.json(`/api/moderation/submissions/${body.id}/drawing`, 'POST', {
      blur: [{ left: 150, top: 50, width: 100, height: 100 }],
      crop: { left: 100, top: 0, width: 300, height: 200 },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ width: 300, height: 200 });

    const after = await listKeys(h.blobs, `media/${body.id}/`);
    expect(after).toHaveLength(2);
    expect(after.some((key) => before.includes(key))).toBe(false);
    const processed = await h.database.db.selectFrom('media_objects').select(['storage_key', 'width']).where('submission_id', '=', body.id as string).where('role', '=', 'processed').executeTakeFirstOrThrow();
    const blob = await h.blobs.get(processed.storage_key);
    const bytes = Buffer.from(await new Response(blob!.body).arrayBuffer());
    // The old edge (x=200) is now x=100 after the crop; inside the blurred area it is grey, outside it is still sharp.
    const edge = await pixel(bytes, 100, 100);
    expect(edge).toBeGreaterThan(40);
    expect(edge).toBeLessThan(215);
    expect(await pixel(bytes, 10, 100)).toBeLessThan(30);
    expect(await pixel(bytes, 290, 100)).toBeGreaterThan(225);
    const audit = await h.database.db.selectFrom('audit_log').select('action').where('subject_id', '=', body.id as string).where('action', '=', 'submission.drawing_edited').execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses an area outside the drawing, and a submission with no drawing', async () => {
    const body = drawing();
    await postDrawing(h.app, body, new Uint8Array(await sharp({ create: { width: 100, height: 100, channels: 3, background: 'white' } }).png().toBuffer()));
    expect((await worker.json(`/api/moderation/submissions/${body.id}/drawing`, 'POST', { crop: { left: 0, top: 0, width: 50, height: 50 } })).status).toBe(409);
    await createJobRunner(h.deps, createSharpProcessor()).drain();
    expect((await worker.json(`/api/moderation/submissions/${body.id}/drawing`, 'POST', { crop: { left: 50, top: 50, width: 100, height: 100 } })).status).toBe(422);
    expect((await worker.json(`/api/moderation/submissions/${body.id}/drawing`, 'POST', {})).status).toBe(422);
  });
});
