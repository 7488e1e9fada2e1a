/**
 * A PostgreSQL wire endpoint for code that can only speak the protocol (the Worker's pg through Hyperdrive):
 * a fresh database on the server at TEST_DATABASE_URL, or PGlite served over a local socket.
 */
import { createServer } from 'node:net';
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
    return { url: database.url, stop: database.drop };
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
