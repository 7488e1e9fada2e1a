/** Admins see the background-work backlog (drawings waiting for the store, jobs that died) and can revive stranded jobs. */
import { Hono } from 'hono';
import { writeAudit } from '../db/audit.ts';
import { jobBacklog } from '../db/jobs.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { reviveWhenStoreAnswers } from '../jobs/revive.ts';
import { csrfProtection, requireStaff } from '../middleware/staff-session.ts';

export function jobsAdminRoutes(deps: AppDeps) {
  const admins = requireStaff('admin');
  return new Hono<AppEnv>()
    .use('/api/jobs/*', csrfProtection(deps))
    .get('/api/jobs/backlog', admins, async (c) => {
      const backlog = await jobBacklog(deps.db, deps.clock.now());
      c.header('cache-control', 'no-store');
      return c.json({ backlog });
    })
    .post('/api/jobs/revive', admins, async (c) => {
      const revived = await reviveWhenStoreAnswers(deps);
      const staff = c.get('staff')!;
      await writeAudit(deps.db, { action: 'jobs.revived', subjectType: 'jobs', actorId: staff.id, actorRole: staff.roles.join(','), requestId: c.get('requestId'), details: { revived } });
      return c.json({ revived });
    });
}
