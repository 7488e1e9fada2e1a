// The Node server's limits on slow and numerous connections, on a real HTTP server and real sockets.
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { applyConnectionLimits } from '../../api/node/connection-limits.ts';

let server: Server | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await new Promise((resolve) => server?.close(resolve));
});

async function listen(limits: Parameters<typeof applyConnectionLimits>[1]): Promise<number> {
  server = createServer({ connectionsCheckingInterval: 100 }, (_request, response) => response.end('ok'));
  applyConnectionLimits(server, limits);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const openSocket = (port: number) =>
  new Promise<Socket>((resolve) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    sockets.push(socket);
  });
const closed = (socket: Socket) => new Promise<boolean>((resolve) => (socket.destroyed ? resolve(true) : socket.once('close', () => resolve(true))));

describe('connection limits on the Node server', () => {
  it('closes connections from one address beyond the cap, and accepts new ones once others close', async () => {
    const port = await listen({ headersTimeoutMs: 15_000, requestTimeoutMs: 60_000, maxConnectionsPerAddress: 3 });
    const open = await Promise.all(Array.from({ length: 5 }, () => openSocket(port)));
    const outcomes = await Promise.all(open.map((socket) => Promise.race([closed(socket), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 500))])));
    expect(outcomes.filter(Boolean)).toHaveLength(2);
    for (const socket of open) socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = await openSocket(port);
    again.write('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    const answer = await new Promise<string>((resolve) => {
      let text = '';
      again.on('data', (chunk) => (text += chunk));
      again.on('close', () => resolve(text));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
  });

  it('ends a connection that never finishes its headers', async () => {
    const port = await listen({ headersTimeoutMs: 1_000, requestTimeoutMs: 2_000, maxConnectionsPerAddress: 10 });
    const slow = await openSocket(port);
    slow.write('GET / HTTP/1.1\r\nHost: x\r\n'); // and never the blank line
    const answer = await new Promise<string>((resolve) => {
      let text = '';
      slow.on('data', (chunk) => (text += chunk));
      slow.on('close', () => resolve(text));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  }, 20_000);
});
