/** Fixed-window hit counters in the database, so every API instance shares one count. */
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** Counts one hit in `bucket` for the window starting at `windowStart`; returns the hits so far in that window. */
export async function countHit(db: Kysely<Database>, bucket: string, windowStart: Date): Promise<number> {
  const row = await db
    .insertInto('rate_limits')
    .values({ bucket, window_start: windowStart, hits: 1 })
    .onConflict((oc) => oc.columns(['bucket', 'window_start']).doUpdateSet({ hits: sql`rate_limits.hits + 1` }))
    .returning('hits')
    .executeTakeFirstOrThrow();
  return row.hits;
}

/** The hits counted in `bucket`'s window starting at `windowStart` (0 when none). */
export async function hitsIn(db: Kysely<Database>, bucket: string, windowStart: Date): Promise<number> {
  const row = await db.selectFrom('rate_limits').select('hits').where('bucket', '=', bucket).where('window_start', '=', windowStart).executeTakeFirst();
  return row?.hits ?? 0;
}

/** Takes back one hit counted in `bucket`'s window: a request the service failed (5xx) is not the client's to pay for. */
export async function refundHit(db: Kysely<Database>, bucket: string, windowStart: Date): Promise<void> {
  await db
    .updateTable('rate_limits')
    .set({ hits: sql`greatest(rate_limits.hits - 1, 0)` })
    .where('bucket', '=', bucket)
    .where('window_start', '=', windowStart)
    .execute();
}

/** Forgets windows that ended before `before`. */
export async function deleteRateLimitWindowsBefore(db: Kysely<Database>, before: Date): Promise<number> {
  const result = await db.deleteFrom('rate_limits').where('window_start', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
