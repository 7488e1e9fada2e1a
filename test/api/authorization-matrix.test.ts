// Every staff route × every role, from one table. The table must name every staff route the app has,
// so a new route cannot be added without deciding who may use it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevOidcProvider } from '../../api/node/dev-oidc-provider.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { signInAs, staffConfig, startTestProvider, TEST_PUBLIC_URL, type SignedIn } from '../helpers/staff.ts';

type Who = 'anonymous' | 'worker' | 'lead' | 'committee' | 'admin';
const WHO: Who[] = ['anonymous', 'worker', 'lead', 'committee', 'admin'];
const MODERATORS: Who[] = ['worker', 'lead'];
const LEADS: Who[] = ['lead'];
// The lead demo account is also a participation worker.
const GROUP_MANAGERS: Who[] = ['worker', 'lead', 'admin'];
const AUDIT_READERS: Who[] = ['lead', 'admin'];
const ORGANISERS: Who[] = ['worker', 'lead', 'admin'];
const ADMINS: Who[] = ['admin'];
// Survey authors are workers and admins; results are for them and leads, never committee members' own reading.
const SURVEY_STAFF: Who[] = ['worker', 'lead', 'admin'];
// Screening reviews are decided and exported by leads and admins; the categories are for everyone who moderates or reviews.
const SCREENING_REVIEWERS: Who[] = ['lead', 'admin'];
const SCREENING_STAFF: Who[] = ['worker', 'lead', 'admin'];
// Annual reports are drafted and issued by leads and admins.
const REPORT_STAFF: Who[] = ['lead', 'admin'];
const SIGNED_IN: Who[] = ['worker', 'lead', 'committee', 'admin'];
const EVERYONE: Who[] = WHO;

const ID = '00000000-0000-4000-8000-000000000000';

/** method, path as registered, who may use it. */
const table: [string, string, Who[]][] = [
  ['GET', '/api/me', SIGNED_IN],
  ['GET', '/api/taxonomy', SIGNED_IN],
  ['GET', '/api/groups/manage', GROUP_MANAGERS],
  ['POST', '/api/groups/manage', GROUP_MANAGERS],
  ['POST', '/api/groups/manage/:id/expire', GROUP_MANAGERS],
  ['POST', '/api/groups/manage/:id/rotate-code', GROUP_MANAGERS],
  ['GET', '/api/audit', AUDIT_READERS],
  ['GET', '/api/audit.xlsx', AUDIT_READERS],
  ['GET', '/api/jobs/backlog', ADMINS],
  ['POST', '/api/jobs/revive', ADMINS],
  ['GET', '/api/committees', SIGNED_IN],
  ['POST', '/api/committees', ADMINS],
  ['POST', '/api/committees/:id/meetings', ORGANISERS],
  ['POST', '/api/meetings/:id/agenda-items', ORGANISERS],
  ['GET', '/api/agenda-items/:id/feedback', SIGNED_IN],
  ['GET', '/api/agenda-items/:id/feedback.csv', SIGNED_IN],
  ['GET', '/api/agenda-items/:id/feedback.xlsx', SIGNED_IN],
  ['GET', '/api/agenda-items/:id/pack', SIGNED_IN],
  ['GET', '/api/agenda-items/:id/surveys', SIGNED_IN],
  ['GET', '/api/agenda-items/:id/surveys/results', SIGNED_IN],
  ['POST', '/api/agenda-items/:id/surveys', ORGANISERS],
  ['DELETE', '/api/agenda-items/:id/surveys/:attachmentId', ORGANISERS],
  ['PUT', '/api/agenda-items/:id/curation/:submissionId', MODERATORS],
  ['POST', '/api/agenda-items/:id/discussed', ORGANISERS],
  ['POST', '/api/agenda-items/:id/packs', ORGANISERS],
  ['GET', '/api/agenda-items/:id/packs', SIGNED_IN],
  ['GET', '/api/packs/:id', SIGNED_IN],
  ['GET', '/api/packs/:id/csv', SIGNED_IN],
  ['GET', '/api/packs/:id/xlsx', SIGNED_IN],
  ['GET', '/api/packs/:id/pdf', SIGNED_IN],
  ['GET', '/api/surveys', SURVEY_STAFF],
  ['POST', '/api/surveys', ORGANISERS],
  ['POST', '/api/surveys/import', ORGANISERS],
  ['GET', '/api/surveys/:id', SURVEY_STAFF],
  ['PUT', '/api/surveys/:id/draft', ORGANISERS],
  ['POST', '/api/surveys/:id/publish', ORGANISERS],
  ['GET', '/api/surveys/:id/export', SURVEY_STAFF],
  ['GET', '/api/surveys/:id/results', SURVEY_STAFF],
  ['GET', '/api/surveys/:id/results.csv', SURVEY_STAFF],
  ['GET', '/api/surveys/:id/results.xlsx', SURVEY_STAFF],
  ['GET', '/api/surveys/:id/results.svg', SURVEY_STAFF],
  ['GET', '/api/surveys/:id/results/compare', SURVEY_STAFF],
  ['GET', '/api/media/:id', SIGNED_IN],
  ['GET', '/api/staff', ADMINS],
  ['PUT', '/api/staff/:id/roles', ADMINS],
  ['GET', '/api/staff/invitations', ADMINS],
  ['POST', '/api/staff/invitations', ADMINS],
  ['DELETE', '/api/staff/invitations/:id', ADMINS],
  ['GET', '/api/moderation/queue', MODERATORS],
  ['GET', '/api/moderation/queue/:id', MODERATORS],
  ['GET', '/api/moderation/submissions/:id', MODERATORS],
  ['POST', '/api/moderation/submissions/:id/claim', MODERATORS],
  ['POST', '/api/moderation/submissions/:id/release', MODERATORS],
  ['PUT', '/api/moderation/submissions/:id/tags', MODERATORS],
  ['POST', '/api/moderation/submissions/:id/redact', MODERATORS],
  ['POST', '/api/moderation/submissions/:id/approve', MODERATORS],
  ['POST', '/api/moderation/submissions/:id/reject', MODERATORS],
  ['POST', '/api/moderation/submissions/:id/flag', MODERATORS],
  ['POST', '/api/moderation/submissions/:id/escalate', LEADS],
  ['POST', '/api/moderation/submissions/:id/no-concern', LEADS],
  ['POST', '/api/moderation/submissions/:id/undo', MODERATORS],
  ['POST', '/api/moderation/submissions/:id/drawing', MODERATORS],
  ['POST', '/api/moderation/bulk', MODERATORS],
  ['POST', '/api/moderation/submissions/:id/false-positive', LEADS],
  ['POST', '/api/moderation/submissions/:id/missed', MODERATORS],
  ['GET', '/api/screening/categories', SCREENING_STAFF],
  ['GET', '/api/screening/reviews', SCREENING_REVIEWERS],
  ['POST', '/api/screening/reviews/:id/accept', SCREENING_REVIEWERS],
  ['POST', '/api/screening/reviews/:id/reject', SCREENING_REVIEWERS],
  ['GET', '/api/screening/corpus-review.jsonl', SCREENING_REVIEWERS],
  ['GET', '/api/reports', REPORT_STAFF],
  ['POST', '/api/reports', REPORT_STAFF],
  ['GET', '/api/reports/:id', REPORT_STAFF],
  ['PUT', '/api/reports/:id', REPORT_STAFF],
  ['GET', '/api/reports/:id/entries', REPORT_STAFF],
  ['PUT', '/api/reports/:id/curation/:submissionId', REPORT_STAFF],
  ['GET', '/api/reports/:id/preview', REPORT_STAFF],
  ['POST', '/api/reports/:id/versions', REPORT_STAFF],
  ['GET', '/api/reports/issued/:id', REPORT_STAFF],
  ['GET', '/api/reports/issued/:id/pdf', REPORT_STAFF],
  ['GET', '/api/reports/issued/:id/docx', REPORT_STAFF],
  // Last: it ends each browser's session.
  ['POST', '/auth/logout', EVERYONE],
];

/** Routes open to children and the public, the sign-in flow itself, and /metrics (its own bearer token): not staff routes. */
const PUBLIC = /^\/(healthz|readyz|metrics|api\/submissions|api\/receipts|api\/groups\/join|api\/open-surveys|api\/child-settings|api\/openapi\.json|api\/pack\.css|auth\/login|auth\/callback)/;

describe('authorization matrix', () => {
  let provider: DevOidcProvider;
  let h: Harness;
  const browsers = new Map<Who, SignedIn>();
  beforeAll(async () => {
    provider = await startTestProvider();
    h = await createHarness({ config: staffConfig(), oidc: provider.settings });
    for (const who of SIGNED_IN) browsers.set(who, await signInAs(h.app, who));
  });
  afterAll(async () => {
    await h.close();
    await provider.stop();
  });

  it('names every staff route the app has', () => {
    const staffRoutes = h.app.routes
      .filter((route) => route.method !== 'ALL' && !PUBLIC.test(route.path))
      .map((route) => `${route.method} ${route.path}`);
    const named = table.map(([method, path]) => `${method} ${path}`);
    expect([...new Set(staffRoutes)].sort()).toEqual([...named].sort());
  });

  const cases = table.flatMap(([method, path, allowed]) => WHO.map((who) => [method, path, who, allowed.includes(who)] as const));
  it.each(cases)('%s %s as %s → allowed: %s', async (method, path, who, allowed) => {
    const url = path.replace(':id', path.startsWith('/api/committees') ? '1' : ID).replace(':submissionId', ID).replace(':attachmentId', ID);
    const init = { method, headers: { 'content-type': 'application/json', origin: TEST_PUBLIC_URL }, body: method === 'GET' ? undefined : '{}' };
    const browser = browsers.get(who);
    const response = browser
      ? await browser.request(url, { ...init, headers: { ...init.headers, 'x-csrf-token': browser.csrf } })
      : await h.app.request(url, init);
    if (allowed) {
      expect([401, 403]).not.toContain(response.status);
    } else {
      expect(response.status).toBe(who === 'anonymous' ? 401 : 403);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    }
  });
});
