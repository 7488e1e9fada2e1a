// Drawings in the staff app, in headless Chromium: the processed image and thumbnail with their processing status,
// a region blurred by typing its pixels (keyboard only) and a crop dragged with the mouse; each makes a new version.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharpProcessor } from '../../api/images/sharp-processor.ts';
import { createJobRunner } from '../../api/jobs/runner.ts';
import { buildWebApps, launchChromium } from '../helpers/browser.ts';
import type { Harness } from '../helpers/harness.ts';
import { drawing, pngDrawing, postDrawing } from '../helpers/intake.ts';
import { signInPage, startStaffServer, type StaffServer } from '../helpers/staff-server.ts';

const POLL = { timeout: 10_000 };

describe('drawings in the staff app', () => {
  let server: StaffServer;
  let h: Harness;
  let browser: Browser;

  async function processed(submissionId: string) {
    return h.database.db
      .selectFrom('media_objects')
      .select(['id', 'role', 'width', 'height', 'storage_key'])
      .where('submission_id', '=', submissionId)
      .where('role', 'in', ['processed', 'thumbnail'])
      .orderBy('role')
      .execute();
  }

  async function selectDrawing(page: Page, caption: string): Promise<void> {
    await page.getByTestId('queue-item').filter({ hasText: caption }).click();
    await expect.poll(() => page.getByTestId('selected-text').textContent(), POLL).toBe(caption);
  }

  beforeAll(async () => {
    await buildWebApps();
    server = await startStaffServer();
    ({ h } = server);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the processing status, then the processed image and its thumbnail', async () => {
    const body = drawing({ text: 'Waiting to be processed' });
    expect((await postDrawing(h.app, body, await pngDrawing(320, 200))).status).toBe(201);
    const { context, page } = await signInPage(browser, server, 'worker');
    await selectDrawing(page, 'Waiting to be processed');
    await expect.poll(() => page.getByTestId('drawing-status').textContent(), POLL).toMatch(/Still being processed/);
    expect(await page.getByTestId('drawing-image').count()).toBe(0);

    await createJobRunner(h.deps, createSharpProcessor()).drain();
    await page.getByRole('button', { name: 'Check again' }).click();
    await expect.poll(() => page.getByTestId('drawing-status').textContent(), POLL).toBe('Ready: 320 × 200 pixels, cleaned of any hidden details.');
    const [image, thumbnail] = await processed(body.id as string);
    expect(await page.getByTestId('drawing-image').getAttribute('src')).toBe(`/api/media/${image!.id}`);
    expect(await page.getByTestId('drawing-thumbnail').getAttribute('src')).toBe(`/api/media/${thumbnail!.id}`);
    // Both pictures really load (the session cookie goes with them).
    await expect.poll(() => page.getByTestId('drawing-image').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), POLL).toBe(320);
    await expect.poll(() => page.getByTestId('drawing-thumbnail').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), POLL).toBeGreaterThan(0);
    await context.close();
  });

  it('blurs a typed region using the keyboard alone, and crops to a region dragged on the picture', async () => {
    const body = drawing({ text: 'My family at the park' });
    const id = body.id as string;
    expect((await postDrawing(h.app, body, await pngDrawing(640, 480))).status).toBe(201);
    await createJobRunner(h.deps, createSharpProcessor()).drain();
    const [original] = await processed(id);

    const { context, page } = await signInPage(browser, server, 'worker');
    await selectDrawing(page, 'My family at the park');
    await expect.poll(() => page.getByTestId('drawing-image').getAttribute('data-media-id'), POLL).toBe(original!.id);

    // A region outside the picture is refused here, before anything is sent.
    await page.getByLabel('Left (x)').fill('600');
    await page.getByLabel('Top (y)').fill('0');
    await page.getByLabel('Width').fill('100');
    await page.getByLabel('Height').fill('100');
    await page.getByLabel('Height').press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent(), POLL).toBe('Nothing was changed. The region must fit inside the drawing (640 × 480 pixels).');
    expect((await processed(id))[0]!.id).toBe(original!.id);

    // Typed field to field with Tab and sent with Enter: no pointer involved.
    await page.getByRole('button', { name: 'Clear region' }).click();
    await page.getByLabel('Left (x)').focus();
    for (const value of ['40', '30', '200', '150']) {
      await page.keyboard.type(value);
      if (value !== '150') await page.keyboard.press('Tab');
    }
    expect(await page.getByLabel('Width').inputValue()).toBe('200');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').textContent(), POLL).toBe('Blurred. The drawing is now 640 × 480 pixels.');
    const blurred = await processed(id);
    expect(blurred.map((media) => media.role)).toEqual(['processed', 'thumbnail']);
    expect(blurred[0]!.id).not.toBe(original!.id);
    expect(blurred[0]!.storage_key).not.toBe(original!.storage_key);
    await expect.poll(() => page.getByTestId('drawing-image').getAttribute('data-media-id'), POLL).toBe(blurred[0]!.id);
    expect(await page.getByLabel('Left (x)').inputValue()).toBe('');

    // Dragged from a quarter of the way in to three quarters: the middle half of the picture.
    await expect.poll(() => page.getByTestId('drawing-image').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), POLL).toBe(640);
    await page.getByTestId('drawing-image').scrollIntoViewIfNeeded();
    const box = (await page.getByTestId('drawing-image').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.25, box.y + box.height * 0.25);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5, { steps: 4 });
    await page.mouse.move(box.x + box.width * 0.75, box.y + box.height * 0.75, { steps: 4 });
    await page.mouse.up();
    const near = async (label: string, expected: number) => Math.abs(Number(await page.getByLabel(label).inputValue()) - expected) <= 3;
    expect([await near('Left (x)', 160), await near('Top (y)', 120), await near('Width', 320), await near('Height', 240)]).toEqual([true, true, true, true]);
    await page.getByRole('button', { name: 'Crop to region' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), POLL).toMatch(/^Cropped\. The drawing is now \d+ × \d+ pixels\.$/);
    const cropped = await processed(id);
    expect(cropped[0]!.id).not.toBe(blurred[0]!.id);
    expect(Math.abs(cropped[0]!.width! - 320)).toBeLessThanOrEqual(3);
    expect(Math.abs(cropped[0]!.height! - 240)).toBeLessThanOrEqual(3);
    await expect.poll(() => page.getByTestId('drawing-image').getAttribute('data-media-id'), POLL).toBe(cropped[0]!.id);
    await expect.poll(() => page.getByTestId('drawing-image').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), POLL).toBe(cropped[0]!.width);

    const audit = await h.database.db.selectFrom('audit_log').select('details').where('subject_id', '=', id).where('action', '=', 'submission.drawing_edited').orderBy('id').execute();
    expect(audit.map((row) => row.details)).toEqual([
      { blurred: 1, cropped: false },
      { blurred: 0, cropped: true },
    ]);
    await context.close();
  });
});
