// A picture that passes intake's cheap checks but cannot be decoded: once the job marks it failed (what moderators
// see as "could not be processed"), the child's receipt must stop saying "received" and say it could not be used.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharpProcessor } from '../../api/images/sharp-processor.ts';
import { createJobRunner } from '../../api/jobs/runner.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { drawing, pngDrawing, postDrawing } from '../helpers/intake.ts';

/** A whole PNG (every chunk present, IEND last) whose compressed pixels are scrambled: only decoding finds out. */
async function undecodablePng(): Promise<Uint8Array> {
  const bytes = Buffer.from(await pngDrawing(300, 200));
  const idat = bytes.indexOf('IDAT', 8, 'latin1');
  const length = bytes.readUInt32BE(idat - 4);
  for (let at = idat + 4 + 2; at < idat + 4 + length; at += 1) bytes[at] = 0xff - (bytes[at]! ^ (at & 0x5a));
  return new Uint8Array(bytes);
}

describe('receipt of a drawing whose picture could not be processed', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => h?.close());

  it('says received while waiting, then that the picture could not be used', async () => {
    const response = await postDrawing(h.app, drawing(), await undecodablePng(), 'image/png');
    expect(response.status).toBe(201);
    const { receipt } = (await response.json()) as { receipt: string };
    const before = await (await h.app.request(`/api/receipts/${receipt}`)).json();
    expect(before).toMatchObject({ state: 'received' });

    await createJobRunner(h.deps, createSharpProcessor()).drain();
    const failed = await h.database.db.selectFrom('media_objects').select('processing_status').where('role', '=', 'original').execute();
    expect(failed.map((row) => row.processing_status)).toContain('failed');

    const after = await (await h.app.request(`/api/receipts/${receipt}`)).json();
    expect(after).toMatchObject({ state: 'not_used' });
    expect(after.message).toMatch(/couldn't open it/);
  });

  it('keeps saying received for a picture that processed', async () => {
    const response = await postDrawing(h.app, drawing(), await pngDrawing(), 'image/png');
    const { receipt } = (await response.json()) as { receipt: string };
    await createJobRunner(h.deps, createSharpProcessor()).drain();
    expect(await (await h.app.request(`/api/receipts/${receipt}`)).json()).toMatchObject({ state: 'received' });
  });
});
