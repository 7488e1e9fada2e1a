/** Committee packs: what an agenda item pulls, curation, and the record of what was shared with whom. Frozen. */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('agenda_items')
    .addColumn('kinds', sql`text[]`)
    .addColumn('age_bands', sql`text[]`)
    .addColumn('discussed_at', 'timestamptz')
    // A short, child-friendly "you said, we did" note that receipts show.
    .addColumn('outcome_note', 'text')
    .execute();

  await db.schema
    .createTable('agenda_item_curation')
    .addColumn('agenda_item_id', 'uuid', (col) => col.notNull().references('agenda_items.id').onDelete('cascade'))
    .addColumn('submission_id', 'uuid', (col) => col.notNull().references('submissions.id').onDelete('cascade'))
    .addColumn('choice', 'text', (col) => col.notNull().check(sql`choice in ('pin', 'exclude')`))
    .addColumn('note', 'text')
    .addColumn('decided_by', 'uuid', (col) => col.references('staff_users.id').onDelete('set null'))
    .addColumn('decided_at', 'timestamptz', (col) => col.notNull())
    .addPrimaryKeyConstraint('agenda_item_curation_pk', ['agenda_item_id', 'submission_id'])
    .execute();

  // "Your words were shared with the … committee on …": written when a meeting discusses an item.
  await db.schema
    .createTable('submission_shares')
    .addColumn('submission_id', 'uuid', (col) => col.notNull().references('submissions.id').onDelete('cascade'))
    .addColumn('agenda_item_id', 'uuid', (col) => col.notNull().references('agenda_items.id').onDelete('cascade'))
    .addColumn('shared_on', 'date', (col) => col.notNull())
    .addPrimaryKeyConstraint('submission_shares_pk', ['submission_id', 'agenda_item_id'])
    .execute();

  await db.schema.createIndex('submissions_pull').on('submissions').columns(['status', 'consent_share_with_committee', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('submissions_pull').execute();
  await db.schema.dropTable('submission_shares').execute();
  await db.schema.dropTable('agenda_item_curation').execute();
  await db.schema.alterTable('agenda_items').dropColumn('kinds').dropColumn('age_bands').dropColumn('discussed_at').dropColumn('outcome_note').execute();
}
