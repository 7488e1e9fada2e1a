/**
 * The age rule for public consent (the server's PUBLIC_CONSENT_NEEDS_ADULT_FOR, from GET /api/child-settings), remembered
 * in IndexedDB so it holds offline. Kept as one yes/no per age band in a fixed order, so no age band is ever written down.
 */
import { openDB } from 'idb';
import type { AgeBand } from '../shared/api-types.ts';
import { fetchChildSettings } from './api.ts';
import { BANDS } from './survey-cache.ts';

/** Which age bands need an adult to agree to public sharing; undefined when never fetched (the server still checks). */
export type PublicConsentRule = (band: AgeBand) => boolean | undefined;

export async function loadPublicConsentRule(name = 'heard-settings'): Promise<PublicConsentRule> {
  const fresh = await fetchChildSettings();
  let needsAdult = fresh ? BANDS.map((band) => fresh.publicConsentNeedsAdultFor.includes(band)) : undefined;
  try {
    const db = await openDB(name, 1, { upgrade: (database) => void database.createObjectStore('rules') });
    if (needsAdult) await db.put('rules', needsAdult, 'publicNeedsAdult');
    else needsAdult = (await db.get('rules', 'publicNeedsAdult')) as boolean[] | undefined;
    db.close();
  } catch {
    // Storage refused (private mode): the rule still applies while online.
  }
  return (band) => needsAdult?.[BANDS.indexOf(band)];
}
