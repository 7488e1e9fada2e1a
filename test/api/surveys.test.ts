// Surveys end to end through the API: define, version (published versions never change), open to children,
// answer (validated against the version, the age band and the group), results with suppression, CSV, import/export.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevOidcProvider } from '../../api/node/dev-oidc-provider.ts';
import { engineName } from '../helpers/database.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { postJson, quote } from '../helpers/intake.ts';
import { signInAs, staffConfig, startTestProvider, type SignedIn } from '../helpers/staff.ts';

const definition = {
  title: 'How are you doing?',
  intro: { en: 'A few questions about how things are for you. You can skip any of them.', pl: 'Kilka pytań o to, jak się masz.' },
  questions: [
    { id: 'happy', type: 'emoji_scale', required: true, text: { en: 'How happy are you at home?' } },
    { id: 'safe', type: 'yes_no_unsure', text: { en: 'Do you feel safe at school?' } },
    { id: 'older', type: 'free_text', ageBands: ['12-15', '16-18'], text: { en: 'What would make things better?' } },
  ],
};

describe(`surveys on ${engineName}`, () => {
  let provider: DevOidcProvider;
  let h: Harness;
  let worker: SignedIn;
  let member: SignedIn;
  let surveyId: string;

  const open = async (query: string) => (await h.app.request(`/api/open-surveys?${query}`)).json();
  const answer = (answers: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    postJson(h.app, quote({ kind: 'survey', text: undefined, surveyId, answers, ...extra }));

  beforeAll(async () => {
    provider = await startTestProvider();
    h = await createHarness({ config: staffConfig(), oidc: provider.settings });
    worker = await signInAs(h.app, 'worker');
    member = await signInAs(h.app, 'committee');
  });
  afterAll(async () => {
    await h.close();
    await provider.stop();
  });

  it('creates a draft that children cannot see until it is published', async () => {
    expect((await member.json('/api/surveys', 'POST', definition)).status).toBe(403);
    const bad = await worker.json('/api/surveys', 'POST', { ...definition, intro: { pl: 'tylko po polsku' } });
    expect(bad.status).toBe(422);
    const created = await worker.json('/api/surveys', 'POST', definition);
    expect(created.status).toBe(201);
    surveyId = (await created.json()).id;
    expect((await open('ageBand=8-11')).surveys).toEqual([]);
    expect((await answer({ happy: 3 })).status).toBe(404);

    expect((await worker.json(`/api/surveys/${surveyId}/publish`, 'POST')).status).toBe(200);
    expect((await worker.json(`/api/surveys/${surveyId}/publish`, 'POST')).status).toBe(409);
    const listed = (await open('ageBand=8-11')).surveys;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id: surveyId, version: 1, title: definition.title, intro: definition.intro });
    // A younger child is not asked the question for older children; the words come with each question.
    expect(listed[0].questions.map((q: { id: string }) => q.id)).toEqual(['happy', 'safe']);
    expect(listed[0].questions[0].text).toEqual({ en: 'How happy are you at home?' });
    expect((await open('ageBand=12-15')).surveys[0].questions.map((q: { id: string }) => q.id)).toEqual(['happy', 'safe', 'older']);
  });

  it('never changes a published version: an edit makes version 2, and the database refuses a direct change', async () => {
    const edited = { ...definition, questions: [...definition.questions, { id: 'sleep', type: 'emoji_scale', text: { en: 'How well do you sleep?' } }] };
    const saved = await (await worker.json(`/api/surveys/${surveyId}/draft`, 'PUT', edited)).json();
    expect(saved).toMatchObject({ version: 2, status: 'draft' });
    const survey = await (await worker.request(`/api/surveys/${surveyId}`)).json();
    expect(survey.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([[1, 'published'], [2, 'draft']]);
    expect(survey.versions[0].questions).toHaveLength(3);
    // Children still get version 1 until version 2 is published.
    expect((await open('ageBand=8-11')).surveys[0].version).toBe(1);
    await expect(sql`update survey_versions set questions = '[]' where survey_id = ${surveyId} and version = 1`.execute(h.database.db)).rejects.toThrow(/published/);
    await expect(sql`delete from survey_versions where survey_id = ${surveyId} and version = 1`.execute(h.database.db)).rejects.toThrow(/published/);
    expect((await worker.json(`/api/surveys/${surveyId}/publish`, 'POST')).status).toBe(200);
    expect((await open('ageBand=8-11')).surveys[0].version).toBe(2);
  });

  it.each([
    ['an unknown question', { happy: 3, pets: 'yes' }, '/answers/pets'],
    ['a wrong type', { happy: 'very' }, '/answers/happy'],
    ['a missing required answer', { safe: 'yes' }, '/answers/happy'],
    ["another age band's question", { happy: 3, older: 'more clubs' }, '/answers/older'],
  ])('refuses %s with a 422 naming the answer, storing nothing', async (_what, answers, pointer) => {
    const before = await h.database.db.selectFrom('submissions').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    const response = await answer(answers, { ageBand: '8-11' });
    expect(response.status).toBe(422);
    expect((await response.json()).errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
    const after = await h.database.db.selectFrom('submissions').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('keeps a group survey to its group', async () => {
    const group = await (await worker.json('/api/groups/manage', 'POST', { name: 'Care leavers' })).json();
    const { id } = await (await worker.json('/api/surveys', 'POST', { ...definition, title: 'Care leavers survey', groupIds: [group.id] })).json();
    await worker.json(`/api/surveys/${id}/publish`, 'POST');
    expect((await open('ageBand=16-18')).surveys.map((s: { id: string }) => s.id)).not.toContain(id);
    expect((await open(`ageBand=16-18&groupCode=${group.joinCode}`)).surveys.map((s: { id: string }) => s.id)).toContain(id);
    const alone = await postJson(h.app, quote({ kind: 'survey', text: undefined, surveyId: id, answers: { happy: 4 }, ageBand: '16-18' }));
    expect(alone.status).toBe(422);
    const withGroup = await postJson(h.app, quote({ kind: 'survey', text: undefined, surveyId: id, answers: { happy: 4 }, ageBand: '16-18', groupCode: group.joinCode }));
    expect(withGroup.status).toBe(201);
  });

  it('shows results with suppression, and the CSV has exactly the figures of the JSON', async () => {
    // Version 2: six 8-11s, five 12-15s and two 16-18s answer.
    const answers: [string, number][] = [...Array(6).fill(['8-11', 4]), ...Array(5).fill(['12-15', 2]), ...Array(2).fill(['16-18', 5])];
    for (const [ageBand, happy] of answers) expect((await answer({ happy, safe: 'yes' }, { ageBand })).status).toBe(201);
    const results = await (await worker.request(`/api/surveys/${surveyId}/results?by=ageBand`)).json();
    expect(results.survey.version).toBe(2);
    expect(results.respondents).toBe(13);
    expect(results.overall.happy.counts).toEqual({ 1: 0, 2: 5, 3: 0, 4: 6, 5: 2 });
    expect(results.groups).toEqual([
      { key: '12-15', suppressed: true },
      { key: '16-18', suppressed: true },
      { key: '8-11', respondents: 6, questions: expect.objectContaining({ happy: { answered: 6, counts: { 1: 0, 2: 0, 3: 0, 4: 6, 5: 0 } } }) },
    ]);

    const csv = await (await worker.request(`/api/surveys/${surveyId}/results.csv?by=ageBand`)).text();
    const rows = csv.trim().split('\r\n').slice(1).map((line) => line.split(','));
    const fromJson: string[][] = [['all', 'all', 'respondents', '', '13']];
    const add = (breakdown: string, group: string, questions: Record<string, { answered: number; counts: Record<string, number> }>) => {
      for (const [question, { answered, counts }] of Object.entries(questions)) {
        fromJson.push([breakdown, group, question, '(answered)', String(answered)]);
        for (const [option, count] of Object.entries(counts)) fromJson.push([breakdown, group, question, option, String(count)]);
      }
    };
    add('all', 'all', results.overall);
    for (const group of results.groups) {
      if (group.suppressed) fromJson.push(['ageBand', group.key, 'respondents', '', 'fewer than 5']);
      else {
        fromJson.push(['ageBand', group.key, 'respondents', '', String(group.respondents)]);
        add('ageBand', group.key, group.questions);
      }
    }
    expect(rows).toEqual(fromJson);
    expect((await member.request(`/api/surveys/${surveyId}/results`)).status).toBe(403);
  });

  it('takes a title in several languages: children get every language, staff lists the English, export and import keep them', async () => {
    const title = { en: 'Your bus', pl: 'Twój autobus', ar: 'حافلتك' };
    expect((await worker.json('/api/surveys', 'POST', { ...definition, title: { pl: 'Tylko po polsku' } })).status).toBe(422);
    expect((await worker.json('/api/surveys', 'POST', { ...definition, title: { en: 'Bus', pl: 'x' } })).status).toBe(422);
    const created = await worker.json('/api/surveys', 'POST', { ...definition, title });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    expect((await worker.json(`/api/surveys/${id}/publish`, 'POST')).status).toBe(200);
    const listed = (await open('ageBand=8-11')).surveys.find((s: { id: string }) => s.id === id);
    expect(listed.title).toEqual(title);
    // Others still offer one English string.
    expect((await open('ageBand=8-11')).surveys.find((s: { id: string }) => s.id === surveyId).title).toBe(definition.title);
    const staffList = (await (await worker.request('/api/surveys')).json()).surveys;
    expect(staffList.find((s: { id: string }) => s.id === id).title).toBe('Your bus');
    const row = await h.database.db.selectFrom('surveys').select(['title', 'title_words']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ title: 'Your bus', title_words: title });
    const shared = await (await worker.request(`/api/surveys/${id}/export`)).json();
    expect(shared.title).toEqual(title);
    const imported = await (await worker.json('/api/surveys/import', 'POST', shared)).json();
    expect((await (await worker.request(`/api/surveys/${imported.id}`)).json()).titleWords).toEqual(title);
    // Back to one English string: the other languages go.
    expect((await worker.json(`/api/surveys/${id}/draft`, 'PUT', { ...definition, title: 'Buses' })).status).toBe(200);
    expect(await h.database.db.selectFrom('surveys').select(['title', 'title_words']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ title: 'Buses', title_words: null });
  });

  it('exports a survey as JSON that another partnership can import as a draft', async () => {
    const shared = await (await worker.request(`/api/surveys/${surveyId}/export`)).json();
    expect(shared).toMatchObject({ format: 'heard-survey/1', title: definition.title });
    expect(JSON.stringify(shared)).not.toContain('answers');
    const imported = await worker.json('/api/surveys/import', 'POST', shared);
    expect(imported.status).toBe(201);
    const copy = await (await worker.request(`/api/surveys/${(await imported.json()).id}`)).json();
    expect(copy.versions).toHaveLength(1);
    expect(copy.versions[0]).toMatchObject({ status: 'draft', questions: shared.questions, intro: shared.intro });
    expect((await worker.json('/api/surveys/import', 'POST', { ...shared, format: 'other/9' })).status).toBe(422);
  });
});
