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

  it('is refused without a session', async () => {
    const response = await fetch(`${server.url}/api/agenda-items/${itemId}/pack`);
    expect(response.status).toBe(401);
  });
});
