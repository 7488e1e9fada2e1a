/**
 * Limits on the Node HTTP server that keep slow or hostile clients from holding it: headers must arrive within
 * 15 s, a whole request (a drawing on a slow phone network included) within 2 minutes, and one network address may
 * hold at most a few hundred connections (a class behind one school address needs a few each, not thousands).
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export type ConnectionLimits = { headersTimeoutMs: number; requestTimeoutMs: number; maxConnectionsPerAddress: number };

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = { headersTimeoutMs: 15_000, requestTimeoutMs: 120_000, maxConnectionsPerAddress: 256 };

/** Node checks header and request timeouts only this often (30 s by default): pass it when creating the server. */
export const CONNECTIONS_CHECKING_INTERVAL_MS = 2_000;

export function applyConnectionLimits(server: Server, limits: ConnectionLimits = DEFAULT_CONNECTION_LIMITS): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const count = (open.get(address) ?? 0) + 1;
    if (count > limits.maxConnectionsPerAddress) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
}
