/** Staff sign-in: server-side sessions and in-flight OpenID Connect logins. Frozen. */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The cookie holds a random token; only its SHA-256 is stored, so a database read cannot be replayed as a login.
  await db.schema
    .createTable('staff_sessions')
    .addColumn('token_hash', 'text', (col) => col.primaryKey())
    .addColumn('staff_user_id', 'uuid', (col) => col.notNull().references('staff_users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull())
    .addColumn('last_seen_at', 'timestamptz', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('staff_sessions_user').on('staff_sessions').column('staff_user_id').execute();

  await db.schema
    .createTable('login_attempts')
    .addColumn('state', 'text', (col) => col.primaryKey())
    .addColumn('code_verifier', 'text', (col) => col.notNull())
    .addColumn('nonce', 'text', (col) => col.notNull())
    .addColumn('return_to', 'text', (col) => col.notNull().defaultTo('/staff'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_attempts').execute();
  await db.schema.dropTable('staff_sessions').execute();
}
