/**
 * A survey's title in every language staff give it ({"en": …, "pl": …}), for the children's app; `title` keeps the
 * English text that staff lists sort and show by. Null when the title was given as one English string. Frozen.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table surveys add column title_words jsonb`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table surveys drop column title_words`.execute(db);
}
