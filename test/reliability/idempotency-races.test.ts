// Release check 2, idempotency races: through the real app, one submission id is sent 20 times at once with the
// same body (a quote as JSON, a drawing as multipart), then again later; then with a different body, alone and racing
// the original. The intake contract: exactly one 201, every other answer 200 with the same body (id, receipt, status,
// showHelp); another body under the id is 422 problem+json `id_reused`; exactly one row, and for a drawing one media
// row, one job and one object in the blob store (the losers' uploads are dropped), processed once. Figures printed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineName } from '../helpers/database.ts';
import { parseConfig } from '../../api/config.ts';
import { createHarness, listKeys, type Harness } from '../helpers/harness.ts';
import { drawing, pngDrawing, postDrawing, postJson, quote } from '../helpers/intake.ts';
import { compareStoreWithRows, drainAndSweep, drawingJobs } from '../helpers/stored-media.ts';

const RACERS = 20;

type Answer = { status: number; contentType: string | null; body: Record<string, unknown> };

async function answerOf(response: Response): Promise<Answer> {
  return { status: response.status, contentType: response.headers.get('content-type'), body: (await response.json()) as Record<string, unknown> };
}

function tally(answers: readonly Answer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const answer of answers) counts[answer.status] = (counts[answer.status] ?? 0) + 1;
  return counts;
}

/** One 201; every other answer 200 with exactly the 201's body. */
function expectOneCreatedAndReplays(answers: readonly Answer[]): Record<string, unknown> {
  expect(tally(answers)).toEqual({ 201: 1, 200: answers.length - 1 });
  const created = answers.find((answer) => answer.status === 201)!.body;
  expect(created).toEqual({ id: expect.any(String), receipt: expect.any(String), status: 'received', showHelp: false });
  for (const answer of answers) expect(answer.body).toEqual(created);
  return created;
}

function expectIdReused(answer: Answer): void {
  expect(answer.status).toBe(422);
  expect(answer.contentType).toBe('application/problem+json');
  expect(answer.body).toMatchObject({ status: 422, code: 'id_reused', errors: [{ pointer: '/id' }] });
}

describe(`idempotency races through the real app on ${engineName}`, () => {
  let h: Harness;
  const figures: Record<string, unknown>[] = [];
  beforeAll(async () => {
    // Every racer must reach the idempotency check: the per-instance upload cap (tested in upload-limits) is raised.
    const intake = { ...parseConfig({ NODE_ENV: 'test' }).intake, maxConcurrentUploads: 100 };
    h = await createHarness({ config: { intake } });
  });
  afterAll(async () => {
    console.log(JSON.stringify({ check: 'idempotency races', engine: engineName, racers: RACERS, cases: figures }, null, 2));
    await h.close();
  });

  const rowsWithId = async (id: string) => h.database.db.selectFrom('submissions').select(['id', 'receipt', 'text']).where('id', '=', id).execute();

  it(`a quote sent ${RACERS} times at once: one 201, the rest 200 with the same body, one row; later the same; another body 422`, async () => {
    const body = quote({ text: 'Race me: I want a say in what happens at my review.' });
    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: RACERS }, async () => answerOf(await postJson(h.app, body))));
    const raceMs = Math.round(performance.now() - started);
    const created = expectOneCreatedAndReplays(answers);
    expect(await rowsWithId(body.id as string)).toEqual([{ id: body.id, receipt: created.receipt, text: body.text }]);

    const later = await answerOf(await postJson(h.app, body));
    expect(later).toMatchObject({ status: 200, body: created });
    const other = await answerOf(await postJson(h.app, { ...body, text: 'Something else entirely.' }));
    expectIdReused(other);
    expect(await rowsWithId(body.id as string)).toEqual([{ id: body.id, receipt: created.receipt, text: body.text }]);
    figures.push({ case: 'quote, same body', answers: tally(answers), raceMs, later: later.status, otherBody: other.status });
  });

  it(`a drawing sent ${RACERS} times at once: one 201, the rest 200 with the same body, one row, one job and one object`, async () => {
    const body = drawing({ text: 'Race me: the new bike shed' });
    const picture = await pngDrawing(320, 240);
    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: RACERS }, async () => answerOf(await postDrawing(h.app, body, picture))));
    const raceMs = Math.round(performance.now() - started);
    const created = expectOneCreatedAndReplays(answers);
    const id = body.id as string;
    expect(await rowsWithId(id)).toHaveLength(1);
    const media = await h.database.db.selectFrom('media_objects').select(['role', 'storage_key']).where('submission_id', '=', id).execute();
    expect(media).toEqual([{ role: 'original', storage_key: expect.stringMatching(`^quarantine/${id}/`) }]);
    // The nineteen losers each stored their copy before losing; every one was dropped.
    expect(await listKeys(h.blobs, `quarantine/${id}/`)).toEqual([media[0]!.storage_key]);
    expect((await drawingJobs(h.database.db)).get(id)).toHaveLength(1);

    const later = await answerOf(await postDrawing(h.app, body, picture));
    expect(later).toMatchObject({ status: 200, body: created });
    const otherPicture = await answerOf(await postDrawing(h.app, body, await pngDrawing(321, 240)));
    const otherText = await answerOf(await postDrawing(h.app, { ...body, text: 'My school' }, picture));
    expectIdReused(otherPicture);
    expectIdReused(otherText);
    expect(await listKeys(h.blobs, `quarantine/${id}/`)).toEqual([media[0]!.storage_key]);
    expect(await rowsWithId(id)).toHaveLength(1);

    // Processed once: one clean picture and thumbnail, the upload gone, nothing left over after the sweep.
    const { jobsRun } = await drainAndSweep(h.database.db, h.blobs, new Date(Date.now() + 60_000));
    const roles = await h.database.db.selectFrom('media_objects').select('role').where('submission_id', '=', id).orderBy('role').execute();
    expect(roles.map((row) => row.role)).toEqual(['processed', 'thumbnail']);
    expect(await listKeys(h.blobs, `quarantine/${id}/`)).toEqual([]);
    expect(await listKeys(h.blobs, `media/${id}/`)).toHaveLength(2);
    figures.push({ case: 'drawing, same body', answers: tally(answers), raceMs, later: later.status, otherPicture: otherPicture.status, otherText: otherText.status, jobsRun });
  });

  it.each(['quote', 'drawing'] as const)(`a %s under one id with two bodies at once (${RACERS / 2} each): the winner's body 201/200, the other 422, one row`, async (kind) => {
    const picture = await pngDrawing(200, 150);
    const first = kind === 'quote' ? quote({ text: 'First words' }) : drawing({ text: 'First picture' });
    const second = { ...first, text: 'Second words' };
    const send = (body: Record<string, unknown>) => (kind === 'quote' ? postJson(h.app, body) : postDrawing(h.app, body, picture));
    const answers = await Promise.all(Array.from({ length: RACERS }, async (_, index) => ({ body: index % 2 === 0 ? first : second, answer: await answerOf(await send(index % 2 === 0 ? first : second)) })));
    const winner = answers.find(({ answer }) => answer.status === 201)!;
    expect(answers.filter(({ answer }) => answer.status === 201)).toHaveLength(1);
    for (const { body, answer } of answers) {
      if (body === winner.body) expect([200, 201]).toContain(answer.status);
      else expectIdReused(answer);
      if (body === winner.body) expect(answer.body).toEqual(winner.answer.body);
    }
    const id = first.id as string;
    expect(await rowsWithId(id)).toEqual([{ id, receipt: winner.answer.body.receipt, text: winner.body.text }]);
    if (kind === 'drawing') expect(await listKeys(h.blobs, `quarantine/${id}/`)).toHaveLength(1);
    figures.push({ case: `${kind}, two bodies`, answers: tally(answers.map(({ answer }) => answer)) });
  });

  it('leaves the blob store holding exactly what the media rows name', async () => {
    await drainAndSweep(h.database.db, h.blobs, new Date(Date.now() + 60_000));
    const { orphans, missing, keys } = await compareStoreWithRows(h.database.db, h.blobs);
    expect({ orphans, missing }).toEqual({ orphans: [], missing: [] });
    figures.push({ case: 'store against rows', objects: keys.length });
  });
});
