// "Draw your answer": a survey question answered with a picture, sent as the submission's image part and
// processed and moderated like any drawing, while the survey's results count it as answered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharpProcessor } from '../../api/images/sharp-processor.ts';
import { createJobRunner } from '../../api/jobs/runner.ts';
import type { DevOidcProvider } from '../../api/node/dev-oidc-provider.ts';
import { engineName } from '../helpers/database.ts';
import { createHarness, listKeys, type Harness } from '../helpers/harness.ts';
import { pngDrawing, postDrawing, postJson, quote } from '../helpers/intake.ts';
import { signInAs, staffConfig, startTestProvider, type SignedIn } from '../helpers/staff.ts';

const question = (id: string, type: string) => ({ id, type, text: { en: `Question ${id}` } });
const definition = (questions: unknown[]) => ({ title: 'My home', intro: { en: 'Tell us about home.' }, questions });

describe(`drawn survey answers on ${engineName}`, () => {
  let provider: DevOidcProvider;
  let h: Harness;
  let worker: SignedIn;
  let surveyId: string;
  let picture: Uint8Array;

  const survey = (answers: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    quote({ kind: 'survey', text: undefined, surveyId, answers, ...extra });

  beforeAll(async () => {
    provider = await startTestProvider();
    h = await createHarness({ config: staffConfig(), oidc: provider.settings });
    worker = await signInAs(h.app, 'worker');
    picture = await pngDrawing(320, 240);
    const created = await worker.json('/api/surveys', 'POST', definition([question('feel', 'emoji_scale'), question('home', 'draw')]));
    expect(created.status).toBe(201);
    surveyId = (await created.json()).id;
    expect((await worker.json(`/api/surveys/${surveyId}/publish`, 'POST')).status).toBe(200);
  });
  afterAll(async () => {
    await h.close();
    await provider.stop();
  });

  it('refuses a version that asks for two drawings, in authoring and in import', async () => {
    const two = definition([question('a', 'draw'), question('b', 'draw')]);
    const response = await worker.json('/api/surveys', 'POST', two);
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await response.json()).errors).toEqual([expect.objectContaining({ pointer: '/questions', detail: expect.stringMatching(/at most one drawing/) })]);
    const imported = await worker.json('/api/surveys/import', 'POST', { format: 'heard-survey/1', ...two });
    expect(imported.status).toBe(422);
  });

  it('stores the picture of a drawn answer, processes it like a drawing, and counts the question as answered', async () => {
    const body = survey({ feel: 4, home: 'drawing' });
    const response = await postDrawing(h.app, body, picture);
    expect(response.status).toBe(201);
    expect((await postDrawing(h.app, body, picture)).status).toBe(200);
    expect((await listKeys(h.blobs, `quarantine/${body.id}/`)).length).toBe(1);

    expect(await createJobRunner(h.deps, createSharpProcessor()).drain()).toBeGreaterThanOrEqual(1);
    const media = await h.database.db.selectFrom('media_objects').select(['role', 'processing_status']).where('submission_id', '=', body.id as string).orderBy('role').execute();
    expect(media).toEqual([
      { role: 'processed', processing_status: 'ready' },
      { role: 'thumbnail', processing_status: 'ready' },
    ]);

    // A drawn answer waits for moderation like a drawing: it is in the queue with its picture.
    const detail = await worker.request(`/api/moderation/submissions/${body.id}`);
    expect(detail.status).toBe(200);
    expect(JSON.stringify(await detail.json())).toContain('processed');

    // Results show from five respondents on; four more answer without drawing.
    for (const feel of [2, 3, 4, 5]) expect((await postJson(h.app, survey({ feel }))).status).toBe(201);
    const results = await (await worker.request(`/api/surveys/${surveyId}/results`)).json();
    expect(results.respondents).toBe(5);
    expect(results.overall.home).toEqual({ answered: 1, counts: {} });
    expect(results.overall.feel.counts['4']).toBe(2);
  });

  it('answers 422 naming the field when the picture and the answer do not match', async () => {
    const cases: { name: string; send: () => Promise<Response>; pointer: string }[] = [
      { name: 'drawn answer without a picture', send: () => postJson(h.app, survey({ home: 'drawing' })), pointer: '/answers/home' },
      { name: 'picture without a drawn answer', send: () => postDrawing(h.app, survey({ feel: 3 }), picture), pointer: '/image' },
      { name: 'drawn question answered with text', send: () => postDrawing(h.app, survey({ home: 'a house' }), picture), pointer: '/answers/home' },
      { name: 'picture with a quote', send: () => postDrawing(h.app, quote(), picture), pointer: '/image' },
    ];
    for (const { name, send, pointer } of cases) {
      const response = await send();
      expect(response.status, name).toBe(422);
      expect(response.headers.get('content-type'), name).toMatch(/^application\/problem\+json/);
      expect((await response.json()).errors.map((e: { pointer: string }) => e.pointer), name).toContain(pointer);
    }
  });
});
