/**
 * Screening reviews: from a moderation item, a lead marks a flag a false positive and a lead or worker reports a
 * missed disclosure; a reviewer (admin or safeguarding lead) accepts or rejects them and exports the accepted ones
 * as corpus lines. Committee members have no part in it. Every read and action is audited.
 */
import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { writeAudit } from '../db/audit.ts';
import type { Database } from '../db/schema.ts';
import { decideScreeningReview, findScreeningReview, listScreeningReviews, type ScreeningReviewRow } from '../db/screening-reviews.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { NotFoundError, ProblemError } from '../errors.ts';
import { csrfProtection, requireStaff } from '../middleware/staff-session.ts';
import { validate } from '../middleware/validate.ts';
import { corpusReviewLines, toJsonl } from '../moderation/corpus-review.ts';
import type { DecisionContext } from '../moderation/decisions.ts';
import { categoryLabel } from '../moderation/screening-matches.ts';
import { markFalsePositive, reportMissed, SCREENING_LANGUAGES } from '../moderation/screening-reviews.ts';
import { SCREENING_CATEGORIES } from '../screening/categories.ts';

const CATEGORY_IDS = SCREENING_CATEGORIES.map((category) => category.id) as [string, ...string[]];

const idParam = z.object({ id: z.uuid() });
const falsePositiveBody = z.object({ match: z.int().min(0).max(1000), reason: z.string().trim().min(3).max(300) }).strict();
const missedBody = z
  .object({
    category: z.enum(CATEGORY_IDS),
    field: z.string().regex(/^\/(text|answers\/[^\s]{1,200})$/).default('/text'),
    span: z.object({ start: z.int().min(0), end: z.int().min(1) }).strict().refine((span) => span.start < span.end, 'The end must come after the start.').optional(),
    language: z.enum(SCREENING_LANGUAGES).optional(),
    note: z.string().trim().min(1).max(300).optional(),
  })
  .strict();
const listQuery = z.object({ status: z.enum(['pending', 'accepted', 'rejected']).default('pending'), limit: z.coerce.number().int().min(1).max(200).default(50) });
const exportQuery = z.object({ language: z.enum(SCREENING_LANGUAGES).optional() });

function presentReview(row: ScreeningReviewRow) {
  const withdrawn = row.submission_status === 'withdrawn';
  return {
    id: row.id,
    submissionId: row.submission_id,
    kind: row.kind,
    category: row.category,
    categoryLabel: categoryLabel(row.category),
    reason: row.reason,
    field: row.field,
    phraseId: row.phrase_id,
    signal: row.signal,
    language: row.language,
    text: withdrawn ? null : row.text_snapshot,
    withdrawn,
    status: row.status,
    createdBy: row.created_by_name,
    createdAt: new Date(row.created_at).toISOString(),
    reviewedAt: row.reviewed_at ? new Date(row.reviewed_at).toISOString() : null,
  };
}

export function screeningReviewRoutes(deps: AppDeps) {
  const moderators = requireStaff('participation_worker', 'safeguarding_lead');
  const leads = requireStaff('safeguarding_lead');
  const reviewers = requireStaff('safeguarding_lead', 'admin');
  const context = (c: { get(key: 'staff'): DecisionContext['staff'] | undefined; get(key: 'requestId'): string }): DecisionContext => ({
    deps,
    staff: c.get('staff')!,
    requestId: c.get('requestId'),
  });
  const auditAs = (c: Parameters<typeof context>[0], action: string, subjectId: string | undefined, details: Record<string, unknown>, db: Kysely<Database> = deps.db) => {
    const staff = c.get('staff')!;
    return writeAudit(db, { action, subjectType: 'screening_review', subjectId, actorId: staff.id, actorRole: staff.roles.join(','), requestId: c.get('requestId'), details });
  };

  /** Accepts or rejects a pending review: 404 for none, 409 when it was decided already. */
  const decide = (c: Parameters<typeof context>[0], id: string, status: 'accepted' | 'rejected') => {
    const staff = c.get('staff')!;
    return deps.db.transaction().execute(async (trx) => {
      const row = await decideScreeningReview(trx, id, status, staff.id, deps.clock.now());
      if (!row) {
        const existing = await findScreeningReview(trx, id);
        if (!existing) throw new NotFoundError('There is no such screening review.');
        throw new ProblemError(409, 'already_reviewed', `This screening review was already ${existing.status}.`);
      }
      await auditAs(c, `screening_review.${status}`, id, { submissionId: row.submission_id, kind: row.kind }, trx);
      return { id: row.id, status: row.status };
    });
  };

  return new Hono<AppEnv>()
    .use('/api/moderation/submissions/*', csrfProtection(deps))
    .use('/api/screening/*', csrfProtection(deps))
    .post('/api/moderation/submissions/:id/false-positive', leads, validate('param', idParam), validate('json', falsePositiveBody), async (c) => {
      const result = await markFalsePositive(context(c), c.req.valid('param').id, c.req.valid('json'));
      return c.json(result, 201);
    })
    .post('/api/moderation/submissions/:id/missed', moderators, validate('param', idParam), validate('json', missedBody), async (c) => {
      const result = await reportMissed(context(c), c.req.valid('param').id, c.req.valid('json'));
      return c.json({ ...result, safeguarding: true }, 201);
    })
    .get('/api/screening/categories', requireStaff('participation_worker', 'safeguarding_lead', 'admin'), (c) =>
      c.json({ categories: SCREENING_CATEGORIES.map(({ id, label, source }) => ({ id, label, source })) }),
    )
    .get('/api/screening/reviews', reviewers, validate('query', listQuery), async (c) => {
      const { status, limit } = c.req.valid('query');
      const rows = await listScreeningReviews(deps.db, status, limit);
      await auditAs(c, 'screening_review.list', undefined, { status, ids: rows.map((row) => row.id) });
      return c.json({ reviews: rows.map(presentReview) });
    })
    .post('/api/screening/reviews/:id/accept', reviewers, validate('param', idParam), async (c) => c.json(await decide(c, c.req.valid('param').id, 'accepted')))
    .post('/api/screening/reviews/:id/reject', reviewers, validate('param', idParam), async (c) => c.json(await decide(c, c.req.valid('param').id, 'rejected')))
    .get('/api/screening/corpus-review.jsonl', reviewers, validate('query', exportQuery), async (c) => {
      const { language } = c.req.valid('query');
      const lines = await corpusReviewLines(deps.db, language);
      await auditAs(c, 'screening_corpus.exported', undefined, { language: language ?? 'all', lines: lines.length });
      return c.body(toJsonl(lines), 200, {
        'content-type': 'application/x-ndjson; charset=utf-8',
        'content-disposition': `attachment; filename="corpus-review${language ? `.${language}` : ''}.jsonl"`,
        'cache-control': 'no-store',
      });
    });
}
