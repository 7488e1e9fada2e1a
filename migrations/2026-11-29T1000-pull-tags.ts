/**
 * A committee pull filters submissions by their priorities and themes inside a date range. Joining the tag tables
 * for every candidate cost more than the rest of the pull at a million submissions, so each submission also
 * carries its tag ids as arrays, kept equal to the tag tables by triggers (the tables stay the source of truth),
 * and the pull index covers every column a pull chooses and counts by. Frozen.
 */
import { sql, type Kysely } from 'kysely';

const TAGS = [
  { table: 'submission_priorities', column: 'priority_id', array: 'priority_ids' },
  { table: 'submission_themes', column: 'theme_id', array: 'theme_ids' },
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table submissions add column priority_ids integer[] not null default '{}', add column theme_ids integer[] not null default '{}'`.execute(db);
  // The pull index now covers what choosing and counting read, so neither visits the table.
  await sql`drop index submissions_pull`.execute(db);
  await sql`create index submissions_pull on submissions (status, consent_share_with_committee, created_at)
    include (id, withdrawn_at, kind, age_band, group_id, priority_ids, theme_ids)`.execute(db);
  for (const { table, column, array } of TAGS) {
    const tags = sql.table(table);
    const tagColumn = sql.ref(column);
    const arrayColumn = sql.ref(array);
    await sql`update submissions set ${arrayColumn} = tagged.ids
      from (select submission_id, array_agg(${tagColumn} order by ${tagColumn}) as ids from ${tags} group by submission_id) as tagged
      where tagged.submission_id = submissions.id`.execute(db);
    await sql
      .raw(
        `create function sync_${array}() returns trigger language plpgsql as $$
        declare target uuid;
        begin
          if tg_op = 'DELETE' then target := old.submission_id; else target := new.submission_id; end if;
          update submissions set ${array} = coalesce((select array_agg(${column} order by ${column}) from ${table} where submission_id = target), '{}')
          where id = target;
          if tg_op = 'UPDATE' and old.submission_id <> new.submission_id then
            update submissions set ${array} = coalesce((select array_agg(${column} order by ${column}) from ${table} where submission_id = old.submission_id), '{}')
            where id = old.submission_id;
          end if;
          return null;
        end $$`,
      )
      .execute(db);
    await sql.raw(`create trigger ${table}_sync after insert or update or delete on ${table} for each row execute function sync_${array}()`).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const { table, array } of TAGS) {
    await sql.raw(`drop trigger ${table}_sync on ${table}`).execute(db);
    await sql.raw(`drop function sync_${array}()`).execute(db);
  }
  await sql`drop index submissions_pull`.execute(db);
  await sql`alter table submissions drop column priority_ids, drop column theme_ids`.execute(db);
  await sql`create index submissions_pull on submissions (status, consent_share_with_committee, created_at)`.execute(db);
}
