// Physical erasure: after a child withdraws and the maintenance sweep runs, none of their words and none of their
// picture's bytes remain in any file the service keeps: the database's own files (tables, TOAST, WAL) and the blob
// folder (tmp/ included, where a process killed mid-upload leaves a complete picture). Checked by reading the files,
// on embedded PGlite and on a PostgreSQL cluster of the test's own. Before the sweep the same search finds them, so
// the search itself is shown to work.
import { mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../api/db/migrate.ts';
import { openPGlite, openPostgres, type OpenDatabase } from '../../api/db/open-node.ts';
import { textParsers } from '../../api/db/type-parsers.ts';
import { createJobRunner } from '../../api/jobs/runner.ts';
import { createSharpProcessor } from '../../api/images/sharp-processor.ts';
import { runMaintenanceSweep } from '../../api/retention/sweep.ts';
import { loadSeedFile } from '../../api/seed/load-seed-file.ts';
import { applySeed } from '../../api/seed/seed.ts';
import { FsBlobStore } from '../../api/storage/fs-blob-store.ts';
import { serverUrl } from '../helpers/database.ts';
import { drawing, pngDrawing, postDrawing, postJson, quote } from '../helpers/intake.ts';
import { postgresBinariesInstalled, startPostgresCluster, type PostgresCluster } from '../helpers/postgres-cluster.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/** Every file under `root` whose bytes contain `needle`. */
async function filesContaining(root: string, needle: Uint8Array): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && (await readFile(full)).includes(Buffer.from(needle))) found.push(path.relative(root, full));
    }
  };
  await walk(root);
  return found;
}

type Engine = { name: string; dataDir: string; database: OpenDatabase; stop(): Promise<void> };

async function embedded(): Promise<Engine> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'heard-erasure-pglite-'));
  const database = openPGlite(await PGlite.create(dataDir, { parsers: textParsers }));
  return { name: 'PGlite', dataDir, database, stop: async () => { await database.close(); await rm(dataDir, { recursive: true, force: true }); } };
}

async function server(): Promise<Engine> {
  const cluster: PostgresCluster = await startPostgresCluster();
  // What docs/retention.md asks of an operator: retired WAL segments are deleted, not kept for reuse.
  const admin = openPostgres(cluster.url, 1);
  await sql`alter system set wal_recycle = off`.execute(admin.db);
  await sql`select pg_reload_conf()`.execute(admin.db);
  await admin.close();
  const database = openPostgres(cluster.url, 3);
  return { name: 'PostgreSQL', dataDir: cluster.dataDir, database, stop: async () => { await database.close(); await cluster.stop(); } };
}

const engines: [string, () => Promise<Engine>, boolean][] = [
  ['embedded PGlite', embedded, true],
  ['a PostgreSQL cluster of its own', server, Boolean(serverUrl) && postgresBinariesInstalled()],
];

describe.each(engines)('physical erasure on %s', (_name, open, enabled) => {
  let engine: Engine;
  let blobsRoot: string;
  let t: TestApp;
  let now = new Date('2026-12-02T09:00:00Z');
  const marker = `zebracorn${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const words = `I want to tell you about ${marker} and the thing at home that made me sad`;
  let picture: Uint8Array;
  let receipts: string[] = [];

  beforeAll(async () => {
    if (!enabled) return;
    engine = await open();
    await migrateToLatest(engine.database.db);
    await applySeed(engine.database.db, await loadSeedFile());
    blobsRoot = await mkdtemp(path.join(tmpdir(), 'heard-erasure-blobs-'));
    t = createTestApp({ db: engine.database.db, blobs: new FsBlobStore(blobsRoot), clock: { now: () => now } });
    picture = await pngDrawing(257, 193);
  }, 120_000);
  afterAll(async () => {
    if (!enabled) return;
    await engine.stop();
    await rm(blobsRoot, { recursive: true, force: true });
  });

  it.runIf(enabled)('leaves none of a withdrawn child\'s words or picture bytes in the database files or the blob folder', async () => {
    const sentQuote = await postJson(t.app, quote({ text: words }));
    expect(sentQuote.status).toBe(201);
    const sentDrawing = await postDrawing(t.app, drawing({ text: `My picture ${marker}` }), picture);
    expect(sentDrawing.status).toBe(201);
    receipts = [(await sentQuote.json()).receipt, (await sentDrawing.json()).receipt];
    await createJobRunner(t.deps, createSharpProcessor()).drain();
    // The processed picture, whose bytes differ from the upload's.
    const [processedKey] = (await engine.database.db.selectFrom('media_objects').select('storage_key').where('role', '=', 'processed').execute()).map((row) => row.storage_key);
    const processed = Buffer.from(await readFile(path.join(blobsRoot, 'objects', ...processedKey!.split('/'))));
    // A process killed after staging an upload, before renaming it into place: a whole picture in tmp/.
    await mkdir(path.join(blobsRoot, 'tmp'), { recursive: true });
    const staged = path.join(blobsRoot, 'tmp', crypto.randomUUID());
    await writeFile(staged, picture);
    await utimes(staged, new Date(now.getTime() - 3_600_000), new Date(now.getTime() - 3_600_000));

    const needles = {
      words: new TextEncoder().encode(marker),
      upload: picture.subarray(Math.floor(picture.length / 2), Math.floor(picture.length / 2) + 48),
      processed: processed.subarray(Math.floor(processed.length / 2), Math.floor(processed.length / 2) + 48),
    };
    await sql`checkpoint`.execute(engine.database.db);
    // The search works: before withdrawal the words are in the table files and the pictures in the blob folder.
    expect((await filesContaining(engine.dataDir, needles.words)).length).toBeGreaterThan(0);
    expect((await filesContaining(blobsRoot, needles.processed)).length).toBeGreaterThan(0);
    expect(await filesContaining(blobsRoot, needles.upload)).toContain(path.relative(blobsRoot, staged));

    for (const receipt of receipts) expect((await t.app.request(`/api/receipts/${receipt}/withdraw`, { method: 'POST' })).status).toBe(200);
    now = new Date(now.getTime() + (t.deps.config.retention.quarantineGraceMinutes + 1) * 60_000);
    const sweep = await runMaintenanceSweep(t.deps);
    expect(sweep.temporaryDeleted).toBe(1);
    expect(sweep.compactedTables).toEqual(expect.arrayContaining(['submissions', 'moderation_decisions']));

    expect(await filesContaining(engine.dataDir, needles.words)).toEqual([]);
    for (const needle of [needles.upload, needles.processed, needles.words]) expect(await filesContaining(blobsRoot, needle)).toEqual([]);
    // Nothing of the child's is left in the blob folder at all, not even an empty folder named by their submission.
    const left = await readdir(path.join(blobsRoot, 'objects'), { recursive: true });
    expect(left.filter((entry) => !entry.startsWith('.'))).toEqual(expect.not.arrayContaining([expect.stringMatching(/[0-9a-f]{8}-/)]));
    // The next sweep has nothing more to compact.
    expect((await runMaintenanceSweep(t.deps)).compactedTables).toEqual([]);
  }, 180_000);
});
