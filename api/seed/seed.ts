/** Loads the partnership's priorities, committees and starting themes from a YAML file into the database. */
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema.ts';

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens');
const entry = z.object({
  slug,
  title: z.string().trim().min(1).max(120),
  description: z.string().trim().max(1000).default(''),
  active: z.boolean().default(true),
});

const seedSchema = z.object({
  priorities: z.array(entry).min(1).refine(uniqueSlugs, 'slugs must be unique'),
  committees: z.array(entry).min(1).refine(uniqueSlugs, 'slugs must be unique'),
  themes: z
    .array(z.object({ slug, title: z.string().trim().min(1).max(120) }))
    .default([])
    .refine(uniqueSlugs, 'slugs must be unique'),
  /** Local schools, flagged as identifying details when a child names one. */
  schools: z.array(z.string().trim().min(2).max(200)).default([]),
  /** Annual report definitions to start from, added once by title; staff may then change them freely. */
  reports: z
    .array(
      z
        .object({ title: z.string().trim().min(2).max(200), periodStart: z.iso.date(), periodEnd: z.iso.date(), priorities: z.array(slug).min(1), committees: z.array(slug).default([]) })
        .refine((report) => report.periodEnd > report.periodStart, 'periodEnd must be after periodStart'),
    )
    .default([]),
});

export type SeedData = z.infer<typeof seedSchema>;

function uniqueSlugs(items: readonly { slug: string }[]): boolean {
  return new Set(items.map((item) => item.slug)).size === items.length;
}

export class SeedFileError extends Error {
  override name = 'SeedFileError';
}

/** Validates parsed YAML/JSON; throws one SeedFileError naming every bad path. */
export function parseSeed(raw: unknown, source: string): SeedData {
  const result = seedSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`);
  throw new SeedFileError(`${source} is not a valid seed file: ${problems.join('; ')}`);
}

/**
 * Adds missing entries and refreshes titles by slug, in one transaction. Never deletes. One statement per table, and
 * rows that already match are left unwritten: every start-up runs this, and a restart should not rewrite the seed.
 */
export async function applySeed(db: Kysely<Database>, seed: SeedData): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const table of ['priorities', 'committees'] as const) {
      await trx
        .insertInto(table)
        .values(seed[table].map((item, position) => ({ ...item, position })))
        .onConflict((oc) =>
          oc
            .column('slug')
            .doUpdateSet((eb) => ({
              title: eb.ref('excluded.title'),
              description: eb.ref('excluded.description'),
              active: eb.ref('excluded.active'),
              position: eb.ref('excluded.position'),
            }))
            .where(sql<boolean>`(${sql.ref(`${table}.title`)}, ${sql.ref(`${table}.description`)}, ${sql.ref(`${table}.active`)}, ${sql.ref(`${table}.position`)})
              is distinct from (excluded.title, excluded.description, excluded.active, excluded.position)`),
        )
        .execute();
    }
    if (seed.themes.length > 0) {
      await trx.insertInto('themes').values(seed.themes).onConflict((oc) => oc.column('slug').doNothing()).execute();
    }
    if (seed.schools.length > 0) {
      await trx.insertInto('school_names').values(seed.schools.map((name) => ({ name }))).onConflict((oc) => oc.column('name').doNothing()).execute();
    }
    for (const report of seed.reports) {
      if (await trx.selectFrom('annual_reports').select('id').where('title', '=', report.title).executeTakeFirst()) continue;
      const ids = async (table: 'priorities' | 'committees', slugs: readonly string[]) =>
        slugs.length ? (await trx.selectFrom(table).select('id').where('slug', 'in', [...slugs]).orderBy('position').execute()).map((row) => row.id) : [];
      await trx
        .insertInto('annual_reports')
        .values({ title: report.title, period_start: report.periodStart, period_end: report.periodEnd, priority_ids: await ids('priorities', report.priorities), committee_ids: await ids('committees', report.committees), created_by: null })
        .execute();
    }
  });
}
