// Who may open a drawing: every role × every lane, committee and consent state, from one table. Leads see the whole
// lane; workers what their queue shows them (a flagged picture only if they flagged it); committee members and
// admins only what an agenda item of their committees shows now, never anything behind the safeguarding wall.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharpProcessor } from '../../api/images/sharp-processor.ts';
import { createJobRunner } from '../../api/jobs/runner.ts';
import type { DevOidcProvider } from '../../api/node/dev-oidc-provider.ts';
import { engineName } from '../helpers/database.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { drawing, pngDrawing, postDrawing } from '../helpers/intake.ts';
import { signInAs, staffConfig, startTestProvider, type SignedIn } from '../helpers/staff.ts';

type Who = 'flagger' | 'worker' | 'lead' | 'executive' | 'frontDoor' | 'admin';
type State = {
  name: string;
  status: 'received' | 'approved' | 'rejected' | 'withdrawn';
  share: boolean;
  /** Executive's item pulls mental-health, Front door's contextual-risk. */
  tags: ('mental-health' | 'contextual-risk')[];
  flag?: { by: 'flagger' | 'screening'; resolution: 'escalated' | 'no_concern' | null };
  /** Issue Executive's pack with it, then take its tag away: only the pack version still shows it. */
  onlyInPackVersion?: boolean;
  sees: Who[];
};

const MODERATORS: Who[] = ['flagger', 'worker', 'lead'];
const STATES: State[] = [
  { name: 'waiting for moderation', status: 'received', share: true, tags: ['mental-health'], sees: MODERATORS },
  { name: 'rejected', status: 'rejected', share: true, tags: ['mental-health'], sees: MODERATORS },
  { name: 'approved, shared, pulled by an Executive item', status: 'approved', share: true, tags: ['mental-health'], sees: [...MODERATORS, 'executive', 'admin'] },
  { name: 'approved, shared, pulled by a Front door item', status: 'approved', share: true, tags: ['contextual-risk'], sees: [...MODERATORS, 'frontDoor', 'admin'] },
  { name: 'approved, shared, pulled by no item', status: 'approved', share: true, tags: [], sees: MODERATORS },
  { name: 'approved, pulled, not shared with committees', status: 'approved', share: false, tags: ['mental-health'], sees: MODERATORS },
  { name: 'approved, shown only by a current pack version', status: 'approved', share: true, tags: [], onlyInPackVersion: true, sees: [...MODERATORS, 'executive', 'admin'] },
  { name: 'approved, pulled, flagged by a worker, unresolved', status: 'approved', share: true, tags: ['mental-health'], flag: { by: 'flagger', resolution: null }, sees: ['flagger', 'lead'] },
  { name: 'approved, pulled, flagged by screening, unresolved', status: 'approved', share: true, tags: ['mental-health'], flag: { by: 'screening', resolution: null }, sees: ['lead'] },
  { name: 'waiting, flagged by screening', status: 'received', share: true, tags: ['mental-health'], flag: { by: 'screening', resolution: null }, sees: ['lead'] },
  { name: 'approved, pulled, escalated', status: 'approved', share: true, tags: ['mental-health'], flag: { by: 'flagger', resolution: 'escalated' }, sees: ['flagger', 'lead'] },
  { name: 'approved, pulled, flagged and cleared with "no concern"', status: 'approved', share: true, tags: ['mental-health'], flag: { by: 'flagger', resolution: 'no_concern' }, sees: [...MODERATORS, 'executive', 'admin'] },
  { name: 'approved, pulled, shown by a pack version, flagged after', status: 'approved', share: true, tags: ['mental-health'], onlyInPackVersion: false, flag: { by: 'screening', resolution: null }, sees: ['lead'] },
  { name: 'withdrawn', status: 'withdrawn', share: true, tags: ['mental-health'], sees: [] },
];
const EVERYONE: Who[] = ['flagger', 'worker', 'lead', 'executive', 'frontDoor', 'admin'];

describe(`who may open a drawing, on ${engineName}`, () => {
  let provider: DevOidcProvider;
  let h: Harness;
  let staff: Record<Who, SignedIn>;
  let submissionId: string;
  let mediaIds: string[];
  const items: Record<'executive' | 'frontDoor', string> = { executive: '', frontDoor: '' };

  beforeAll(async () => {
    provider = await startTestProvider([
      { login: 'worker2', name: 'Wes Green (participation worker)', email: 'worker2@heard.test', roles: ['participation_worker'] },
      { login: 'committee2', name: 'Cal Reed (committee member)', email: 'committee2@heard.test', roles: ['committee_member'] },
    ]);
    h = await createHarness({ config: staffConfig(), oidc: provider.settings });
    const [flagger, worker, lead, executive, frontDoor, admin] = await Promise.all(['worker', 'worker2', 'lead', 'committee', 'committee2', 'admin'].map((login) => signInAs(h.app, login)));
    staff = { flagger: flagger!, worker: worker!, lead: lead!, executive: executive!, frontDoor: frontDoor!, admin: admin! };
    const [executiveCommittee, frontDoorCommittee] = ((await (await worker!.request('/api/committees')).json()) as { committees: { id: number }[] }).committees;
    for (const [who, committee, priority] of [['executive', executiveCommittee!, 'mental-health'], ['frontDoor', frontDoorCommittee!, 'contextual-risk']] as const) {
      await h.database.db.insertInto('staff_roles').values({ staff_user_id: staff[who].id, role: 'committee_member', committee_id: committee.id }).execute();
      const meeting = (await (await worker!.json(`/api/committees/${committee.id}/meetings`, 'POST', { heldOn: '2026-12-03' })).json()) as { id: string };
      const item = await worker!.json(`/api/meetings/${meeting.id}/agenda-items`, 'POST', { title: 'What children said', priorities: [priority] });
      expect(item.status).toBe(201);
      items[who] = ((await item.json()) as { id: string }).id;
    }
    const body = drawing();
    submissionId = body.id as string;
    expect((await postDrawing(h.app, body, await pngDrawing(120, 90))).status).toBe(201);
    await createJobRunner(h.deps, createSharpProcessor()).drain();
    const media = await h.database.db.selectFrom('media_objects').select(['id', 'role']).where('submission_id', '=', submissionId).execute();
    mediaIds = media.filter((m) => m.role !== 'original').map((m) => m.id);
    expect(mediaIds).toHaveLength(2);
  });
  afterAll(async () => {
    await h.close();
    await provider.stop();
  });

  /** Puts the one drawing into `state` directly: the moderation paths that lead there are tested in moderation.test.ts. */
  async function enter(state: State): Promise<void> {
    const db = h.database.db;
    await db.deleteFrom('pack_versions').execute();
    await db.deleteFrom('submission_priorities').where('submission_id', '=', submissionId).execute();
    const tag = async (slugs: readonly string[]) => {
      for (const slug of slugs) {
        const priority = await db.selectFrom('priorities').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
        await db.insertInto('submission_priorities').values({ submission_id: submissionId, priority_id: priority.id, tagged_by: null }).execute();
      }
    };
    await db
      .updateTable('submissions')
      .set({ status: state.status, consent_share_with_committee: state.share, withdrawn_at: null, safeguarding: false, flagged_by: null, safeguarding_resolution: null })
      .where('id', '=', submissionId)
      .execute();
    if (state.onlyInPackVersion !== undefined) {
      await tag(['mental-health']);
      expect((await staff.worker.json(`/api/agenda-items/${items.executive}/packs`, 'POST', {})).status).toBe(201);
      if (state.onlyInPackVersion) await db.deleteFrom('submission_priorities').where('submission_id', '=', submissionId).execute();
    }
    await db.deleteFrom('submission_priorities').where('submission_id', '=', submissionId).execute();
    await tag(state.onlyInPackVersion === false ? ['mental-health'] : state.tags);
    await db
      .updateTable('submissions')
      .set({
        withdrawn_at: state.status === 'withdrawn' ? new Date() : null,
        safeguarding: state.flag !== undefined,
        flagged_by: state.flag?.by === 'flagger' ? staff.flagger.id : null,
        safeguarding_resolution: state.flag?.resolution ?? null,
      })
      .where('id', '=', submissionId)
      .execute();
  }

  it.each(STATES)('$name', async (state) => {
    await enter(state);
    const answers: Record<string, number> = {};
    const expected: Record<string, number> = {};
    for (const who of EVERYONE) {
      for (const [n, mediaId] of mediaIds.entries()) {
        const key = `${who} ${n === 0 ? 'picture' : 'thumbnail'}`;
        answers[key] = (await staff[who].request(`/api/media/${mediaId}`)).status;
        expected[key] = state.sees.includes(who) ? 200 : 404;
      }
    }
    expect(answers).toEqual(expected);
  });

  it('refuses a picture as it would one that does not exist, with the same problem', async () => {
    await enter(STATES.find((state) => state.sees.length === 0)!);
    const hidden = await staff.executive.request(`/api/media/${mediaIds[0]}`);
    const missing = await staff.executive.request(`/api/media/${crypto.randomUUID()}`);
    expect(hidden.headers.get('content-type')).toMatch(/problem\+json/);
    const strip = (body: Record<string, unknown>) => ({ ...body, instance: undefined, requestId: undefined });
    expect(strip(await hidden.json())).toEqual(strip(await missing.json()));
  });
});
