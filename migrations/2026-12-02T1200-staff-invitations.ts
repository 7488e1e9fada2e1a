/**
 * Staff invitations (issue 15): roles and committee seats an admin gives by email before the person first signs in.
 * At first sign-in with a matching (lower-cased) email they become app roles and the rows are deleted. Frozen.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('staff_invitations')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('email', 'text', (col) => col.notNull().check(sql`email = lower(email)`))
    .addColumn('role', 'text', (col) =>
      col.notNull().check(sql`role in ('participation_worker', 'safeguarding_lead', 'committee_member', 'admin')`),
    )
    .addColumn('committee_id', 'integer', (col) => col.references('committees.id').onDelete('cascade'))
    .addColumn('invited_by', 'uuid', (col) => col.references('staff_users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('staff_invitations_unique', ['email', 'role', 'committee_id'], (c) => c.nullsNotDistinct())
    .addCheckConstraint('staff_invitations_seat', sql`(role = 'committee_member') = (committee_id is not null)`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('staff_invitations').execute();
}
