/**
 * Accepted screening reviews as corpus lines (the shared format of api/screening/corpus/<lang>.jsonl), ready for a
 * pull request: a false positive is an ordinary message, a missed disclosure a disclosure of its category. The
 * snapshots were redacted when kept; identifying details are looked for again here, in case the detector has grown.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { acceptedForCorpus } from '../db/screening-reviews.ts';
import { findIdentifyingDetails } from '../screening/identifying-details.ts';
import { redact } from './redaction.ts';

export type CorpusLine = { text: string; label: 'disclosure' | 'ordinary'; category?: string; language?: string };

/**
 * One JSON line per accepted review with a kept sentence. With `language`, only that language's lines in exactly
 * the corpus format; without, every language, each line naming its language so the file can be split.
 */
export async function corpusReviewLines(db: Kysely<Database>, language?: string): Promise<CorpusLine[]> {
  const rows = await acceptedForCorpus(db);
  const schoolNames = (await db.selectFrom('school_names').select('name').execute()).map((row) => row.name);
  const lines: CorpusLine[] = [];
  for (const row of rows) {
    if (language && row.language !== language) continue;
    const snapshot = row.text_snapshot!;
    const spans = findIdentifyingDetails(snapshot, { schoolNames });
    const text = spans.length > 0 ? (redact(snapshot, spans) ?? snapshot) : snapshot;
    const line: CorpusLine = row.kind === 'missed' ? { text, label: 'disclosure', category: row.category } : { text, label: 'ordinary' };
    lines.push(language ? line : { ...line, language: row.language ?? 'en' });
  }
  return lines;
}

export function toJsonl(lines: readonly CorpusLine[]): string {
  return lines.map((line) => JSON.stringify(line)).join('\n') + (lines.length > 0 ? '\n' : '');
}
