/** First cut of the data model. Frozen: never import app code here, never edit after release; add a new migration instead. */
import { sql, type Kysely } from 'kysely';

const now = sql`now()`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('participation_groups')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('join_code', 'text', (col) => col.notNull().unique())
    .addColumn('active_from', 'timestamptz', (col) => col.notNull().defaultTo(now))
    .addColumn('active_until', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(now))
    .addCheckConstraint('participation_groups_window', sql`active_until is null or active_until > active_from`)
    .execute();

  await db.schema
    .createTable('submissions')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('quote', 'drawing', 'survey')`))
    .addColumn('text', 'text')
    .addColumn('age_band', 'text', (col) => col.notNull().check(sql`age_band in ('4-7', '8-11', '12-15', '16-18', 'unknown')`))
    .addColumn('language', 'text')
    .addColumn('group_id', 'uuid', (col) => col.references('participation_groups.id').onDelete('set null'))
    .addColumn('consent_share_with_committee', 'boolean', (col) => col.notNull())
    .addColumn('consent_quote_in_reports', 'boolean', (col) => col.notNull())
    .addColumn('consent_publish_publicly', 'boolean', (col) => col.notNull())
    .addColumn('consent_given_by', 'text', (col) => col.notNull().check(sql`consent_given_by in ('self', 'carer', 'worker')`))
    .addColumn('status', 'text', (col) =>
      col
        .notNull()
        .defaultTo('received')
        .check(sql`status in ('received', 'in_review', 'approved', 'rejected', 'withdrawn')`),
    )
    .addColumn('receipt', 'text', (col) => col.notNull().unique())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('submissions_status_created').on('submissions').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('submissions_group').on('submissions').column('group_id').execute();

  await db.schema
    .createTable('media_objects')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('submission_id', 'uuid', (col) => col.notNull().references('submissions.id').onDelete('cascade'))
    .addColumn('role', 'text', (col) => col.notNull().check(sql`role in ('original', 'processed', 'thumbnail')`))
    .addColumn('storage_key', 'text', (col) => col.notNull().unique())
    .addColumn('content_type', 'text', (col) => col.notNull())
    .addColumn('bytes', 'bigint', (col) => col.notNull().check(sql`bytes >= 0`))
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('processing_status', 'text', (col) =>
      col.notNull().defaultTo('pending').check(sql`processing_status in ('pending', 'ready', 'failed')`),
    )
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('media_objects_submission').on('media_objects').columns(['submission_id', 'role']).execute();

  for (const table of ['priorities', 'committees'] as const) {
    await db.schema
      .createTable(table)
      .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('slug', 'text', (col) => col.notNull().unique())
      .addColumn('title', 'text', (col) => col.notNull())
      .addColumn('description', 'text', (col) => col.notNull().defaultTo(''))
      .addColumn('position', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('active', 'boolean', (col) => col.notNull().defaultTo(true))
      .execute();
  }

  await db.schema
    .createTable('themes')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('slug', 'text', (col) => col.notNull().unique())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('staff_users')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('issuer', 'text', (col) => col.notNull())
    .addColumn('subject', 'text', (col) => col.notNull())
    .addColumn('email', 'text')
    .addColumn('display_name', 'text', (col) => col.notNull())
    .addColumn('disabled', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(now))
    .addColumn('last_seen_at', 'timestamptz')
    .addUniqueConstraint('staff_users_identity', ['issuer', 'subject'])
    .execute();

  await db.schema
    .createTable('staff_roles')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('staff_user_id', 'uuid', (col) => col.notNull().references('staff_users.id').onDelete('cascade'))
    .addColumn('role', 'text', (col) =>
      col.notNull().check(sql`role in ('participation_worker', 'safeguarding_lead', 'committee_member', 'admin')`),
    )
    .addColumn('committee_id', 'integer', (col) => col.references('committees.id').onDelete('cascade'))
    .addColumn('source', 'text', (col) => col.notNull().defaultTo('app').check(sql`source in ('app', 'identity_provider')`))
    .addColumn('granted_at', 'timestamptz', (col) => col.notNull().defaultTo(now))
    .addUniqueConstraint('staff_roles_unique', ['staff_user_id', 'role', 'committee_id'], (c) => c.nullsNotDistinct())
    .execute();

  for (const [table, other, otherTable, otherType] of [
    ['submission_priorities', 'priority_id', 'priorities', 'integer'],
    ['submission_themes', 'theme_id', 'themes', 'integer'],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn('submission_id', 'uuid', (col) => col.notNull().references('submissions.id').onDelete('cascade'))
      .addColumn(other, otherType, (col) => col.notNull().references(`${otherTable}.id`).onDelete('cascade'))
      .addColumn('tagged_by', 'uuid', (col) => col.references('staff_users.id').onDelete('set null'))
      .addColumn('tagged_at', 'timestamptz', (col) => col.notNull().defaultTo(now))
      .addPrimaryKeyConstraint(`${table}_pk`, ['submission_id', other])
      .execute();
    await db.schema.createIndex(`${table}_by_${other}`).on(table).columns([other, 'submission_id']).execute();
  }

  await db.schema
    .createTable('meetings')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('committee_id', 'integer', (col) => col.notNull().references('committees.id').onDelete('restrict'))
    .addColumn('held_on', 'date', (col) => col.notNull())
    .addColumn('title', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('meetings_committee_date').on('meetings').columns(['committee_id', 'held_on']).execute();

  await db.schema
    .createTable('agenda_items')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('meeting_id', 'uuid', (col) => col.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('description', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('position', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('submitted_from', 'timestamptz')
    .addColumn('submitted_until', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(now))
    .execute();

  for (const [table, other, otherTable] of [
    ['agenda_item_priorities', 'priority_id', 'priorities'],
    ['agenda_item_themes', 'theme_id', 'themes'],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn('agenda_item_id', 'uuid', (col) => col.notNull().references('agenda_items.id').onDelete('cascade'))
      .addColumn(other, 'integer', (col) => col.notNull().references(`${otherTable}.id`).onDelete('cascade'))
      .addPrimaryKeyConstraint(`${table}_pk`, ['agenda_item_id', other])
      .execute();
  }

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('at', 'timestamptz', (col) => col.notNull().defaultTo(now))
    .addColumn('actor_id', 'uuid', (col) => col.references('staff_users.id').onDelete('no action'))
    .addColumn('actor_role', 'text')
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('subject_type', 'text', (col) => col.notNull())
    .addColumn('subject_id', 'text')
    .addColumn('request_id', 'text')
    .addColumn('details', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema.createIndex('audit_log_subject').on('audit_log').columns(['subject_type', 'subject_id', 'at']).execute();
  // Append-only, enforced by the database so no code path (or hand-run SQL through the app's role) can rewrite history.
  await sql`
    create function audit_log_is_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
    end
    $$`.execute(db);
  await sql`create trigger audit_log_no_update_or_delete before update or delete on audit_log
    for each row execute function audit_log_is_append_only()`.execute(db);
  await sql`create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_is_append_only()`.execute(db);

  await db.schema
    .createTable('jobs')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('payload', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('status', 'text', (col) =>
      col.notNull().defaultTo('queued').check(sql`status in ('queued', 'running', 'done', 'dead')`),
    )
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (col) => col.notNull().defaultTo(5))
    .addColumn('run_at', 'timestamptz', (col) => col.notNull().defaultTo(now))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createIndex('jobs_ready')
    .on('jobs')
    .columns(['run_at'])
    .where(sql.ref('status'), 'in', ['queued', 'running'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'jobs',
    'audit_log',
    'agenda_item_themes',
    'agenda_item_priorities',
    'agenda_items',
    'meetings',
    'submission_themes',
    'submission_priorities',
    'staff_roles',
    'staff_users',
    'themes',
    'committees',
    'priorities',
    'media_objects',
    'submissions',
    'participation_groups',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await sql`drop function audit_log_is_append_only()`.execute(db);
}
