import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToEmpty, migrateToLatest } from '../../api/db/migrate.ts';
import type { OpenDatabase } from '../../api/db/open-node.ts';
import { migrations } from '../../migrations/index.ts';
import { createEmptyDatabase, engineName } from '../helpers/database.ts';

const expectedTables = [
  'agenda_item_curation',
  'agenda_item_figure_bases',
  'agenda_item_priorities',
  'agenda_item_surveys',
  'agenda_item_themes',
  'agenda_items',
  'annual_report_curation',
  'annual_report_figure_bases',
  'annual_report_version_entries',
  'annual_report_versions',
  'annual_reports',
  'audit_log',
  'committees',
  'forgotten_submissions',
  'jobs',
  'login_attempts',
  'maintenance_runs',
  'media_objects',
  'meetings',
  'moderation_decisions',
  'pack_version_entries',
  'pack_version_surveys',
  'pack_versions',
  'participation_groups',
  'priorities',
  'rate_limits',
  'school_names',
  'screening_reviews',
  'staff_invitations',
  'staff_roles',
  'staff_sessions',
  'staff_users',
  'submission_priorities',
  'submission_shares',
  'submission_themes',
  'submissions',
  'survey_answer_counts',
  'survey_respondent_counts',
  'survey_versions',
  'surveys',
  'themes',
];

async function tableNames(database: OpenDatabase): Promise<string[]> {
  const tables = await database.db.introspection.getTables();
  return tables.map((table) => table.name).sort();
}

describe(`migrations on ${engineName}`, () => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await createEmptyDatabase();
  });
  afterAll(() => database.close());

  it('apply every migration to an empty database', async () => {
    expect(await tableNames(database)).toEqual([]);
    expect(await migrateToLatest(database.db)).toEqual(Object.keys(migrations));
    expect(await tableNames(database)).toEqual(expectedTables);
  });

  it('do nothing when run again', async () => {
    expect(await migrateToLatest(database.db)).toEqual([]);
    expect(await tableNames(database)).toEqual(expectedTables);
  });

  it('roll back to empty and forward again', async () => {
    expect(await migrateToEmpty(database.db)).toEqual(Object.keys(migrations).reverse());
    expect(await tableNames(database)).toEqual([]);
    expect(await migrateToLatest(database.db)).toEqual(Object.keys(migrations));
  });

  it('enforce the data model: kinds, age bands and consent are constrained', async () => {
    const base = {
      id: crypto.randomUUID(),
      kind: 'quote' as const,
      age_band: '8-11' as const,
      consent_share_with_committee: true,
      consent_quote_in_reports: false,
      consent_publish_publicly: false,
      consent_given_by: 'self' as const,
      receipt: 'ABCD-EFGH-JKMN',
    };
    await database.db.insertInto('submissions').values(base).execute();
    const row = await database.db.selectFrom('submissions').selectAll().where('id', '=', base.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('received');
    expect(row.created_at).toBeInstanceOf(Date);

    await expect(
      database.db.insertInto('submissions').values({ ...base, id: crypto.randomUUID(), receipt: 'X1', kind: 'video' as 'quote' }).execute(),
    ).rejects.toThrow(/check constraint/);
    await expect(
      database.db.insertInto('submissions').values({ ...base, id: crypto.randomUUID(), receipt: 'X2', age_band: '3' as 'unknown' }).execute(),
    ).rejects.toThrow(/check constraint/);
    await expect(
      database.db.insertInto('submissions').values({ ...base, id: crypto.randomUUID() }).execute(),
    ).rejects.toThrow(/unique/);
  });

  it('keep the audit log append-only at the database', async () => {
    await database.db.insertInto('audit_log').values({ action: 'test.read', subject_type: 'submission', subject_id: 'x' }).execute();
    await expect(database.db.updateTable('audit_log').set({ action: 'tampered' } as never).execute()).rejects.toThrow(/append-only/);
    await expect(database.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(database.db)).rejects.toThrow(/append-only/);
    const rows = await database.db.selectFrom('audit_log').select(['action']).execute();
    expect(rows).toEqual([{ action: 'test.read' }]);
  });

  it('return bigint counts as numbers and dates as text on every engine', async () => {
    const committee = await database.db
      .insertInto('committees')
      .values({ slug: 'test-committee', title: 'Test' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await database.db.insertInto('meetings').values({ committee_id: committee.id, held_on: '2026-12-01' }).execute();
    const meeting = await database.db.selectFrom('meetings').select('held_on').executeTakeFirstOrThrow();
    expect(meeting.held_on).toBe('2026-12-01');
    const { count } = await database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    expect(count).toBe(1);
  });
});
