// The container's entry command, run without Docker: the Dockerfile's ENTRYPOINT + CMD with its ENV and the compose
// service's environment, where only this machine's addresses and credentials stand in for the compose network's.
import { mkdtemp } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevOidcProvider, type DevOidcProvider } from '../../api/node/dev-oidc-provider.ts';
import { readCompose, readRuntimeStage, serviceEnvironment } from '../helpers/deploy-files.ts';
import { startPostgresEndpoint, type PostgresEndpoint } from '../helpers/postgres-endpoint.ts';
import { startS3Server, type TestS3Server } from '../helpers/s3-server.ts';
import { spawnService, type SpawnedService } from '../helpers/spawn-service.ts';

const stage = readRuntimeStage();
const composeEnv = serviceEnvironment(readCompose(), 'heard');

describe('the container entry command (deploy/Dockerfile CMD with compose.yaml environment)', () => {
  let database: PostgresEndpoint;
  let s3: TestS3Server;
  let provider: DevOidcProvider;
  let service: SpawnedService;
  let overridden: Record<string, string>;

  beforeAll(async () => {
    database = await startPostgresEndpoint();
    s3 = await startS3Server(composeEnv.S3_BUCKET);
    // A real OpenID provider in Keycloak's place, registered with the redirect the compose PUBLIC_URL implies.
    provider = await startDevOidcProvider({
      redirectUri: `${composeEnv.PUBLIC_URL}/auth/callback`,
      postLogoutRedirectUri: `${composeEnv.PUBLIC_URL}/staff/`,
      nodeEnv: 'test',
    });
    overridden = {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: await mkdtemp(path.join(tmpdir(), 'heard-container-')),
      DATABASE_URL: database.url,
      S3_ENDPOINT: s3.config.endpoint!,
      S3_ACCESS_KEY_ID: s3.config.accessKeyId!,
      S3_SECRET_ACCESS_KEY: s3.config.secretAccessKey!,
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: provider.settings.clientId,
      OIDC_CLIENT_SECRET: provider.settings.clientSecret,
    };
    service = await spawnService({ ...stage.env, ...composeEnv, ...overridden }, [...stage.entrypoint, ...stage.cmd]);
  }, 120_000);

  afterAll(async () => {
    await provider?.stop();
    await s3?.stop();
    await database?.stop();
  });

  it('runs under tini (an init that only passes its arguments on), as node with the server entry', () => {
    expect(stage.entrypoint).toEqual(['/usr/bin/tini', '--']);
    expect(existsSync(stage.entrypoint[0]!)).toBe(true);
    expect(stage.cmd[0]).toBe('node');
    expect(stage.cmd).toContain('api/server.ts');
  });

  it('only addresses and credentials of this machine replace the compose values; production stays production', async () => {
    expect(Object.keys(overridden).sort()).toEqual(
      ['DATABASE_URL', 'DATA_DIR', 'HOST', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_ISSUER', 'PORT', 'S3_ACCESS_KEY_ID', 'S3_ENDPOINT', 'S3_SECRET_ACCESS_KEY'].sort(),
    );
    expect(composeEnv.NODE_ENV).toBe('production');
    expect(service.output()).toContain('PostgreSQL (DATABASE_URL)');
    expect(service.output()).toContain(`S3 bucket ${composeEnv.S3_BUCKET}`);
    // Migrations ran at start on the empty database (log lines are written in batches, after the banner).
    await expect.poll(() => service.output(), { timeout: 10_000 }).toContain('migrations applied');
  });

  it('is ready: /readyz answers 200 with the database and the bucket checked', async () => {
    const ready = await fetch(`${service.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', blobStore: 'ok' } });
  });

  it('sends staff to the configured OpenID provider to sign in', async () => {
    const login = await fetch(`${service.url}/auth/login`, { redirect: 'manual' });
    expect(login.status).toBe(302);
    const location = new URL(login.headers.get('location')!);
    expect(location.origin).toBe(provider.issuer);
    expect(location.searchParams.get('redirect_uri')).toBe(`${composeEnv.PUBLIC_URL}/auth/callback`);
  });

  it('takes a 15 KiB header block and answers a 17 KiB one 431 in problem+json (--max-http-header-size=16384)', async () => {
    expect(stage.cmd).toContain('--max-http-header-size=16384');
    const withHeader = (bytes: number) => fetch(`${service.url}/healthz`, { headers: { 'x-padding': 'a'.repeat(bytes) } });
    expect((await withHeader(15 * 1024)).status).toBe(200);
    const refused = await withHeader(17 * 1024);
    expect(refused.status).toBe(431);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(await refused.json()).toMatchObject({ status: 431, code: 'headers_too_large' });
  });

  it('serves /metrics to the compose METRICS_TOKEN', async () => {
    const metrics = await fetch(`${service.url}/metrics`, { headers: { authorization: `Bearer ${composeEnv.METRICS_TOKEN}` } });
    expect(metrics.status, service.output().split('\n').filter((line) => line.includes('error')).join('\n')).toBe(200);
    expect(await metrics.text()).toContain('heard_http_requests_total{method="GET",route="/readyz",status="200"} 1');
  });

  it('stops cleanly on SIGTERM through tini (exit code 0)', async () => {
    expect(await service.stop()).toBe(0);
  }, 30_000);
});
