/**
 * Limits new submissions per device (the anonymous install id the app sends), per participation group, and, for
 * device ids new from one network address, per address. Never every submission by address: a whole class shares one.
 */
import type { Kysely } from 'kysely';
import type { RateLimitConfig } from '../config.ts';
import { countHit, hitsIn, refundHit } from '../db/rate-limits.ts';
import type { Database } from '../db/schema.ts';
import { ProblemError } from '../errors.ts';
import { sha256HexOfText } from './content-hash.ts';

export const DEVICE_HEADER = 'heard-device-id';

/** A device id is any opaque token the app made (a UUID); we keep only a hash of it, and only in the counters. */
const DEVICE_ID = /^[A-Za-z0-9_-]{16,64}$/;

export function parseDeviceId(header: string | undefined): string | undefined {
  return header && DEVICE_ID.test(header) ? header : undefined;
}

export function windowStartOf(now: Date, limits: RateLimitConfig): Date {
  const windowMs = limits.windowSeconds * 1000;
  return new Date(Math.floor(now.getTime() / windowMs) * windowMs);
}

/** The device's bucket and limit; clients without a device id share one bucket with its own limit. */
export function deviceBucket(deviceId: string | undefined, limits: RateLimitConfig): { bucket: string; limit: number } {
  if (!deviceId) return { bucket: 'device:none', limit: limits.withoutDevice };
  return { bucket: `device:${sha256HexOfText(deviceId).slice(0, 32)}`, limit: limits.perDevice };
}

/** Throws the 429 problem, with Retry-After until the window ends, when `hits` is over `limit`. */
export function assertWithinLimit(hits: number, limit: number, now: Date, limits: RateLimitConfig): void {
  if (hits <= limit) return;
  const windowEnd = windowStartOf(now, limits).getTime() + limits.windowSeconds * 1000;
  const retryAfter = Math.max(1, Math.ceil((windowEnd - now.getTime()) / 1000));
  throw new ProblemError(429, 'rate_limited', 'Lots of messages have been sent from here just now. Please wait a little and try again; nothing is lost.', {
    headers: { 'retry-after': String(retryAfter) },
    retryAfterSeconds: retryAfter,
  });
}

/** Counts a hit for the group and enforces its limit. */
export async function enforceGroupLimit(db: Kysely<Database>, limits: RateLimitConfig, now: Date, groupId: string): Promise<void> {
  const hits = await countHit(db, `group:${groupId}`, windowStartOf(now, limits));
  assertWithinLimit(hits, limits.perGroup, now, limits);
}

/**
 * A device is new when it sent nothing in the previous window: ids minted by rotation always are, a child's app
 * that keeps sending is not. Clients with no device id share one bucket with its own limit already.
 */
export async function isNewDevice(db: Kysely<Database>, bucket: string, now: Date, limits: RateLimitConfig): Promise<boolean> {
  if (bucket === 'device:none') return false;
  const previous = new Date(windowStartOf(now, limits).getTime() - limits.windowSeconds * 1000);
  return (await hitsIn(db, bucket, previous)) === 0;
}

/** The address's bucket for submissions from new devices (outside a group). */
export function newDevicesBucket(addressBucket: string): string {
  return `new-devices:${addressBucket}`;
}

/** Counts a submission from a new device against its address and enforces the address's cap (which caps minting ids). */
export async function enforceNewDeviceLimit(db: Kysely<Database>, limits: RateLimitConfig, now: Date, addressBucket: string): Promise<void> {
  const hits = await countHit(db, newDevicesBucket(addressBucket), windowStartOf(now, limits));
  assertWithinLimit(hits, limits.newDevicesPerAddress, now, limits);
}

/** Takes back the hits a failed request counted, best effort (a refund that fails only makes the limit stricter). */
export async function refundHits(db: Kysely<Database>, buckets: readonly string[], windowStart: Date): Promise<void> {
  try {
    for (const bucket of buckets) await refundHit(db, bucket, windowStart);
  } catch {
    // The database may be what failed; the window ends soon anyway.
  }
}
