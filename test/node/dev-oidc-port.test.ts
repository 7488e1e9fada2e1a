// The development sign-in provider's port: fixed by default for firewalls (PORT + 1), settable, free when PORT is 0.
import { createServer, type Server } from 'node:net';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../api/config.ts';
import { freeLoopbackPort as freePort } from '../helpers/postgres-cluster.ts';
import { runServer, spawnService, waitForExit } from '../helpers/spawn-service.ts';

async function occupiedPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, server };
}

describe('DEV_OIDC_PORT', () => {
  it.each([
    ['npm start defaults: next to the service, a port a firewall rule can name', {}, 3001],
    ['follows PORT', { PORT: '8080' }, 8081],
    ['PORT 0 (tests, parallel runs): a free port', { PORT: '0' }, 0],
    ['set explicitly', { PORT: '8080', DEV_OIDC_PORT: '9999' }, 9999],
    ['set to 0: a free port', { DEV_OIDC_PORT: '0' }, 0],
  ])('%s', (_name, env: Record<string, string>, expected) => {
    expect(parseConfig(env).auth.devOidcPort).toBe(expected);
  });

  it('refuses a value that is not a port, naming the variable', () => {
    expect(() => parseConfig({ DEV_OIDC_PORT: 'high' })).toThrow(ConfigError);
    expect(() => parseConfig({ DEV_OIDC_PORT: '70000' })).toThrow(/DEV_OIDC_PORT/);
  });

  it('the started service runs its sign-in provider on that port, and its discovery answers there', async () => {
    const port = await freePort();
    const service = await spawnService({ DATA_DIR: await mkdtemp(path.join(tmpdir(), 'heard-oidc-port-')), DEV_OIDC_PORT: String(port) });
    try {
      expect(service.output()).toContain(`development sign-in provider at http://127.0.0.1:${port}`);
      const discovery = await fetch(`http://127.0.0.1:${port}/.well-known/openid-configuration`);
      expect(discovery.status).toBe(200);
      expect(((await discovery.json()) as { issuer: string }).issuer).toBe(`http://127.0.0.1:${port}`);
      // Heard's own sign-in sends the browser to that provider.
      const login = await fetch(`${service.url}/auth/login`, { redirect: 'manual' });
      expect(login.headers.get('location')).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/`));
    } finally {
      expect(await service.stop()).toBe(0);
    }
  }, 60_000);

  it('a port already in use stops start-up with one line naming DEV_OIDC_PORT', async () => {
    const taken = await occupiedPort();
    try {
      const result = await waitForExit(
        runServer({ PORT: '0', DATA_DIR: await mkdtemp(path.join(tmpdir(), 'heard-oidc-port-')), DEV_OIDC_PORT: String(taken.port) }),
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`port ${taken.port} is in use; set DEV_OIDC_PORT`);
    } finally {
      await new Promise<void>((resolve) => taken.server.close(() => resolve()));
    }
  }, 60_000);
});
