/**
 * Pack versions that minutes can cite. A version records which submissions it showed; when one of them is
 * withdrawn or its moderation changes, the version is superseded by a new one without it, and only the record
 * that it existed (and why it was superseded) stays readable. Frozen.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pack_versions')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('agenda_item_id', 'uuid', (col) => col.notNull().references('agenda_items.id').onDelete('cascade'))
    .addColumn('version', 'integer', (col) => col.notNull().check(sql`version >= 1`))
    .addColumn('issued_at', 'timestamptz', (col) => col.notNull())
    .addColumn('issued_by', 'uuid', (col) => col.references('staff_users.id').onDelete('set null'))
    .addColumn('superseded_at', 'timestamptz')
    .addColumn('superseded_reason', 'text')
    .addColumn('superseded_by', 'uuid', (col) => col.references('pack_versions.id').onDelete('set null'))
    .addUniqueConstraint('pack_versions_item_version', ['agenda_item_id', 'version'])
    .execute();
  // At most one current version per item.
  await sql`create unique index pack_versions_one_current on pack_versions (agenda_item_id) where superseded_at is null`.execute(db);

  await db.schema
    .createTable('pack_version_entries')
    .addColumn('pack_version_id', 'uuid', (col) => col.notNull().references('pack_versions.id').onDelete('cascade'))
    .addColumn('submission_id', 'uuid', (col) => col.notNull().references('submissions.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('pack_version_entries_pk', ['pack_version_id', 'submission_id'])
    .execute();
  await db.schema.createIndex('pack_version_entries_submission').on('pack_version_entries').column('submission_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('pack_version_entries').execute();
  await db.schema.dropTable('pack_versions').execute();
}
