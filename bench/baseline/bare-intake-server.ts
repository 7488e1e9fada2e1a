/**
 * The bare intake server the HTTP bench compares Heard with: Hono + @hono/node-server and one INSERT of the same
 * submissions row per request, on a database Heard has already migrated (same table, indexes and triggers).
 * It imports nothing from Heard. Env: PORT, and DATABASE_URL (pg pool of DATABASE_POOL_MAX) or PGLITE_DIR.
 */
import { serve } from '@hono/node-server';
import { PGlite } from '@electric-sql/pglite';
import { Hono } from 'hono';
import pg from 'pg';

type Insert = (values: unknown[]) => Promise<unknown>;

const INSERT = `insert into submissions (id, kind, text, age_band, consent_share_with_committee, consent_quote_in_reports,
  consent_publish_publicly, consent_given_by, receipt, content_hash, screening, created_at, updated_at)
  values ($1, 'quote', $2, $3, $4, $5, $6, $7, $8, $9, '{}'::jsonb, now(), now())`;

async function openInsert(): Promise<{ insert: Insert; close(): Promise<void> }> {
  if (process.env.DATABASE_URL) {
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_MAX ?? 10) });
    return { insert: (values) => pool.query({ name: 'bare_insert', text: INSERT, values }), close: () => pool.end() };
  }
  const pglite = await PGlite.create(process.env.PGLITE_DIR!);
  return { insert: (values) => pglite.query(INSERT, values), close: () => pglite.close() };
}

const database = await openInsert();
const app = new Hono();
app.post('/api/submissions', async (c) => {
  const body = (await c.req.json()) as { id?: unknown; text?: unknown; ageBand?: unknown; consent?: Record<string, unknown> };
  if (typeof body.id !== 'string' || typeof body.text !== 'string' || typeof body.ageBand !== 'string' || !body.consent) return c.json({ error: 'bad request' }, 400);
  const receipt = crypto.randomUUID().slice(0, 8).toUpperCase();
  const { shareWithCommittee, quoteInReports, publishPublicly, givenBy } = body.consent;
  await database.insert([body.id, body.text, body.ageBand, shareWithCommittee === true, quoteInReports === true, publishPublicly === true, givenBy, receipt, null]);
  return c.json({ id: body.id, receipt }, 201);
});

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`bare intake server at http://127.0.0.1:${info.port}\n`);
});
const stop = () => server.close(() => void database.close().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
