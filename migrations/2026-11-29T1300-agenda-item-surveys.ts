/**
 * Survey results attached to an agenda item's pack: which survey version, broken down how. An issued pack
 * version keeps the suppressed figures it showed (never answers), so minutes cite figures that do not move. Frozen.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('agenda_item_surveys')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('agenda_item_id', 'uuid', (col) => col.notNull().references('agenda_items.id').onDelete('cascade'))
    .addColumn('survey_id', 'uuid', (col) => col.notNull())
    .addColumn('survey_version', 'integer', (col) => col.notNull())
    .addColumn('breakdown', 'text', (col) => col.notNull().check(sql`breakdown in ('none', 'ageBand', 'group', 'month')`))
    .addColumn('attached_by', 'uuid', (col) => col.references('staff_users.id').onDelete('set null'))
    .addColumn('attached_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint('agenda_item_surveys_version', ['survey_id', 'survey_version'], 'survey_versions', ['survey_id', 'version'], (fk) => fk.onDelete('cascade'))
    .addUniqueConstraint('agenda_item_surveys_once', ['agenda_item_id', 'survey_id', 'survey_version', 'breakdown'])
    .execute();

  await db.schema
    .createTable('pack_version_surveys')
    .addColumn('pack_version_id', 'uuid', (col) => col.notNull().references('pack_versions.id').onDelete('cascade'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('survey_id', 'uuid', (col) => col.notNull())
    .addColumn('survey_version', 'integer', (col) => col.notNull())
    .addColumn('breakdown', 'text', (col) => col.notNull())
    /** The figures as shown: suppressed results with the question words, never a child's answers. */
    .addColumn('results', 'jsonb', (col) => col.notNull())
    .addPrimaryKeyConstraint('pack_version_surveys_pk', ['pack_version_id', 'position'])
    .execute();
  await db.schema.createIndex('pack_version_surveys_survey').on('pack_version_surveys').columns(['survey_id', 'survey_version']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('pack_version_surveys').execute();
  await db.schema.dropTable('agenda_item_surveys').execute();
}
