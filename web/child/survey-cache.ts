/**
 * The last lists of open surveys fetched, kept in IndexedDB so a child can answer a survey offline. It holds only what
 * the server published (questions and words), never anything a child wrote, and not even which age band a child
 * chose: the lists for every band are fetched and kept together, in a fixed order, one record per group code.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { AgeBand, OpenSurvey, SurveyQuestion } from '../shared/api-types.ts';
import { fetchOpenSurveys } from './api.ts';

/** Every age band, in the fixed order lists (and other per-band records) are kept in. */
export const BANDS: readonly AgeBand[] = ['4-7', '8-11', '12-15', '16-18', 'unknown'];

/** `lists[i]` is the list for BANDS[i]. */
type CachedLists = { key: string; fetchedAt: number; lists: OpenSurvey[][] };

interface SurveyCacheSchema extends DBSchema {
  lists: { key: string; value: CachedLists };
}

const keyOf = (groupCode?: string) => groupCode?.trim().toUpperCase() ?? '';

const opened = new Map<string, Promise<IDBPDatabase<SurveyCacheSchema>>>();
function database(name: string) {
  let db = opened.get(name);
  if (!db) {
    db = openDB<SurveyCacheSchema>(name, 1, {
      upgrade(database) {
        database.createObjectStore('lists', { keyPath: 'key' });
      },
    });
    opened.set(name, db);
  }
  return db;
}

/** Still open at `now` (a remembered survey may have closed since it was fetched). */
export function stillOpen(survey: OpenSurvey, now = Date.now()): boolean {
  return survey.closesAt === null || new Date(survey.closesAt).getTime() > now;
}

/** Only what the app shows: the server's per-question age bands would say which bands were asked what. */
function forTheApp(survey: OpenSurvey): OpenSurvey {
  return { ...survey, questions: survey.questions.map(({ ageBands: _bands, ...question }: SurveyQuestion & { ageBands?: unknown }) => question as SurveyQuestion) };
}

/**
 * The open surveys for this child: fresh from the server when it answers (and then remembered, with every other age
 * band's), otherwise the lists remembered for the same group; an empty list when there is neither.
 */
export async function openSurveysFor(ageBand: AgeBand, groupCode?: string, name = 'heard-surveys'): Promise<OpenSurvey[]> {
  const fresh = await Promise.all(BANDS.map((band) => fetchOpenSurveys(band, groupCode)));
  const index = BANDS.indexOf(ageBand);
  const complete = fresh.every((list) => list !== undefined);
  try {
    const db = await database(name);
    if (complete) {
      const lists = (fresh as OpenSurvey[][]).map((list) => list.map(forTheApp));
      await db.put('lists', { key: keyOf(groupCode), fetchedAt: Date.now(), lists });
      return lists[index]!;
    }
    // Nothing remembered for this group yet: the surveys open to everyone still are.
    const cached = (await db.get('lists', keyOf(groupCode))) ?? (await db.get('lists', keyOf()));
    return (fresh[index] ?? cached?.lists[index] ?? []).filter((survey) => stillOpen(survey));
  } catch {
    // Storage refused (private mode): surveys still work online.
    return fresh[index] ?? [];
  }
}

/** Remembers every band's list for this group now (the app has just opened, or a group was joined); true when any survey is open. */
export async function rememberOpenSurveys(groupCode?: string, name = 'heard-surveys'): Promise<boolean> {
  await openSurveysFor('unknown', groupCode, name);
  try {
    const remembered = await (await database(name)).get('lists', keyOf(groupCode));
    return remembered?.lists.some((list) => list.length > 0) ?? false;
  } catch {
    return false;
  }
}
