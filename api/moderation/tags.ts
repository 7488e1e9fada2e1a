/** Tagging a submission with the partnership's priorities (by slug) and free themes (created on first use). */
import type { Kysely } from 'kysely';
import { tagsOf } from '../db/moderation.ts';
import type { Database } from '../db/schema.ts';
import { ValidationError } from '../errors.ts';

export function themeSlug(title: string): string {
  return title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/** `replace` sets exactly these tags; `add` keeps the existing ones too. Returns the tags as they now are. */
export async function applyTags(
  trx: Kysely<Database>,
  submissionId: string,
  tags: { priorities: string[]; themes: string[] },
  staffId: string,
  mode: 'replace' | 'add',
): Promise<{ priorities: string[]; themes: string[] }> {
  const priorities = tags.priorities.length
    ? await trx.selectFrom('priorities').select(['id', 'slug']).where('slug', 'in', tags.priorities).where('active', '=', true).execute()
    : [];
  const unknown = tags.priorities.filter((slug) => !priorities.some((p) => p.slug === slug));
  if (unknown.length > 0) throw new ValidationError(unknown.map((slug) => ({ pointer: '/priorities', detail: `No such priority: ${slug}` })));

  const themeIds: number[] = [];
  for (const title of tags.themes) {
    const slug = themeSlug(title);
    if (!slug) throw new ValidationError([{ pointer: '/themes', detail: 'A theme needs letters or numbers.' }]);
    const row = await trx
      .insertInto('themes')
      .values({ slug, title })
      .onConflict((oc) => oc.column('slug').doUpdateSet({ slug }))
      .returning('id')
      .executeTakeFirstOrThrow();
    themeIds.push(row.id);
  }
  if (mode === 'replace') {
    await trx.deleteFrom('submission_priorities').where('submission_id', '=', submissionId).execute();
    await trx.deleteFrom('submission_themes').where('submission_id', '=', submissionId).execute();
  }
  if (priorities.length > 0) {
    await trx
      .insertInto('submission_priorities')
      .values(priorities.map((p) => ({ submission_id: submissionId, priority_id: p.id, tagged_by: staffId })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  if (themeIds.length > 0) {
    await trx
      .insertInto('submission_themes')
      .values([...new Set(themeIds)].map((theme_id) => ({ submission_id: submissionId, theme_id, tagged_by: staffId })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  return tagsOf(trx, submissionId);
}
