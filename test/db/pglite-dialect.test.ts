import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimJob } from '../../api/db/jobs.ts';
import type { OpenDatabase } from '../../api/db/open-node.ts';
import { createTestDatabase, engineName } from '../helpers/database.ts';

// These run on whichever engine the suite uses; on PGlite they prove the single-session dialect serialises transactions.
describe(`concurrent transactions on ${engineName}`, () => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('never interleave: 40 concurrent read-modify-write transactions lose no update', async () => {
    const { id } = await database.db
      .insertInto('jobs')
      .values({ kind: 'counter', payload: JSON.stringify({}), attempts: 0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    await Promise.all(
      Array.from({ length: 40 }, () =>
        database.db.transaction().execute(async (trx) => {
          const row = await trx.selectFrom('jobs').select('attempts').where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
          await new Promise((resolve) => setTimeout(resolve, 1));
          await trx.updateTable('jobs').set({ attempts: row.attempts + 1 }).where('id', '=', id).execute();
        }),
      ),
    );
    const row = await database.db.selectFrom('jobs').select('attempts').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.attempts).toBe(40);
  });

  it('roll back a failed transaction completely and keep serving', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await trx.insertInto('themes').values({ slug: 'rolled-back', title: 'Gone' }).execute();
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const found = await database.db.selectFrom('themes').select('id').where('slug', '=', 'rolled-back').execute();
    expect(found).toEqual([]);
  });

  it('let concurrent workers claim distinct jobs with FOR UPDATE SKIP LOCKED', async () => {
    await database.db
      .insertInto('jobs')
      .values(Array.from({ length: 10 }, (_, i) => ({ kind: 'purge_media', payload: JSON.stringify({ i }) })))
      .execute();
    const now = new Date(Date.now() + 1000);
    const claims = await Promise.all(Array.from({ length: 12 }, () => claimJob(database.db, ['purge_media'], now, 60)));
    const claimed = claims.filter((job) => job !== undefined).map((job) => job.id);
    expect(claimed).toHaveLength(10);
    expect(new Set(claimed).size).toBe(10);
  });

  it('report affected rows for writes', async () => {
    const result = await database.db.updateTable('jobs').set({ status: 'done' }).where('kind', '=', 'purge_media').executeTakeFirst();
    expect(result.numUpdatedRows).toBe(10n);
    const selected = await sql<{ n: number }>`select 1 as n`.execute(database.db);
    expect(selected.rows).toEqual([{ n: 1 }]);
  });
});
