// What a committee is told about each contribution's words, for every kind and both answers to "may we quote you?".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewSubmission } from '../../api/db/schema.ts';
import { generateReceipt } from '../../api/intake/receipt.ts';
import type { DevOidcProvider } from '../../api/node/dev-oidc-provider.ts';
import { missingWordsLabel } from '../../web/staff/committees/consent-label.ts';
import { engineName } from '../helpers/database.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { signInAs, staffConfig, startTestProvider, type SignedIn } from '../helpers/staff.ts';

type Case = { name: string; kind: 'quote' | 'drawing' | 'survey'; consent: boolean; row: Partial<NewSubmission>; quote: string | null; label: string | null };
const DID_NOT_AGREE = 'Not quoted: the child did not agree to their words being quoted.';
const SURVEY_AGREED = 'Survey answers: the child agreed to be quoted, but written answers are not passed to committees.';

describe(`consent labels on committee feedback on ${engineName}`, () => {
  let provider: DevOidcProvider;
  let h: Harness;
  let worker: SignedIn;
  let itemId: string;
  let surveyId: string;
  const ids = new Map<string, Case>();

  const cases = (): Case[] => {
    const survey = (answers: Record<string, unknown>) => ({ text: null, survey_id: surveyId, survey_version: 1, answers: JSON.stringify(answers) });
    const written = { heard: 'yes', why: 'Teachers ask us first now.', more: 'And they wait for the answer.' };
    return [
      { name: 'quote, agreed', kind: 'quote', consent: true, row: { text: 'Listen before you decide.' }, quote: 'Listen before you decide.', label: null },
      { name: 'quote, did not agree', kind: 'quote', consent: false, row: { text: 'Keep this to yourselves.' }, quote: null, label: DID_NOT_AGREE },
      { name: 'drawing, agreed', kind: 'drawing', consent: true, row: { text: null }, quote: null, label: null },
      { name: 'drawing, did not agree', kind: 'drawing', consent: false, row: { text: null }, quote: null, label: null },
      // Moderators cannot redact written survey answers, so they never reach committees as words (test/reliability/consent-invariants.test.ts).
      { name: 'survey with written answers, agreed', kind: 'survey', consent: true, row: survey(written), quote: null, label: SURVEY_AGREED },
      { name: 'survey with written answers, did not agree', kind: 'survey', consent: false, row: survey(written), quote: null, label: DID_NOT_AGREE },
      { name: 'survey without writing, agreed', kind: 'survey', consent: true, row: survey({ heard: 'no' }), quote: null, label: SURVEY_AGREED },
      { name: 'survey without writing, did not agree', kind: 'survey', consent: false, row: survey({ heard: 'no' }), quote: null, label: DID_NOT_AGREE },
    ];
  };

  beforeAll(async () => {
    provider = await startTestProvider();
    h = await createHarness({ config: staffConfig(), oidc: provider.settings });
    worker = await signInAs(h.app, 'worker');
    const created = await worker.json('/api/surveys', 'POST', {
      title: 'Being heard',
      intro: { en: 'A few questions.' },
      questions: [
        { id: 'heard', type: 'yes_no_unsure', text: { en: 'Do adults listen to you?' } },
        { id: 'why', type: 'free_text', text: { en: 'Why?' } },
        { id: 'more', type: 'free_text', text: { en: 'Anything else?' } },
      ],
    });
    surveyId = (await created.json()).id;
    expect((await worker.json(`/api/surveys/${surveyId}/publish`, 'POST')).status).toBeLessThan(300);
    const priority = await h.database.db.selectFrom('priorities').select('id').where('slug', '=', 'mental-health').executeTakeFirstOrThrow();
    for (const testCase of cases()) {
      const id = crypto.randomUUID();
      ids.set(id, testCase);
      await h.database.db
        .insertInto('submissions')
        .values({
          id,
          kind: testCase.kind,
          age_band: '12-15',
          consent_share_with_committee: true,
          consent_quote_in_reports: testCase.consent,
          consent_publish_publicly: false,
          consent_given_by: 'self',
          receipt: generateReceipt(),
          status: 'approved',
          ...testCase.row,
        })
        .execute();
      await h.database.db.insertInto('submission_priorities').values({ submission_id: id, priority_id: priority.id, tagged_by: null }).execute();
    }
    const { committees } = await (await worker.request('/api/committees')).json();
    const meeting = await (await worker.json(`/api/committees/${committees[0].id}/meetings`, 'POST', { heldOn: '2026-12-03' })).json();
    itemId = (await (await worker.json(`/api/meetings/${meeting.id}/agenda-items`, 'POST', { title: 'Being heard', priorities: ['mental-health'] })).json()).id;
  });
  afterAll(async () => {
    await h.close();
    await provider.stop();
  });

  it('gives the words the child agreed to share, and the right reason when there are none: never "did not agree" when they did', async () => {
    const { entries } = await (await worker.request(`/api/agenda-items/${itemId}/feedback?limit=100`)).json();
    expect(entries).toHaveLength(ids.size);
    for (const entry of entries as { id: string; kind: 'quote' | 'drawing' | 'survey'; quote: string | null; quoteConsent: boolean }[]) {
      const expected = ids.get(entry.id)!;
      expect({ case: expected.name, quote: entry.quote, quoteConsent: entry.quoteConsent, label: missingWordsLabel(entry) }).toEqual({
        case: expected.name,
        quote: expected.quote,
        quoteConsent: expected.consent,
        label: expected.label,
      });
    }
  });

  it('quotes in the pack only the words the child agreed to, and no written survey answer', async () => {
    const pack = await (await worker.request(`/api/agenda-items/${itemId}/pack`)).text();
    expect(pack).toContain('Listen before you decide.');
    expect(pack).not.toContain('Keep this to yourselves.');
    expect(pack).not.toContain('Teachers ask us first now.');
  });
});
