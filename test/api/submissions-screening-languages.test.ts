// Screening at intake reads every language, whatever language the child's app is set to, and stores no words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineName } from '../helpers/database.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { postJson, quote } from '../helpers/intake.ts';

type Stored = { safeguarding: { field: string; language: string; signal: string; category: string; start: number; end: number; words?: unknown }[] };

describe(`screening languages at intake on ${engineName}`, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  async function submit(text: string, language: string) {
    const body = quote({ text, language });
    const response = await postJson(h.app, body);
    expect(response.status).toBe(201);
    const answer = (await response.json()) as { showHelp: boolean };
    const row = await h.database.db.selectFrom('submissions').select(['safeguarding', 'screening']).where('id', '=', body.id as string).executeTakeFirstOrThrow();
    return { answer, row: row as { safeguarding: boolean; screening: Stored } };
  }

  it.each([
    ['a Polish disclosure in the English app', 'ojczym mnie bije i boję się wracać do domu', 'en-GB', 'pl'],
    ['an Arabic disclosure in the Polish app', 'ابوي بيضربني كل يوم', 'pl', 'ar'],
    ['an English disclosure in the Arabic app', 'my stepdad hits me', 'ar', 'en'],
  ])('flags %s, shows help and records which language and signal fired', async (_name, text, appLanguage, dataLanguage) => {
    const { answer, row } = await submit(text, appLanguage);
    expect(answer.showHelp).toBe(true);
    expect(row.safeguarding).toBe(true);
    const match = row.screening.safeguarding.find((m) => m.language === dataLanguage);
    expect(match).toMatchObject({ field: '/text', signal: expect.stringMatching(/^(phrase|rule)$/) });
    expect(match!.words).toBeUndefined();
    expect(JSON.stringify(row.screening)).not.toContain(text.split(' ')[1]!);
  });

  it.each([
    ['Polish', 'chciałabym więcej zajęć z plastyki', 'en-GB'],
    ['Arabic', 'بدنا رحلات اكتر بالمدرسه', 'en-GB'],
  ])('leaves ordinary %s feedback in the ordinary queue', async (_name, text, appLanguage) => {
    const { answer, row } = await submit(text, appLanguage);
    expect(answer.showHelp).toBe(false);
    expect(row.safeguarding).toBe(false);
    expect(row.screening.safeguarding).toEqual([]);
  });
});
