// The safeguarding lane is a wall, as a property: random sequences of moderation actions (submit, screened or not;
// flag; approve, single or bulk; undo; "no concern"; escalate; withdraw; issue a pack) by random staff (two workers and
// a lead). After every action, nothing behind the wall (flagged and not cleared with "no concern") is visible to a
// committee member by any route: feedback JSON (every page), its CSV, the live pack page, every current pack version
// (page and CSV), or the pictures; and no current pack version still lists it (a flag supersedes them at once).
// Every approval of an unresolved flag is refused with 409 `safeguarding_unresolved`, and only leads resolve.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../api/config.ts';
import { createSharpProcessor } from '../../api/images/sharp-processor.ts';
import { createJobRunner } from '../../api/jobs/runner.ts';
import type { DevOidcProvider } from '../../api/node/dev-oidc-provider.ts';
import { engineName } from '../helpers/database.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { drawing, pngDrawing, postDrawing, postJson, quote } from '../helpers/intake.ts';
import { signInAs, staffConfig, startTestProvider, type SignedIn } from '../helpers/staff.ts';

const SEED = Number(process.env.LANE_SEED ?? 20261202);
/** Each run builds a world of 2–4 submissions and checks every route after each of up to 8 actions; 25 runs take about a minute on PGlite. */
const RUNS = Number(process.env.LANE_RUNS ?? 25);

type Who = 'worker' | 'worker2' | 'lead';
type Op = 'approve' | 'bulk' | 'undo' | 'flag' | 'no-concern' | 'escalate' | 'withdraw' | 'issue';
type Action = { op: Op; who: Who; target: number };
type Planned = { kind: 'quote' | 'drawing'; screened: boolean };
type Sent = Planned & { id: string; receipt: string; secret: string; mediaIds: string[] };

/** Screening flags these words as a possible disclosure. */
const DISCLOSURE = 'someone touched me and told me not to tell';
const action: fc.Arbitrary<Action> = fc.record({
  op: fc.constantFrom<Op>('approve', 'approve', 'bulk', 'undo', 'flag', 'flag', 'no-concern', 'escalate', 'withdraw', 'issue', 'issue'),
  who: fc.constantFrom<Who>('worker', 'worker2', 'lead'),
  target: fc.nat({ max: 3 }),
});
/** Most worlds start with an approval of everything by a lead and a pack, so there is something a flag must take away. */
const world = fc.record({
  plans: fc.array(fc.record({ kind: fc.constantFrom<Planned['kind']>('quote', 'quote', 'drawing'), screened: fc.boolean() }), { minLength: 2, maxLength: 4 }),
  approveFirst: fc.constantFrom(true, true, false),
  actions: fc.array(action, { minLength: 1, maxLength: 8 }),
});

const tally = { runs: 0, actions: new Map<string, number>(), walledChecks: 0, shownChecks: 0 };

describe(`the safeguarding lane is a wall, on ${engineName}`, () => {
  let provider: DevOidcProvider;
  let h: Harness;
  let staff: Record<Who, SignedIn>;
  let member: SignedIn;
  let admin: SignedIn;
  let executiveId: number;
  let png: Uint8Array;

  beforeAll(async () => {
    provider = await startTestProvider([{ login: 'worker2', name: 'Wes Green (participation worker)', email: 'worker2@heard.test', roles: ['participation_worker'] }]);
    const limits = parseConfig({ NODE_ENV: 'test', RATE_LIMIT_WITHOUT_DEVICE: '1000000' }).rateLimit;
    h = await createHarness({ config: { ...staffConfig(), rateLimit: limits }, oidc: provider.settings });
    const [worker, worker2, lead, committee, administrator] = await Promise.all(['worker', 'worker2', 'lead', 'committee', 'admin'].map((login) => signInAs(h.app, login)));
    staff = { worker: worker!, worker2: worker2!, lead: lead! };
    member = committee!;
    admin = administrator!;
    executiveId = ((await (await worker!.request('/api/committees')).json()) as { committees: { id: number }[] }).committees[0]!.id;
    await h.database.db.insertInto('staff_roles').values({ staff_user_id: member.id, role: 'committee_member', committee_id: executiveId }).execute();
    png = await pngDrawing(48, 32);
  });
  afterAll(async () => {
    await h?.close();
    await provider?.stop();
    const actions = [...tally.actions].sort().map(([key, n]) => `${key}×${n}`).join(' ');
    console.log(`lane wall (${engineName}), seed ${SEED}, ${tally.runs} worlds; walled checks ${tally.walledChecks}, shown checks ${tally.shownChecks}\n  actions (op who status×n): ${actions}`);
  });

  async function call(label: string, response: Response | Promise<Response>): Promise<Response> {
    const answer = await response;
    if (answer.status >= 500) throw new Error(`${label} answered ${answer.status}: ${await answer.text()}`);
    return answer;
  }

  async function send(plan: Planned, secret: string): Promise<Sent> {
    const text = `${plan.screened ? DISCLOSURE : 'more youth clubs please'} ${secret}`;
    const body = plan.kind === 'drawing' ? drawing({ text }) : quote({ text });
    const response = await call('send', plan.kind === 'drawing' ? postDrawing(h.app, body, png) : postJson(h.app, body));
    expect(response.status, await response.clone().text()).toBe(201);
    return { ...plan, id: body.id as string, receipt: ((await response.json()) as { receipt: string }).receipt, secret, mediaIds: [] };
  }

  async function rows(world: Sent[]) {
    const found = await h.database.db
      .selectFrom('submissions')
      .select(['id', 'status', 'safeguarding', 'safeguarding_resolution', 'flagged_by', 'withdrawn_at'])
      .where('id', 'in', world.map((sub) => sub.id))
      .execute();
    return new Map(found.map((row) => [row.id, row]));
  }

  /** Runs one action and checks its answer against the row before it. */
  async function apply(world: Sent[], itemId: string, { op, who, target }: Action): Promise<void> {
    const sub = world[target % world.length]!;
    const actor = staff[who];
    const before = (await rows(world)).get(sub.id)!;
    const isLead = who === 'lead';
    const gone = before.status === 'withdrawn';
    const awaiting = before.safeguarding && before.safeguarding_resolution === null;
    const mayOpen = !gone && (isLead || !before.safeguarding || before.safeguarding_resolution === 'no_concern' || before.flagged_by === actor.id);
    const base = `/api/moderation/submissions/${sub.id}`;
    let status: number;
    if (op === 'issue') {
      status = (await call(op, actor.json(`/api/agenda-items/${itemId}/packs`, 'POST', {}))).status;
      expect([200, 201], 'a new version, or the current one when nothing changed').toContain(status);
    } else if (op === 'withdraw') {
      status = (await call(op, h.app.request(`/api/receipts/${sub.receipt}/withdraw`, { method: 'POST' }))).status;
      expect([200, 404, 410]).toContain(status);
    } else if (op === 'bulk') {
      const ids = [...new Set([sub.id, world[(target + 1) % world.length]!.id])];
      const answer = await call(op, actor.json('/api/moderation/bulk', 'POST', { ids, action: 'approve' }));
      status = answer.status;
      expect(status).toBe(200);
      const result = ((await answer.json()) as { results: { id: string; ok: boolean; code?: string }[] }).results.find((r) => r.id === sub.id)!;
      if (mayOpen && awaiting) expect(result).toEqual({ id: sub.id, ok: false, code: 'safeguarding_unresolved' });
    } else {
      const bodies: Partial<Record<Op, unknown>> = { flag: {}, escalate: { referralReference: 'MASH-1' }, 'no-concern': { reason: 'Checked with the group worker' } };
      const answer = await call(op, actor.json(`${base}/${op}`, 'POST', bodies[op]));
      status = answer.status;
      if ((op === 'no-concern' || op === 'escalate') && !isLead) expect(status, 'only leads resolve a flag').toBe(403);
      else if (!mayOpen) expect(status).toBe(404);
      else if (op === 'approve' && awaiting) {
        expect(status).toBe(409);
        expect(((await answer.json()) as { code: string }).code).toBe('safeguarding_unresolved');
      } else if (op === 'approve' || op === 'flag' || op === 'escalate') expect(status).toBe(200);
    }
    const after = (await rows(world)).get(sub.id)!;
    // Only a lead's escalation or "no concern" resolves a flag: no worker action (an undo of their own flag included) does.
    if (awaiting && !isLead && op !== 'withdraw') expect(after, `${op} by ${who} resolved a flag`).toMatchObject({ safeguarding: true, safeguarding_resolution: null });
    if (awaiting && (op === 'approve' || op === 'bulk')) expect(after.status, 'an unresolved flag was approved').toBe(before.status);
    const key = `${op} ${who} ${status}`;
    tally.actions.set(key, (tally.actions.get(key) ?? 0) + 1);
  }

  /** Everything the committee member can read for this item, as text, with where it came from. */
  async function committeeOutputs(itemId: string): Promise<{ where: string; text: string; entries?: string[] }[]> {
    const out: { where: string; text: string; entries?: string[] }[] = [];
    let cursor: string | null = null;
    do {
      const page = await call('feedback', member.request(`/api/agenda-items/${itemId}/feedback?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`));
      expect(page.status).toBe(200);
      const text = await page.text();
      const body = JSON.parse(text) as { nextCursor: string | null; entries: { id: string }[] };
      out.push({ where: 'feedback page', text, entries: body.entries.map((entry) => entry.id) });
      cursor = body.nextCursor;
    } while (cursor);
    out.push({ where: 'feedback CSV', text: await (await call('csv', member.request(`/api/agenda-items/${itemId}/feedback.csv`))).text() });
    out.push({ where: 'live pack', text: await (await call('pack', member.request(`/api/agenda-items/${itemId}/pack`))).text() });
    const versions = (await (await call('versions', member.request(`/api/agenda-items/${itemId}/packs`))).json()) as { versions: { id: string; supersededAt: string | null }[] };
    for (const version of versions.versions.filter((v) => v.supersededAt === null)) {
      out.push({ where: `pack version ${version.id}`, text: await (await call('version', member.request(`/api/packs/${version.id}`))).text() });
      out.push({ where: `pack version ${version.id} CSV`, text: await (await call('version csv', member.request(`/api/packs/${version.id}/csv`))).text() });
    }
    return out;
  }

  async function checkWall(world: Sent[], itemId: string, history: Action[]): Promise<void> {
    const now = await rows(world);
    const walled = world.filter((sub) => {
      const row = now.get(sub.id)!;
      return row.safeguarding && row.safeguarding_resolution !== 'no_concern';
    });
    const context = () => JSON.stringify({ history, world: world.map((sub) => ({ ...sub, row: now.get(sub.id) })) }, null, 1);
    const out = await committeeOutputs(itemId);
    for (const sub of walled) {
      for (const { where, text } of out) {
        tally.walledChecks++;
        expect(text.includes(sub.id), `${where} shows walled ${sub.id}\n${context()}`).toBe(false);
        expect(text.includes(sub.secret), `${where} shows the words of walled ${sub.id}\n${context()}`).toBe(false);
        for (const media of sub.mediaIds) expect(text.includes(media), `${where} links a picture of walled ${sub.id}\n${context()}`).toBe(false);
      }
      const row = now.get(sub.id)!;
      for (const media of sub.mediaIds) {
        expect((await call('media', member.request(`/api/media/${media}`))).status, `picture of walled ${sub.id}\n${context()}`).toBe(404);
        expect((await call('media', admin.request(`/api/media/${media}`))).status, `picture of walled ${sub.id} to an admin`).toBe(404);
        // Inside the lane a picture is for leads and the worker who flagged it.
        for (const who of ['worker', 'worker2'] as const) {
          const expected = row.status !== 'withdrawn' && row.flagged_by === staff[who].id ? 200 : 404;
          expect((await call('media', staff[who].request(`/api/media/${media}`))).status, `picture of walled ${sub.id} to ${who}`).toBe(expected);
        }
        expect((await call('media', staff.lead.request(`/api/media/${media}`))).status).toBe(row.status === 'withdrawn' ? 404 : 200);
      }
      const listed = await h.database.db
        .selectFrom('pack_version_entries')
        .innerJoin('pack_versions', 'pack_versions.id', 'pack_version_entries.pack_version_id')
        .select('pack_versions.id')
        .where('pack_version_entries.submission_id', '=', sub.id)
        .where('pack_versions.superseded_at', 'is', null)
        .execute();
      expect(listed, `a current pack version still lists walled ${sub.id}\n${context()}`).toEqual([]);
    }
    // Not vacuous: the live pull shows exactly the approved submissions outside the wall.
    const shown = out.flatMap((o) => o.entries ?? []).sort();
    // Figures never count more than the pull shows (small totals are not shown at all; shown ones move in steps).
    const figures = JSON.parse(out[0]!.text) as { figures: { total: number | null } };
    expect(figures.figures.total ?? 0, 'the figures count no more than the pull shows').toBeLessThanOrEqual(shown.length);
    const expected = world.filter((sub) => now.get(sub.id)!.status === 'approved' && !walled.includes(sub)).map((sub) => sub.id).sort();
    expect(shown, context()).toEqual(expected);
    tally.shownChecks += shown.length;
    for (const sub of world.filter((s) => shown.includes(s.id))) {
      for (const media of sub.mediaIds) expect((await call('media', member.request(`/api/media/${media}`))).status, `picture of shown ${sub.id}`).toBe(200);
    }
  }

  it('never shows a committee member anything behind the wall, by any route, after any action', async () => {
    await fc.assert(
      fc.asyncProperty(world, async ({ plans, approveFirst, actions }) => {
        tally.runs++;
        const since = new Date().toISOString();
        const meeting = (await (await call('meeting', staff.worker.json(`/api/committees/${executiveId}/meetings`, 'POST', { heldOn: '2026-12-03' }))).json()) as { id: string };
        const item = await call('item', staff.worker.json(`/api/meetings/${meeting.id}/agenda-items`, 'POST', { title: 'What children said', from: since }));
        expect(item.status).toBe(201);
        const itemId = ((await item.json()) as { id: string }).id;

        const sent: Sent[] = [];
        for (const [i, plan] of plans.entries()) sent.push(await send(plan, `secret${'bcdf'[i]}${crypto.randomUUID().replaceAll('-', '').replace(/[0-9]/g, 'x')}`));
        await createJobRunner(h.deps, createSharpProcessor()).drain();
        for (const sub of sent) {
          const media = await h.database.db.selectFrom('media_objects').select(['id', 'role']).where('submission_id', '=', sub.id).execute();
          sub.mediaIds = media.filter((m) => m.role !== 'original').map((m) => m.id);
        }
        const history: Action[] = [];
        if (approveFirst) {
          for (const [target] of sent.entries()) {
            const step: Action = { op: 'approve', who: 'lead', target };
            history.push(step);
            await apply(sent, itemId, step);
          }
          history.push({ op: 'issue', who: 'worker', target: 0 });
          await apply(sent, itemId, history.at(-1)!);
        }
        await checkWall(sent, itemId, history);
        for (const step of actions) {
          history.push(step);
          await apply(sent, itemId, step);
          await checkWall(sent, itemId, history);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 300_000);
});
