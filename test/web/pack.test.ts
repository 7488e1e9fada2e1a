// The print-ready pack in headless Chromium: what it must show, what it must never show, its drawings and charts, and a PDF.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharpProcessor } from '../../api/images/sharp-processor.ts';
import { createJobRunner } from '../../api/jobs/runner.ts';
import { buildWebApps, launchChromium } from '../helpers/browser.ts';
import { startStaffServer, type StaffServer } from '../helpers/staff-server.ts';
import type { Harness } from '../helpers/harness.ts';
import { consentAll, drawing, pngDrawing, postDrawing, postJson, quote } from '../helpers/intake.ts';
import { signInAs, type SignedIn } from '../helpers/staff.ts';

describe('the print-ready pack in Chromium', () => {
  let staffServer: StaffServer;
  let h: Harness;
  let server: { url: string };
  let browser: Browser;
  let worker: SignedIn;
  let itemId: string;

  beforeAll(async () => {
    await buildWebApps();
    staffServer = await startStaffServer();
    ({ h } = staffServer);
    server = staffServer;
    browser = await launchChromium();
    // Sign-in through app.request uses the same callback address the real server has.
    worker = await signInAs(h.app, 'worker', server.url);

    const submissions = {
      quoted: quote({ text: 'Please listen to us before you decide.' }),
      notQuoted: quote({ text: 'This must not be quoted.', consent: { ...consentAll, quoteInReports: false } }),
      notShared: quote({ text: 'This is not for the committee.', consent: { ...consentAll, shareWithCommittee: false } }),
      rejected: quote({ text: 'This was rejected.' }),
    };
    for (const body of Object.values(submissions)) expect((await postJson(h.app, body)).status).toBe(201);
    const picture = drawing({ text: undefined });
    expect((await postDrawing(h.app, picture, await pngDrawing(400, 300))).status).toBe(201);
    await createJobRunner(h.deps, createSharpProcessor()).drain();
    const ids = [...Object.values(submissions).map((b) => b.id as string), picture.id as string];
    await worker.json('/api/moderation/bulk', 'POST', { ids, action: 'tag', priorities: ['mental-health'] });
    await worker.json('/api/moderation/bulk', 'POST', { ids: ids.filter((id) => id !== submissions.rejected.id), action: 'approve' });
    await worker.json(`/api/moderation/submissions/${submissions.rejected.id}/reject`, 'POST', { reason: 'Off topic' });

    const committees = await (await worker.request('/api/committees')).json();
    const meeting = await (await worker.json(`/api/committees/${committees.committees[0].id}/meetings`, 'POST', { heldOn: '2026-12-03' })).json();
    itemId = (await (await worker.json(`/api/meetings/${meeting.id}/agenda-items`, 'POST', { title: 'Mental health services', priorities: ['mental-health'] })).json()).id;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await staffServer?.close();
  });

  it('shows consented quotes and the drawing, never what the child kept back, and prints to PDF', async () => {
    const context = await browser.newContext();
    await context.addCookies([{ name: 'heard_session', value: worker.jar.get('heard_session')!, url: server.url }]);
    const page = await context.newPage();
    const response = await page.goto(`${server.url}/api/agenda-items/${itemId}/pack`);
    expect(response?.status()).toBe(200);
    const text = await page.locator('body').innerText();
    expect(text).toContain('Please listen to us before you decide.');
    expect(text).not.toContain('This must not be quoted.');
    expect(text).not.toContain('This is not for the committee.');
    expect(text).not.toContain('This was rejected.');
    expect(text).toContain('counted but not quoted');
    expect(text).toContain('fewer than 5');
    expect(await page.locator('blockquote').count()).toBe(1);
    expect(await page.locator('svg[role="img"]').count()).toBe(6);
    const image = page.locator('.drawings img');
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    // The print stylesheet is our own file, allowed by the Content-Security-Policy.
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('blockquote')!).borderLeftStyle)).toBe('solid');

    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await context.close();
  });

  it('prints an issued version to PDF on the server, with its drawing and nothing fetched from outside', async () => {
    const issued = await worker.json(`/api/agenda-items/${itemId}/packs`, 'POST', {});
    expect(issued.status).toBe(201);
    const version = await issued.json();
    const response = await worker.request(`/api/packs/${version.id}/pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // The thumbnail came through the pack's own asset reader (the page has no session to fetch it with).
    expect(pdf.toString('latin1')).toMatch(/\/Subtype\s*\/Image/);
    const audit = await h.database.db.selectFrom('audit_log').select('action').where('subject_id', '=', version.id).where('action', '=', 'pack.pdf_exported').execute();
    expect(audit).toHaveLength(1);

    const renderer = h.deps.pdf;
    h.deps.pdf = undefined;
    try {
      const unavailable = await worker.request(`/api/packs/${version.id}/pdf`);
      expect(unavailable.status).toBe(501);
      expect((await unavailable.json()).detail).toMatch(/print it to PDF from your browser/);
    } finally {
      h.deps.pdf = renderer;
    }
  });

  it('is refused without a session', async () => {
    const response = await fetch(`${server.url}/api/agenda-items/${itemId}/pack`);
    expect(response.status).toBe(401);
  });

  it('draws attached survey results as accessible charts with a table, suppressed groups as "fewer than 5"', async () => {
    const survey = await worker.json('/api/surveys', 'POST', {
      title: 'Listening survey',
      intro: { en: 'A few questions.' },
      questions: [{ id: 'heard', type: 'yes_no_unsure', text: { en: 'Do adults listen to you?' } }],
    });
    const surveyId = (await survey.json()).id as string;
    await worker.json(`/api/surveys/${surveyId}/publish`, 'POST');
    const bands = [...Array(7).fill('8-11'), ...Array(3).fill('12-15'), ...Array(5).fill('16-18')] as ('8-11' | '12-15' | '16-18')[];
    for (const [i, ageBand] of bands.entries()) {
      await h.database.db
        .insertInto('submissions')
        .values({ id: crypto.randomUUID(), kind: 'survey', text: null, age_band: ageBand, consent_share_with_committee: true, consent_quote_in_reports: false, consent_publish_publicly: false, consent_given_by: 'self', receipt: `WEB-${i}-${crypto.randomUUID()}`, survey_id: surveyId, survey_version: 1, answers: JSON.stringify({ heard: i % 3 ? 'yes' : 'no' }) })
        .execute();
    }
    expect((await worker.json(`/api/agenda-items/${itemId}/surveys`, 'POST', { surveyId, by: 'ageBand' })).status).toBe(201);

    const context = await browser.newContext();
    await context.addCookies([{ name: 'heard_session', value: worker.jar.get('heard_session')!, url: server.url }]);
    const page = await context.newPage();
    expect((await page.goto(`${server.url}/api/agenda-items/${itemId}/pack`))?.status()).toBe(200);
    const chart = page.locator('section.survey svg[role="img"]');
    expect(await chart.count()).toBe(1);
    expect(await chart.getAttribute('aria-label')).toBe('Do adults listen to you?');
    expect((await chart.boundingBox())!.height).toBeGreaterThan(50);
    const table = await page.locator('section.survey table.figures').innerText();
    expect(table).toContain('fewer than 5 children answered');
    // 12-15 (3) is hidden, and 16-18 (5) with it, so that 15 - 7 does not give the three away.
    expect(table).toMatch(/8-11 \(7 answered\)/);
    expect(table).not.toMatch(/12-15 \(3 answered\)/);
    expect(table).not.toMatch(/16-18 \(5 answered\)/);
    await context.close();
  });
});
