/**
 * The duplicate hint: no device fingerprint is stored (children are not tracked across submissions), so a duplicate is
 * near-identical text, the same letters and digits ignoring case, spacing, punctuation and emoji, sent within a day.
 */
const DAY_MS = 24 * 60 * 60 * 1000;

/** The text reduced to what makes it the same message. Empty when nothing is left (a lone emoji is never a duplicate). */
export function duplicateKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

type Dated = { id: string; text: string | null; created_at: Date | string };

/** For each of `items`, the ids of the `others` (waiting submissions) that look like the same message within a day. */
export function findDuplicates(items: Dated[], others: Dated[]): Map<string, string[]> {
  const byKey = new Map<string, { id: string; at: number }[]>();
  for (const other of others) {
    const key = other.text ? duplicateKey(other.text) : '';
    if (!key) continue;
    const list = byKey.get(key) ?? [];
    list.push({ id: other.id, at: new Date(other.created_at).getTime() });
    byKey.set(key, list);
  }
  const found = new Map<string, string[]>();
  for (const item of items) {
    const key = item.text ? duplicateKey(item.text) : '';
    const at = new Date(item.created_at).getTime();
    const same = (byKey.get(key) ?? []).filter((other) => other.id !== item.id && Math.abs(other.at - at) <= DAY_MS).map((other) => other.id);
    if (same.length > 0) found.set(item.id, same);
  }
  return found;
}

/** The window of received times to look for duplicates of these items in. */
export function duplicateWindow(items: Dated[]): { from: Date; to: Date } | undefined {
  if (items.length === 0) return undefined;
  const times = items.map((item) => new Date(item.created_at).getTime());
  return { from: new Date(Math.min(...times) - DAY_MS), to: new Date(Math.max(...times) + DAY_MS) };
}
