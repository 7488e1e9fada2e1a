/** The client's network address as a rate-limit bucket: a keyed hash only, never the address itself. */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Context } from 'hono';
import type { AppDeps } from '../deps.ts';

// Without a configured key each process counts under its own: fine for one instance, split counts for several.
// Made on first use: a Worker may not make random values at module scope.
let processKey: string | undefined;

/** The address from the configured proxy header (its last, proxy-appended entry), else the runtime's peer address. */
export function clientAddressOf(c: Context, deps: Pick<AppDeps, 'config' | 'peerAddress'>): string | undefined {
  const header = deps.config.rateLimit.trustedProxyHeader;
  if (header) {
    const value = c.req.header(header);
    const last = value?.split(',').at(-1)?.trim();
    return last || undefined;
  }
  return deps.peerAddress?.(c) || undefined;
}

/** `addr:<hmac>` for the address, or undefined when the address is unknown. */
export function addressBucketOf(c: Context, deps: Pick<AppDeps, 'config' | 'peerAddress'>): string | undefined {
  const address = clientAddressOf(c, deps);
  if (!address) return undefined;
  const key = deps.config.rateLimit.addressHashKey ?? (processKey ??= bytesToHex(crypto.getRandomValues(new Uint8Array(32))));
  return `addr:${bytesToHex(hmac(sha256, utf8ToBytes(key), utf8ToBytes(networkOf(address)))).slice(0, 32)}`;
}

/** One IPv6 host holds a whole /64, so it is counted by its /64; IPv4 (and IPv4-mapped) by the address. */
export function networkOf(address: string): string {
  const lower = address.toLowerCase().replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped) return mapped[1]!;
  if (!lower.includes(':')) return lower;
  const [head = '', tail = ''] = lower.split('::');
  const headParts = head ? head.split(':') : [];
  const tailParts = lower.includes('::') && tail ? tail.split(':') : [];
  const missing = Math.max(0, 8 - headParts.length - tailParts.length);
  const groups = [...headParts, ...Array<string>(lower.includes('::') ? missing : 0).fill('0'), ...tailParts];
  return `${groups.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
