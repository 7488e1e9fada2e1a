// Survey results for staff beyond the table: two periods compared without differencing, and an SVG chart per
// question whose suppressed groups read "fewer than 5" and never carry a number.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevOidcProvider } from '../../api/node/dev-oidc-provider.ts';
import { engineName } from '../helpers/database.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { signInAs, staffConfig, startTestProvider, type SignedIn } from '../helpers/staff.ts';

const definition = {
  title: 'Feeling safe',
  intro: { en: 'A few questions.' },
  questions: [
    { id: 'safe', type: 'yes_no_unsure', text: { en: 'Do you feel safe at school?' } },
    { id: 'who', type: 'multiple_choice', text: { en: 'Who do you talk to?' }, options: [{ id: 'carer', label: { en: 'My carer' } }, { id: 'friend', label: { en: 'A friend' } }] },
    { id: 'more', type: 'free_text', text: { en: 'Anything else?' } },
  ],
};

describe(`survey comparisons and charts on ${engineName}`, () => {
  let provider: DevOidcProvider;
  let h: Harness;
  let worker: SignedIn;
  let member: SignedIn;
  let surveyId: string;

  /** `count` answers in `month` (YYYY-MM) from children in `ageBand`. */
  async function answers(month: string, count: number, ageBand: '8-11' | '12-15' | '16-18', safe = 'yes') {
    await h.database.db
      .insertInto('submissions')
      .values(
        Array.from({ length: count }, (_, i) => ({
          id: crypto.randomUUID(),
          kind: 'survey' as const,
          text: null,
          age_band: ageBand,
          consent_share_with_committee: true,
          consent_quote_in_reports: false,
          consent_publish_publicly: false,
          consent_given_by: 'self' as const,
          receipt: `S-${crypto.randomUUID()}`,
          survey_id: surveyId,
          survey_version: 1,
          answers: JSON.stringify({ safe, who: i % 2 ? ['carer'] : ['carer', 'friend'], more: 'words' }),
          created_at: `${month}-10T12:00:00Z`,
        })),
      )
      .execute();
  }

  beforeAll(async () => {
    provider = await startTestProvider();
    h = await createHarness({ config: staffConfig(), oidc: provider.settings });
    worker = await signInAs(h.app, 'worker');
    member = await signInAs(h.app, 'committee');
    surveyId = (await (await worker.json('/api/surveys', 'POST', definition)).json()).id;
    expect((await worker.json(`/api/surveys/${surveyId}/publish`, 'POST')).status).toBe(200);
    // January 6, February 7, March 3: the month breakdown hides March and January.
    await answers('2026-01', 6, '8-11');
    await answers('2026-02', 7, '12-15', 'no');
    await answers('2026-03', 3, '16-18');
  });
  afterAll(async () => {
    await h.close();
    await provider.stop();
  });

  const compare = (query: string, who = worker) => who.request(`/api/surveys/${surveyId}/results/compare?${query}`);

  it('compares two periods, and withholds the one that would give away March by subtraction', async () => {
    const response = await compare('from1=2026-01&to1=2026-02&from2=2026-01&to2=2026-03');
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.survey).toEqual({ id: surveyId, title: definition.title, version: 1 });
    expect(body.threshold).toBe(5);
    expect(body.periods[0]).toEqual({ from: '2026-01', to: '2026-02', respondents: null, overall: null, withheld: 'differencing' });
    expect(body.periods[1]).toMatchObject({ from: '2026-01', to: '2026-03', respondents: 16, withheld: null });
    expect(body.periods[1].overall.safe).toEqual({ answered: 16, counts: { yes: 9, no: 7, not_sure: 0 } });
    expect(body.changes).toBeNull();
    // The overall figures minus the shown period leave March hidden with January: never 3 on its own.
    const all = await (await worker.request(`/api/surveys/${surveyId}/results?by=month`)).json();
    expect(all.groups.filter((g: { suppressed?: true }) => g.suppressed).map((g: { key: string }) => g.key)).toEqual(['2026-01', '2026-03']);

    const quarters = await (await compare('from1=2026-02&to1=2026-02&from2=2026-01&to2=2026-03')).json();
    expect(quarters.periods.map((p: { respondents: number | null }) => p.respondents)).toEqual([7, 16]);
    // February: all said no; January to March: 7 of 16 said no (44%).
    expect(quarters.changes.safe).toEqual({ yes: 56, no: -56, not_sure: 0 });
    expect(quarters.changes).not.toHaveProperty('more');
    const audit = await h.database.db.selectFrom('audit_log').select(['action', 'details']).where('action', '=', 'survey.results_compared').execute();
    expect(audit).toHaveLength(2);
  });

  it('refuses bad periods with a problem naming the field, and keeps committee members out', async () => {
    for (const [query, pointer] of [
      ['from1=2026-13&to1=2026-02&from2=2026-01&to2=2026-03', '/from1'],
      ['from1=2026-03&to1=2026-02&from2=2026-01&to2=2026-03', '/to1'],
      ['from1=2026-01&to1=2026-02&from2=2026-01', '/to2'],
    ] as const) {
      const response = await compare(query);
      expect(response.status).toBe(422);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect((await response.json()).errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
    }
    expect((await compare('from1=2026-01&to1=2026-01&from2=2026-01&to2=2026-01&version=9')).status).toBe(404);
    expect((await compare('from1=2026-01&to1=2026-02&from2=2026-01&to2=2026-03', member)).status).toBe(403);
  });

  it('draws a question as an accessible SVG: counts and shares, suppressed groups as "fewer than 5"', async () => {
    const response = await worker.request(`/api/surveys/${surveyId}/results.svg?question=safe&by=ageBand`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    const svg = await response.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]* role="img" aria-label="Do you feel safe at school\?"/);
    expect(svg).toContain('<title>Do you feel safe at school?</title>');
    // 16 answered: 9 yes (56%), 7 no (44%); 12-15 (7 children) shown; 8-11 (6) hidden with 16-18 (3).
    expect(svg).toContain('9 (56%)');
    expect(svg).toContain('7 (44%)');
    expect(svg).toContain('12-15 (7 answered)');
    expect(svg).toMatch(/<desc>[^<]*16-18: fewer than 5 children answered\.[^<]*<\/desc>/);
    expect(svg).toMatch(/<desc>[^<]*8-11: fewer than 5 children answered\.[^<]*<\/desc>/);
    expect(svg).not.toContain('(6 answered');
    expect(svg).not.toContain('(3 answered');

    const words = await (await worker.request(`/api/surveys/${surveyId}/results.svg?question=who`)).text();
    expect(words).toContain('My carer');
    const free = await (await worker.request(`/api/surveys/${surveyId}/results.svg?question=more`)).text();
    expect(free).toContain('Answered');

    const unknown = await worker.request(`/api/surveys/${surveyId}/results.svg?question=pets`);
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).errors[0].pointer).toBe('/question');
    expect((await worker.request(`/api/surveys/${surveyId}/results.svg`)).status).toBe(422);
    expect((await member.request(`/api/surveys/${surveyId}/results.svg?question=safe`)).status).toBe(403);
  });

  it('shows nothing but "fewer than 5" when too few children answered at all', async () => {
    const { id } = await (await worker.json('/api/surveys', 'POST', { ...definition, title: 'Tiny' })).json();
    await worker.json(`/api/surveys/${id}/publish`, 'POST');
    const before = surveyId;
    surveyId = id;
    try {
      await answers('2026-01', 4, '8-11');
      const svg = await (await worker.request(`/api/surveys/${id}/results.svg?question=safe`)).text();
      expect(svg).toContain('fewer than 5 children answered');
      expect(svg).not.toMatch(/>4</);
      expect(svg).not.toContain('4 (');
      const compared = await (await compare('from1=2026-01&to1=2026-01&from2=2026-01&to2=2026-12')).json();
      expect(compared.periods.map((p: { withheld: string }) => p.withheld)).toEqual(['too_few', 'too_few']);
      await answers('2026-01', 1, '8-11');
      const five = await (await compare('from1=2026-01&to1=2026-01&from2=2026-01&to2=2026-12')).json();
      expect(five.periods.map((p: { respondents: number }) => p.respondents)).toEqual([5, 5]);
    } finally {
      surveyId = before;
    }
  });
});
