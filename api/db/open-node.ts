/** Opens the database on Node: a pg pool when DATABASE_URL is set, otherwise embedded PGlite under DATA_DIR. */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.ts';
import { preparedNameOf } from './prepared-statements.ts';
import type { Database } from './schema.ts';
import { textParsers } from './type-parsers.ts';

export type OpenDatabase = {
  db: Kysely<Database>;
  engine: 'postgres' | 'pglite';
  /** Closes the pool or the embedded database; the process cannot exit cleanly without it. */
  close(): Promise<void>;
};

export type DatabaseOptions = {
  databaseUrl: string | undefined;
  dataDir: string;
  poolMax: number;
};

export async function openNodeDatabase(options: DatabaseOptions): Promise<OpenDatabase> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolMax);
  const pgdata = path.resolve(options.dataDir, 'pgdata');
  await mkdir(pgdata, { recursive: true });
  return openPGlite(await PGlite.create(pgdata, { parsers: textParsers }));
}

export function openPostgres(connectionString: string, poolMax: number): OpenDatabase {
  const pool = new pg.Pool({
    connectionString,
    max: poolMax,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        textParsers[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its server (restart, failover) emits here; without a listener Node would crash.
  pool.on('error', () => {});
  // A checked-out client losing its server between statements (inside a transaction) emits on itself, where pg-pool
  // does not listen: without this the whole process crashed when the database restarted. Its next query fails
  // anyway, and pg-pool drops a client that is no longer queryable when it is released.
  pool.on('connect', (client) => client.on('error', () => {}));
  pool.on('connect', prepareMarkedStatements);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: 'postgres', close: () => db.destroy() };
}

/** Sends statements marked with `preparedAs` by name, so this connection plans them once. */
function prepareMarkedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((...args: unknown[]) => {
    const [text, values] = args;
    const name = typeof text === 'string' ? preparedNameOf(text) : undefined;
    return name ? query({ name, text, values }) : query(...args);
  }) as typeof client.query;
}

/** Wraps an already-open PGlite (tests pass an in-memory one). Closing also closes PGlite. */
export function openPGlite(pglite: PGlite): OpenDatabase {
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    engine: 'pglite',
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}
