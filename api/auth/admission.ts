/**
 * Who may have a session at all: an account of the configured provider is admitted only when its email domain and
 * tenant are on the allow-lists (when set). Also which email is trusted enough to match invitations and bootstrap admins.
 */
import type { AuthConfig } from '../config.ts';

export type Admission =
  | { admitted: true; /** Lower-cased, and only when the provider did not say it is unverified. */ trustedEmail: string | null }
  | { admitted: false; reason: 'email_domain' | 'email_unverified' | 'tenant'; emailDomain: string | null };

type Rules = Pick<AuthConfig, 'allowedDomains' | 'allowedTenants' | 'tenantClaim'>;

export function admit(claims: Record<string, unknown>, auth: Rules): Admission {
  const email = typeof claims.email === 'string' && claims.email.includes('@') ? claims.email.trim().toLowerCase() : null;
  // Google and Entra say email_verified; a provider that says nothing (Keycloak set up so, the dev provider) is trusted.
  const verified = email !== null && claims.email_verified !== false && claims.email_verified !== 'false';
  const emailDomain = email ? email.slice(email.lastIndexOf('@') + 1) : null;
  if (auth.allowedDomains.length > 0) {
    if (!email || !emailDomain || !auth.allowedDomains.includes(emailDomain)) return { admitted: false, reason: 'email_domain', emailDomain };
    if (!verified) return { admitted: false, reason: 'email_unverified', emailDomain };
  }
  if (auth.allowedTenants.length > 0) {
    const tenant = claims[auth.tenantClaim];
    if (typeof tenant !== 'string' || !auth.allowedTenants.includes(tenant)) return { admitted: false, reason: 'tenant', emailDomain };
  }
  return { admitted: true, trustedEmail: verified ? email : null };
}
