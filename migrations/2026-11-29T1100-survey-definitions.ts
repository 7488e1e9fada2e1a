/**
 * Survey definitions staff write and publish: a child-friendly introduction per version, optional restriction to
 * participation groups, and who made it. A published version can never change again (a trigger refuses it); an
 * edit makes a new version. Frozen.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('surveys').addColumn('created_by', 'uuid', (col) => col.references('staff_users.id').onDelete('set null')).execute();
  await db.schema
    .alterTable('survey_versions')
    .addColumn('intro', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('group_ids', sql`uuid[]`)
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`
    create function survey_versions_immutable() returns trigger language plpgsql as $$
    begin
      if old.published_at is not null then
        raise exception 'survey % version % is published and cannot change', old.survey_id, old.version using errcode = 'P0001';
      end if;
      if tg_op = 'DELETE' then return old; end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger survey_versions_immutable before update or delete on survey_versions for each row execute function survey_versions_immutable()`.execute(db);
  // Results read a survey's answers by version.
  await sql`create index submissions_survey on submissions (survey_id, survey_version) where survey_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index submissions_survey`.execute(db);
  await sql`drop trigger survey_versions_immutable on survey_versions`.execute(db);
  await sql`drop function survey_versions_immutable()`.execute(db);
  await db.schema.alterTable('survey_versions').dropColumn('intro').dropColumn('group_ids').dropColumn('created_at').execute();
  await db.schema.alterTable('surveys').dropColumn('created_by').execute();
}
