/** What the app needs from the outside world. Entries (Node server, Worker, tests) build these and pass them in. */
import type { Kysely } from 'kysely';
import type { AppConfig } from './config.ts';
import type { Database } from './db/schema.ts';
import type { Logger } from './log.ts';
import type { BlobStore } from './storage/blob-store.ts';

export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

export type AppDeps = {
  db: Kysely<Database>;
  blobs: BlobStore;
  clock: Clock;
  config: AppConfig;
  log: Logger;
};

/** Hono's typed environment: per-request variables set by middleware. */
export type AppEnv = {
  Variables: {
    requestId: string;
  };
};
