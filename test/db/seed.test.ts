import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../api/db/open-node.ts';
import { loadSeedFile } from '../../api/seed/load-seed-file.ts';
import { applySeed, SeedFileError } from '../../api/seed/seed.ts';
import { createTestDatabase, engineName } from '../helpers/database.ts';

async function writeTemp(name: string, text: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'heard-seed-'));
  const file = path.join(dir, name);
  await writeFile(file, text);
  return file;
}

describe(`seed loading on ${engineName}`, () => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('loads the seven priorities and six committees of the default partnership, in order', async () => {
    await applySeed(database.db, await loadSeedFile());
    const priorities = await database.db.selectFrom('priorities').select(['slug', 'title']).orderBy('position').execute();
    expect(priorities.map((p) => p.title)).toEqual([
      'Contextual Risk',
      'Vulnerable Adolescent',
      'Mental Health',
      'Under Fives',
      'Domestic Abuse',
      'SEND',
      'Anti-Discriminatory / Anti-Racist Practice',
    ]);
    const committees = await database.db.selectFrom('committees').select('title').orderBy('position').execute();
    expect(committees.map((c) => c.title)).toEqual([
      'Executive',
      'Monitoring Quality & Performance',
      'Training & Workforce Development',
      'Safeguarding & Continuous Learning',
      'Front Door Strategic Group',
      'Vulnerable Adolescent Group',
    ]);
  });

  it('is idempotent and keeps ids stable when applied again', async () => {
    const before = await database.db.selectFrom('priorities').select(['id', 'slug']).orderBy('id').execute();
    await applySeed(database.db, await loadSeedFile());
    const after = await database.db.selectFrom('priorities').select(['id', 'slug']).orderBy('id').execute();
    expect(after).toEqual(before);
  });

  it('gives the partnership a ready "Annual report: voice of the child" over every priority and committee, once', async () => {
    await applySeed(database.db, await loadSeedFile());
    const reports = await database.db.selectFrom('annual_reports').selectAll().execute();
    expect(reports).toHaveLength(1);
    const priorities = await database.db.selectFrom('priorities').select('id').orderBy('position').execute();
    const committees = await database.db.selectFrom('committees').select('id').orderBy('position').execute();
    expect(reports[0]).toMatchObject({
      title: 'Annual report: voice of the child',
      period_start: '2026-04-01',
      period_end: '2027-03-31',
      priority_ids: priorities.map((p) => p.id),
      committee_ids: committees.map((c) => c.id),
      public_summary: false,
    });
  });

  it("takes another partnership's file: renames by slug, adds new ones, deletes nothing", async () => {
    const file = await writeTemp(
      'other.yaml',
      [
        'priorities:',
        '  - { slug: mental-health, title: Emotional Wellbeing }',
        '  - { slug: neglect, title: Neglect, description: Chronic neglect }',
        'committees:',
        '  - { slug: executive, title: Board }',
      ].join('\n'),
    );
    await applySeed(database.db, await loadSeedFile(file));
    const renamed = await database.db.selectFrom('priorities').select(['title', 'position']).where('slug', '=', 'mental-health').executeTakeFirstOrThrow();
    expect(renamed).toEqual({ title: 'Emotional Wellbeing', position: 0 });
    const added = await database.db.selectFrom('priorities').select('description').where('slug', '=', 'neglect').executeTakeFirstOrThrow();
    expect(added.description).toBe('Chronic neglect');
    const count = await database.db.selectFrom('priorities').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(count.n).toBe(8);
  });

  it('accepts JSON as well as YAML', async () => {
    const file = await writeTemp('p.json', JSON.stringify({ priorities: [{ slug: 'a-b', title: 'A' }], committees: [{ slug: 'c', title: 'C' }] }));
    expect((await loadSeedFile(file)).priorities[0]?.slug).toBe('a-b');
  });

  it.each([
    ['priorities: []\ncommittees: [{ slug: x, title: X }]', /priorities/],
    ['priorities: [{ slug: Bad Slug, title: X }]\ncommittees: [{ slug: x, title: X }]', /priorities\.0\.slug/],
    ['priorities: [{ slug: a, title: A }, { slug: a, title: B }]\ncommittees: [{ slug: x, title: X }]', /unique/],
    ['priorities: [unclosed', /not valid YAML/],
  ])('refuses a bad file with a message naming the problem (%#)', async (text, message) => {
    const file = await writeTemp('bad.yaml', text);
    const attempt = loadSeedFile(file);
    await expect(attempt).rejects.toBeInstanceOf(SeedFileError);
    await expect(attempt).rejects.toThrow(message);
  });

  it('names a missing file', async () => {
    await expect(loadSeedFile('/nonexistent/heard.yaml')).rejects.toThrow(/SEED_FILE \/nonexistent\/heard.yaml cannot be read: ENOENT/);
  });
});
