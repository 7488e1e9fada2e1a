/** The real app on a fresh migrated and seeded database with a blob store, for one test file. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { OidcSettings } from '../../api/auth/oidc-client.ts';
import type { AppConfig } from '../../api/config.ts';
import type { OpenDatabase } from '../../api/db/open-node.ts';
import type { Clock } from '../../api/deps.ts';
import type { Mailer } from '../../api/notify/mailer.ts';
import { loadSeedFile } from '../../api/seed/load-seed-file.ts';
import { applySeed } from '../../api/seed/seed.ts';
import type { BlobStore } from '../../api/storage/blob-store.ts';
import { FsBlobStore } from '../../api/storage/fs-blob-store.ts';
import { createTestDatabase } from './database.ts';
import { createTestApp, type TestApp } from './test-app.ts';

export type Harness = TestApp & { database: OpenDatabase; blobs: BlobStore; close(): Promise<void> };

export async function tempFsBlobStore(): Promise<{ store: FsBlobStore; remove(): Promise<void> }> {
  const root = await mkdtemp(path.join(tmpdir(), 'heard-blobs-'));
  return { store: new FsBlobStore(root), remove: () => rm(root, { recursive: true, force: true }) };
}

export async function createHarness(
  options: { blobs?: BlobStore; config?: Partial<AppConfig>; clock?: Clock; oidc?: OidcSettings; mailer?: Mailer } = {},
): Promise<Harness> {
  const database = await createTestDatabase();
  await applySeed(database.db, await loadSeedFile());
  const fsStore = options.blobs ? undefined : await tempFsBlobStore();
  const blobs = options.blobs ?? fsStore!.store;
  const test = createTestApp({ db: database.db, blobs, config: options.config, clock: options.clock, oidc: options.oidc, mailer: options.mailer });
  return {
    ...test,
    database,
    blobs,
    close: async () => {
      await database.close();
      await fsStore?.remove();
    },
  };
}

export async function listKeys(blobs: BlobStore, prefix = ''): Promise<string[]> {
  const keys: string[] = [];
  for await (const { key } of blobs.list(prefix)) keys.push(key);
  return keys.sort();
}

export async function countRows(database: OpenDatabase, table: 'submissions' | 'media_objects' | 'jobs' | 'audit_log'): Promise<number> {
  const row = await database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
