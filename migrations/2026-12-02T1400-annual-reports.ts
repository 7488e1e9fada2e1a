/**
 * Annual "voice of the child" reports: a definition (period, priorities, committees), the entries staff curated for
 * it, the issued versions (frozen content that can be cited; superseded, never changed, when a child withdraws or a
 * moderator changes an entry it shows), and the figure bases its counts were worked out from. Frozen.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('annual_reports')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('period_start', 'date', (col) => col.notNull())
    .addColumn('period_end', 'date', (col) => col.notNull())
    .addColumn('priority_ids', sql`integer[]`, (col) => col.notNull())
    .addColumn('committee_ids', sql`integer[]`, (col) => col.notNull())
    .addColumn('public_summary', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('created_by', 'uuid', (col) => col.references('staff_users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('annual_reports_period', sql`period_end > period_start`)
    .execute();

  await db.schema
    .createTable('annual_report_curation')
    .addColumn('report_id', 'uuid', (col) => col.notNull().references('annual_reports.id').onDelete('cascade'))
    .addColumn('submission_id', 'uuid', (col) => col.notNull().references('submissions.id').onDelete('cascade'))
    .addColumn('choice', 'text', (col) => col.notNull().check(sql`choice in ('pick', 'exclude')`))
    .addColumn('position', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('decided_by', 'uuid', (col) => col.references('staff_users.id').onDelete('set null'))
    .addColumn('decided_at', 'timestamptz', (col) => col.notNull())
    .addPrimaryKeyConstraint('annual_report_curation_pk', ['report_id', 'submission_id'])
    .execute();

  await db.schema
    .createTable('annual_report_versions')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('report_id', 'uuid', (col) => col.notNull().references('annual_reports.id').onDelete('cascade'))
    .addColumn('version', 'integer', (col) => col.notNull().check(sql`version >= 1`))
    .addColumn('content', 'jsonb', (col) => col.notNull())
    .addColumn('figure_basis_ids', sql`uuid[]`, (col) => col.notNull())
    .addColumn('issued_at', 'timestamptz', (col) => col.notNull())
    .addColumn('issued_by', 'uuid', (col) => col.references('staff_users.id').onDelete('set null'))
    .addColumn('superseded_at', 'timestamptz')
    .addColumn('superseded_reason', 'text')
    .addColumn('superseded_by', 'uuid', (col) => col.references('annual_report_versions.id').onDelete('set null'))
    .addUniqueConstraint('annual_report_versions_report_version', ['report_id', 'version'])
    .execute();
  await sql`create unique index annual_report_versions_one_current on annual_report_versions (report_id) where superseded_at is null`.execute(db);

  await db.schema
    .createTable('annual_report_version_entries')
    .addColumn('version_id', 'uuid', (col) => col.notNull().references('annual_report_versions.id').onDelete('cascade'))
    .addColumn('submission_id', 'uuid', (col) => col.notNull().references('submissions.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('annual_report_version_entries_pk', ['version_id', 'submission_id'])
    .execute();
  await db.schema.createIndex('annual_report_version_entries_submission').on('annual_report_version_entries').column('submission_id').execute();

  // Keyed by priority, not report: any two reports' figures for a priority are differencing-protected against each other.
  await db.schema
    .createTable('annual_report_figure_bases')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('priority_id', 'integer', (col) => col.notNull().references('priorities.id').onDelete('cascade'))
    .addColumn('submission_ids', sql`uuid[]`, (col) => col.notNull())
    .addColumn('counts', 'jsonb', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('annual_report_figure_bases_priority').on('annual_report_figure_bases').columns(['priority_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('annual_report_figure_bases').execute();
  await db.schema.dropTable('annual_report_version_entries').execute();
  await db.schema.dropTable('annual_report_versions').execute();
  await db.schema.dropTable('annual_report_curation').execute();
  await db.schema.dropTable('annual_reports').execute();
}
