// deploy/backup.sh and deploy/restore.sh on a real PostgreSQL and S3 server: seed through the app, back up, restore
// into a fresh database and bucket, and compare every table's rows and every object's bytes.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../api/db/migrate.ts';
import { openPostgres, type OpenDatabase } from '../../api/db/open-node.ts';
import { createSharpProcessor } from '../../api/images/sharp-processor.ts';
import { createJobRunner } from '../../api/jobs/runner.ts';
import { loadSeedFile } from '../../api/seed/load-seed-file.ts';
import { applySeed } from '../../api/seed/seed.ts';
import type { BlobStore } from '../../api/storage/blob-store.ts';
import { createS3Client, S3BlobStore } from '../../api/storage/s3-blob-store.ts';
import { createServerDatabase, serverUrl } from '../helpers/database.ts';
import { listKeys } from '../helpers/harness.ts';
import { consentAll, drawing, pngDrawing, postDrawing, postJson, quote } from '../helpers/intake.ts';
import { startPostgresCluster, type PostgresCluster } from '../helpers/postgres-cluster.ts';
import { startS3Server, type TestS3Server } from '../helpers/s3-server.ts';
import { createTestApp } from '../helpers/test-app.ts';

const run = promisify(execFile);
const deploy = fileURLToPath(new URL('../../deploy/', import.meta.url));

type Place = { databaseUrl: string; s3: TestS3Server; blobs: BlobStore; drop(): Promise<void> };

function envFor(place: Place): Record<string, string> {
  const { config } = place.s3;
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    DATABASE_URL: place.databaseUrl,
    S3_ENDPOINT: config.endpoint!,
    S3_BUCKET: config.bucket,
    S3_REGION: config.region,
    S3_ACCESS_KEY_ID: config.accessKeyId!,
    S3_SECRET_ACCESS_KEY: config.secretAccessKey!,
  };
}

/** Each public table's row count and a hash of all its rows in a stable order. */
async function tableFingerprints(databaseUrl: string): Promise<Record<string, { rows: number; md5: string }>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(`select tablename as name from pg_tables where schemaname = 'public' order by tablename`);
    const result: Record<string, { rows: number; md5: string }> = {};
    for (const { name } of tables.rows) {
      const { rows } = await client.query<{ rows: string; md5: string | null }>(
        `select count(*) as rows, md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as md5 from "${name}" t`,
      );
      result[name] = { rows: Number(rows[0]!.rows), md5: rows[0]!.md5 ?? '' };
    }
    return result;
  } finally {
    await client.end();
  }
}

async function objectFingerprints(blobs: BlobStore): Promise<Record<string, { sha256: string; bytes: number; contentType: string }>> {
  const result: Record<string, { sha256: string; bytes: number; contentType: string }> = {};
  for (const key of await listKeys(blobs)) {
    const blob = (await blobs.get(key))!;
    const bytes = new Uint8Array(await new Response(blob.body).arrayBuffer());
    result[key] = { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.byteLength, contentType: blob.contentType };
  }
  return result;
}

describe('backup.sh and restore.sh (pg_dump custom format + bucket sync)', () => {
  let cluster: PostgresCluster | undefined;
  let source: Place;
  let target: Place;
  let backupRoot: string;
  let seeded: OpenDatabase;
  let backupDir: string;

  async function place(bucket: string, adminUrl: string): Promise<Place> {
    const database = await createServerDatabase(adminUrl);
    const s3 = await startS3Server(bucket);
    return {
      databaseUrl: database.url,
      s3,
      blobs: new S3BlobStore(createS3Client(s3.config), bucket),
      drop: async () => {
        await s3.stop();
        await database.drop();
      },
    };
  }

  beforeAll(async () => {
    // The shared CI server when there is one; otherwise a throwaway cluster of this file's own.
    if (!serverUrl) cluster = await startPostgresCluster();
    const adminUrl = serverUrl ?? cluster!.url;
    source = await place('heard-media', adminUrl);
    target = await place('heard-restored', adminUrl);
    backupRoot = await mkdtemp(path.join(tmpdir(), 'heard-backup-'));
    backupDir = path.join(backupRoot, 'nightly');

    seeded = openPostgres(source.databaseUrl, 4);
    await migrateToLatest(seeded.db);
    await applySeed(seeded.db, await loadSeedFile());
    const { app, deps } = createTestApp({ db: seeded.db, blobs: source.blobs });
    const posted = [
      await postJson(app, quote({ text: 'Chcę, żeby dorośli mnie słuchali. أريد أن يسمعني الكبار' })),
      await postJson(app, quote({ text: 'Can someone call me?', wantsToTalk: true, consent: { ...consentAll, quoteInReports: false } })),
      await postDrawing(app, drawing(), await pngDrawing(320, 240)),
    ];
    // The drawing processed (WebP and thumbnail under media/); then one more left waiting in quarantine.
    await createJobRunner(deps, createSharpProcessor()).drain();
    posted.push(await postDrawing(app, drawing({ text: 'Our park' }), await pngDrawing(200, 150)));
    expect(posted.map((response) => response.status)).toEqual([201, 201, 201, 201]);
  }, 120_000);

  afterAll(async () => {
    await seeded?.close();
    await source?.drop();
    await target?.drop();
    await cluster?.stop();
    if (backupRoot) await rm(backupRoot, { recursive: true, force: true });
  });

  it('backs up, restores into a fresh database and bucket, and every table and object is the same', async () => {
    const before = { tables: await tableFingerprints(source.databaseUrl), objects: await objectFingerprints(source.blobs) };
    expect(before.tables.submissions?.rows).toBe(4);
    expect(Object.keys(before.objects).some((key) => key.startsWith('media/'))).toBe(true);
    expect(Object.keys(before.objects).some((key) => key.startsWith('quarantine/'))).toBe(true);

    const backup = await run('bash', [path.join(deploy, 'backup.sh'), backupDir], { env: envFor(source) });
    expect(backup.stdout).toContain(`${Object.keys(before.objects).length} objects`);
    const restore = await run('bash', [path.join(deploy, 'restore.sh'), backupDir], { env: envFor(target) });
    expect(restore.stdout).toContain(`restored ${backupDir}`);

    expect(await tableFingerprints(target.databaseUrl)).toEqual(before.tables);
    expect(await objectFingerprints(target.blobs)).toEqual(before.objects);
  }, 120_000);

  it('refuses to restore over a database that has tables, leaving it as it was', async () => {
    const before = await tableFingerprints(target.databaseUrl);
    const refused = await run('bash', [path.join(deploy, 'restore.sh'), backupDir], { env: envFor(target) }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toMatch(/restore only into an empty database/);
    expect(await tableFingerprints(target.databaseUrl)).toEqual(before);
  }, 60_000);

  it('refuses to write into a folder that exists (never mixes two backups)', async () => {
    const refused = await run('bash', [path.join(deploy, 'backup.sh'), backupDir], { env: envFor(source) }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toContain('exists');
  }, 60_000);
});
