/** Counts for monitoring (/metrics): the safeguarding lane and intake. Numbers and fixed labels only, never content or ids. */
import { sql, type Kysely } from 'kysely';
import type { Database, SubmissionKind } from './schema.ts';

export type LaneFigures = { open: number; oldestOpenSeconds: number | null };

/** Flagged submissions no safeguarding lead has resolved yet, and how long the oldest has waited. */
export async function safeguardingLaneFigures(db: Kysely<Database>, now: Date): Promise<LaneFigures> {
  const row = await db
    .selectFrom('submissions')
    .select((eb) => [sql<number>`count(*)::int`.as('open'), eb.fn.min('created_at').as('oldest')])
    .where('safeguarding', '=', true)
    .where('safeguarding_resolution', 'is', null)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { open: Number(row.open), oldestOpenSeconds: secondsSince(row.oldest, now) };
}

export type IntakeFigures = { kind: SubmissionKind; lastHour: number; awaitingModeration: number }[];

/** Submissions stored in the last hour and those still waiting for a moderator, by kind. */
export async function intakeFigures(db: Kysely<Database>, now: Date): Promise<IntakeFigures> {
  const hourAgo = new Date(now.getTime() - 3600_000);
  const rows = await db
    .selectFrom('submissions')
    .select([
      'kind',
      sql<number>`count(*) filter (where created_at >= ${hourAgo})::int`.as('last_hour'),
      sql<number>`count(*) filter (where status in ('received', 'in_review'))::int`.as('awaiting'),
    ])
    .groupBy('kind')
    .execute();
  const byKind = new Map(rows.map((row) => [row.kind, row]));
  return (['quote', 'drawing', 'survey'] as const).map((kind) => ({
    kind,
    lastHour: Number(byKind.get(kind)?.last_hour ?? 0),
    awaitingModeration: Number(byKind.get(kind)?.awaiting ?? 0),
  }));
}

function secondsSince(value: Date | string | null | undefined, now: Date): number | null {
  return value ? Math.max(0, Math.round((now.getTime() - new Date(value).getTime()) / 1000)) : null;
}
