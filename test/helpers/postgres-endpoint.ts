/**
 * A PostgreSQL wire endpoint for code that can only speak the protocol (the Worker's pg through Hyperdrive):
 * a fresh database on the server at TEST_DATABASE_URL, or PGlite served over a local socket.
 */
import { createServer } from 'node:net';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { createServerDatabase, serverUrl } from './database.ts';

export type PostgresEndpoint = { url: string; stop(): Promise<void> };

/** A port the OS just handed out and released: very likely free for the next bind. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startPostgresEndpoint(): Promise<PostgresEndpoint> {
  if (serverUrl) {
    const database = await createServerDatabase(serverUrl);
    return {
      url: database.url,
      stop: async () => {
        await untilOnlyConnection(database.url);
        await database.drop();
      },
    };
  }
  const db = await PGlite.create();
  const port = await freePort();
  // The socket serves whole transactions one at a time; the pool here and in the Worker never exceeds this.
  const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 16 });
  await server.start();
  return {
    // Hyperdrive needs a password in the URL; PGlite ignores it.
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}

/**
 * Waits (up to 10 s) until no other session is connected to the database. Miniflare's Hyperdrive proxy closes its
 * sockets to the server only after workerd has gone, and has no error handler on them: dropping the database "with
 * (force)" before then resets a socket and the test process gets an uncaught ECONNRESET.
 */
async function untilOnlyConnection(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (let waited = 0; waited < 10_000; waited += 50) {
      const { rows } = await client.query<{ others: string }>('select count(*) as others from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
      if (Number(rows[0]!.others) === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await client.end();
  }
}
