/**
 * Screening reviews (issue 20): a lead says a screening flag was a false positive, or reports a disclosure screening
 * missed. A reviewer accepts or rejects each; accepted ones become corpus lines. The text snapshot is one redacted
 * sentence, kept only when the child agreed to their words being quoted; withdrawal and retention clear it. Frozen.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('screening_reviews')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('submission_id', 'uuid', (col) => col.notNull().references('submissions.id').onDelete('cascade'))
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('false_positive', 'missed')`))
    .addColumn('category', 'text', (col) => col.notNull())
    .addColumn('reason', 'text')
    .addColumn('field', 'text', (col) => col.notNull())
    .addColumn('phrase_id', 'text')
    .addColumn('signal', 'text')
    .addColumn('language', 'text')
    .addColumn('text_snapshot', 'text')
    .addColumn('created_by', 'uuid', (col) => col.references('staff_users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('pending').check(sql`status in ('pending', 'accepted', 'rejected')`))
    .addColumn('reviewed_by', 'uuid', (col) => col.references('staff_users.id').onDelete('set null'))
    .addColumn('reviewed_at', 'timestamptz')
    .execute();
  await sql`create index screening_reviews_by_status on screening_reviews (status, created_at)`.execute(db);
  await sql`create index screening_reviews_by_submission on screening_reviews (submission_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('screening_reviews').execute();
}
