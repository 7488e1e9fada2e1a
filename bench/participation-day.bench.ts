/**
 * Participation-day load (release check 11): 900 children from 30 classes (30 shared addresses) over a day compressed
 * into BENCH_DAY_SECONDS (default 120; 600 is the real ten minutes), against the real Node server (`api/server.ts`,
 * with its job runner processing drawings) on PostgreSQL, with the production rate limits. Reports quote and drawing
 * p50/p95 against the same server's quiet latency measured first (the baseline), every answer's status, and checks
 * that nothing acknowledged is missing, nothing is stored twice, every drawing is processed, and no genuine class
 * was refused with 429.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { openPostgres } from '../api/db/open-node.ts';
import { createServerDatabase } from '../test/helpers/database.ts';
import { pngDrawing } from '../test/helpers/intake.ts';
import { spawnService } from '../test/helpers/spawn-service.ts';
import { benchPostgres, percentile, round, writeResult } from './lib.ts';
import type { ParticipationResult } from './participation-driver.ts';

const DAY_SECONDS = Number(process.env.BENCH_DAY_SECONDS ?? 120);

const server = await benchPostgres();
if (!server) {
  console.log('participation-day: skipped, no PostgreSQL (set BENCH_DATABASE_URL or install postgresql)');
  process.exit(0);
}
const database = await createServerDatabase(server.url);
const dataDir = await mkdtemp(path.join(tmpdir(), 'heard-participation-'));
const drawingFile = path.join(dataDir, 'drawing.png');
// A tablet canvas exported as PNG: 1280×800.
const picture = await pngDrawing(1280, 800);
await writeFile(drawingFile, picture);
const service = await spawnService({ DATABASE_URL: database.url, DATA_DIR: dataDir, NODE_ENV: 'development', TRUSTED_PROXY_HEADER: 'x-forwarded-for' });
const { db, close } = openPostgres(database.url, 2);

try {
  const codes: string[] = [];
  for (let i = 0; i < 30; i++) {
    const code = `CLASS${String(i).padStart(2, '0')}DAY`;
    await db.insertInto('participation_groups').values({ name: `Class ${i}`, join_code: code, active_from: new Date(Date.now() - 3_600_000), active_until: null }).execute();
    codes.push(code);
  }

  // Baseline: the same server, quiet, one child at a time (after five rounds to warm it up).
  const quiet = { quote: [] as number[], drawing: [] as number[] };
  for (let i = -5; i < 20; i++) {
    for (const kind of ['quote', 'drawing'] as const) {
      const submission = { id: crypto.randomUUID(), kind, text: 'A quiet moment', ageBand: '8-11', consent: { shareWithCommittee: false, quoteInReports: false, publishPublicly: false, givenBy: 'self' } };
      const started = performance.now();
      const response =
        kind === 'quote'
          ? await fetch(`${service.url}/api/submissions`, { method: 'POST', headers: { 'content-type': 'application/json', 'heard-device-id': `quiet-${i}` }, body: JSON.stringify(submission) })
          : await fetch(`${service.url}/api/submissions`, { method: 'POST', headers: { 'heard-device-id': `quiet-${i}` }, body: form(submission, picture) });
      await response.arrayBuffer();
      if (response.status !== 201) throw new Error(`baseline answer ${response.status}`);
      if (i >= 0) quiet[kind].push(performance.now() - started);
    }
  }
  const quietP95 = (times: number[]) => round(percentile([...times].sort((a, b) => a - b), 0.95));
  const baseline = { quoteP95Ms: quietP95(quiet.quote), drawingP95Ms: quietP95(quiet.drawing) };

  const day = await drive(service.url, DAY_SECONDS, codes, drawingFile);
  const acknowledged = day.items.filter((item) => item.status === 200 || item.status === 201);
  const refused = day.items.filter((item) => !(item.status === 200 || item.status === 201));

  // Every drawing is processed by the server's own job runner; wait for it to finish the queue.
  const waitStarted = performance.now();
  let pending = Infinity;
  while (pending > 0 && performance.now() - waitStarted < 300_000) {
    const row = await sql<{ n: number }>`select count(*)::int as n from jobs where kind = 'process_drawing' and status in ('queued', 'running')`.execute(db);
    pending = row.rows[0]!.n;
    if (pending > 0) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const processingTailSeconds = round((performance.now() - waitStarted) / 1000);

  const ids = acknowledged.map((item) => item.id);
  const stored = await sql<{ n: number }>`select count(*)::int as n from submissions where id = any(${ids}::uuid[])`.execute(db);
  const drawingIds = acknowledged.filter((item) => item.kind === 'drawing').map((item) => item.id);
  const processed = await sql<{ n: number }>`select count(distinct submission_id)::int as n from media_objects
    where submission_id = any(${drawingIds}::uuid[]) and role = 'processed' and processing_status = 'ready'`.execute(db);
  const dead = await sql<{ n: number }>`select count(*)::int as n from jobs where status = 'dead'`.execute(db);

  const missing = ids.length - stored.rows[0]!.n;
  const unprocessed = drawingIds.length - processed.rows[0]!.n;
  const ratio = (p95: number, quietP95Ms: number) => round(p95 / quietP95Ms);
  console.log(`participation-day (PostgreSQL, real Node server with its job runner, ${day.children} children in 30 classes, day compressed to ${DAY_SECONDS}s, took ${day.seconds}s)`);
  console.log(`  sent          : ${day.items.length} items (${day.quote.count} quotes, ${day.drawing.count} drawings); answers ${JSON.stringify(day.statuses)}`);
  console.log(`  quotes        : p50 ${day.quote.p50Ms} ms  p95 ${day.quote.p95Ms} ms  max ${day.quote.maxMs} ms  (quiet p95 ${baseline.quoteP95Ms} ms: ${ratio(day.quote.p95Ms, baseline.quoteP95Ms)}x)`);
  console.log(`  drawings      : p50 ${day.drawing.p50Ms} ms  p95 ${day.drawing.p95Ms} ms  max ${day.drawing.maxMs} ms  (quiet p95 ${baseline.drawingP95Ms} ms: ${ratio(day.drawing.p95Ms, baseline.drawingP95Ms)}x)`);
  console.log(`  429 answers   : ${day.rateLimitedAnswers} (target 0 for genuine classes) ${day.rateLimitedAnswers === 0 ? 'MET' : 'NOT MET'}`);
  console.log(`  losses        : ${missing} acknowledged but not stored; ${refused.length} never acknowledged after retries; ${unprocessed} drawings unprocessed (${dead.rows[0]!.n} dead jobs); queue drained ${processingTailSeconds}s after the day ${missing + refused.length + unprocessed === 0 ? 'MET' : 'NOT MET'}`);
  await writeResult('participation-day', {
    engine: 'postgres',
    daySeconds: DAY_SECONDS,
    children: day.children,
    items: day.items.length,
    statuses: day.statuses,
    quote: day.quote,
    drawing: day.drawing,
    baseline,
    rateLimitedAnswers: day.rateLimitedAnswers,
    missing,
    neverAcknowledged: refused.length,
    unprocessed,
    processingTailSeconds,
  });
} finally {
  await close();
  await service.stop();
  await database.drop();
  await rm(dataDir, { recursive: true, force: true });
  server.stop();
}

function form(submission: unknown, image: Uint8Array): FormData {
  const body = new FormData();
  body.set('submission', JSON.stringify(submission));
  body.set('image', new Blob([image as Uint8Array<ArrayBuffer>], { type: 'image/png' }), 'drawing.png');
  return body;
}

/** The children come from a second process, as real devices would, while the server has its own. */
function drive(url: string, seconds: number, codes: string[], drawing: string): Promise<ParticipationResult> {
  const driver = fileURLToPath(new URL('./participation-driver.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', driver, url, String(seconds), codes.join(','), drawing], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout) =>
      error ? reject(error) : resolve(JSON.parse(stdout) as ParticipationResult),
    );
  });
}
