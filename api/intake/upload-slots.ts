/** A per-instance cap on multipart uploads read at once: each holds a connection and a spool file (on the Worker, the picture in memory). */
import { ProblemError } from '../errors.ts';

export type UploadSlots = { acquire(): () => void };

/**
 * `acquire` takes a slot and returns its release, or throws the 503 (Retry-After) when all are taken. It throws
 * before any rate-limit hit is counted, so a child's app retrying after a busy moment is never limited for it.
 */
export function createUploadSlots(limit: number, retryAfterSeconds = 2): UploadSlots {
  let inUse = 0;
  return {
    acquire() {
      if (inUse >= limit) {
        throw new ProblemError(503, 'uploads_busy', 'Lots of pictures are arriving just now. Your picture is safe on your device; we will try again in a moment.', {
          headers: { 'retry-after': String(retryAfterSeconds) },
        });
      }
      inUse += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        inUse -= 1;
      };
    },
  };
}
