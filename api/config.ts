/** Parses and validates the service's configuration once, from any string map (process.env on Node, bindings on Workers). */
import { z } from 'zod';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const port = z.coerce.number().int().min(0).max(65535);
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  PUBLIC_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  SEED_FILE: optionalText,
  S3_ENDPOINT: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  S3_BUCKET: optionalText.pipe(
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a bucket name of 3 to 63 lower-case letters, digits, dots or hyphens')
      .optional(),
  ),
  S3_REGION: optionalText,
  S3_ACCESS_KEY_ID: optionalText,
  S3_SECRET_ACCESS_KEY: optionalText,
  S3_FORCE_PATH_STYLE: optionalText.pipe(booleanFlag.optional()),
  MAX_TEXT_LENGTH: z.coerce.number().int().min(100).max(100_000).default(5000),
  MAX_IMAGE_BYTES: z.coerce.number().int().min(100_000).max(100_000_000).default(15 * 1024 * 1024),
  MAX_SURVEY_ANSWERS: z.coerce.number().int().min(1).max(1000).default(200),
  MAX_CONCURRENT_UPLOADS: z.coerce.number().int().min(1).max(1000).default(8),
  PUBLIC_CONSENT_NEEDS_ADULT_FOR: z
    .string()
    .default('4-7,8-11')
    .transform((value) => value.split(',').map((band) => band.trim()).filter(Boolean))
    .pipe(z.array(z.enum(['4-7', '8-11', '12-15', '16-18', 'unknown']))),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(600),
  RATE_LIMIT_PER_DEVICE: z.coerce.number().int().min(1).default(30),
  RATE_LIMIT_PER_GROUP: z.coerce.number().int().min(1).default(1000),
  RATE_LIMIT_PER_DEVICE_IN_GROUP: z.coerce.number().int().min(1).default(300),
  RATE_LIMIT_WITHOUT_DEVICE: z.coerce.number().int().min(1).default(300),
  RATE_LIMIT_NEW_DEVICES_PER_ADDRESS: z.coerce.number().int().min(1).default(60),
  RATE_LIMIT_FLOOD_HOLD: z.coerce.number().int().min(0).default(200),
  GUESS_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).default(30),
  GUESS_LIMIT_PER_DEVICE: z.coerce.number().int().min(1).default(15),
  GUESS_LIMIT_PER_ADDRESS_DAY: z.coerce.number().int().min(1).default(200),
  TRUSTED_PROXY_HEADER: optionalText.pipe(
    z
      .string()
      .regex(/^[a-z0-9-]+$/i, 'must be a header name, e.g. x-forwarded-for')
      .transform((name) => name.toLowerCase())
      .optional(),
  ),
  ADDRESS_HASH_KEY: optionalText.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  OIDC_ISSUER: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  DEV_OIDC_PORT: optionalText.pipe(z.coerce.number<string>().int().min(0).max(65535).optional()),
  OIDC_CLIENT_ID: optionalText,
  OIDC_CLIENT_SECRET: optionalText,
  OIDC_REDIRECT_URI: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  OIDC_SCOPES: z.string().default('openid email profile'),
  OIDC_ROLES_CLAIM: z.string().min(1).default('roles'),
  OIDC_ROLE_MAP: z.string().default(''),
  OIDC_ALLOWED_DOMAINS: z.string().default(''),
  OIDC_ALLOWED_TENANTS: z.string().default(''),
  OIDC_TENANT_CLAIM: z.string().min(1).default('tid'),
  HEARD_BOOTSTRAP_ADMINS: z.string().default(''),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  MODERATION_CLAIM_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  MODERATION_UNDO_SECONDS: z.coerce.number().int().min(5).max(3600).default(120),
  MODERATION_GUIDANCE: z
    .string()
    .default('Remove anything that could identify the child. Tag what it is about. If it could be a disclosure of harm, flag it: never reject it.'),
  SAFEGUARDING_WEBHOOK_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  SAFEGUARDING_WEBHOOK_SECRET: optionalText.pipe(
    z
      .string()
      .regex(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/, 'must be whsec_ followed by at least 24 bytes in base64 (Standard Webhooks)')
      .optional(),
  ),
  SMTP_URL: optionalText.pipe(z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional()),
  NOTIFY_DIGEST_HOUR_UTC: z.coerce.number().int().min(0).max(23).default(7),
  NOTIFY_FROM: optionalText.pipe(z.email({ error: 'must be an email address' }).optional()),
  SAFEGUARDING_RESPONSE_HOURS: z.coerce.number().min(0.25).max(24 * 14).default(24),
  RETENTION_CONTENT_MONTHS: z.coerce.number().int().min(1).max(1200).default(12),
  RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(730),
  QUARANTINE_GRACE_MINUTES: z.coerce.number().int().min(1).max(10_080).default(60),
  FIGURES_SUPPRESS_BELOW: z.coerce.number().int().min(1).max(100).default(5),
  METRICS_TOKEN: optionalText.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
});

export type S3Config = {
  endpoint: string | undefined;
  bucket: string;
  region: string;
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  forcePathStyle: boolean;
};

export type AgeBandName = '4-7' | '8-11' | '12-15' | '16-18' | 'unknown';

export type IntakeConfig = {
  maxTextLength: number;
  maxImageBytes: number;
  maxSurveyAnswers: number;
  /** Multipart uploads one instance reads at once; beyond it a 503 with Retry-After (memory, not fairness). */
  maxConcurrentUploads: number;
  /** Age bands for which `publishPublicly` needs consent given by a carer or worker. */
  publicConsentNeedsAdultFor: readonly AgeBandName[];
};

/** Fixed-window limits on new submissions, shared by all instances through the database. */
export type RateLimitConfig = {
  windowSeconds: number;
  perDevice: number;
  /** A device sending with a live group code: a shared tablet a whole class takes turns on in a group session. */
  perDeviceInGroup: number;
  perGroup: number;
  /** One shared bucket for clients that send no device id (the app always sends one). */
  withoutDevice: number;
  /**
   * Device ids first seen in a window from one network address (outside a group): caps minting ids, and with it
   * the submissions from new devices an address can send. A class behind one school address uses its group code.
   */
  newDevicesPerAddress: number;
  /** Submissions a device may send in a group beyond its limit: held for review together (flood), not counted for the group. */
  floodHold: number;
  /** Receipt lookups and withdrawals, and group joins, that did not find anything: per address, per device, per address per day. */
  guessesPerAddress: number;
  guessesPerDevice: number;
  guessesPerAddressPerDay: number;
  /** The header a trusted reverse proxy sets to the client's address; undefined: the socket (Node) or CF-Connecting-IP (Worker). */
  trustedProxyHeader: string | undefined;
  /** Key of the hash under which addresses are counted (never stored themselves); set it when several instances share counters. */
  addressHashKey: string | undefined;
};

export type StaffRoleName = 'participation_worker' | 'safeguarding_lead' | 'committee_member' | 'admin';

/** Staff sign-in. `issuer` undefined means the loopback development provider (refused in production). */
export type AuthConfig = {
  issuer: string | undefined;
  clientId: string | undefined;
  clientSecret: string | undefined;
  redirectUri: string;
  scopes: string;
  rolesClaim: string;
  /** Identity-provider group or role values mapped to Heard roles; a Heard role name always maps to itself. */
  roleMap: Readonly<Record<string, StaffRoleName>>;
  /** Email domains (lower case) whose accounts may sign in; empty means any. */
  allowedDomains: readonly string[];
  /** Values of `tenantClaim` (an Entra tenant id, a Google `hd`) whose accounts may sign in; empty means any. */
  allowedTenants: readonly string[];
  tenantClaim: string;
  /** Emails (lower case) made admin at sign-in, for providers whose tokens carry no roles (e.g. Google). */
  bootstrapAdmins: readonly string[];
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /**
   * Loopback port of the development sign-in provider (used only without `issuer`). Defaults to PORT + 1, so a
   * firewall rule can name it; 0 (the default when PORT is 0, as in tests) picks a free one.
   */
  devOidcPort: number;
  /** Cookies with __Host- prefix and Secure: everywhere except plain-HTTP loopback development. */
  secureCookies: boolean;
};

export type ModerationConfig = {
  claimMinutes: number;
  undoSeconds: number;
  guidance: string;
  /** Where a new safeguarding flag is announced (a JSON POST without the child's words); none when undefined. */
  safeguardingWebhookUrl: string | undefined;
  /** Standard Webhooks secret (`whsec_<base64>`): each notice carries webhook-id, webhook-timestamp and webhook-signature. */
  safeguardingWebhookSecret: string | undefined;
  /** How soon a safeguarding lead should respond; past it an item is overdue and announced again. */
  safeguardingResponseHours: number;
};

/** Email to staff: safeguarding flags to leads, a daily digest to workers. Mail is sent where the runtime has a mailer (Node). */
export type NotifyConfig = {
  /** smtp:// or smtps:// with credentials in the URL; undefined means no email. */
  smtpUrl: string | undefined;
  from: string | undefined;
  /** The hour (UTC) the workers' daily digest goes out. */
  digestHourUtc: number;
};

/** What the maintenance sweep removes and when: the policy in docs/retention.md. */
export type RetentionConfig = {
  /** Months after its last use (sent, shared with a committee, put in a pack) that a submission's content is kept. */
  contentMonths: number;
  /** Days after its last use that even the minimised record is deleted. */
  submissionDays: number;
  /** A quarantined upload with no submission row after this long is an orphan (a request that died). */
  quarantineGraceMinutes: number;
};

export type AppConfig = {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolMax: number;
  publicUrl: string;
  seedFile: string | undefined;
  s3: S3Config | undefined;
  intake: IntakeConfig;
  rateLimit: RateLimitConfig;
  auth: AuthConfig;
  moderation: ModerationConfig;
  notify: NotifyConfig;
  retention: RetentionConfig;
  /** Counts below this are shown as "fewer than N", so a small group of children cannot be identified. */
  figuresSuppressBelow: number;
  /** Bearer token for GET /metrics (Prometheus); undefined: /metrics answers 404. */
  metricsToken: string | undefined;
};

/** Thrown with every bad variable at once, so an operator fixes them in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly { variable: string; message: string }[]) {
    super(`Invalid configuration: ${problems.map((p) => `${p.variable} ${p.message}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Validates `source` (e.g. process.env) and returns the typed configuration, or throws one ConfigError naming every
 * bad variable. `staff: false` is for the edge Worker, which serves no staff routes and so needs no sign-in settings.
 */
export function parseConfig(source: Readonly<Record<string, string | undefined>>, options: { staff?: boolean } = {}): AppConfig {
  const staff = options.staff ?? true;
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? 'environment'),
        message: describeIssue(issue),
      })),
    );
  }
  const env = result.data;
  const problems: { variable: string; message: string }[] = [];

  const s3Variables = ['S3_ENDPOINT', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_FORCE_PATH_STYLE'] as const;
  if (!env.S3_BUCKET) {
    for (const name of s3Variables) {
      if (env[name] !== undefined) problems.push({ variable: 'S3_BUCKET', message: `is required when ${name} is set` });
    }
  } else if ((env.S3_ACCESS_KEY_ID === undefined) !== (env.S3_SECRET_ACCESS_KEY === undefined)) {
    const missing = env.S3_ACCESS_KEY_ID === undefined ? 'S3_ACCESS_KEY_ID' : 'S3_SECRET_ACCESS_KEY';
    problems.push({ variable: missing, message: 'is required when the other S3 credential is set' });
  }
  if (env.NODE_ENV === 'production' && !env.PUBLIC_URL) {
    problems.push({ variable: 'PUBLIC_URL', message: 'is required in production (the https address people use)' });
  }
  if (staff && env.OIDC_ISSUER && (!env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET)) {
    problems.push({ variable: env.OIDC_CLIENT_ID ? 'OIDC_CLIENT_SECRET' : 'OIDC_CLIENT_ID', message: 'is required when OIDC_ISSUER is set' });
  }
  if (staff && env.NODE_ENV === 'production' && !env.OIDC_ISSUER) {
    problems.push({ variable: 'OIDC_ISSUER', message: 'is required in production (the development sign-in is refused there)' });
  }
  if (env.NODE_ENV === 'production' && env.PUBLIC_URL?.startsWith('http:')) {
    problems.push({ variable: 'PUBLIC_URL', message: 'must be https in production' });
  }
  if (env.SMTP_URL && !env.NOTIFY_FROM) problems.push({ variable: 'NOTIFY_FROM', message: 'is required when SMTP_URL is set' });
  if (env.NODE_ENV === 'production' && env.SAFEGUARDING_WEBHOOK_URL && !env.SAFEGUARDING_WEBHOOK_SECRET) {
    problems.push({ variable: 'SAFEGUARDING_WEBHOOK_SECRET', message: 'is required in production when SAFEGUARDING_WEBHOOK_URL is set (unsigned notices can be forged)' });
  }
  const roleMap = parseRoleMap(env.OIDC_ROLE_MAP);
  if (typeof roleMap === 'string') problems.push({ variable: 'OIDC_ROLE_MAP', message: roleMap });
  const allowedDomains = commaList(env.OIDC_ALLOWED_DOMAINS);
  const badDomain = allowedDomains.find((domain) => !DOMAIN.test(domain));
  if (badDomain) problems.push({ variable: 'OIDC_ALLOWED_DOMAINS', message: `must be a comma-separated list of email domains ("${badDomain}" is not one)` });
  const bootstrapAdmins = commaList(env.HEARD_BOOTSTRAP_ADMINS);
  const badEmail = bootstrapAdmins.find((email) => !z.email().safeParse(email).success);
  if (badEmail) problems.push({ variable: 'HEARD_BOOTSTRAP_ADMINS', message: `must be a comma-separated list of emails ("${badEmail}" is not one)` });
  // An admin who could never be let in is a typo that would only show at the first sign-in.
  const shutOut = allowedDomains.length ? bootstrapAdmins.find((email) => !allowedDomains.includes(email.slice(email.lastIndexOf('@') + 1))) : undefined;
  if (shutOut) problems.push({ variable: 'HEARD_BOOTSTRAP_ADMINS', message: `names ${shutOut}, whose domain OIDC_ALLOWED_DOMAINS refuses` });
  if (problems.length > 0) throw new ConfigError(dedupe(problems));

  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
  return {
    nodeEnv: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    dataDir: env.DATA_DIR,
    databaseUrl: env.DATABASE_URL,
    databasePoolMax: env.DATABASE_POOL_MAX,
    publicUrl,
    seedFile: env.SEED_FILE,
    s3: env.S3_BUCKET
      ? {
          endpoint: env.S3_ENDPOINT,
          bucket: env.S3_BUCKET,
          region: env.S3_REGION ?? 'auto',
          accessKeyId: env.S3_ACCESS_KEY_ID,
          secretAccessKey: env.S3_SECRET_ACCESS_KEY,
          // A custom endpoint (MinIO, R2, s3rver) nearly always wants path-style addressing.
          forcePathStyle: env.S3_FORCE_PATH_STYLE ?? env.S3_ENDPOINT !== undefined,
        }
      : undefined,
    intake: {
      maxTextLength: env.MAX_TEXT_LENGTH,
      maxImageBytes: env.MAX_IMAGE_BYTES,
      maxSurveyAnswers: env.MAX_SURVEY_ANSWERS,
      maxConcurrentUploads: env.MAX_CONCURRENT_UPLOADS,
      publicConsentNeedsAdultFor: env.PUBLIC_CONSENT_NEEDS_ADULT_FOR,
    },
    auth: {
      issuer: env.OIDC_ISSUER,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      redirectUri: env.OIDC_REDIRECT_URI ?? `${publicUrl}/auth/callback`,
      scopes: env.OIDC_SCOPES,
      rolesClaim: env.OIDC_ROLES_CLAIM,
      roleMap: roleMap as Record<string, StaffRoleName>,
      allowedDomains,
      allowedTenants: commaList(env.OIDC_ALLOWED_TENANTS, false),
      tenantClaim: env.OIDC_TENANT_CLAIM,
      bootstrapAdmins,
      sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
      sessionAbsoluteHours: env.SESSION_ABSOLUTE_HOURS,
      devOidcPort: env.DEV_OIDC_PORT ?? (env.PORT === 0 || env.PORT === 65535 ? 0 : env.PORT + 1),
      secureCookies: publicUrl.startsWith('https:'),
    },
    moderation: {
      claimMinutes: env.MODERATION_CLAIM_MINUTES,
      undoSeconds: env.MODERATION_UNDO_SECONDS,
      guidance: env.MODERATION_GUIDANCE,
      safeguardingWebhookUrl: env.SAFEGUARDING_WEBHOOK_URL,
      safeguardingWebhookSecret: env.SAFEGUARDING_WEBHOOK_SECRET,
      safeguardingResponseHours: env.SAFEGUARDING_RESPONSE_HOURS,
    },
    notify: { smtpUrl: env.SMTP_URL, from: env.NOTIFY_FROM, digestHourUtc: env.NOTIFY_DIGEST_HOUR_UTC },
    figuresSuppressBelow: env.FIGURES_SUPPRESS_BELOW,
    metricsToken: env.METRICS_TOKEN,
    retention: { contentMonths: env.RETENTION_CONTENT_MONTHS, submissionDays: env.RETENTION_DAYS, quarantineGraceMinutes: env.QUARANTINE_GRACE_MINUTES },
    rateLimit: {
      windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS,
      perDevice: env.RATE_LIMIT_PER_DEVICE,
      perDeviceInGroup: env.RATE_LIMIT_PER_DEVICE_IN_GROUP,
      perGroup: env.RATE_LIMIT_PER_GROUP,
      withoutDevice: env.RATE_LIMIT_WITHOUT_DEVICE,
      newDevicesPerAddress: env.RATE_LIMIT_NEW_DEVICES_PER_ADDRESS,
      floodHold: env.RATE_LIMIT_FLOOD_HOLD,
      guessesPerAddress: env.GUESS_LIMIT_PER_ADDRESS,
      guessesPerDevice: env.GUESS_LIMIT_PER_DEVICE,
      guessesPerAddressPerDay: env.GUESS_LIMIT_PER_ADDRESS_DAY,
      trustedProxyHeader: env.TRUSTED_PROXY_HEADER,
      addressHashKey: env.ADDRESS_HASH_KEY,
    },
  };
}

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** "a@x.org, B@x.org" → ['a@x.org', 'b@x.org']; tenant ids keep their case. */
function commaList(source: string, lowerCase = true): string[] {
  return source
    .split(',')
    .map((part) => (lowerCase ? part.trim().toLowerCase() : part.trim()))
    .filter(Boolean);
}

const ROLE_NAMES: readonly StaffRoleName[] = ['participation_worker', 'safeguarding_lead', 'committee_member', 'admin'];

/** "heard-leads=safeguarding_lead,heard-admins=admin" → a map, or a message saying what is wrong. */
function parseRoleMap(source: string): Record<string, StaffRoleName> | string {
  const map: Record<string, StaffRoleName> = {};
  for (const pair of source.split(',').map((part) => part.trim()).filter(Boolean)) {
    const [from, to] = pair.split('=').map((part) => part.trim());
    if (!from || !to || !ROLE_NAMES.includes(to as StaffRoleName)) {
      return `must be a comma-separated list of value=role, role one of ${ROLE_NAMES.join(', ')}`;
    }
    map[from] = to as StaffRoleName;
  }
  return map;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value') return `must be one of ${issue.values.map(String).join(', ')}`;
  if (issue.code === 'invalid_type') return `must be a ${issue.expected}`;
  if (issue.code === 'too_small' || issue.code === 'too_big') return `is out of range (${issue.message})`;
  if (issue.code === 'invalid_format' && issue.format === 'url') return 'must be an http(s) URL';
  return issue.message;
}

function dedupe<T extends { variable: string; message: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = `${item.variable}:${item.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
