// The annual report in a browser: the staff screens (list, curate, issue, download) and the report page under
// axe-core, the server-side PDF with its drawing, and the Word document with its drawing as a real image.
import { strFromU8, unzipSync } from 'fflate';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharpProcessor } from '../../api/images/sharp-processor.ts';
import { createJobRunner } from '../../api/jobs/runner.ts';
import { buildWebApps, launchChromium } from '../helpers/browser.ts';
import type { Harness } from '../helpers/harness.ts';
import { pdfText } from '../helpers/pdf-text.ts';
import { drawing, pngDrawing, postDrawing, postJson, quote } from '../helpers/intake.ts';
import { seriousViolations, signInPage, startStaffServer, type StaffServer } from '../helpers/staff-server.ts';

const QUOTES = ['I want my social worker to stay the same person.', 'The youth club is the only place I feel safe.'];

describe('annual report in the browser', () => {
  let server: StaffServer;
  let h: Harness;
  let browser: Browser;
  let reportId: string;

  beforeAll(async () => {
    await buildWebApps();
    server = await startStaffServer();
    ({ h } = server);
    browser = await launchChromium();
    for (const text of QUOTES) expect((await postJson(h.app, quote({ text }))).status).toBe(201);
    expect((await postDrawing(h.app, drawing({ text: 'Our park' }), await pngDrawing(400, 300))).status).toBe(201);
    await createJobRunner(h.deps, createSharpProcessor()).drain();
    const priority = await h.database.db.selectFrom('priorities').select('id').where('slug', '=', 'mental-health').executeTakeFirstOrThrow();
    const ids = (await h.database.db.selectFrom('submissions').select('id').execute()).map((row) => row.id);
    await h.database.db.updateTable('submissions').set({ status: 'approved' }).execute();
    await h.database.db.insertInto('submission_priorities').values(ids.map((submission_id) => ({ submission_id, priority_id: priority.id, tagged_by: null }))).execute();
    reportId = (await h.database.db.selectFrom('annual_reports').select('id').where('title', '=', 'Annual report: voice of the child').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets a lead choose entries and issue the seeded report, with no serious accessibility problem on the way', async () => {
    const { context, page } = await signInPage(browser, server, 'lead', { bypassCSP: true });
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Annual reports' }).click();
    await page.getByRole('heading', { level: 1, name: 'Annual reports' }).waitFor();
    expect(await seriousViolations(page), 'list').toEqual([]);
    await page.getByRole('link', { name: 'Annual report: voice of the child' }).click();
    await page.getByRole('heading', { level: 1, name: 'Annual report: voice of the child' }).waitFor();
    await page.getByTestId('candidate-entry').first().waitFor();
    expect(await seriousViolations(page), 'report').toEqual([]);
    for (let i = 0; i < 3; i++) {
      await page.getByRole('button', { name: 'Add to report' }).first().click();
      await expect.poll(() => page.getByTestId('picked-entry').count()).toBe(i + 1);
    }
    await page.getByRole('button', { name: 'Move down' }).first().click();
    await page.getByRole('button', { name: 'Issue a version' }).click();
    await page.getByRole('link', { name: 'Open version 1' }).waitFor();
    expect(await seriousViolations(page), 'issued').toEqual([]);
    expect(await page.getByRole('link', { name: 'Word document of version 1' }).getAttribute('href')).toMatch(/\/api\/reports\/issued\/[0-9a-f-]{36}\/docx$/);

    await page.getByRole('link', { name: 'Open version 1' }).click();
    await page.getByRole('heading', { level: 1, name: 'Annual report: voice of the child' }).waitFor();
    expect(await seriousViolations(page), 'report page').toEqual([]);
    const text = await page.locator('body').innerText();
    for (const q of QUOTES) expect(text).toContain(q);
    const image = page.locator('.drawings img');
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await context.close();
  });

  it('downloads the issued version as a PDF with its drawing and as a Word document with the picture inside', async () => {
    const lead = await h.database.db.selectFrom('annual_report_versions').select('id').where('report_id', '=', reportId).where('superseded_at', 'is', null).executeTakeFirstOrThrow();
    const { context, page } = await signInPage(browser, server, 'lead');
    const pdf = await page.request.get(`${server.url}/api/reports/issued/${lead.id}/pdf`);
    expect(pdf.status()).toBe(200);
    const pdfBytes = Buffer.from(await pdf.body());
    expect(pdfBytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfBytes.toString('latin1')).toMatch(/\/Subtype\s*\/Image/);
    const printed = pdfText(pdfBytes);
    for (const q of QUOTES) expect(printed).toContain(q);
    expect(printed).toContain('Period: 2026-04-01 to 2027-03-31');

    const docx = await page.request.get(`${server.url}/api/reports/issued/${lead.id}/docx`);
    expect(docx.status()).toBe(200);
    const files = unzipSync(new Uint8Array(await docx.body()));
    const media = Object.keys(files).filter((name) => name.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    expect([...files[media[0]!]!.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
    const xml = strFromU8(files['word/document.xml']!);
    for (const q of QUOTES) expect(xml).toContain(q);
    expect(xml).toContain('descr="A drawing by a child aged 8-11"');
    await context.close();
  });
});
