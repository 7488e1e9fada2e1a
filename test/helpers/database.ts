/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database on the
 * PostgreSQL server named by TEST_DATABASE_URL (created here, dropped on close).
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { migrateToLatest } from '../../api/db/migrate.ts';
import { openPGlite, openPostgres, type OpenDatabase } from '../../api/db/open-node.ts';
import { textParsers } from '../../api/db/type-parsers.ts';

export const serverUrl = process.env.TEST_DATABASE_URL;
export const engineName = serverUrl ? 'postgres' : 'pglite';

/** An empty database (no migrations applied). */
export async function createEmptyDatabase(): Promise<OpenDatabase & { url?: string }> {
  if (!serverUrl) return openPGlite(await PGlite.create({ parsers: textParsers }));
  const { url, drop } = await createServerDatabase(serverUrl);
  const database = openPostgres(url, 5);
  return {
    ...database,
    url,
    close: async () => {
      await database.close();
      await drop();
    },
  };
}

/** A database with every migration applied. */
export async function createTestDatabase(): Promise<OpenDatabase & { url?: string }> {
  const database = await createEmptyDatabase();
  await migrateToLatest(database.db);
  return database;
}

/** Creates `heard_test_<random>` on the server and returns its URL and a dropper. */
export async function createServerDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `heard_test_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await withAdminClient(adminUrl, (client) => client.query(`create database ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withAdminClient(adminUrl, (client) => client.query(`drop database if exists ${name} with (force)`)).then(() => {}),
  };
}

async function withAdminClient<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
