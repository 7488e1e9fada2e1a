/**
 * The outbox: everything a child sends is saved on the device first (IndexedDB) and sent when there is a
 * connection, always with the same id, so a retry can never make a duplicate. Nothing leaves the outbox because it
 * is old: only a server's acceptance, or the child deleting it, removes an item.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Problem, SubmissionAccepted, SubmissionBody } from '../shared/api-types.ts';
import type { SendOutcome } from './api.ts';

export type OutboxItem = {
  id: string;
  body: SubmissionBody;
  /** A drawing's picture, kept as a Blob in IndexedDB until it is sent. */
  image?: Blob;
  savedAt: number;
  attempts: number;
  /** Earliest time to try again (backoff after a failure). */
  nextAttemptAt: number;
  /** Set when the server named something in the child's input to fix; not retried until changed. */
  problem?: Problem;
  /** The install's anonymous id, kept with the item so the service worker (which has no localStorage) can send it. */
  deviceId?: string;
};

/** Sends one item; the whole item is passed last, for its device id. */
export type SendItem = (body: SubmissionBody, image: Blob | undefined, item: OutboxItem) => Promise<SendOutcome>;

/**
 * "My messages on this device": one entry per message the child made here, with its receipt once sent (by the page
 * or the service worker). Only the id, the kind and the receipt: never the child's words.
 */
export type MyMessage = { id: string; kind: SubmissionBody['kind']; savedAt: number; receipt?: string };

interface OutboxSchema extends DBSchema {
  outbox: { key: string; value: OutboxItem; indexes: { savedAt: number } };
  mine: { key: string; value: MyMessage; indexes: { savedAt: number } };
}

export type Outbox = {
  add(body: SubmissionBody, image?: Blob, deviceId?: string): Promise<OutboxItem>;
  list(): Promise<OutboxItem[]>;
  remove(id: string): Promise<void>;
  /** Items the server refused, each kept with its problem until the child fixes or deletes it. */
  refused(): Promise<OutboxItem[]>;
  /**
   * The child's fix for a refused item: the corrected body is saved in its place, under a new id (the old id stays
   * refused on the server's side), with any picture kept, and is sent like any other item.
   */
  replace(id: string, body: SubmissionBody): Promise<OutboxItem | undefined>;
  /**
   * Sends waiting items oldest first, stopping at the first that is not due or fails (so order is kept).
   * `force` ignores the backoff: the connection has just come back, or the app has just opened.
   */
  flush(send: SendItem, options?: { now?: number; force?: boolean }): Promise<{ accepted: SubmissionAccepted[]; waiting: number }>;
  /** "My messages", oldest first. */
  mine(): Promise<MyMessage[]>;
  /** Forgets messages from "my messages" (all when no ids are given); what still waits to be sent is still sent. */
  forget(ids?: string[]): Promise<void>;
  /** Deletes everything: what waits to be sent, and "my messages" (the child's choice, on the "hide that I used Heard" page). */
  clearAll(): Promise<void>;
  close(): void;
};

const MAX_BACKOFF_MS = 15 * 60 * 1000;

export function backoffMs(attempts: number, retryAfterSeconds?: number): number {
  const exponential = Math.min(MAX_BACKOFF_MS, 2000 * 2 ** Math.max(0, attempts - 1));
  return Math.max(exponential, (retryAfterSeconds ?? 0) * 1000);
}

type LockManager = { request<T>(name: string, run: () => Promise<T>): Promise<T> };

/**
 * The page and the service worker each flush the same outbox: a Web Lock (shared by every page and worker of this
 * origin) lets only one flush at a time, so the second sees the item already gone and never sends it again.
 */
function acrossContexts<T>(name: string, run: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as { locks?: LockManager } | undefined)?.locks;
  return locks ? locks.request(name, run) : run();
}

export async function openOutbox(name = 'heard-outbox'): Promise<Outbox> {
  const db: IDBPDatabase<OutboxSchema> = await openDB<OutboxSchema>(name, 2, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) database.createObjectStore('outbox', { keyPath: 'id' }).createIndex('savedAt', 'savedAt');
      if (oldVersion < 2) database.createObjectStore('mine', { keyPath: 'id' }).createIndex('savedAt', 'savedAt');
    },
  });
  const lockName = `${name}-flush`;
  let flushing: Promise<{ accepted: SubmissionAccepted[]; waiting: number }> | undefined;
  let queued: Promise<{ accepted: SubmissionAccepted[]; waiting: number }> | undefined;
  // savedAt orders the outbox, so it must never tie, even for two messages saved in the same millisecond.
  let lastSavedAt = (await db.getAllFromIndex('outbox', 'savedAt')).at(-1)?.savedAt ?? 0;

  async function flushOnce(send: SendItem, now: number, force: boolean) {
    const accepted: SubmissionAccepted[] = [];
    const items = await db.getAllFromIndex('outbox', 'savedAt');
    for (const item of items) {
      if (item.problem) continue;
      if (!force && item.nextAttemptAt > now) break;
      // The page and the service worker each have an outbox; the other may have sent this one while we waited for the
      // lock. (Where there are no Web Locks and both send at once, the server's idempotency keeps it to one message.)
      if (!(await db.getKey('outbox', item.id))) continue;
      const outcome = await send(item.body, item.image, item);
      if (outcome.kind === 'accepted') {
        const transaction = db.transaction(['outbox', 'mine'], 'readwrite');
        const kept = await transaction.objectStore('mine').get(item.id);
        // Forgotten meanwhile (a group session handed over): the receipt is not written back.
        if (kept) await transaction.objectStore('mine').put({ ...kept, receipt: outcome.body.receipt });
        await transaction.objectStore('outbox').delete(item.id);
        await transaction.done;
        accepted.push(outcome.body);
      } else if (outcome.kind === 'needs_fixing') {
        await db.put('outbox', { ...item, problem: outcome.problem, attempts: item.attempts + 1 });
      } else {
        const attempts = item.attempts + 1;
        await db.put('outbox', { ...item, attempts, nextAttemptAt: now + backoffMs(attempts, outcome.retryAfterSeconds) });
        // Still offline or the server is struggling: the rest would fail the same way; keep their order.
        break;
      }
    }
    return { accepted, waiting: await db.count('outbox') };
  }

  const outbox: Outbox = {
    async add(body, image, deviceId) {
      lastSavedAt = Math.max(Date.now(), lastSavedAt + 1);
      const item: OutboxItem = { id: body.id, body, ...(image ? { image } : {}), ...(deviceId ? { deviceId } : {}), savedAt: lastSavedAt, attempts: 0, nextAttemptAt: 0 };
      const transaction = db.transaction(['outbox', 'mine'], 'readwrite');
      await transaction.objectStore('outbox').put(item);
      await transaction.objectStore('mine').put({ id: body.id, kind: body.kind, savedAt: item.savedAt });
      await transaction.done;
      return item;
    },
    list: () => db.getAllFromIndex('outbox', 'savedAt'),
    async remove(id) {
      const transaction = db.transaction(['outbox', 'mine'], 'readwrite');
      await transaction.objectStore('outbox').delete(id);
      await transaction.objectStore('mine').delete(id);
      await transaction.done;
    },
    refused: async () => (await db.getAllFromIndex('outbox', 'savedAt')).filter((item) => item.problem),
    async replace(id, body) {
      const transaction = db.transaction(['outbox', 'mine'], 'readwrite');
      const store = transaction.objectStore('outbox');
      const old = await store.get(id);
      if (!old) {
        await transaction.done;
        return undefined;
      }
      lastSavedAt = Math.max(Date.now(), lastSavedAt + 1);
      const { problem: _fixed, ...rest } = old;
      const item: OutboxItem = { ...rest, id: body.id, body, savedAt: lastSavedAt, attempts: 0, nextAttemptAt: 0 };
      await store.put(item);
      await store.delete(id);
      const mine = transaction.objectStore('mine');
      if (await mine.get(id)) {
        await mine.delete(id);
        await mine.put({ id: body.id, kind: body.kind, savedAt: item.savedAt });
      }
      await transaction.done;
      return item;
    },
    flush(send, options = {}) {
      const run = () => acrossContexts(lockName, () => flushOnce(send, options.now ?? Date.now(), options.force ?? false));
      if (!flushing) {
        // One flush at a time: an online event and a timer must not send the same item twice at once.
        flushing = run().finally(() => {
          flushing = undefined;
        });
        return flushing;
      }
      // A flush is already running, perhaps failing offline as the connection comes back: run once more after it.
      queued ??= flushing.then(() => {
        queued = undefined;
        return outbox.flush(send, options);
      });
      return queued;
    },
    mine: () => db.getAllFromIndex('mine', 'savedAt'),
    async forget(ids) {
      if (!ids) return db.clear('mine');
      const transaction = db.transaction('mine', 'readwrite');
      await Promise.all(ids.map((id) => transaction.store.delete(id)));
      await transaction.done;
    },
    async clearAll() {
      const transaction = db.transaction(['outbox', 'mine'], 'readwrite');
      await Promise.all([transaction.objectStore('outbox').clear(), transaction.objectStore('mine').clear()]);
      await transaction.done;
    },
    close: () => db.close(),
  };
  return outbox;
}
