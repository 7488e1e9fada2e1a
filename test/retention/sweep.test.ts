import { utimes } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../api/config.ts';
import { runMaintenanceSweep } from '../../api/retention/sweep.ts';
import { engineName } from '../helpers/database.ts';
import { createHarness, listKeys, tempFsBlobStore, type Harness } from '../helpers/harness.ts';
import { drawing, pngDrawing, postDrawing, postJson, quote } from '../helpers/intake.ts';

describe(`the maintenance sweep on ${engineName}`, () => {
  let h: Harness;
  let root: string;
  let remove: () => Promise<void>;
  let now = new Date();
  beforeAll(async () => {
    const store = await tempFsBlobStore();
    remove = store.remove;
    root = (store.store as unknown as { objectsDir: string }).objectsDir;
    h = await createHarness({ blobs: store.store, clock: { now: () => now }, config: parseConfig({ RETENTION_DAYS: '30', QUARANTINE_GRACE_MINUTES: '60' }) });
  });
  afterAll(async () => {
    await h.close();
    await remove();
  });

  it('deletes only what is past retention, orphaned past the grace period, or withdrawn', async () => {
    const kept = quote();
    await postJson(h.app, kept);
    const old = drawing();
    await postDrawing(h.app, old, await pngDrawing(60, 40));
    await h.database.db.updateTable('submissions').set({ created_at: new Date(now.getTime() - 31 * 86_400_000) } as never).where('id', '=', old.id as string).execute();

    // Two uploads whose requests died before writing a row: one an hour and a half ago, one just now.
    await h.blobs.put('quarantine/11111111-1111-4111-8111-111111111111/stale', new Uint8Array([1]), { contentType: 'image/png' });
    await h.blobs.put('quarantine/22222222-2222-4222-8222-222222222222/fresh', new Uint8Array([1]), { contentType: 'image/png' });
    const past = new Date(now.getTime() - 90 * 60_000);
    await utimes(path.join(root, 'quarantine/11111111-1111-4111-8111-111111111111/stale'), past, past);

    const result = await runMaintenanceSweep(h.deps);
    expect(result).toMatchObject({ expired: 1, orphansDeleted: 1 });
    const ids = (await h.database.db.selectFrom('submissions').select('id').execute()).map((row) => row.id);
    expect(ids).toEqual([kept.id]);
    expect(await listKeys(h.blobs, 'quarantine/')).toEqual(['quarantine/22222222-2222-4222-8222-222222222222/fresh']);
    expect(await runMaintenanceSweep(h.deps)).toMatchObject({ expired: 0, orphansDeleted: 0 });
  });

  it('announces a safeguarding flag again when no lead has acted within the response time, once per period', async () => {
    const flagged = quote({ text: 'i want to kill myself' });
    expect((await postJson(h.app, flagged)).status).toBe(201);
    const overdueNotices = async () =>
      (await h.database.db.selectFrom('jobs').select('payload').where('kind', '=', 'notify_safeguarding').execute()).filter(
        (job) => (job.payload as { event: string; submissionId: string }).event === 'overdue' && (job.payload as { submissionId: string }).submissionId === flagged.id,
      ).length;
    expect((await runMaintenanceSweep(h.deps)).overdueNotices).toBe(0);
    now = new Date(now.getTime() + 25 * 3_600_000);
    expect((await runMaintenanceSweep(h.deps)).overdueNotices).toBe(1);
    expect((await runMaintenanceSweep(h.deps)).overdueNotices).toBe(0);
    now = new Date(now.getTime() + 25 * 3_600_000);
    await runMaintenanceSweep(h.deps);
    expect(await overdueNotices()).toBe(2);
    await h.database.db.updateTable('submissions').set({ safeguarding_resolution: 'escalated' }).where('id', '=', flagged.id as string).execute();
    now = new Date(now.getTime() + 25 * 3_600_000);
    await runMaintenanceSweep(h.deps);
    expect(await overdueNotices()).toBe(2);
  });
});
