/** Moderation: redaction, claims, decisions with undo, and the safeguarding lane. Frozen. */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('submissions')
    // What everyone but a safeguarding lead sees once a moderator has redacted; null until then.
    .addColumn('redacted_text', 'text')
    .addColumn('claimed_by', 'uuid', (col) => col.references('staff_users.id').onDelete('set null'))
    .addColumn('claim_expires_at', 'timestamptz')
    .addColumn('moderated_by', 'uuid', (col) => col.references('staff_users.id').onDelete('set null'))
    .addColumn('moderated_at', 'timestamptz')
    .addColumn('rejection_reason', 'text')
    .addColumn('flagged_by', 'uuid', (col) => col.references('staff_users.id').onDelete('set null'))
    .addColumn('safeguarding_resolution', 'text', (col) => col.check(sql`safeguarding_resolution in ('escalated', 'no_concern')`))
    .addColumn('safeguarding_resolved_by', 'uuid', (col) => col.references('staff_users.id').onDelete('set null'))
    .addColumn('safeguarding_resolved_at', 'timestamptz')
    .addColumn('safeguarding_note', 'text')
    .addColumn('referral_reference', 'text')
    .execute();

  await db.schema
    .createTable('moderation_decisions')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('submission_id', 'uuid', (col) => col.notNull().references('submissions.id').onDelete('cascade'))
    .addColumn('staff_user_id', 'uuid', (col) => col.notNull().references('staff_users.id'))
    .addColumn('action', 'text', (col) => col.notNull())
    // The moderation fields before the decision, so the last decision can be undone within a short window.
    .addColumn('before', 'jsonb', (col) => col.notNull())
    .addColumn('at', 'timestamptz', (col) => col.notNull())
    .addColumn('undone_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('moderation_decisions_submission').on('moderation_decisions').columns(['submission_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('moderation_decisions').execute();
  await db.schema
    .alterTable('submissions')
    .dropColumn('redacted_text')
    .dropColumn('claimed_by')
    .dropColumn('claim_expires_at')
    .dropColumn('moderated_by')
    .dropColumn('moderated_at')
    .dropColumn('rejection_reason')
    .dropColumn('flagged_by')
    .dropColumn('safeguarding_resolution')
    .dropColumn('safeguarding_resolved_by')
    .dropColumn('safeguarding_resolved_at')
    .dropColumn('safeguarding_note')
    .dropColumn('referral_reference')
    .execute();
}
