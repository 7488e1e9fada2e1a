/** Starts the whole service on Node from a parsed configuration; returns its address and a way to stop it. */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from '../app.ts';
import type { AppConfig } from '../config.ts';
import { systemClock, type AppDeps } from '../deps.ts';
import { createSharpProcessor } from '../images/sharp-processor.ts';
import { createJobRunner } from '../jobs/runner.ts';
import type { Logger } from '../log.ts';
import { openNodeBlobStore } from './open-blob-store.ts';
import { prepareDatabase } from './prepare-database.ts';

export type RunningService = {
  url: string;
  engine: 'postgres' | 'pglite';
  blobStore: 'filesystem' | 's3';
  stop(): Promise<void>;
};

export async function startService(config: AppConfig, log: Logger): Promise<RunningService> {
  const database = await prepareDatabase(config);
  if (database.applied.length > 0) log({ msg: 'migrations applied', migrations: database.applied });
  const store = openNodeBlobStore(config);
  const deps: AppDeps = { db: database.db, blobs: store.blobs, clock: systemClock, config, log };
  const app = createApp(deps);
  // Image work runs here on Node (sharp), beside the API; every instance shares the jobs table.
  const jobs = createJobRunner(deps, createSharpProcessor());

  let server: ServerType;
  try {
    server = await listen(app.fetch, config);
  } catch (error) {
    await database.close();
    throw error;
  }
  jobs.start();
  const { port } = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    engine: database.engine,
    blobStore: store.kind,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await jobs.stop();
      await database.close();
    },
  };
}

function listen(fetch: (request: Request) => Response | Promise<Response>, config: AppConfig): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port: config.port, hostname: config.host }, () => resolve(server));
    server.once('error', reject);
  });
}
