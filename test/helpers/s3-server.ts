/** A real S3-protocol server (s3rver) on loopback for one test file, with one bucket. */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import type { S3Config } from '../../api/config.ts';

export type TestS3Server = {
  config: S3Config;
  stop(): Promise<void>;
  /** Stops answering, keeping the stored objects, until `resume`: an outage of the object store. */
  pause(): Promise<void>;
  resume(): Promise<void>;
};

export async function startS3Server(bucket = 'heard-test'): Promise<TestS3Server> {
  const directory = await mkdtemp(path.join(tmpdir(), 'heard-s3-'));
  const make = (port: number) =>
    new S3rver({ address: '127.0.0.1', port, silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
  let server = make(0);
  const address = (await server.run()) as AddressInfo;
  let paused = false;
  return {
    pause: async () => {
      await server.close();
      paused = true;
    },
    resume: async () => {
      server = make(address.port);
      await server.run();
      paused = false;
    },
    config: {
      endpoint: `http://127.0.0.1:${address.port}`,
      bucket,
      region: 'us-east-1',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
    },
    stop: async () => {
      if (!paused) await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
