/**
 * GET /api/media/:id: a processed drawing or its thumbnail, for signed-in staff only. Never the raw upload.
 * Everyone but moderators (committee members, admins) gets only approved drawings the child agreed to share with
 * committees. Every read is audited.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { writeAudit } from '../db/audit.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { NotFoundError } from '../errors.ts';
import { requireStaff } from '../middleware/staff-session.ts';
import { validate } from '../middleware/validate.ts';

export function mediaRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/api/media/:id', requireStaff(), validate('param', z.object({ id: z.uuid() })), async (c) => {
    const { id } = c.req.valid('param');
    const staff = c.get('staff')!;
    const media = await deps.db
      .selectFrom('media_objects')
      .innerJoin('submissions', 'submissions.id', 'media_objects.submission_id')
      .select(['media_objects.storage_key', 'media_objects.content_type', 'media_objects.role', 'media_objects.submission_id', 'submissions.status', 'submissions.consent_share_with_committee'])
      .where('media_objects.id', '=', id)
      .where('media_objects.role', 'in', ['processed', 'thumbnail'])
      .where('media_objects.processing_status', '=', 'ready')
      .executeTakeFirst();
    // Only those who moderate see a picture before it is approved; an admin manages staff, not children's content.
    const moderator = staff.roles.some((role) => role === 'participation_worker' || role === 'safeguarding_lead');
    if (!media || media.status === 'withdrawn' || (!moderator && !(media.status === 'approved' && media.consent_share_with_committee))) {
      throw new NotFoundError('There is no such picture.');
    }
    const blob = await deps.blobs.get(media.storage_key);
    if (!blob) throw new NotFoundError('There is no such picture.');
    await writeAudit(deps.db, { action: 'media.read', subjectType: 'submission', subjectId: media.submission_id, actorId: staff.id, actorRole: staff.roles.join(','), requestId: c.get('requestId'), details: { role: media.role } });
    return new Response(blob.body, {
      headers: {
        'content-type': media.content_type,
        'content-length': String(blob.bytes),
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
        'content-disposition': 'inline',
      },
    });
  });
}
