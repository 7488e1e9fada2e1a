/** The bundled edge Worker in Miniflare, as wrangler.toml configures it, against a fresh migrated PostgreSQL endpoint. */
import { Miniflare } from 'miniflare';
import { migrateToLatest } from '../../api/db/migrate.ts';
import { openPostgres, type OpenDatabase } from '../../api/db/open-node.ts';
import { CHILD_APP_DIR } from '../../api/node/web-apps.ts';
import { startPostgresEndpoint, type PostgresEndpoint } from './postgres-endpoint.ts';

export type EdgeWorker = { mf: Miniflare; endpoint: PostgresEndpoint; database: OpenDatabase };

/** `entry` is the bundle from `buildEdge()`; `onStdout` receives what the Worker writes (its JSON log lines). */
export async function startEdgeWorker(entry: string, env: Record<string, string>, options: { onStdout?: (text: string) => void } = {}): Promise<EdgeWorker> {
  const endpoint = await startPostgresEndpoint();
  const database = openPostgres(endpoint.url, 2);
  await migrateToLatest(database.db);
  const mf = new Miniflare({
    scriptPath: entry,
    modules: true,
    compatibilityDate: '2026-04-26',
    compatibilityFlags: ['nodejs_compat'],
    r2Buckets: ['MEDIA'],
    hyperdrives: { HYPERDRIVE: endpoint.url },
    bindings: env,
    ...(options.onStdout ? { handleRuntimeStdio: (stdout: NodeJS.ReadableStream) => void stdout.on('data', (chunk: Buffer) => options.onStdout!(chunk.toString())) } : {}),
    // As wrangler.toml's [assets]: the children's app, with the API paths sent to the Worker first.
    assets: {
      directory: CHILD_APP_DIR,
      routerConfig: { has_user_worker: true, static_routing: { user_worker: ['/api/*', '/healthz', '/readyz'] } },
      assetConfig: { not_found_handling: 'single-page-application' },
    },
  });
  await mf.ready;
  return { mf, endpoint, database };
}

export async function stopEdgeWorker(worker: EdgeWorker): Promise<void> {
  await worker.mf.dispose();
  await worker.database.close();
  await worker.endpoint.stop();
}
