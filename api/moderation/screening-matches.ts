/** Reads the stored screening matches of a submission and shows staff why it was flagged ("why flagged"). */
import { z } from 'zod';
import { SCREENING_CATEGORIES } from '../screening/categories.ts';

export type ScreeningSignal = 'phrase' | 'rule' | 'classifier';

/** One stored match, with the defaults for records stored before signals existed (a phrase, in the submission's language). */
export type StoredMatch = {
  field: string;
  phraseId: string;
  category: string;
  start: number;
  end: number;
  signal: ScreeningSignal;
  language: string;
  score?: number | undefined;
};

const storedMatch = z.object({
  field: z.string(),
  phraseId: z.string(),
  category: z.string(),
  start: z.int().min(0),
  end: z.int().min(0),
  signal: z.enum(['phrase', 'rule', 'classifier']).catch('phrase').default('phrase'),
  language: z.string().optional(),
  score: z.number().optional(),
});

/** The matches in a stored screening record; anything unreadable is left out rather than failing the page. */
export function storedMatches(screening: unknown, submissionLanguage: string | null): StoredMatch[] {
  const list = (screening as { safeguarding?: unknown } | null)?.safeguarding;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry) => {
    const parsed = storedMatch.safeParse(entry);
    if (!parsed.success) return [];
    const { language, ...match } = parsed.data;
    return [{ ...match, language: language ?? submissionLanguage?.split('-')[0] ?? 'en' }];
  });
}

const labels = new Map<string, string>(SCREENING_CATEGORIES.map((category) => [category.id, category.label]));

/** A plain-English label; ids from before the shared list (bullying_severe, …) read as words. */
export function categoryLabel(id: string): string {
  const label = labels.get(id);
  if (label) return label;
  const words = id.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function isKnownCategory(id: string): boolean {
  return labels.has(id);
}

/** The original text of a field pointer (`/text`, `/answers/<question id>`), or null when there is none. */
export function fieldText(row: { text: string | null; answers: unknown }, field: string): string | null {
  if (field === '/text') return row.text;
  const match = /^\/answers\/(.+)$/.exec(field);
  if (!match || typeof row.answers !== 'object' || row.answers === null) return null;
  const id = match[1]!.replaceAll('~1', '/').replaceAll('~0', '~');
  const value = (row.answers as Record<string, unknown>)[id];
  return typeof value === 'string' ? value : null;
}

/**
 * Each match as staff see it. `words` (the matched words, sliced from the original text) only when `showWords`: a
 * lead sees what the child wrote, anyone else may be looking at a redacted text that no longer contains them.
 */
export function presentMatches(matches: readonly StoredMatch[], row: { text: string | null; answers: unknown }, showWords: boolean) {
  return matches.map((match, index) => {
    const text = showWords ? fieldText(row, match.field) : null;
    return {
      index,
      field: match.field,
      category: match.category,
      categoryLabel: categoryLabel(match.category),
      signal: match.signal,
      language: match.language,
      ...(match.signal === 'classifier' && match.score !== undefined ? { score: match.score } : {}),
      ...(text !== null && match.end <= text.length ? { start: match.start, end: match.end, words: text.slice(match.start, match.end) } : {}),
    };
  });
}
