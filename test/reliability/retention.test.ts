// Release check 12, retention (docs/retention.md): the sweep minimises content some months after a submission's last
// use and deletes the record later, with every stored object; withdrawn words are gone at once; a possible disclosure
// no lead has acted on is kept whole; and nothing withdrawn or deleted comes back when an app retries it.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../api/config.ts';
import { createSharpProcessor } from '../../api/images/sharp-processor.ts';
import { createJobRunner } from '../../api/jobs/runner.ts';
import { runMaintenanceSweep } from '../../api/retention/sweep.ts';
import { engineName } from '../helpers/database.ts';
import { createHarness, listKeys, type Harness } from '../helpers/harness.ts';
import { drawing, pngDrawing, postDrawing, postJson, quote } from '../helpers/intake.ts';

const DAY = 86_400_000;
const start = new Date('2027-01-10T10:00:00Z');

describe(`retention on ${engineName}`, () => {
  let h: Harness;
  let now = start;
  const sent = new Map<string, { body: Record<string, unknown>; picture?: Uint8Array; receipt: string }>();
  let picture: Uint8Array;

  async function send(name: string, body: Record<string, unknown>, withPicture = false): Promise<string> {
    const response = withPicture ? await postDrawing(h.app, body, picture) : await postJson(h.app, body);
    expect(response.status, name).toBe(201);
    sent.set(name, { body, picture: withPicture ? picture : undefined, receipt: (await response.json()).receipt });
    return body.id as string;
  }
  const idOf = (name: string) => sent.get(name)!.body.id as string;
  const resend = (name: string) => {
    const { body, picture: image } = sent.get(name)!;
    return image ? postDrawing(h.app, body, image) : postJson(h.app, body);
  };
  const row = (name: string) =>
    h.database.db
      .selectFrom('submissions')
      .select(['status', 'text', 'redacted_text', 'answers', 'screening', 'content_hash', 'minimised_at', 'priority_ids'])
      .where('id', '=', idOf(name))
      .executeTakeFirst();
  const objectsOf = async (name: string) => (await listKeys(h.blobs)).filter((key) => key.includes(idOf(name)));
  const mediaRows = async (name: string) => (await h.database.db.selectFrom('media_objects').select('id').where('submission_id', '=', idOf(name)).execute()).length;
  const sweepAt = async (date: Date) => {
    now = date;
    return runMaintenanceSweep(h.deps);
  };

  beforeAll(async () => {
    const config = parseConfig({ NODE_ENV: 'test', RETENTION_CONTENT_MONTHS: '12', RETENTION_DAYS: '730' });
    h = await createHarness({ clock: { now: () => now }, config: { retention: config.retention } });
    picture = await pngDrawing(160, 120);
    const survey = await h.database.db.insertInto('surveys').values({ title: 'Home', created_by: null }).returning('id').executeTakeFirstOrThrow();
    await h.database.db
      .insertInto('survey_versions')
      .values({
        survey_id: survey.id,
        version: 1,
        questions: JSON.stringify([
          { id: 'happy', type: 'emoji_scale', text: { en: 'Happy?' } },
          { id: 'why', type: 'free_text', text: { en: 'Why?' } },
        ]),
        intro: JSON.stringify({ en: 'About home.' }),
        published_at: start,
        opens_at: null,
        closes_at: null,
        group_ids: null,
      })
      .execute();

    await send('agreed quote', quote({ text: 'Quincy from Elm Road says the bus is always late' }));
    await send('private quote', quote({ text: 'Rosalind wants evening visits', consent: { shareWithCommittee: true, quoteInReports: false, publishPublicly: false, givenBy: 'self' } }));
    await send('drawing', drawing({ text: 'My room' }), true);
    await send('withdrawn', drawing({ text: 'Tobias drew his social worker' }), true);
    await send('disclosure', quote({ text: 'my uncle hits me when mum is out' }));
    await send('survey', quote({ kind: 'survey', text: undefined, surveyId: survey.id, answers: { happy: 2, why: 'Because Ulrika at number 4 shouts' } }));
    await send('cited', quote({ text: 'Valentina wants a key worker who stays' }));
    expect(await createJobRunner(h.deps, createSharpProcessor()).drain()).toBeGreaterThanOrEqual(2);

    // Moderated: the agreed quote approved with a redaction, the others approved as sent.
    const priority = await h.database.db.selectFrom('priorities').select('id').where('slug', '=', 'mental-health').executeTakeFirstOrThrow();
    for (const name of ['agreed quote', 'private quote', 'drawing', 'survey', 'cited']) {
      await h.database.db.updateTable('submissions').set({ status: 'approved' }).where('id', '=', idOf(name)).execute();
      await h.database.db.insertInto('submission_priorities').values({ submission_id: idOf(name), priority_id: priority.id, tagged_by: null }).execute();
    }
    await h.database.db.updateTable('submissions').set({ redacted_text: '[name removed] says the bus is always late' }).where('id', '=', idOf('agreed quote')).execute();
    // A lead said screening got this one wrong; the review kept the sentence (the child agreed to quotes).
    await h.database.db
      .insertInto('screening_reviews')
      .values({ submission_id: idOf('agreed quote'), kind: 'missed', category: 'neglect', reason: null, field: '/text', phrase_id: null, signal: null, language: 'en', text_snapshot: 'Quincy from Elm Road says the bus is always late', created_by: null, created_at: start })
      .execute();
  });
  afterAll(() => h.close());

  it("never copies a child's written survey answer into the survey counts, where neither withdrawal nor retention would reach it", async () => {
    const counts = await h.database.db.selectFrom('survey_answer_counts').selectAll().execute();
    expect(counts.map((row) => [row.question, row.value, row.n])).toEqual(expect.arrayContaining([['happy', '2', 1], ['why', '', 1]]));
    expect(JSON.stringify(counts)).not.toContain('Ulrika');
  });

  it('erases withdrawn words and pictures at once, and a retry from the app does not bring them back', async () => {
    expect((await objectsOf('withdrawn')).length).toBe(2);
    expect((await h.app.request(`/api/receipts/${sent.get('withdrawn')!.receipt}/withdraw`, { method: 'POST' })).status).toBe(200);
    await sweepAt(new Date(start.getTime() + DAY));
    expect(await row('withdrawn')).toMatchObject({ status: 'withdrawn', text: null, redacted_text: null, answers: null, content_hash: null });
    expect(await objectsOf('withdrawn')).toEqual([]);
    expect(await mediaRows('withdrawn')).toBe(0);
    expect((await resend('withdrawn')).status).toBe(200);
    expect(await row('withdrawn')).toMatchObject({ status: 'withdrawn', text: null });
    expect(await objectsOf('withdrawn')).toEqual([]);
  });

  it('keeps everything while it is in use: nothing is minimised before the months have passed', async () => {
    // Ten months on, a committee shares the cited quote.
    const tenMonths = new Date('2027-11-10T10:00:00Z');
    const committee = await h.database.db.selectFrom('committees').select('id').executeTakeFirstOrThrow();
    const meeting = await h.database.db.insertInto('meetings').values({ committee_id: committee.id, held_on: '2027-11-10', title: null }).returning('id').executeTakeFirstOrThrow();
    const item = await h.database.db.insertInto('agenda_items').values({ meeting_id: meeting.id, title: 'Key workers', submitted_from: null, submitted_until: null, kinds: null, age_bands: null, discussed_at: tenMonths, outcome_note: null }).returning('id').executeTakeFirstOrThrow();
    await h.database.db.insertInto('submission_shares').values({ submission_id: idOf('cited'), agenda_item_id: item.id, shared_on: '2027-11-10' }).execute();
    expect(await sweepAt(tenMonths)).toMatchObject({ minimised: 0, expired: 0 });
    expect((await row('drawing'))!.minimised_at).toBeNull();
    expect(await objectsOf('drawing')).toHaveLength(2);
  });

  it('minimises content twelve months after the last use: only counts, tags, closed answers and agreed quotes stay', async () => {
    const result = await sweepAt(new Date('2028-01-11T10:00:00Z'));
    // The agreed quote, the private quote, the drawing and the survey; the withdrawn one is minimised too (nothing left to remove).
    expect(result.minimised).toBe(5);

    expect(await row('agreed quote')).toMatchObject({ text: null, redacted_text: '[name removed] says the bus is always late', content_hash: null });
    expect(await row('private quote')).toMatchObject({ text: null, redacted_text: null, content_hash: null });
    expect(await row('survey')).toMatchObject({ answers: { happy: 2, why: '' }, content_hash: null });
    expect((await row('survey'))!.screening).toEqual({});
    expect(await row('drawing')).toMatchObject({ status: 'approved', text: null });
    expect((await row('drawing'))!.priority_ids).toHaveLength(1);
    expect(await objectsOf('drawing')).toEqual([]);
    expect(await mediaRows('drawing')).toBe(0);
    const stored = JSON.stringify(await h.database.db.selectFrom('submissions').selectAll().execute());
    for (const name of ['Quincy', 'Rosalind', 'Ulrika', 'Tobias']) expect(stored).not.toContain(name);
    // A screening review keeps its verdict, not the words.
    expect(await h.database.db.selectFrom('screening_reviews').select(['category', 'text_snapshot']).execute()).toEqual([{ category: 'neglect', text_snapshot: null }]);
    // The survey's figures are the same after minimisation: the written answer still counts as answered.
    const counts = await h.database.db.selectFrom('survey_answer_counts').select(['question', 'value', 'n', 'answered']).where('question', '=', 'why').execute();
    expect(counts).toEqual([{ question: 'why', value: '', n: 1, answered: 1 }]);

    // Still in use (shared two months ago), and a disclosure no lead has acted on: kept whole.
    expect(await row('cited')).toMatchObject({ text: 'Valentina wants a key worker who stays', minimised_at: null });
    expect(await row('disclosure')).toMatchObject({ text: 'my uncle hits me when mum is out', minimised_at: null });

    // A retry of a minimised submission is answered as before and stores nothing again.
    expect((await resend('private quote')).status).toBe(200);
    expect((await resend('drawing')).status).toBe(200);
    expect(await objectsOf('drawing')).toEqual([]);
    expect(await row('private quote')).toMatchObject({ text: null });
    const audit = await h.database.db.selectFrom('audit_log').select('subject_id').where('action', '=', 'submission.minimised').execute();
    expect(audit).toHaveLength(5);
  });

  it('minimises what a committee used twelve months after that use', async () => {
    expect(await sweepAt(new Date('2028-11-09T10:00:00Z'))).toMatchObject({ minimised: 0 });
    expect(await sweepAt(new Date('2028-11-11T10:00:00Z'))).toMatchObject({ minimised: 1 });
    expect(await row('cited')).toMatchObject({ text: null, redacted_text: 'Valentina wants a key worker who stays' });
  });

  it('deletes records two years after their last use; a retry of a deleted one is refused, never stored again', async () => {
    const result = await sweepAt(new Date('2029-01-11T10:00:00Z'));
    expect(result.expired).toBe(5);
    for (const name of ['agreed quote', 'private quote', 'drawing', 'survey', 'withdrawn']) expect(await row(name), name).toBeUndefined();
    expect(await row('cited')).toBeDefined();
    expect(await row('disclosure')).toMatchObject({ text: 'my uncle hits me when mum is out' });
    expect((await h.app.request(`/api/receipts/${sent.get('drawing')!.receipt}`)).status).toBe(404);

    for (const name of ['withdrawn', 'drawing', 'agreed quote', 'survey']) {
      const retry = await resend(name);
      expect(retry.status, name).toBe(410);
      expect(retry.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await row(name), name).toBeUndefined();
    }
    expect(await listKeys(h.blobs)).toEqual([]);
    const { n } = await h.database.db.selectFrom('forgotten_submissions').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    expect(n).toBe(5);
  });

  it('keeps a disclosure until a lead has acted, then applies the same policy', async () => {
    await h.database.db.updateTable('submissions').set({ safeguarding_resolution: 'escalated', referral_reference: 'MASH-1' }).where('id', '=', idOf('disclosure')).execute();
    const result = await sweepAt(new Date('2029-01-11T11:00:00Z'));
    expect(result).toMatchObject({ minimised: 1, expired: 1 });
    expect(await row('disclosure')).toBeUndefined();
  });
});
