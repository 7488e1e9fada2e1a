/**
 * A real S3-protocol server (s3rver) that can go away abruptly: `outage()` resets every open connection (an upload
 * in the middle of its body included) and refuses new ones, as a crashed or partitioned store does; `restore()`
 * serves the same objects again on the same address. test/helpers/s3-server.ts's `pause()` closes gently instead:
 * requests on kept-alive connections still get through until those connections go idle.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import type { S3Config } from '../../api/config.ts';

export type OutageS3Server = { config: S3Config; outage(): Promise<void>; restore(): Promise<void>; isDown(): boolean; stop(): Promise<void> };

export async function startOutageS3Server(bucket = 'heard-test'): Promise<OutageS3Server> {
  const directory = await mkdtemp(path.join(tmpdir(), 'heard-s3-'));
  const make = (port: number) => new S3rver({ address: '127.0.0.1', port, silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
  let server = make(0);
  const { port } = (await server.run()) as AddressInfo;
  let down = false;
  const outage = async () => {
    if (down) return;
    down = true;
    const http = (server as unknown as { httpServer?: Server }).httpServer;
    const closed = server.close();
    http?.closeAllConnections();
    await closed;
  };
  const restore = async () => {
    if (!down) return;
    server = make(port);
    await server.run();
    down = false;
  };
  return {
    config: { endpoint: `http://127.0.0.1:${port}`, bucket, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true },
    outage,
    restore,
    isDown: () => down,
    stop: async () => {
      await outage();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
