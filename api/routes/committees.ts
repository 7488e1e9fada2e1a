/**
 * Committees, meetings and agenda items; an item's consented feedback, its figures and CSV; survey results attached
 * to its pack; curation; "discussed".
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { loadVisibleItem, visibleCommitteeIds } from '../committees/access.ts';
import { feedbackCsv } from '../committees/csv.ts';
import { csvDownload } from '../csv.ts';
import { xlsxDownload } from '../exports/spreadsheet.ts';
import { packSheets } from '../committees/pack-sheets.ts';
import { presentSurveys } from '../committees/present-surveys.ts';
import { PACK_CSS, renderPack } from '../committees/pack-page.ts';
import { packSurveysCsv } from '../committees/pack-survey-section.ts';
import { attachedResults, attachSurvey, detachSurvey, listAttachments, publishedVersionOf } from '../committees/pack-surveys.ts';
import { allFeedback, feedbackFigures, feedbackPage } from '../committees/feedback.ts';
import { writeAudit } from '../db/audit.ts';
import type { AgendaItem } from '../db/committee-feedback.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { NotFoundError, ProblemError, ValidationError } from '../errors.ts';
import { AGE_BANDS, KINDS } from '../intake/submission-schema.ts';
import { csrfProtection, requireStaff } from '../middleware/staff-session.ts';
import { validate } from '../middleware/validate.ts';

const organisers = requireStaff('participation_worker', 'admin');
const readers = requireStaff('participation_worker', 'safeguarding_lead', 'admin', 'committee_member');
const uuidParam = z.object({ id: z.uuid() });

const committeeBody = z
  .object({
    slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Use lower-case words joined by hyphens.').max(64),
    title: z.string().trim().min(2).max(200),
    description: z.string().trim().max(2000).default(''),
  })
  .strict();
const meetingBody = z.object({ heldOn: z.iso.date(), title: z.string().trim().max(200).optional() }).strict();
const itemBody = z
  .object({
    title: z.string().trim().min(2).max(200),
    description: z.string().trim().max(2000).default(''),
    priorities: z.array(z.string().max(64)).max(20).default([]),
    themes: z.array(z.string().max(64)).max(30).default([]),
    from: z.iso.datetime({ offset: true }).optional(),
    until: z.iso.datetime({ offset: true }).optional(),
    kinds: z.array(z.enum(KINDS)).max(3).optional(),
    ageBands: z.array(z.enum(AGE_BANDS)).max(5).optional(),
  })
  .strict();
const feedbackQuery = z.object({ cursor: z.string().max(300).optional(), limit: z.coerce.number().int().min(1).max(100).default(25) }).strict();
const curationBody = z.object({ choice: z.enum(['pin', 'exclude', 'none']), note: z.string().trim().max(500).optional() }).strict();
const attachBody = z
  .object({ surveyId: z.uuid(), version: z.number().int().positive().optional(), by: z.enum(['none', 'ageBand', 'group', 'month']).default('none') })
  .strict();
const attachmentParam = z.object({ id: z.uuid(), attachmentId: z.uuid() });
const discussedBody = z.object({ outcomeNote: z.string().trim().max(300).optional() }).strict();

export function committeeRoutes(deps: AppDeps) {
  const audit = (c: { get(key: 'staff'): AppEnv['Variables']['staff']; get(key: 'requestId'): string }, action: string, subjectType: string, subjectId: string, details?: Record<string, unknown>) =>
    writeAudit(deps.db, { action, subjectType, subjectId, actorId: c.get('staff')!.id, actorRole: c.get('staff')!.roles.join(','), requestId: c.get('requestId'), details });

  const visibleItem = (c: { get(key: 'staff'): AppEnv['Variables']['staff'] }, id: string): Promise<AgendaItem> => loadVisibleItem(deps.db, c.get('staff')!, id);

  return new Hono<AppEnv>()
    .use('/api/committees/*', csrfProtection(deps))
    .use('/api/meetings/*', csrfProtection(deps))
    .use('/api/agenda-items/*', csrfProtection(deps))
    .get('/api/committees', readers, async (c) => {
      const visible = await visibleCommitteeIds(deps.db, c.get('staff')!);
      let committees = deps.db.selectFrom('committees').select(['id', 'slug', 'title']).where('active', '=', true).orderBy('position');
      if (visible !== 'all') committees = committees.where('id', 'in', visible.length ? visible : [-1]);
      const rows = await committees.execute();
      const meetings = rows.length
        ? await deps.db.selectFrom('meetings').select(['id', 'committee_id', 'held_on', 'title']).where('committee_id', 'in', rows.map((r) => r.id)).orderBy('held_on', 'desc').execute()
        : [];
      const items = meetings.length
        ? await deps.db.selectFrom('agenda_items').select(['id', 'meeting_id', 'title', 'discussed_at']).where('meeting_id', 'in', meetings.map((m) => m.id)).orderBy('position').execute()
        : [];
      return c.json({
        committees: rows.map((committee) => ({
          ...committee,
          meetings: meetings
            .filter((m) => m.committee_id === committee.id)
            .map((m) => ({ id: m.id, heldOn: m.held_on, title: m.title, agendaItems: items.filter((i) => i.meeting_id === m.id).map((i) => ({ id: i.id, title: i.title, discussed: i.discussed_at !== null })) })),
        })),
      });
    })
    .post('/api/committees', requireStaff('admin'), validate('json', committeeBody), async (c) => {
      const body = c.req.valid('json');
      const taken = await deps.db.selectFrom('committees').select('id').where('slug', '=', body.slug).executeTakeFirst();
      if (taken) throw new ProblemError(409, 'slug_taken', 'A committee with this short name already exists.', { errors: [{ pointer: '/slug', detail: 'Already used.' }] });
      const last = await deps.db.selectFrom('committees').select((eb) => eb.fn.max('position').as('position')).executeTakeFirst();
      const committee = await deps.db
        .insertInto('committees')
        .values({ slug: body.slug, title: body.title, description: body.description, position: (last?.position ?? 0) + 1 })
        .returning(['id', 'slug', 'title'])
        .executeTakeFirstOrThrow();
      await audit(c, 'committee.created', 'committee', String(committee.id));
      return c.json(committee, 201);
    })
    .post('/api/committees/:id/meetings', organisers, validate('param', z.object({ id: z.coerce.number().int().positive() })), validate('json', meetingBody), async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const committee = await deps.db.selectFrom('committees').select('id').where('id', '=', id).executeTakeFirst();
      if (!committee) throw new NotFoundError('There is no such committee.');
      const meeting = await deps.db.insertInto('meetings').values({ committee_id: id, held_on: body.heldOn, title: body.title ?? null }).returning('id').executeTakeFirstOrThrow();
      await audit(c, 'meeting.created', 'meeting', meeting.id);
      return c.json({ id: meeting.id }, 201);
    })
    .post('/api/meetings/:id/agenda-items', organisers, validate('param', uuidParam), validate('json', itemBody), async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const meeting = await deps.db.selectFrom('meetings').select('id').where('id', '=', id).executeTakeFirst();
      if (!meeting) throw new NotFoundError('There is no such meeting.');
      const priorities = body.priorities.length ? await deps.db.selectFrom('priorities').select(['id', 'slug']).where('slug', 'in', body.priorities).execute() : [];
      const themes = body.themes.length ? await deps.db.selectFrom('themes').select(['id', 'slug']).where('slug', 'in', body.themes).execute() : [];
      const unknown = [
        ...body.priorities.filter((slug) => !priorities.some((p) => p.slug === slug)).map((slug) => ({ pointer: '/priorities', detail: `No such priority: ${slug}` })),
        ...body.themes.filter((slug) => !themes.some((t) => t.slug === slug)).map((slug) => ({ pointer: '/themes', detail: `No such theme: ${slug}` })),
      ];
      if (unknown.length) throw new ValidationError(unknown);
      const itemId = await deps.db.transaction().execute(async (trx) => {
        const item = await trx
          .insertInto('agenda_items')
          .values({
            meeting_id: id,
            title: body.title,
            description: body.description,
            submitted_from: body.from ?? null,
            submitted_until: body.until ?? null,
            kinds: body.kinds ?? null,
            age_bands: body.ageBands ?? null,
            discussed_at: null,
            outcome_note: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        if (priorities.length) await trx.insertInto('agenda_item_priorities').values(priorities.map((p) => ({ agenda_item_id: item.id, priority_id: p.id }))).execute();
        if (themes.length) await trx.insertInto('agenda_item_themes').values(themes.map((t) => ({ agenda_item_id: item.id, theme_id: t.id }))).execute();
        return item.id;
      });
      await audit(c, 'agenda_item.created', 'agenda_item', itemId);
      return c.json({ id: itemId }, 201);
    })
    .get('/api/agenda-items/:id/feedback', readers, validate('param', uuidParam), validate('query', feedbackQuery), async (c) => {
      const item = await visibleItem(c, c.req.valid('param').id);
      const { cursor, limit } = c.req.valid('query');
      const [page, figures] = await Promise.all([
        feedbackPage(deps.db, { item }, deps.config.publicUrl, cursor ? decodeCursor(cursor) : undefined, limit),
        feedbackFigures(deps.db, { item }, deps.config.figuresSuppressBelow, deps.clock.now()),
      ]);
      await audit(c, 'agenda_item.feedback_read', 'agenda_item', item.id, { entries: page.entries.map((e) => e.id) });
      return c.json({
        item: { id: item.id, title: item.title, description: item.description, committee: item.committeeTitle, meetingOn: item.heldOn, discussed: item.discussedAt !== null, outcomeNote: item.outcomeNote },
        entries: page.entries,
        nextCursor: page.nextCursor ? btoa(JSON.stringify(page.nextCursor)) : null,
        figures,
        consentStatement:
          'Only words children agreed to share with committees are here; quotes only where they agreed to be quoted, with identifying details removed. Contributions carry no age, group, month or priority here: those are in the figures only, where small numbers are hidden.',
        generatedAt: deps.clock.now().toISOString(),
      });
    })
    .get('/api/agenda-items/:id/feedback.csv', readers, validate('param', uuidParam), async (c) => {
      const item = await visibleItem(c, c.req.valid('param').id);
      const entries = await allFeedback(deps.db, { item }, deps.config.publicUrl);
      const surveys = await attachedResults(deps.db, item.id, deps.config.figuresSuppressBelow);
      await audit(c, 'agenda_item.csv_exported', 'agenda_item', item.id, { entries: entries.length, surveys: surveys.map((s) => s.surveyId) });
      return csvDownload(c, feedbackCsv(entries) + packSurveysCsv(surveys), `heard-agenda-item-${item.id}.csv`);
    })
    .get('/api/agenda-items/:id/feedback.xlsx', readers, validate('param', uuidParam), async (c) => {
      const item = await visibleItem(c, c.req.valid('param').id);
      const entries = await allFeedback(deps.db, { item }, deps.config.publicUrl);
      const figures = await feedbackFigures(deps.db, { item }, deps.config.figuresSuppressBelow, deps.clock.now());
      const surveys = await attachedResults(deps.db, item.id, deps.config.figuresSuppressBelow);
      const download = await xlsxDownload(c, deps.xlsx, packSheets(entries, figures, surveys, deps.clock.now()), `heard-agenda-item-${item.id}.xlsx`);
      await audit(c, 'agenda_item.xlsx_exported', 'agenda_item', item.id, { entries: entries.length, surveys: surveys.map((s) => s.surveyId) });
      return download;
    })
    .get('/api/pack.css', (c) => c.body(PACK_CSS, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' }))
    .get('/api/agenda-items/:id/pack', readers, validate('param', uuidParam), async (c) => {
      const item = await visibleItem(c, c.req.valid('param').id);
      const entries = await allFeedback(deps.db, { item }, deps.config.publicUrl);
      const figures = await feedbackFigures(deps.db, { item }, deps.config.figuresSuppressBelow, deps.clock.now());
      const surveys = await attachedResults(deps.db, item.id, deps.config.figuresSuppressBelow);
      await audit(c, 'agenda_item.pack_viewed', 'agenda_item', item.id, { entries: entries.length, surveys: surveys.map((s) => s.surveyId) });
      c.header('cache-control', 'private, no-store');
      return c.html(renderPack(item, entries, figures, deps.clock.now(), deps.config.figuresSuppressBelow, undefined, surveys));
    })
    /** The surveys attached to the item's pack: { surveys: [{ id, surveyId, title, version, by, attachedAt }] }. */
    .get('/api/agenda-items/:id/surveys', readers, validate('param', uuidParam), async (c) => {
      const item = await visibleItem(c, c.req.valid('param').id);
      const surveys = await listAttachments(deps.db, item.id);
      await audit(c, 'agenda_item.surveys_read', 'agenda_item', item.id, { surveys: surveys.map((s) => s.id) });
      return c.json({ surveys });
    })
    /** The attached surveys' results as present mode shows them (overall figures per question, suppressed as in the pack). */
    .get('/api/agenda-items/:id/surveys/results', readers, validate('param', uuidParam), async (c) => {
      const item = await visibleItem(c, c.req.valid('param').id);
      const surveys = await attachedResults(deps.db, item.id, deps.config.figuresSuppressBelow);
      await audit(c, 'agenda_item.survey_results_read', 'agenda_item', item.id, { surveys: surveys.map((s) => s.surveyId) });
      return c.json({ surveys: presentSurveys(surveys) });
    })
    /**
     * Attaches a published survey version's suppressed results to the pack: { surveyId, version?, by? } (the latest
     * published version, no breakdown, when left out). 201 with the attachment; 404 for no such published version;
     * 409 when that version with that breakdown is attached already.
     */
    .post('/api/agenda-items/:id/surveys', organisers, validate('param', uuidParam), validate('json', attachBody), async (c) => {
      const item = await visibleItem(c, c.req.valid('param').id);
      const body = c.req.valid('json');
      const version = await publishedVersionOf(deps.db, body.surveyId, body.version);
      if (version === undefined) throw new NotFoundError('There is no such survey, or that version has not been published.');
      const id = await attachSurvey(deps.db, { agendaItemId: item.id, surveyId: body.surveyId, version, by: body.by, staffId: c.get('staff')!.id });
      if (!id) throw new ProblemError(409, 'survey_already_attached', 'This version of the survey is already attached to the item with that breakdown.');
      await audit(c, 'agenda_item.survey_attached', 'agenda_item', item.id, { attachmentId: id, surveyId: body.surveyId, version, by: body.by });
      const attached = (await listAttachments(deps.db, item.id)).find((a) => a.id === id)!;
      return c.json(attached, 201);
    })
    .delete('/api/agenda-items/:id/surveys/:attachmentId', organisers, validate('param', attachmentParam), async (c) => {
      const { id, attachmentId } = c.req.valid('param');
      const item = await visibleItem(c, id);
      if (!(await detachSurvey(deps.db, item.id, attachmentId))) throw new NotFoundError('That survey is not attached to this item.');
      await audit(c, 'agenda_item.survey_detached', 'agenda_item', item.id, { attachmentId });
      return c.body(null, 204);
    })
    .put('/api/agenda-items/:id/curation/:submissionId', requireStaff('participation_worker'), validate('param', z.object({ id: z.uuid(), submissionId: z.uuid() })), validate('json', curationBody), async (c) => {
      const { id, submissionId } = c.req.valid('param');
      const body = c.req.valid('json');
      await visibleItem(c, id);
      if (body.choice === 'none') {
        await deps.db.deleteFrom('agenda_item_curation').where('agenda_item_id', '=', id).where('submission_id', '=', submissionId).execute();
      } else {
        const exists = await deps.db.selectFrom('submissions').select('id').where('id', '=', submissionId).executeTakeFirst();
        if (!exists) throw new NotFoundError('There is no such submission.');
        const values = { agenda_item_id: id, submission_id: submissionId, choice: body.choice, note: body.note ?? null, decided_by: c.get('staff')!.id, decided_at: deps.clock.now() };
        await deps.db
          .insertInto('agenda_item_curation')
          .values(values)
          .onConflict((oc) => oc.columns(['agenda_item_id', 'submission_id']).doUpdateSet({ choice: values.choice, note: values.note, decided_by: values.decided_by, decided_at: values.decided_at }))
          .execute();
      }
      await audit(c, 'agenda_item.curated', 'agenda_item', id, { submissionId, choice: body.choice });
      return c.json({ choice: body.choice });
    })
    .post('/api/agenda-items/:id/discussed', organisers, validate('param', uuidParam), validate('json', discussedBody), async (c) => {
      const item = await visibleItem(c, c.req.valid('param').id);
      const { outcomeNote } = c.req.valid('json');
      const entries = await allFeedback(deps.db, { item }, deps.config.publicUrl);
      await deps.db.transaction().execute(async (trx) => {
        await trx.updateTable('agenda_items').set({ discussed_at: deps.clock.now(), outcome_note: outcomeNote ?? null }).where('id', '=', item.id).execute();
        if (entries.length) {
          await trx
            .insertInto('submission_shares')
            .values(entries.map((entry) => ({ submission_id: entry.id, agenda_item_id: item.id, shared_on: item.heldOn })))
            .onConflict((oc) => oc.doNothing())
            .execute();
        }
      });
      await audit(c, 'agenda_item.discussed', 'agenda_item', item.id, { shared: entries.length });
      return c.json({ shared: entries.length });
    });
}

function decodeCursor(value: string) {
  try {
    return z.object({ pinned: z.boolean(), createdAt: z.iso.datetime(), id: z.uuid() }).parse(JSON.parse(atob(value)));
  } catch {
    throw new ValidationError([{ pointer: '/cursor', detail: 'This cursor is not one we gave out.' }]);
  }
}
