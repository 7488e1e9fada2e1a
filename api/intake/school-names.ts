/** The partnership's school names for identifying-detail screening, read from the database and kept for a while. */
import type { Kysely } from 'kysely';
import type { Clock } from '../deps.ts';
import type { Database } from '../db/schema.ts';

const KEEP_MS = 5 * 60 * 1000;

export function createSchoolNameSource(db: Kysely<Database>, clock: Clock): () => Promise<readonly string[]> {
  let cached: { names: readonly string[]; at: number } | undefined;
  return async () => {
    const now = clock.now().getTime();
    if (!cached || now - cached.at > KEEP_MS) {
      const rows = await db.selectFrom('school_names').select('name').execute();
      cached = { names: rows.map((row) => row.name), at: now };
    }
    return cached.names;
  };
}
