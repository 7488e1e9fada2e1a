/** Generates a partnership's history in SQL for the benches: groups, submissions in arrival order, priorities, themes. */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../api/db/schema.ts';

export type SyntheticHistory = {
  rows: number;
  groups: number;
  /** When row `i` (1…rows) arrived; the table is append-mostly, so rows sit roughly in time order on disk. */
  createdAt: RawBuilder<unknown>;
  /** Whether row `i` agreed to public sharing. */
  publishPublicly: RawBuilder<unknown>;
  consentGivenBy: 'self' | 'worker';
};

/** 60% approved, 90% shared with committees, 75% agreed to be quoted, a third sent alone; half carry one theme. */
export async function generateSubmissions(db: Kysely<Database>, history: SyntheticHistory): Promise<void> {
  const { rows, groups } = history;
  await sql`insert into participation_groups (name, join_code) select 'Group ' || g, 'BENCH' || g from generate_series(1, ${groups}) g`.execute(db);
  await sql`
    insert into submissions (id, kind, text, age_band, group_id, consent_share_with_committee, consent_quote_in_reports,
      consent_publish_publicly, consent_given_by, status, receipt, created_at, updated_at)
    select gen_random_uuid(), (array['quote','quote','quote','drawing','survey'])[1 + i % 5], 'Synthetic words number ' || i,
      (array['4-7','8-11','12-15','16-18','unknown'])[1 + (i / 7) % 5],
      case when i % 3 = 0 then null else (select id from participation_groups order by id offset (i % ${groups}) limit 1) end,
      i % 10 <> 0, i % 4 <> 0, ${history.publishPublicly}, ${history.consentGivenBy},
      (array['approved','approved','approved','approved','approved','approved','received','in_review','rejected','withdrawn'])[1 + (i / 3) % 10],
      'BENCH-' || i, ${history.createdAt}, now()
    from generate_series(1, ${rows}) i`.execute(db);
  await sql`
    insert into submission_priorities (submission_id, priority_id)
    select s.id, p.id from submissions s
    join priorities p on p.position = (abs(hashtext(s.id::text)) % 7) + (select min(position) from priorities)`.execute(db);
  await sql`
    insert into submission_themes (submission_id, theme_id)
    select s.id, t.id from submissions s
    join (select id, row_number() over (order by id) - 1 as n, count(*) over () as total from themes) t
      on t.n = abs(hashtext(s.id::text || 't')) % t.total
    where abs(hashtext(s.id::text)) % 2 = 0`.execute(db);
}
