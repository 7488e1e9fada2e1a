// Intake rules beyond the shape of a request: groups, screening, rate limits and survey answers.
import { parseConfig } from '../../api/config.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineName } from '../helpers/database.ts';
import { countRows, createHarness, type Harness } from '../helpers/harness.ts';
import { postJson, quote } from '../helpers/intake.ts';

const DAY = 24 * 3600 * 1000;

describe(`intake rules on ${engineName}`, () => {
  let h: Harness;
  let now = new Date('2026-11-28T10:00:00Z');
  beforeAll(async () => {
    h = await createHarness({
      clock: { now: () => now },
      config: { rateLimit: { ...parseConfig({ NODE_ENV: 'test' }).rateLimit, windowSeconds: 600, perDevice: 3, perDeviceInGroup: 4, perGroup: 5, withoutDevice: 50, floodHold: 0 } },
    });
    await h.database.db
      .insertInto('participation_groups')
      .values([
        { name: 'Care Leavers Forum', join_code: 'LEAVERS24', active_from: new Date(now.getTime() - DAY), active_until: null },
        { name: 'Summer Group', join_code: 'SUMMER23', active_from: new Date(now.getTime() - 90 * DAY), active_until: new Date(now.getTime() - DAY) },
        { name: 'Busy Class', join_code: 'CLASS7B', active_from: new Date(now.getTime() - DAY), active_until: null },
        { name: 'Tablet Class', join_code: 'CLASS8T', active_from: new Date(now.getTime() - DAY), active_until: null },
      ])
      .execute();
  });
  afterAll(() => h.close());

  describe('POST /api/groups/join', () => {
    it("returns an open group's name, however the code is typed", async () => {
      const response = await h.app.request('/api/groups/join', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'leavers 24' }) });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ name: 'Care Leavers Forum', code: 'leavers 24' });
    });

    it.each(['SUMMER23', 'NOSUCHCODE'])('answers an expired or unknown code (%s) with a kind 404', async (code) => {
      const response = await h.app.request('/api/groups/join', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect((await response.json()).detail).toMatch(/don't know that code/);
    });

    it('validates its body', async () => {
      const response = await h.app.request('/api/groups/join', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"code": 5}' });
      expect(response.status).toBe(422);
      expect((await response.json()).errors[0].pointer).toBe('/code');
      const malformed = await h.app.request('/api/groups/join', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"code' });
      expect(malformed.status).toBe(400);
      expect((await malformed.json()).code).toBe('malformed_json');
    });
  });

  describe('group submissions', () => {
    it('record the group of a valid code', async () => {
      const body = quote({ groupCode: 'leavers24' });
      expect((await postJson(h.app, body, { 'heard-device-id': 'device-group-00000001' })).status).toBe(201);
      const row = await h.database.db
        .selectFrom('submissions')
        .innerJoin('participation_groups', 'participation_groups.id', 'submissions.group_id')
        .select('participation_groups.name')
        .where('submissions.id', '=', body.id as string)
        .executeTakeFirstOrThrow();
      expect(row.name).toBe('Care Leavers Forum');
    });

    it('refuse an expired code with a 422 naming it, storing nothing', async () => {
      const before = await countRows(h.database, 'submissions');
      const response = await postJson(h.app, quote({ groupCode: 'SUMMER23' }));
      expect(response.status).toBe(422);
      expect(await response.json()).toMatchObject({ code: 'unknown_group', errors: [{ pointer: '/groupCode' }] });
      expect(await countRows(h.database, 'submissions')).toBe(before);
    });
  });

  describe('screening never blocks the child and never hides anything', () => {
    it('flags a possible disclosure for safeguarding and tells the app to show help', async () => {
      const body = quote({ text: 'my dad hits me when hes angry and im scared to go home' });
      const response = await postJson(h.app, body);
      expect(response.status).toBe(201);
      expect((await response.json()).showHelp).toBe(true);
      const row = await h.database.db.selectFrom('submissions').select(['safeguarding', 'status', 'text', 'screening']).where('id', '=', body.id as string).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ safeguarding: true, status: 'received', text: body.text });
      const screening = row.screening as { safeguarding: { field: string; start: number; end: number }[] };
      expect(screening.safeguarding.length).toBeGreaterThan(0);
      expect(screening.safeguarding[0]!.field).toBe('/text');
      expect(JSON.stringify(screening)).not.toContain('hits me');
    });

    it('routes "I want someone to talk to me" to the safeguarding lane like a screening hit', async () => {
      const body = quote({ text: 'Can someone call me?', wantsToTalk: true });
      const response = await postJson(h.app, body);
      expect((await response.json()).showHelp).toBe(true);
      const row = await h.database.db.selectFrom('submissions').select(['safeguarding', 'wants_to_talk']).where('id', '=', body.id as string).executeTakeFirstOrThrow();
      expect(row).toEqual({ safeguarding: true, wants_to_talk: true });
    });

    it('records the spans of identifying details (an email, a school from the partnership list) for one-click redaction', async () => {
      const text = 'email me at sam.t@example.com, I go to Riverside Primary School';
      const body = quote({ text });
      expect((await postJson(h.app, body)).status).toBe(201);
      const row = await h.database.db.selectFrom('submissions').select(['identifying_details', 'screening', 'safeguarding']).where('id', '=', body.id as string).executeTakeFirstOrThrow();
      expect(row.identifying_details).toBe(true);
      expect(row.safeguarding).toBe(false);
      const spans = (row.screening as { identifying: { kind: string; start: number; end: number }[] }).identifying;
      expect(spans.map((s) => [s.kind, text.slice(s.start, s.end)])).toEqual([
        ['email', 'sam.t@example.com'],
        ['school', 'Riverside Primary School'],
      ]);
    });
  });

  describe('rate limits', () => {
    it('limit new submissions per device with 429 and Retry-After; other devices and replays carry on', async () => {
      const device = { 'heard-device-id': 'device-busy-000000001' };
      const sent = [quote(), quote(), quote()];
      for (const body of sent) expect((await postJson(h.app, body, device)).status).toBe(201);
      const limited = await postJson(h.app, quote(), device);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('content-type')).toBe('application/problem+json');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await postJson(h.app, sent[0]!, device)).status).toBe(200);
      expect((await postJson(h.app, quote(), { 'heard-device-id': 'device-other-00000001' })).status).toBe(201);
    });

    it('let a class take turns on one tablet in a group session, up to the shared-device limit', async () => {
      const tablet = { 'heard-device-id': 'device-tablet-0000001' };
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await postJson(h.app, quote({ groupCode: 'CLASS8T' }), tablet)).status);
      // Past the per-device limit (3) with the group code, and refused past the shared-device limit (4) while the
      // group's own limit (5) still has room: another device of the class is accepted.
      expect(statuses).toEqual([201, 201, 201, 201, 429]);
      expect((await postJson(h.app, quote({ groupCode: 'CLASS8T' }), { 'heard-device-id': 'device-class8-000001' })).status).toBe(201);
      // Without a group code the same tablet is an ordinary device, already past its limit.
      expect((await postJson(h.app, quote(), tablet)).status).toBe(429);
    });

    it('limit a group across devices, and reset when the window passes', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        statuses.push((await postJson(h.app, quote({ groupCode: 'CLASS7B' }), { 'heard-device-id': `device-class-${String(i).padStart(8, '0')}` })).status);
      }
      expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
      now = new Date(now.getTime() + 11 * 60 * 1000);
      expect((await postJson(h.app, quote({ groupCode: 'CLASS7B' }), { 'heard-device-id': 'device-class-99999999' })).status).toBe(201);
    });
  });

  describe('survey answers', () => {
    const surveyId = crypto.randomUUID();
    beforeAll(async () => {
      await h.database.db.insertInto('surveys').values({ id: surveyId, title: 'Feeling safe' }).execute();
      await h.database.db
        .insertInto('survey_versions')
        .values([
          {
            survey_id: surveyId,
            version: 1,
            published_at: new Date(now.getTime() - DAY),
            questions: JSON.stringify([
              { id: 'happy', type: 'emoji_scale', required: true },
              { id: 'safe', type: 'yes_no_unsure' },
              { id: 'where', type: 'single_choice', options: [{ id: 'home' }, { id: 'school' }] },
              { id: 'who', type: 'multiple_choice', options: [{ id: 'mum' }, { id: 'teacher' }, { id: 'friend' }] },
              { id: 'anything', type: 'free_text' },
            ]),
          },
          { survey_id: surveyId, version: 2, published_at: null, questions: JSON.stringify([]) },
        ])
        .execute();
    });

    const survey = (answers: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      quote({ kind: 'survey', text: undefined, surveyId, answers, ...extra });

    it('stores valid answers against the latest published version and screens free text', async () => {
      const body = survey({ happy: 4, safe: 'not_sure', where: 'school', who: ['mum', 'friend'], anything: 'someone touched me and told me not to tell' });
      const response = await postJson(h.app, body);
      expect(response.status).toBe(201);
      expect((await response.json()).showHelp).toBe(true);
      const row = await h.database.db.selectFrom('submissions').select(['survey_id', 'survey_version', 'answers', 'screening']).where('id', '=', body.id as string).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ survey_id: surveyId, survey_version: 1, answers: body.answers });
      expect((row.screening as { safeguarding: { field: string }[] }).safeguarding[0]!.field).toBe('/answers/anything');
    });

    it.each([
      [{ happy: 6 }, '/answers/happy'],
      [{ happy: 2.5 }, '/answers/happy'],
      [{ safe: 'yes' }, '/answers/happy'],
      [{ happy: 3, safe: 'maybe' }, '/answers/safe'],
      [{ happy: 3, where: 'park' }, '/answers/where'],
      [{ happy: 3, who: ['mum', 'mum'] }, '/answers/who'],
      [{ happy: 3, who: [] }, '/answers/who'],
      [{ happy: 3, anything: 42 }, '/answers/anything'],
      [{ happy: 3, favourite: 'x' }, '/answers/favourite'],
    ])('refuses %j with a 422 at %s, storing nothing', async (answers, pointer) => {
      const before = await countRows(h.database, 'submissions');
      const response = await postJson(h.app, survey(answers));
      expect(response.status).toBe(422);
      expect((await response.json()).errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
      expect(await countRows(h.database, 'submissions')).toBe(before);
    });

    it.each([
      ['an unknown survey', { surveyId: crypto.randomUUID() }],
      ['an unpublished version', { surveyVersion: 2 }],
    ])('answers %s with 404 and stores nothing', async (_name, extra) => {
      const before = await countRows(h.database, 'submissions');
      const response = await postJson(h.app, survey({ happy: 3 }, extra));
      expect(response.status).toBe(404);
      expect((await response.json()).code).toBe('unknown_survey');
      expect(await countRows(h.database, 'submissions')).toBe(before);
    });
  });

  it("tells the children's app the age rule for public consent, as configured (PUBLIC_CONSENT_NEEDS_ADULT_FOR)", async () => {
    const response = await h.app.request('/api/child-settings');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ publicConsentNeedsAdultFor: [...h.deps.config.intake.publicConsentNeedsAdultFor] });
    expect(h.deps.config.intake.publicConsentNeedsAdultFor).toEqual(['4-7', '8-11']);
  });

  it('publishes the contract at /api/openapi.json', async () => {
    const response = await h.app.request('/api/openapi.json');
    expect(response.status).toBe(200);
    const document = await response.json();
    expect(document.openapi).toBe('3.1.0');
    // The children's contract is untagged; staff, sign-in and service routes are tagged (test/api/openapi-document.test.ts).
    const childrens = Object.entries(document.paths).filter(([, methods]) => Object.values(methods as Record<string, { tags?: string[] }>).some((operation) => !operation.tags));
    expect(childrens.map(([path]) => path).sort()).toEqual(['/api/child-settings', '/api/groups/join', '/api/open-surveys', '/api/receipts/{receipt}', '/api/receipts/{receipt}/withdraw', '/api/submissions']);
    expect(document.paths['/api/submissions'].post.requestBody.content).toHaveProperty('multipart/form-data');
    expect(document.components.schemas.Consent.required.sort()).toEqual(['givenBy', 'publishPublicly', 'quoteInReports', 'shareWithCommittee']);
  });

  it('refuses survey answers nested thousands deep with 422 naming the answers, never a 500', async () => {
    // Written as text: building it as an object and serialising it would overflow this test's own stack.
    const deep = `${'{"a":'.repeat(5000)}"leaf"${'}'.repeat(5000)}`;
    const body = JSON.stringify(quote({ kind: 'survey', text: undefined, surveyId: crypto.randomUUID(), answers: { q1: 'DEEP' } })).replace('"DEEP"', deep);
    const response = await postJson(h.app, body);
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(JSON.stringify((await response.json()).errors)).toContain('/answers');
  });
});
