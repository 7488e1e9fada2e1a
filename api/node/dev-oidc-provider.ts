/**
 * A real OpenID provider (oidc-provider) on loopback with demo staff accounts, for running Heard on one machine
 * without an identity provider. Heard signs in against it through exactly the same openid-client code as against
 * Entra ID, Google or Keycloak. Never in production: the entry refuses, and so does this.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import type { OidcSettings } from '../auth/oidc-client.ts';
import { DEMO_ACCOUNTS, type DemoAccount } from './demo-accounts.ts';

export type DevOidcProvider = { settings: OidcSettings; issuer: string; stop(): Promise<void> };

export async function startDevOidcProvider(options: {
  redirectUri: string;
  postLogoutRedirectUri: string;
  nodeEnv: string;
  /** Loopback port (DEV_OIDC_PORT); 0 or unset picks a free one. */
  port?: number;
  accounts?: readonly DemoAccount[];
}): Promise<DevOidcProvider> {
  if (options.nodeEnv === 'production') throw new Error('The development sign-in provider never runs in production; set OIDC_ISSUER.');
  const accounts = new Map((options.accounts ?? DEMO_ACCOUNTS).map((account) => [account.login, account]));
  const server: Server = createServer();
  const port = options.port ?? 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`the development sign-in provider's port ${port} is in use; set DEV_OIDC_PORT to a free port (0 picks one)`) : error),
    );
    server.listen(port, '127.0.0.1', resolve);
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'heard-dev';
  const clientSecret = randomBytes(24).toString('base64url');

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        post_logout_redirect_uris: [options.postLogoutRedirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email'], profile: ['name', 'roles'] },
    // Put profile claims (and the roles) in the ID token, as Entra ID and Keycloak can be set up to do.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    findAccount: (_ctx, id) => {
      const account = accounts.get(id);
      if (!account) return undefined;
      return { accountId: id, claims: () => ({ sub: id, name: account.name, email: account.email, roles: account.roles }) };
    },
  });
  server.on('request', provider.callback());

  return {
    issuer,
    settings: { issuer, clientId, clientSecret, allowHttp: true },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
