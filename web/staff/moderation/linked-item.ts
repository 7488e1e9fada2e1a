/** The item a link names (`#/safeguarding/<id>`, `#/queue/<id>`), found whatever page of the queue or lane it is on. */
import { api, ApiError } from '../api.ts';
import type { QueueItem } from '../types.ts';

/**
 * The linked item: from the loaded page when it is there, else fetched by id. Undefined when this viewer's queue or
 * lane does not hold it, or it belongs to the other list (`belongs`: a flag waits in the lane, not the queue).
 */
export async function linkedItem(loaded: readonly QueueItem[], id: string, belongs: (item: QueueItem) => boolean): Promise<QueueItem | undefined> {
  const listed = loaded.find((item) => item.id === id);
  if (listed) return listed;
  try {
    const { item } = await api.queueItem(id);
    return belongs(item) ? item : undefined;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 422)) return undefined;
    throw error;
  }
}

/** The loaded page with the linked item added at its end when it was not on the page. */
export function withLinked(loaded: readonly QueueItem[], linked: QueueItem | undefined): QueueItem[] {
  return linked && !loaded.some((item) => item.id === linked.id) ? [...loaded, linked] : [...loaded];
}
