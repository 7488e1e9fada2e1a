/** The moderation queue and decisions, for participation workers and safeguarding leads. Every read and action is audited. */
import { Hono } from 'hono';
import { z } from 'zod';
import type { StaffIdentity } from '../auth/sessions.ts';
import { writeAudit } from '../db/audit.ts';
import { findForModeration, findQueueItem, listQueue, mediaOf, tagsOf, type QueueCursor } from '../db/moderation.ts';
import { thumbnailsOf, waitingTextsBetween } from '../db/queue-previews.ts';
import { reviewsOfSubmission } from '../db/screening-reviews.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { NotFoundError, ProblemError, ValidationError } from '../errors.ts';
import { AGE_BANDS, KINDS } from '../intake/submission-schema.ts';
import { csrfProtection, requireStaff } from '../middleware/staff-session.ts';
import { validate } from '../middleware/validate.ts';
import { decide, flagForSafeguarding, markApproved, markRejected, undoLastDecision, type DecisionContext } from '../moderation/decisions.ts';
import { duplicateWindow, findDuplicates } from '../moderation/duplicates.ts';
import { editDrawing } from '../moderation/edit-drawing.ts';
import { enqueueSafeguardingNotice } from '../moderation/notify.ts';
import { presentQueueItem, presentSubmission } from '../moderation/present.ts';
import { redact } from '../moderation/redaction.ts';
import { applyTags } from '../moderation/tags.ts';
import { canSee, isLead } from '../moderation/visibility.ts';

const STATUSES = ['received', 'in_review', 'approved', 'rejected'] as const;
const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

const queueQuery = z.object({
  status: z
    .string()
    .default('received,in_review')
    .transform((value) => value.split(','))
    .pipe(z.array(z.enum(STATUSES)).min(1)),
  kind: z.enum(KINDS).optional(),
  priority: z.string().max(64).optional(),
  group: z.uuid().optional(),
  ageBand: z.enum(AGE_BANDS).optional(),
  safeguarding: flag.optional(),
  identifying: flag.optional(),
  flood: flag.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
}).strict(); // An unknown filter (say `lane`) is refused, not ignored: ignoring it shows a list the asker did not ask for.

const idParam = z.object({ id: z.uuid() });
const tagsBody = z.object({ priorities: z.array(z.string().max(64)).max(20), themes: z.array(z.string().trim().min(1).max(80)).max(30) }).strict();
const redactBody = z
  .object({ spans: z.array(z.object({ start: z.int().min(0), end: z.int().min(1) })).min(1).max(200) })
  .strict();
const rejectBody = z.object({ reason: z.string().trim().min(3).max(500) }).strict();
const flagBody = z.object({ note: z.string().trim().max(1000).optional() }).strict();
const escalateBody = z.object({ referralReference: z.string().trim().min(1).max(100), note: z.string().trim().max(2000).optional() }).strict();
const noConcernBody = z.object({ reason: z.string().trim().min(3).max(2000) }).strict();
const rect = z.object({ left: z.int().min(0), top: z.int().min(0), width: z.int().min(1), height: z.int().min(1) }).strict();
const drawingEditBody = z
  .object({ blur: z.array(rect).max(20).optional(), crop: rect.optional() })
  .strict()
  .refine((body) => (body.blur?.length ?? 0) > 0 || body.crop !== undefined, 'Say what to blur or crop.');
const bulkBody = z
  .object({
    ids: z.array(z.uuid()).min(1).max(100),
    action: z.enum(['approve', 'tag', 'reject']),
    priorities: z.array(z.string().max(64)).max(20).default([]),
    themes: z.array(z.string().trim().min(1).max(80)).max(30).default([]),
    /** For `reject`: kept for the record on each ("duplicate of <id>" when duplicates are merged). */
    reason: z.string().trim().min(3).max(500).optional(),
  })
  .strict()
  .refine((body) => body.action !== 'reject' || body.reason !== undefined, { path: ['reason'], message: 'Say why they are not used.' });

export function moderationRoutes(deps: AppDeps) {
  const moderators = requireStaff('participation_worker', 'safeguarding_lead');
  const leads = requireStaff('safeguarding_lead');
  const context = (c: { get(key: 'staff'): StaffIdentity | undefined; get(key: 'requestId'): string }): DecisionContext => ({
    deps,
    staff: c.get('staff')!,
    requestId: c.get('requestId'),
  });

  return new Hono<AppEnv>()
    .use('/api/moderation/*', csrfProtection(deps))
    .get('/api/moderation/queue', moderators, validate('query', queueQuery), async (c) => {
      const staff = c.get('staff')!;
      const query = c.req.valid('query');
      const now = deps.clock.now();
      const viewer = { id: staff.id, isLead: staff.roles.includes('safeguarding_lead') };
      const rows = await listQueue(
        deps.db,
        viewer,
        {
          statuses: query.status,
          kind: query.kind,
          priority: query.priority,
          groupId: query.group,
          ageBand: query.ageBand,
          safeguarding: query.safeguarding,
          identifying: query.identifying,
          flood: query.flood,
          from: query.from ? new Date(query.from) : undefined,
          to: query.to ? new Date(query.to) : undefined,
        },
        query.cursor ? decodeCursor(query.cursor) : undefined,
        query.limit,
      );
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      await writeAudit(deps.db, {
        action: 'queue.read',
        subjectType: 'submission',
        actorId: staff.id,
        actorRole: staff.roles.join(','),
        requestId: c.get('requestId'),
        details: { ids: page.map((row) => row.id) },
      });
      const thumbnails = await thumbnailsOf(deps.db, page.map((row) => row.id));
      const window = duplicateWindow(page);
      const duplicates = window ? findDuplicates(page, await waitingTextsBetween(deps.db, viewer, window.from, window.to)) : new Map<string, string[]>();
      return c.json({
        items: page.map((row) => ({ ...presentQueueItem(staff, row, now), thumbnailId: thumbnails.get(row.id) ?? null, duplicateIds: duplicates.get(row.id) ?? [] })),
        nextCursor: rows.length > query.limit && last ? encodeCursor({ safeguarding: last.safeguarding, createdAt: new Date(last.created_at).toISOString(), id: last.id }) : null,
        guidance: deps.config.moderation.guidance,
      });
    })
    /**
     * One item as the queue lists it, for a link to an item past the first page: { item }; 404 when it is not in
     * this viewer's queue or lane (the lane wall is the queue's own). Audited like a queue read.
     */
    .get('/api/moderation/queue/:id', moderators, validate('param', idParam), async (c) => {
      const staff = c.get('staff')!;
      const { id } = c.req.valid('param');
      const row = await findQueueItem(deps.db, { id: staff.id, isLead: isLead(staff) }, id);
      if (!row) throw new NotFoundError('There is no such submission in your queue.');
      await writeAudit(deps.db, { action: 'queue.read', subjectType: 'submission', subjectId: id, actorId: staff.id, actorRole: staff.roles.join(','), requestId: c.get('requestId'), details: { ids: [id] } });
      const thumbnails = await thumbnailsOf(deps.db, [id]);
      return c.json({ item: { ...presentQueueItem(staff, row, deps.clock.now()), thumbnailId: thumbnails.get(id) ?? null, duplicateIds: [] } });
    })
    .get('/api/moderation/submissions/:id', moderators, validate('param', idParam), async (c) => {
      const staff = c.get('staff')!;
      const { id } = c.req.valid('param');
      const row = await findForModeration(deps.db, id);
      if (!row || row.status === 'withdrawn' || !canSee(staff, row)) throw new NotFoundError('There is no such submission in your queue.');
      await writeAudit(deps.db, { action: 'submission.read', subjectType: 'submission', subjectId: id, actorId: staff.id, actorRole: staff.roles.join(','), requestId: c.get('requestId') });
      const extra = {
        tags: await tagsOf(deps.db, id),
        media: await mediaOf(deps.db, id),
        guidance: deps.config.moderation.guidance,
        responseHours: deps.config.moderation.safeguardingResponseHours,
        screeningReviews: await reviewsOfSubmission(deps.db, id),
      };
      return c.json(presentSubmission(staff, row, extra, deps.clock.now()));
    })
    .post('/api/moderation/submissions/:id/claim', moderators, validate('param', idParam), async (c) => {
      const { id } = c.req.valid('param');
      const staff = c.get('staff')!;
      const until = await decide(context(c), id, 'claimed', async (trx, row, now) => {
        const expires = new Date(now.getTime() + deps.config.moderation.claimMinutes * 60_000);
        await trx
          .updateTable('submissions')
          .set({ claimed_by: staff.id, claim_expires_at: expires, status: row.status === 'received' ? 'in_review' : row.status, updated_at: now })
          .where('id', '=', id)
          .execute();
        return { result: expires };
      });
      return c.json({ claimedUntil: until.toISOString() });
    })
    .post('/api/moderation/submissions/:id/release', moderators, validate('param', idParam), async (c) => {
      const { id } = c.req.valid('param');
      await decide(context(c), id, 'released', async (trx, _row, now) => {
        await trx.updateTable('submissions').set({ claimed_by: null, claim_expires_at: null, updated_at: now }).where('id', '=', id).execute();
        return { result: undefined };
      });
      return c.body(null, 204);
    })
    .put('/api/moderation/submissions/:id/tags', moderators, validate('param', idParam), validate('json', tagsBody), async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const staff = c.get('staff')!;
      const tags = await decide(context(c), id, 'tagged', async (trx) => ({ result: await applyTags(trx, id, body, staff.id, 'replace'), details: body }));
      return c.json(tags);
    })
    .post('/api/moderation/submissions/:id/redact', moderators, validate('param', idParam), validate('json', redactBody), async (c) => {
      const { id } = c.req.valid('param');
      const { spans } = c.req.valid('json');
      const staff = c.get('staff')!;
      const redacted = await decide(context(c), id, 'redacted', async (trx, row, now) => {
        // Spans point into the text this moderator sees. A lead sees what the child wrote, so a lead's redaction
        // starts again from it; anyone else sees the redacted text and redacts further, never undoing a redaction.
        const base = isLead(staff) ? row.text : (row.redacted_text ?? row.text);
        const result = base === null ? undefined : redact(base, spans);
        if (result === undefined) throw new ValidationError([{ pointer: '/spans', detail: 'A span is outside the text.' }]);
        await trx.updateTable('submissions').set({ redacted_text: result, updated_at: now }).where('id', '=', id).execute();
        return { result, details: { spans: spans.length } };
      });
      return c.json({ redactedText: redacted });
    })
    .post('/api/moderation/submissions/:id/approve', moderators, validate('param', idParam), async (c) => {
      const { id } = c.req.valid('param');
      const staff = c.get('staff')!;
      await decide(context(c), id, 'approved', async (trx, row, now) => ({ result: await markApproved(trx, row, staff.id, now) }));
      return c.json({ status: 'approved' });
    })
    .post('/api/moderation/submissions/:id/reject', moderators, validate('param', idParam), validate('json', rejectBody), async (c) => {
      const { id } = c.req.valid('param');
      const { reason } = c.req.valid('json');
      const staff = c.get('staff')!;
      await decide(context(c), id, 'rejected', async (trx, row, now) => {
        await markRejected(trx, row, staff.id, now, reason);
        return { result: undefined, details: { reason } };
      });
      return c.json({ status: 'rejected' });
    })
    .post('/api/moderation/submissions/:id/flag', moderators, validate('param', idParam), validate('json', flagBody), async (c) => {
      const { id } = c.req.valid('param');
      const staff = c.get('staff')!;
      // `decide` supersedes the pack versions showing it in the same transaction.
      await decide(context(c), id, 'flagged', async (trx, row, now) => ({ result: await flagForSafeguarding(trx, row, staff.id, now) }));
      return c.json({ safeguarding: true });
    })
    .post('/api/moderation/submissions/:id/escalate', leads, validate('param', idParam), validate('json', escalateBody), async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const staff = c.get('staff')!;
      await decide(context(c), id, 'escalated', async (trx, _row, now) => {
        await trx
          .updateTable('submissions')
          .set({
            safeguarding: true,
            safeguarding_resolution: 'escalated',
            safeguarding_resolved_by: staff.id,
            safeguarding_resolved_at: now,
            referral_reference: body.referralReference,
            safeguarding_note: body.note ?? null,
            updated_at: now,
          })
          .where('id', '=', id)
          .execute();
        await enqueueSafeguardingNotice(trx, id, 'escalated', now);
        return { result: undefined, details: { referralReference: body.referralReference } };
      });
      return c.json({ safeguardingResolution: 'escalated' });
    })
    .post('/api/moderation/submissions/:id/no-concern', leads, validate('param', idParam), validate('json', noConcernBody), async (c) => {
      const { id } = c.req.valid('param');
      const { reason } = c.req.valid('json');
      const staff = c.get('staff')!;
      await decide(context(c), id, 'no_concern', async (trx, row, now) => {
        if (!row.safeguarding) throw new ProblemError(409, 'not_flagged', 'This submission is not flagged for safeguarding.');
        await trx
          .updateTable('submissions')
          .set({ safeguarding_resolution: 'no_concern', safeguarding_resolved_by: staff.id, safeguarding_resolved_at: now, safeguarding_note: reason, updated_at: now })
          .where('id', '=', id)
          .execute();
        return { result: undefined };
      });
      return c.json({ safeguardingResolution: 'no_concern' });
    })
    .post('/api/moderation/submissions/:id/drawing', moderators, validate('param', idParam), validate('json', drawingEditBody), async (c) => {
      const { id } = c.req.valid('param');
      const edits = c.req.valid('json');
      const edited = await decide(context(c), id, 'drawing_edited', async (trx) => ({ result: await editDrawing(deps, trx, id, edits), details: { blurred: edits.blur?.length ?? 0, cropped: edits.crop !== undefined } }));
      // The superseded images are deleted once the new ones are recorded; a failure here leaves objects no row names.
      for (const key of edited.oldKeys) await deps.blobs.delete(key).catch(() => undefined);
      return c.json({ width: edited.width, height: edited.height });
    })
    .post('/api/moderation/submissions/:id/undo', moderators, validate('param', idParam), async (c) => {
      await undoLastDecision(context(c), c.req.valid('param').id);
      return c.body(null, 204);
    })
    .post('/api/moderation/bulk', moderators, validate('json', bulkBody), async (c) => {
      const body = c.req.valid('json');
      const staff = c.get('staff')!;
      // One transaction per item: a refused item (flagged, claimed) is reported, the others go ahead.
      const results: { id: string; ok: boolean; code?: string }[] = [];
      for (const id of body.ids) {
        try {
          const decision = body.action === 'approve' ? 'approved' : body.action === 'reject' ? 'rejected' : 'tagged';
          await decide(context(c), id, decision, async (trx, row, now) => {
            if (body.action === 'approve') {
              await markApproved(trx, row, staff.id, now, 'approved in bulk');
            } else if (body.action === 'reject') {
              await markRejected(trx, row, staff.id, now, body.reason ?? '');
              return { result: undefined, details: { bulk: true, reason: body.reason } };
            } else {
              await applyTags(trx, id, { priorities: body.priorities, themes: body.themes }, staff.id, 'add');
            }
            return { result: undefined, details: { bulk: true } };
          });
          results.push({ id, ok: true });
        } catch (error) {
          if (!(error instanceof ProblemError)) throw error;
          results.push({ id, ok: false, code: error.code });
        }
      }
      return c.json({ results });
    });
}

function encodeCursor(cursor: QueueCursor): string {
  return btoa(JSON.stringify(cursor)).replaceAll('=', '');
}

function decodeCursor(value: string): QueueCursor {
  try {
    const parsed = z
      .object({ safeguarding: z.boolean(), createdAt: z.iso.datetime(), id: z.uuid() })
      .parse(JSON.parse(atob(value)));
    return parsed;
  } catch {
    throw new ValidationError([{ pointer: '/cursor', detail: 'This cursor is not one we gave out.' }]);
  }
}
