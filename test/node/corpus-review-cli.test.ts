// `npm run screening:corpus-review -- --out file`: the same corpus lines as the API, from the configured database.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../api/db/migrate.ts';
import { openNodeDatabase } from '../../api/db/open-node.ts';
import { corpusReviewLines, toJsonl } from '../../api/moderation/corpus-review.ts';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitForExit } from '../helpers/spawn-service.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('the corpus review script', () => {
  let dir: string;
  let expected: string;

  /** The script as `npm run screening:corpus-review -- …` runs it, against the embedded database in `dir`. */
  const script = (args: string[]) =>
    spawn(process.execPath, ['--import', 'tsx', 'api/corpus-review-cli.ts', ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'test', DATA_DIR: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'heard-corpus-'));
    const database = await openNodeDatabase({ databaseUrl: undefined, dataDir: dir, poolMax: 1 });
    try {
      await migrateToLatest(database.db);
      const consent = { consent_share_with_committee: true, consent_quote_in_reports: true, consent_publish_publicly: false, consent_given_by: 'self' as const };
      const [kept, withdrawn] = [crypto.randomUUID(), crypto.randomUUID()];
      await database.db
        .insertInto('submissions')
        .values([
          { id: kept, kind: 'quote', text: 'Nobody feeds me at home.', age_band: '12-15', language: 'pl', receipt: 'R1', ...consent },
          { id: withdrawn, kind: 'quote', text: null, age_band: '12-15', language: 'en', receipt: 'R2', status: 'withdrawn', ...consent },
        ])
        .execute();
      const review = { field: '/text', created_at: new Date(), status: 'accepted' as const, reviewed_at: new Date(), reason: null, phrase_id: null, signal: null, created_by: null };
      await database.db
        .insertInto('screening_reviews')
        .values([
          { ...review, submission_id: kept, kind: 'missed', category: 'neglect', language: 'pl', text_snapshot: 'Nikt mnie nie karmi, mail ola@example.com' },
          { ...review, submission_id: kept, kind: 'false_positive', category: 'bullying', language: 'en', text_snapshot: 'That joke killed me', status: 'pending' },
          { ...review, submission_id: withdrawn, kind: 'missed', category: 'neglect', language: 'en', text_snapshot: 'should never appear' },
        ])
        .execute();
      expected = toJsonl(await corpusReviewLines(database.db));
    } finally {
      await database.close();
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the accepted reviews of children who have not withdrawn, redacted, and audits it', async () => {
    const out = path.join(dir, 'corpus-review.jsonl');
    const run = await waitForExit(script([]));
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/usage: npm run screening:corpus-review -- --out FILE/);

    const done = await waitForExit(script(['--out', out]));
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/wrote 1 corpus line/);
    const file = await readFile(out, 'utf8');
    expect(file).toBe(expected);
    expect(JSON.parse(file)).toEqual({ text: 'Nikt mnie nie karmi, mail [removed]', label: 'disclosure', category: 'neglect', language: 'pl' });

    const database = await openNodeDatabase({ databaseUrl: undefined, dataDir: dir, poolMax: 1 });
    try {
      const audit = await database.db.selectFrom('audit_log').select(['action', 'details']).where('action', '=', 'screening_corpus.exported').execute();
      expect(audit).toEqual([{ action: 'screening_corpus.exported', details: { language: 'all', lines: 1, by: 'script' } }]);
    } finally {
      await database.close();
    }
  });
});
