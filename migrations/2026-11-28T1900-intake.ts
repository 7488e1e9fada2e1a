/** Intake: idempotency fingerprints, screening results, survey answers, withdrawal, rate limits. Frozen. */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('submissions')
    // SHA-256 of the canonical request (and image bytes): a retry with the same id must carry the same content.
    .addColumn('content_hash', 'text')
    .addColumn('wants_to_talk', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('safeguarding', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('identifying_details', 'boolean', (col) => col.notNull().defaultTo(false))
    // What screening found: phrase ids and categories, identifying-detail spans. Never a copy of the text.
    .addColumn('screening', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('survey_id', 'uuid')
    .addColumn('survey_version', 'integer')
    .addColumn('answers', 'jsonb')
    .addColumn('withdrawn_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('submissions_safeguarding_queue')
    .on('submissions')
    .columns(['created_at'])
    .where(sql.ref('safeguarding'), '=', true)
    .execute();

  await db.schema
    .createTable('surveys')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('survey_versions')
    .addColumn('survey_id', 'uuid', (col) => col.notNull().references('surveys.id').onDelete('cascade'))
    .addColumn('version', 'integer', (col) => col.notNull().check(sql`version > 0`))
    .addColumn('questions', 'jsonb', (col) => col.notNull())
    .addColumn('published_at', 'timestamptz')
    .addColumn('opens_at', 'timestamptz')
    .addColumn('closes_at', 'timestamptz')
    .addPrimaryKeyConstraint('survey_versions_pk', ['survey_id', 'version'])
    .execute();

  // School names the partnership wants flagged as identifying details in children's text.
  await db.schema
    .createTable('school_names')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .execute();

  // Fixed-window counters shared by every API instance. Keys are hashes, never a raw device id or group code.
  await db.schema
    .createTable('rate_limits')
    .addColumn('bucket', 'text', (col) => col.notNull())
    .addColumn('window_start', 'timestamptz', (col) => col.notNull())
    .addColumn('hits', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('rate_limits_pk', ['bucket', 'window_start'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limits').execute();
  await db.schema.dropTable('school_names').execute();
  await db.schema.dropTable('survey_versions').execute();
  await db.schema.dropTable('surveys').execute();
  await db.schema.dropIndex('submissions_safeguarding_queue').execute();
  await db.schema
    .alterTable('submissions')
    .dropColumn('content_hash')
    .dropColumn('wants_to_talk')
    .dropColumn('safeguarding')
    .dropColumn('identifying_details')
    .dropColumn('screening')
    .dropColumn('survey_id')
    .dropColumn('survey_version')
    .dropColumn('answers')
    .dropColumn('withdrawn_at')
    .execute();
}
