/**
 * GET /api/media/:id: a processed drawing or its thumbnail, for signed-in staff who may see its submission
 * (`maySeePicture`); anyone else gets the same 404 as for a picture that does not exist. Never the raw upload.
 * Every read is audited.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { maySeePicture } from '../committees/media-access.ts';
import { writeAudit } from '../db/audit.ts';
import { findServableMedia } from '../db/media.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { NotFoundError } from '../errors.ts';
import { requireStaff } from '../middleware/staff-session.ts';
import { validate } from '../middleware/validate.ts';

export function mediaRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/api/media/:id', requireStaff(), validate('param', z.object({ id: z.uuid() })), async (c) => {
    const { id } = c.req.valid('param');
    const staff = c.get('staff')!;
    const media = await findServableMedia(deps.db, id);
    if (!media || !(await maySeePicture(deps.db, staff, media))) throw new NotFoundError('There is no such picture.');
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
