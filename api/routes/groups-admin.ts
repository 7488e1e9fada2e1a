/** Participation workers manage their groups: create one with a join code, see counts and spikes, rotate the code, end it. Every action is audited. */
import { Hono } from 'hono';
import { sql } from 'kysely';
import { z } from 'zod';
import { writeAudit } from '../db/audit.ts';
import { groupActivity, normaliseJoinCode, rotateJoinCode } from '../db/groups.ts';
import { groupSpike } from '../groups/spike.ts';
import { randomCode } from '../intake/receipt.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { NotFoundError, ProblemError } from '../errors.ts';
import { csrfProtection, requireStaff } from '../middleware/staff-session.ts';
import { validate } from '../middleware/validate.ts';

// Join codes children can type from a whiteboard: no look-alike characters. Ten characters (43 bits): README,
// "Guessing codes". Codes made before were eight characters and stay valid until rotated.
const CODE_ALPHABET = 'ACEFHJKMNPRTWXY34679';
const CODE_LENGTH = 10;

function newJoinCode(): string {
  return randomCode(CODE_ALPHABET, CODE_LENGTH);
}

const createBody = z
  .object({
    name: z.string().trim().min(2).max(120),
    activeUntil: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export function groupAdminRoutes(deps: AppDeps) {
  const managers = requireStaff('participation_worker', 'admin');
  return new Hono<AppEnv>()
    .use('/api/groups/manage/*', csrfProtection(deps))
    .use('/api/groups/manage', csrfProtection(deps))
    .get('/api/groups/manage', managers, async (c) => {
      const groups = await deps.db
        .selectFrom('participation_groups')
        .leftJoin('submissions', (join) => join.onRef('submissions.group_id', '=', 'participation_groups.id').on('submissions.status', '!=', 'withdrawn'))
        .select(['participation_groups.id', 'participation_groups.name', 'participation_groups.join_code', 'participation_groups.active_from', 'participation_groups.active_until'])
        .select(sql<number>`count(submissions.id)::int`.as('submissions'))
        .groupBy('participation_groups.id')
        .orderBy('participation_groups.created_at', 'desc')
        .execute();
      const now = deps.clock.now();
      const activity = await groupActivity(deps.db, now);
      return c.json({
        groups: groups.map((group) => ({
          id: group.id,
          name: group.name,
          joinCode: group.join_code,
          activeUntil: group.active_until ? new Date(group.active_until).toISOString() : null,
          active: new Date(group.active_from) <= now && (!group.active_until || new Date(group.active_until) > now),
          submissions: group.submissions,
          ...groupSpike(activity.get(group.id) ?? { lastHour: 0, weekBefore: 0 }, new Date(group.active_from), now),
          floodHeld: activity.get(group.id)?.floodHeld ?? 0,
        })),
      });
    })
    .post('/api/groups/manage', managers, validate('json', createBody), async (c) => {
      const body = c.req.valid('json');
      const staff = c.get('staff')!;
      const now = deps.clock.now();
      if (body.activeUntil && new Date(body.activeUntil) <= now) {
        throw new ProblemError(422, 'validation_failed', 'The end date must be in the future.', { errors: [{ pointer: '/activeUntil', detail: 'Must be in the future.' }] });
      }
      const group = await deps.db
        .insertInto('participation_groups')
        .values({ name: body.name, join_code: normaliseJoinCode(newJoinCode()), active_from: now, active_until: body.activeUntil ?? null })
        .returning(['id', 'name', 'join_code'])
        .executeTakeFirstOrThrow();
      await writeAudit(deps.db, { action: 'group.created', subjectType: 'participation_group', subjectId: group.id, actorId: staff.id, actorRole: staff.roles.join(','), requestId: c.get('requestId') });
      return c.json({ id: group.id, name: group.name, joinCode: group.join_code }, 201);
    })
    .post('/api/groups/manage/:id/rotate-code', managers, validate('param', z.object({ id: z.uuid() })), async (c) => {
      const { id } = c.req.valid('param');
      const staff = c.get('staff')!;
      // The old code stops working at once, for joining and for sending: the worker gives the class the new one.
      // Messages already stored are unaffected (a retry is answered before the code is looked at).
      const joinCode = await rotateJoinCode(deps.db, id, newJoinCode());
      if (!joinCode) throw new NotFoundError('There is no such group.');
      await writeAudit(deps.db, { action: 'group.code_rotated', subjectType: 'participation_group', subjectId: id, actorId: staff.id, actorRole: staff.roles.join(','), requestId: c.get('requestId') });
      return c.json({ id, joinCode });
    })
    .post('/api/groups/manage/:id/expire', managers, validate('param', z.object({ id: z.uuid() })), async (c) => {
      const { id } = c.req.valid('param');
      const staff = c.get('staff')!;
      const now = deps.clock.now();
      const result = await deps.db.updateTable('participation_groups').set({ active_until: now }).where('id', '=', id).where('active_from', '<', now).executeTakeFirst();
      if (result.numUpdatedRows === 0n) throw new NotFoundError('There is no such group.');
      await writeAudit(deps.db, { action: 'group.expired', subjectType: 'participation_group', subjectId: id, actorId: staff.id, actorRole: staff.roles.join(','), requestId: c.get('requestId') });
      return c.json({ id, activeUntil: now.toISOString() });
    });
}
