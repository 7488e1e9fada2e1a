/**
 * Throttles lookups by a secret code (receipt lookups and withdrawals, group joins) per address and per device, so
 * guessing codes is hopeless (README, "Guessing codes"). Only misses are paid for: a found code is refunded.
 */
import type { Context } from 'hono';
import type { RateLimitConfig } from '../config.ts';
import { countHit } from '../db/rate-limits.ts';
import type { AppDeps } from '../deps.ts';
import { ProblemError } from '../errors.ts';
import { addressBucketOf } from './client-address.ts';
import { DEVICE_HEADER, deviceBucket, parseDeviceId, refundHits, windowStartOf } from './rate-limit.ts';

export type GuessKind = 'receipt' | 'join';

const DAY_SECONDS = 86_400;

type Counter = { bucket: string; windowStart: Date; windowSeconds: number; limit: number };

/**
 * Counts one attempt; throws 429 (Retry-After until the tightest exceeded window ends) when any limit is passed,
 * before the code is looked at. Returns `found`, to call when the code was right: that attempt is taken back.
 */
export async function countGuess(deps: AppDeps, c: Context, kind: GuessKind): Promise<{ found(): Promise<void> }> {
  const limits = deps.config.rateLimit;
  const now = deps.clock.now();
  const counters = countersFor(c, deps, kind, now, limits);
  let retryAfter = 0;
  for (const counter of counters) {
    const hits = await countHit(deps.db, counter.bucket, counter.windowStart);
    if (hits > counter.limit) {
      const wait = Math.ceil((counter.windowStart.getTime() + counter.windowSeconds * 1000 - now.getTime()) / 1000);
      retryAfter = Math.max(retryAfter, wait, 1);
    }
  }
  if (retryAfter > 0) {
    throw new ProblemError(429, 'rate_limited', 'Lots of codes have been tried from here just now. Please wait a while, then check your code and try again.', {
      headers: { 'retry-after': String(retryAfter) },
      retryAfterSeconds: retryAfter,
    });
  }
  return {
    found: async () => {
      for (const counter of counters) await refundHits(deps.db, [counter.bucket], counter.windowStart);
    },
  };
}

function countersFor(c: Context, deps: AppDeps, kind: GuessKind, now: Date, limits: RateLimitConfig): Counter[] {
  const counters: Counter[] = [];
  const windowStart = windowStartOf(now, limits);
  const address = addressBucketOf(c, deps);
  if (address) {
    counters.push({ bucket: `guess:${kind}:${address}`, windowStart, windowSeconds: limits.windowSeconds, limit: limits.guessesPerAddress });
    const dayStart = new Date(Math.floor(now.getTime() / (DAY_SECONDS * 1000)) * DAY_SECONDS * 1000);
    counters.push({ bucket: `guess-day:${kind}:${address}`, windowStart: dayStart, windowSeconds: DAY_SECONDS, limit: limits.guessesPerAddressPerDay });
  }
  const deviceId = parseDeviceId(c.req.header(DEVICE_HEADER));
  if (deviceId) {
    counters.push({ bucket: `guess:${kind}:${deviceBucket(deviceId, limits).bucket}`, windowStart, windowSeconds: limits.windowSeconds, limit: limits.guessesPerDevice });
  }
  return counters;
}
