// Release check 7, consent invariants: property runs over small random worlds. Each run sends submissions through
// the public API (quotes, drawings, survey answers) with random consent flags, moderates them through the real staff
// API (claim, approve, reject, redact, flag, escalate, no concern, undo, tag — before and after a pack version is
// issued), curates (pin or exclude), withdraws some through their receipts (before moderation, or after the pack),
// marks the item discussed, and then reads everything a committee or a child can read: the pull (every page), its
// CSV, the live pack page, every pack version (page and CSV, or its 410), receipts, survey results (JSON and CSV) and
// the pictures behind every image URL. No output may show an item that is not approved, not shared with committees
// by the child, or withdrawn; words only where the child agreed to be quoted; never the words a moderator redacted.
// Text, ids and image URLs are all checked. The oracle is each submission's own row after the run.
// Already covered elsewhere: the fixed consent table and curation (test/api/committees.test.ts), pack supersession
// (test/api/pack-versions.test.ts), withdrawal erasing rows and objects (test/api/receipts.test.ts).
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

const SEED = Number(process.env.CONSENT_SEED ?? 20261129);
/** Property runs; each builds a world of 3–6 submissions. 40 keeps the file well under 90 s on 2 cores. */
const RUNS = Number(process.env.CONSENT_RUNS ?? 40);

type Op = 'claim' | 'approve' | 'reject' | 'redact' | 'flag' | 'escalate' | 'no-concern' | 'undo' | 'tag' | 'release';
type Step = { op: Op; as: 'worker' | 'lead' };
type Planned = {
  kind: 'quote' | 'drawing' | 'survey';
  share: boolean;
  quote: boolean;
  publish: boolean;
  givenBy: 'self' | 'carer' | 'worker';
  ageBand: '4-7' | '8-11' | '12-15' | '16-18';
  wantsToTalk: boolean;
  early: Step[];
  late: Step[];
  withdraw: 'never' | 'first' | 'after-pack';
  curation: 'none' | 'pin' | 'exclude';
};

// Only safeguarding leads escalate or record "no concern" (the authorization matrix covers anyone else trying).
const step = fc
  .record({
    op: fc.constantFrom<Op>('claim', 'approve', 'approve', 'reject', 'redact', 'redact', 'flag', 'escalate', 'no-concern', 'undo', 'tag', 'release'),
    as: fc.constantFrom<Step['as']>('worker', 'lead'),
  })
  .map((s): Step => (s.op === 'escalate' || s.op === 'no-concern' ? { ...s, as: 'lead' } : s));
/** Early decisions usually end in an approval by someone, so that there is something a leak could show. */
const early = fc.tuple(fc.array(step, { maxLength: 3 }), fc.option(fc.constantFrom<Step['as']>('worker', 'lead'), { freq: 3 })).map(([steps, approver]) => (approver ? [...steps, { op: 'approve' as const, as: approver }] : steps));
const planned: fc.Arbitrary<Planned> = fc.record({
  kind: fc.constantFrom<Planned['kind']>('quote', 'quote', 'drawing', 'survey'),
  share: fc.constantFrom(true, true, false),
  quote: fc.boolean(),
  publish: fc.boolean(),
  givenBy: fc.constantFrom<Planned['givenBy']>('self', 'carer', 'worker'),
  ageBand: fc.constantFrom<Planned['ageBand']>('4-7', '8-11', '12-15', '16-18'),
  wantsToTalk: fc.constantFrom(false, false, false, true),
  early,
  late: fc.array(step, { maxLength: 2 }),
  withdraw: fc.constantFrom<Planned['withdraw']>('never', 'never', 'never', 'never', 'first', 'after-pack'),
  curation: fc.constantFrom<Planned['curation']>('none', 'none', 'pin', 'exclude'),
});
/** Letters only, so screening never mistakes a token for a phone number or a postcode. */
const token = fc.string({ unit: fc.constantFrom(...'bcdfghjkmnpqrstvwxz'), minLength: 10, maxLength: 10 });

type Sent = Planned & { id: string; receipt: string; open: string; secret: string; mediaIds: string[]; servedMedia: string[]; withdrawn: boolean };

const figures = { runs: 0, sent: 0, refusedAtIntake: 0, withdrawn: 0, shown: 0, quoted: 0, redactedShown: 0, drawingsShown: 0, packVersions: 0, superseded: 0, mediaChecks: 0, outputs: 0, steps: new Map<string, number>() };

describe(`consent invariants on ${engineName}`, () => {
  let provider: DevOidcProvider;
  let h: Harness;
  let worker: SignedIn;
  let lead: SignedIn;
  let member: SignedIn;
  let executiveId: number;
  let png: Uint8Array;

  beforeAll(async () => {
    provider = await startTestProvider();
    const limits = parseConfig({ NODE_ENV: 'test', RATE_LIMIT_WITHOUT_DEVICE: '1000000' }).rateLimit;
    h = await createHarness({ config: { ...staffConfig(), rateLimit: limits }, oidc: provider.settings });
    worker = await signInAs(h.app, 'worker');
    lead = await signInAs(h.app, 'lead');
    member = await signInAs(h.app, 'committee');
    executiveId = ((await (await worker.request('/api/committees')).json()) as { committees: { id: number }[] }).committees[0]!.id;
    await h.database.db.insertInto('staff_roles').values({ staff_user_id: member.id, role: 'committee_member', committee_id: executiveId }).execute();
    png = await pngDrawing(48, 32);
  });
  afterAll(async () => {
    await h?.close();
    await provider?.stop();
    const steps = [...figures.steps].sort().map(([key, n]) => `${key}×${n}`).join(' ');
    console.log(
      [
        `consent invariants (${engineName}), fast-check seed ${SEED}, ${figures.runs} worlds: no output showed an unconsented, unmoderated, withdrawn or unredacted item`,
        `  submissions sent ${figures.sent} (refused at intake by the consent rules ${figures.refusedAtIntake}), withdrawn ${figures.withdrawn}`,
        `  shown to the committee ${figures.shown} (quoted ${figures.quoted}, of which redacted ${figures.redactedShown}; drawings ${figures.drawingsShown})`,
        `  pack versions opened ${figures.packVersions} (superseded, 410: ${figures.superseded}); pictures requested ${figures.mediaChecks}; outputs scanned ${figures.outputs}`,
        `  staff steps (action status×count): ${steps}`,
      ].join('\n'),
    );
  });

  /** Every answer of the run: never a 5xx, whatever the order of decisions. */
  async function call(label: string, response: Response | Promise<Response>): Promise<Response> {
    const answer = await response;
    if (answer.status >= 500) throw new Error(`${label} answered ${answer.status}: ${await answer.text()}`);
    return answer;
  }

  const as = (who: Step['as']) => (who === 'lead' ? lead : worker);

  async function apply(sub: Sent, { op, as: who }: Step): Promise<void> {
    const staff = as(who);
    const base = `/api/moderation/submissions/${sub.id}`;
    let response: Response;
    if (op === 'redact') {
      const view = await call('view', staff.request(base));
      const text = view.status === 200 ? ((await view.json()) as { text: string | null }).text : null;
      const at = text?.indexOf(sub.secret) ?? -1;
      if (at < 0) return;
      response = await call(op, staff.json(`${base}/redact`, 'POST', { spans: [{ start: at, end: at + sub.secret.length }] }));
    } else {
      const bodies: Partial<Record<Op, unknown>> = {
        reject: { reason: 'Not for this committee' },
        flag: {},
        escalate: { referralReference: 'MASH-1' },
        'no-concern': { reason: 'Checked with the group worker' },
        tag: { priorities: ['mental-health'], themes: ['Being listened to'] },
      };
      response = await call(op, staff.json(op === 'tag' ? `${base}/tags` : `${base}/${op}`, op === 'tag' ? 'PUT' : 'POST', bodies[op]));
    }
    const key = `${op} ${response.status}`;
    figures.steps.set(key, (figures.steps.get(key) ?? 0) + 1);
  }

  async function withdraw(sub: Sent): Promise<void> {
    const response = await call('withdraw', h.app.request(`/api/receipts/${sub.receipt}/withdraw`, { method: 'POST' }));
    expect(response.status).toBe(200);
    sub.withdrawn = true;
    figures.withdrawn++;
  }

  async function send(plan: Planned, open: string, secret: string, surveyId: string | undefined): Promise<Sent | undefined> {
    const consent = { shareWithCommittee: plan.share, quoteInReports: plan.quote, publishPublicly: plan.publish, givenBy: plan.givenBy };
    const common = { ageBand: plan.ageBand, consent, wantsToTalk: plan.wantsToTalk };
    const text = `${open} said ${secret}`;
    let response: Response;
    let id: string;
    if (plan.kind === 'drawing') {
      const body = drawing({ ...common, text });
      id = body.id as string;
      response = await call('post drawing', postDrawing(h.app, body, png));
    } else {
      const body = plan.kind === 'survey' ? quote({ ...common, kind: 'survey', text: undefined, surveyId, answers: { happy: 4, words: text } }) : quote({ ...common, text });
      id = body.id as string;
      response = await call('post', postJson(h.app, body));
    }
    figures.sent++;
    const adultNeeded = plan.publish && plan.givenBy === 'self' && ['4-7', '8-11', '12-15'].includes(plan.ageBand);
    if (response.status === 422 && adultNeeded) {
      figures.refusedAtIntake++;
      return { ...plan, id, receipt: '', open, secret, mediaIds: [], servedMedia: [], withdrawn: false };
    }
    expect(response.status, await response.clone().text()).toBe(201);
    const { receipt } = (await response.json()) as { receipt: string };
    return { ...plan, id, receipt, open, secret, mediaIds: [], servedMedia: [], withdrawn: false };
  }

  /** Everything a committee member and a child can read for this world, as text, with where it came from. */
  async function outputs(itemId: string, world: Sent[], surveyId: string | undefined): Promise<{ where: string; text: string }[]> {
    const out: { where: string; text: string }[] = [];
    const read = async (where: string, response: Response | Promise<Response>) => {
      const answer = await call(where, response);
      out.push({ where: `${where} (${answer.status})`, text: await answer.text() });
      return answer;
    };
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = await read('feedback page', member.request(`/api/agenda-items/${itemId}/feedback?limit=2${query}`));
      expect(page.status).toBe(200);
      cursor = (JSON.parse(out.at(-1)!.text) as { nextCursor: string | null }).nextCursor;
    } while (cursor);
    await read('feedback CSV', member.request(`/api/agenda-items/${itemId}/feedback.csv`));
    await read('live pack page', member.request(`/api/agenda-items/${itemId}/pack`));
    const versions = (await (await worker.request(`/api/agenda-items/${itemId}/packs`)).json()) as { versions: { id: string; supersededAt: string | null }[] };
    out.push({ where: 'pack versions list', text: JSON.stringify(versions) });
    for (const version of versions.versions) {
      const page = await read(`pack version ${version.id}`, member.request(`/api/packs/${version.id}`));
      await read(`pack version ${version.id} CSV`, member.request(`/api/packs/${version.id}/csv`));
      expect(page.status).toBe(version.supersededAt ? 410 : 200);
      figures.packVersions++;
      if (version.supersededAt) figures.superseded++;
    }
    for (const sub of world) if (sub.receipt) await read(`receipt of ${sub.id}`, h.app.request(`/api/receipts/${sub.receipt}`));
    if (surveyId) {
      await read('survey results', worker.request(`/api/surveys/${surveyId}/results?by=ageBand`));
      await read('survey results CSV', worker.request(`/api/surveys/${surveyId}/results.csv?by=ageBand`));
    }
    figures.outputs += out.length;
    return out;
  }

  it('no pull, pack, pack version, CSV, receipt, survey result or picture shows more than the child agreed to', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(planned, { minLength: 3, maxLength: 6 }), fc.array(token, { minLength: 12, maxLength: 12 }), fc.boolean(), async (plans, tokens, issueFirst) => {
        figures.runs++;
        const since = new Date().toISOString();
        const meeting = (await (await call('meeting', worker.json(`/api/committees/${executiveId}/meetings`, 'POST', { heldOn: '2026-12-03' }))).json()) as { id: string };
        const itemResponse = await call('item', worker.json(`/api/meetings/${meeting.id}/agenda-items`, 'POST', { title: 'What children said', from: since }));
        const itemId = ((await itemResponse.json()) as { id: string }).id;
        let surveyId: string | undefined;
        if (plans.some((plan) => plan.kind === 'survey')) {
          const definition = { title: 'How are things?', intro: { en: 'A few questions.' }, questions: [{ id: 'happy', type: 'emoji_scale', text: { en: 'How happy are you?' } }, { id: 'words', type: 'free_text', text: { en: 'Anything else?' } }] };
          surveyId = ((await (await call('survey', worker.json('/api/surveys', 'POST', definition))).json()) as { id: string }).id;
          expect((await call('publish', worker.json(`/api/surveys/${surveyId}/publish`, 'POST'))).status).toBe(200);
        }

        const world: Sent[] = [];
        for (const [i, plan] of plans.entries()) {
          // The index keeps tokens distinct even when shrinking makes the random parts equal.
          const mark = 'bcdfghjk'[i]!;
          const sent = await send(plan, `open${mark}${tokens[i * 2]}`, `secret${mark}${tokens[i * 2 + 1]}`, surveyId);
          if (sent) world.push(sent);
        }
        const stored = world.filter((sub) => sub.receipt);
        await createJobRunner(h.deps, createSharpProcessor()).drain();
        for (const sub of stored) {
          const media = await h.database.db.selectFrom('media_objects').select(['id', 'role', 'processing_status']).where('submission_id', '=', sub.id).execute();
          sub.mediaIds = media.map((m) => m.id);
          sub.servedMedia = media.filter((m) => m.role !== 'original' && m.processing_status === 'ready').map((m) => m.id);
        }

        for (const sub of stored) if (sub.withdraw === 'first') await withdraw(sub);
        for (const sub of stored) for (const s of sub.early) await apply(sub, s);
        if (issueFirst) expect((await call('issue', worker.json(`/api/agenda-items/${itemId}/packs`, 'POST', {}))).status).toBe(201);
        for (const sub of stored) {
          if (sub.curation !== 'none') await call('curate', worker.json(`/api/agenda-items/${itemId}/curation/${sub.id}`, 'PUT', { choice: sub.curation }));
        }
        if (!issueFirst) expect((await call('issue', worker.json(`/api/agenda-items/${itemId}/packs`, 'POST', {}))).status).toBe(201);
        for (const sub of stored) for (const s of sub.late) await apply(sub, s);
        for (const sub of stored) if (sub.withdraw === 'after-pack') await withdraw(sub);
        expect((await call('discussed', worker.json(`/api/agenda-items/${itemId}/discussed`, 'POST', {}))).status).toBe(200);

        // The oracle: each submission's row now.
        const rows = new Map(
          (await h.database.db.selectFrom('submissions').select(['id', 'status', 'consent_share_with_committee', 'consent_quote_in_reports', 'withdrawn_at', 'text', 'redacted_text', 'safeguarding', 'safeguarding_resolution']).where('id', 'in', world.map((s) => s.id)).execute()).map((row) => [row.id, row]),
        );
        const allowed = (sub: Sent) => {
          const row = rows.get(sub.id);
          // Behind the safeguarding wall (flagged, not cleared with "no concern") nothing reaches a committee.
          const walled = row !== undefined && row.safeguarding && row.safeguarding_resolution !== 'no_concern';
          return row !== undefined && row.status === 'approved' && row.consent_share_with_committee && row.withdrawn_at === null && !sub.withdrawn && !walled;
        };
        const quotable = (sub: Sent) => allowed(sub) && rows.get(sub.id)!.consent_quote_in_reports && sub.kind !== 'survey';
        const secretShown = (sub: Sent) => quotable(sub) && (rows.get(sub.id)!.redacted_text ?? rows.get(sub.id)!.text ?? '').includes(sub.secret);
        for (const sub of world) if (sub.withdrawn) expect(rows.get(sub.id)).toMatchObject({ status: 'withdrawn', text: null });

        const out = await outputs(itemId, world, surveyId);
        const describeWorld = () => JSON.stringify(world.map((s) => ({ ...s, row: rows.get(s.id) })), null, 1);
        for (const { where, text } of out) {
          const receiptOf = where.startsWith('receipt of ');
          for (const sub of world) {
            const context = () => `${where} shows too much of ${sub.id}:\n${text.slice(0, 1500)}\nworld: ${describeWorld()}`;
            // Receipts and survey results never carry words; survey answers never reach committees as words.
            if (receiptOf || where.startsWith('survey results') || !quotable(sub)) expect(text.includes(sub.open), context()).toBe(false);
            if (receiptOf || where.startsWith('survey results') || !secretShown(sub)) expect(text.includes(sub.secret), context()).toBe(false);
            if (!allowed(sub) || receiptOf) {
              expect(text.includes(sub.id), context()).toBe(false);
              for (const media of sub.mediaIds) expect(text.includes(media), context()).toBe(false);
            }
          }
        }

        // The live pull shows exactly what is allowed and not excluded (pinned or matched), quoting exactly the visible words.
        const pulled = out
          .filter((o) => o.where.startsWith('feedback page'))
          .flatMap((o) => (JSON.parse(o.text) as { entries: { id: string; quote: string | null; drawing: { imageUrl: string; thumbnailUrl: string } | null }[] }).entries);
        const expected = world.filter((sub) => allowed(sub) && sub.curation !== 'exclude').map((sub) => sub.id).sort();
        expect(pulled.map((e) => e.id).sort(), describeWorld()).toEqual(expected);
        for (const entry of pulled) {
          const sub = world.find((s) => s.id === entry.id)!;
          const row = rows.get(sub.id)!;
          expect(entry.quote).toBe(row.consent_quote_in_reports ? (row.redacted_text ?? row.text) : null);
          figures.shown++;
          if (entry.quote !== null) figures.quoted++;
          if (entry.quote !== null && row.redacted_text !== null) figures.redactedShown++;
          if (entry.drawing) figures.drawingsShown++;
        }

        // The current pack version shows only allowed submissions.
        const current = out.filter((o) => /^pack version \S+ CSV \(200\)$/.test(o.where));
        for (const csv of current) {
          for (const line of csv.text.trim().split('\r\n').slice(1)) expect(world.filter((sub) => allowed(sub)).map((s) => s.id), describeWorld()).toContain(line.split(',')[0]);
        }

        // Receipts say withdrawn, with nothing shared, once withdrawn.
        for (const sub of world.filter((s) => s.withdrawn)) {
          const receipt = JSON.parse(out.find((o) => o.where.startsWith(`receipt of ${sub.id}`))!.text) as { state: string; sharedWith: unknown[] };
          expect(receipt).toMatchObject({ state: 'withdrawn', sharedWith: [] });
        }

        // Survey results count only answers that were not withdrawn, and hide fewer than five.
        if (surveyId) {
          const results = JSON.parse(out.find((o) => o.where.startsWith('survey results ('))!.text) as { respondents: number | null };
          const counted = world.filter((s) => s.kind === 'survey' && s.receipt && !s.withdrawn).length;
          expect(results.respondents).toBe(counted >= 5 ? counted : null);
        }

        const inCurrentVersion = new Set(current.flatMap((csv) => csv.text.trim().split('\r\n').slice(1).map((line) => line.split(',')[0])));
        // Each picture answers the committee member only when its submission is allowed.
        for (const sub of stored) {
          for (const media of sub.mediaIds) {
            const response = await call('media', member.request(`/api/media/${media}`));
            figures.mediaChecks++;
            // A moderator's drawing edit replaces the processed images; the ones read after processing may be gone.
            const current = await h.database.db.selectFrom('media_objects').select('id').where('id', '=', media).executeTakeFirst();
            // A picture is served only where an item shows it: the live pull (not excluded) or the current pack version.
            const shown = sub.curation !== 'exclude' || inCurrentVersion.has(sub.id);
            expect(response.status, `picture ${media} of ${sub.id}`).toBe(allowed(sub) && shown && sub.servedMedia.includes(media) && current ? 200 : 404);
          }
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 180_000);
});
