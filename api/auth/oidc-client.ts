/**
 * The OpenID Connect relying party (openid-client v6): discovery from the issuer, authorization code flow with
 * PKCE, state and nonce. The same code talks to the development provider, Entra ID, Google or Keycloak.
 */
import * as oidc from 'openid-client';

export type OidcSettings = { issuer: string; clientId: string; clientSecret: string; allowHttp: boolean };

/** Discovers the provider once and keeps the result; a failed discovery is retried on the next call. */
export function createOidcConfiguration(settings: () => Promise<OidcSettings>): () => Promise<oidc.Configuration> {
  let pending: Promise<oidc.Configuration> | undefined;
  return () => {
    pending ??= settings()
      .then(({ issuer, clientId, clientSecret, allowHttp }) =>
        // openid-client trusts an ID token from the token endpoint on TLS alone unless told to check its signature
        // against the provider's published keys; a forged or misrouted token must never sign anyone in.
        oidc.discovery(new URL(issuer), clientId, clientSecret, undefined, {
          execute: allowHttp ? [oidc.enableNonRepudiationChecks, oidc.allowInsecureRequests] : [oidc.enableNonRepudiationChecks],
        }),
      )
      .catch((error: unknown) => {
        pending = undefined;
        throw error;
      });
    return pending;
  };
}

export type LoginStart = { url: URL; state: string; nonce: string; codeVerifier: string };

export async function startLogin(config: oidc.Configuration, redirectUri: string, scope: string): Promise<LoginStart> {
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url, state, nonce, codeVerifier };
}

export type VerifiedLogin = { issuer: string; subject: string; claims: Record<string, unknown> };

/**
 * Exchanges the code and verifies everything: state, the `iss` response parameter (RFC 9207) where sent,
 * PKCE, the ID token's signature, issuer, audience, expiry and nonce. Throws on any mismatch.
 */
export async function finishLogin(
  config: oidc.Configuration,
  callbackUrl: URL,
  expected: { state: string; nonce: string; codeVerifier: string },
): Promise<VerifiedLogin> {
  const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: expected.codeVerifier,
    expectedState: expected.state,
    expectedNonce: expected.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims) throw new Error('the provider returned no ID token');
  return { issuer: claims.iss, subject: claims.sub, claims: { ...claims } };
}

export function endSessionUrl(config: oidc.Configuration, postLogoutRedirectUri: string): URL | undefined {
  if (!config.serverMetadata().end_session_endpoint) return undefined;
  return oidc.buildEndSessionUrl(config, { post_logout_redirect_uri: postLogoutRedirectUri });
}
