// The submission's copies of its tag ids (for the committee pull) follow the tag tables through every change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../api/db/open-node.ts';
import { generateReceipt } from '../../api/intake/receipt.ts';
import { loadSeedFile } from '../../api/seed/load-seed-file.ts';
import { applySeed } from '../../api/seed/seed.ts';
import { createTestDatabase, engineName } from '../helpers/database.ts';

describe(`tag arrays on ${engineName}`, () => {
  let database: OpenDatabase;
  let priorities: number[];
  let themes: number[];

  async function submission(): Promise<string> {
    const id = crypto.randomUUID();
    await database.db
      .insertInto('submissions')
      .values({ id, kind: 'quote', text: 'words', age_band: '8-11', consent_share_with_committee: true, consent_quote_in_reports: true, consent_publish_publicly: false, consent_given_by: 'self', receipt: generateReceipt() })
      .execute();
    return id;
  }
  const arrays = (id: string) => database.db.selectFrom('submissions').select(['priority_ids', 'theme_ids']).where('id', '=', id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    database = await createTestDatabase();
    await applySeed(database.db, await loadSeedFile());
    priorities = (await database.db.selectFrom('priorities').select('id').orderBy('id').execute()).map((row) => row.id);
    themes = (await database.db.selectFrom('themes').select('id').orderBy('id').execute()).map((row) => row.id);
  });
  afterAll(() => database.close());

  it('starts empty, gains tags in order, and loses them again', async () => {
    const id = await submission();
    expect(await arrays(id)).toEqual({ priority_ids: [], theme_ids: [] });
    await database.db.insertInto('submission_priorities').values([priorities[3]!, priorities[0]!].map((priority_id) => ({ submission_id: id, priority_id, tagged_by: null }))).execute();
    await database.db.insertInto('submission_themes').values({ submission_id: id, theme_id: themes[1]!, tagged_by: null }).execute();
    expect(await arrays(id)).toEqual({ priority_ids: [priorities[0], priorities[3]], theme_ids: [themes[1]] });

    await database.db.deleteFrom('submission_priorities').where('submission_id', '=', id).where('priority_id', '=', priorities[0]!).execute();
    await database.db.deleteFrom('submission_themes').where('submission_id', '=', id).execute();
    expect(await arrays(id)).toEqual({ priority_ids: [priorities[3]], theme_ids: [] });
  });

  it('moves with a tag that is moved to another submission, and lets a tagged submission be deleted', async () => {
    const [first, second] = [await submission(), await submission()];
    await database.db.insertInto('submission_priorities').values({ submission_id: first, priority_id: priorities[2]!, tagged_by: null }).execute();
    await database.db.updateTable('submission_priorities').set({ submission_id: second }).where('submission_id', '=', first).execute();
    expect((await arrays(first)).priority_ids).toEqual([]);
    expect((await arrays(second)).priority_ids).toEqual([priorities[2]]);

    await database.db.deleteFrom('submissions').where('id', '=', second).execute();
    expect(await database.db.selectFrom('submission_priorities').selectAll().where('submission_id', '=', second).execute()).toEqual([]);
  });
});
