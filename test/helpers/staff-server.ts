/** The whole app served over HTTP with staff sign-in at a real development provider, for browser tests of staff pages. */
import { parseConfig } from '../../api/config.ts';
import { startDevOidcProvider } from '../../api/node/dev-oidc-provider.ts';
import { freePort, serveOverHttp } from './browser.ts';
import { createHarness, type Harness } from './harness.ts';

export type StaffServer = { h: Harness; url: string; close(): Promise<void> };

export async function startStaffServer(): Promise<StaffServer> {
  // The address must be known before the app is built: sign-in redirects and cookies are tied to it.
  const port = await freePort();
  const publicUrl = `http://localhost:${port}`;
  const provider = await startDevOidcProvider({ redirectUri: `${publicUrl}/auth/callback`, postLogoutRedirectUri: `${publicUrl}/staff/`, nodeEnv: 'test' });
  const config = parseConfig({ NODE_ENV: 'test', PUBLIC_URL: publicUrl });
  const h = await createHarness({ config: { publicUrl: config.publicUrl, auth: config.auth, moderation: config.moderation }, oidc: provider.settings });
  const server = await serveOverHttp(h.app, port);
  return {
    h,
    url: server.url,
    close: async () => {
      await server.close();
      await h.close();
      await provider.stop();
    },
  };
}
