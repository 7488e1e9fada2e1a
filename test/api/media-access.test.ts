// Who may open a drawing: moderators at any point before withdrawal; committee members and admins only once it is
// approved and the child agreed to share it with committees.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharpProcessor } from '../../api/images/sharp-processor.ts';
import { createJobRunner } from '../../api/jobs/runner.ts';
import type { DevOidcProvider } from '../../api/node/dev-oidc-provider.ts';
import { engineName } from '../helpers/database.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { drawing, pngDrawing, postDrawing } from '../helpers/intake.ts';
import { signInAs, staffConfig, startTestProvider, type SignedIn } from '../helpers/staff.ts';

describe(`who may open a drawing, on ${engineName}`, () => {
  let provider: DevOidcProvider;
  let h: Harness;
  let staff: Record<'worker' | 'lead' | 'committee' | 'admin', SignedIn>;
  let submissionId: string;
  let mediaId: string;

  beforeAll(async () => {
    provider = await startTestProvider();
    h = await createHarness({ config: staffConfig(), oidc: provider.settings });
    const [worker, lead, committee, admin] = await Promise.all(['worker', 'lead', 'committee', 'admin'].map((login) => signInAs(h.app, login)));
    staff = { worker: worker!, lead: lead!, committee: committee!, admin: admin! };
    const body = drawing();
    submissionId = body.id as string;
    expect((await postDrawing(h.app, body, await pngDrawing(120, 90))).status).toBe(201);
    await createJobRunner(h.deps, createSharpProcessor()).drain();
    mediaId = (await h.database.db.selectFrom('media_objects').select('id').where('submission_id', '=', submissionId).where('role', '=', 'processed').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    await h.close();
    await provider.stop();
  });

  const statuses = async () =>
    Object.fromEntries(await Promise.all(Object.entries(staff).map(async ([who, signedIn]) => [who, (await signedIn.request(`/api/media/${mediaId}`)).status])));

  it('shows a picture waiting for moderation to moderators only, not to admins or committee members', async () => {
    expect(await statuses()).toEqual({ worker: 200, lead: 200, committee: 404, admin: 404 });
  });

  it('shows an approved picture the child shared with committees to every signed-in role', async () => {
    await h.database.db.updateTable('submissions').set({ status: 'approved' }).where('id', '=', submissionId).execute();
    expect(await statuses()).toEqual({ worker: 200, lead: 200, committee: 200, admin: 200 });
  });
});
