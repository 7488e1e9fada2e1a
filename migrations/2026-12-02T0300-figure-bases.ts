/**
 * Figure bases: the counts an agenda item's figures were last worked out from, and which submissions they counted.
 * Figures are shown from a basis until the pulled set has changed by at least the small-number threshold, so two
 * releases (live figures, pack versions, before and after a withdrawal) never differ by a few children. Frozen.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('agenda_item_figure_bases')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('agenda_item_id', 'uuid', (col) => col.notNull().references('agenda_items.id').onDelete('cascade'))
    .addColumn('submission_ids', sql`uuid[]`, (col) => col.notNull())
    .addColumn('counts', 'jsonb', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('agenda_item_figure_bases_item').on('agenda_item_figure_bases').columns(['agenda_item_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('agenda_item_figure_bases').execute();
}
