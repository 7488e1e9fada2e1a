/**
 * Limits new submissions per device (the anonymous install id the app sends) and per participation group.
 * Never by IP address alone: a whole class shares one school address.
 */
import type { Kysely } from 'kysely';
import type { RateLimitConfig } from '../config.ts';
import { countHit } from '../db/rate-limits.ts';
import type { Database } from '../db/schema.ts';
import { ProblemError } from '../errors.ts';
import { sha256Hex } from './content-hash.ts';

export const DEVICE_HEADER = 'heard-device-id';

/** A device id is any opaque token the app made (a UUID); we keep only a hash of it, and only in the counters. */
const DEVICE_ID = /^[A-Za-z0-9_-]{16,64}$/;

export function parseDeviceId(header: string | undefined): string | undefined {
  return header && DEVICE_ID.test(header) ? header : undefined;
}

export async function enforceRateLimits(
  db: Kysely<Database>,
  limits: RateLimitConfig,
  now: Date,
  who: { deviceId: string | undefined; groupId: string | null },
): Promise<void> {
  const windowMs = limits.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const checks: [string, number][] = [
    who.deviceId ? [`device:${(await sha256Hex(who.deviceId)).slice(0, 32)}`, limits.perDevice] : ['device:none', limits.withoutDevice],
  ];
  if (who.groupId) checks.push([`group:${who.groupId}`, limits.perGroup]);

  for (const [bucket, limit] of checks) {
    const hits = await countHit(db, bucket, windowStart);
    if (hits > limit) {
      const retryAfter = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
      throw new ProblemError(429, 'rate_limited', 'Lots of messages have been sent from here just now. Please wait a little and try again; nothing is lost.', {
        headers: { 'retry-after': String(retryAfter) },
        retryAfterSeconds: retryAfter,
      });
    }
  }
}
