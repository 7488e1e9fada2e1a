// The deploy kit's files agree with each other and with what Heard requires in production.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../api/config.ts';
import { rolesFromClaims } from '../../api/auth/roles.ts';
import { deployDir, interpolate, readCompose, readEnvExample, readRuntimeStage, serviceEnvironment } from '../helpers/deploy-files.ts';

type Realm = {
  realm: string;
  roles: { realm: { name: string }[] };
  clients: { clientId: string; secret: string; redirectUris: string[]; protocolMappers: { protocolMapper: string; config: Record<string, string> }[] }[];
};

const composeText = readFileSync(`${deployDir}compose.yaml`, 'utf8');
const example = readEnvExample();
const compose = readCompose(example);
const heard = serviceEnvironment(compose, 'heard');
const keycloak = serviceEnvironment(compose, 'keycloak');
const realmText = readFileSync(`${deployDir}keycloak/realm-heard.json`, 'utf8');
// Keycloak replaces ${NAME} placeholders from its own environment at import.
const realm = JSON.parse(interpolate(realmText, keycloak)) as Realm;
const client = realm.clients.find((candidate) => candidate.clientId === heard.OIDC_CLIENT_ID);
const dockerfile = readRuntimeStage();

describe('compose.yaml', () => {
  it('names only variables that .env.example lists, and refuses to start without the required ones', () => {
    const referenced = new Set([...composeText.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1]));
    expect([...referenced].filter((name) => !(name! in example))).toEqual([]);
    expect(() => readCompose({})).toThrow(/is required/);
  });

  it("gives Heard a production configuration that Heard's own parser accepts", () => {
    const config = parseConfig({ ...dockerfile.env, ...heard });
    expect(config.nodeEnv).toBe('production');
    expect(config.publicUrl).toMatch(/^https:\/\//);
    expect(config.auth.secureCookies).toBe(true);
  });

  it.each([
    ['PostgreSQL, not the embedded database', 'DATABASE_URL', /^postgres:\/\/heard:[^@]+@postgres:5432\/heard$/],
    ['the bucket on the MinIO service', 'S3_ENDPOINT', /^http:\/\/minio:9000$/],
    ['a bucket', 'S3_BUCKET', /^heard-media$/],
    ['bucket credentials', 'S3_ACCESS_KEY_ID', /.+/],
    ['bucket credentials', 'S3_SECRET_ACCESS_KEY', /.+/],
    ['the Keycloak realm as issuer', 'OIDC_ISSUER', new RegExp(`^https://.+/realms/${realm.realm}$`)],
    ['the client secret', 'OIDC_CLIENT_SECRET', /.+/],
    ['one address hash key shared by all instances', 'ADDRESS_HASH_KEY', /^.{16,}$/],
    ['the client address from the proxy', 'TRUSTED_PROXY_HEADER', /^x-forwarded-for$/],
    ['a token for /metrics', 'METRICS_TOKEN', /.+/],
    ['all interfaces inside the container', 'HOST', /^0\.0\.0\.0$/],
  ])('sets %s (%s)', (_what, variable, pattern) => {
    expect(heard[variable]).toMatch(pattern);
  });

  it('creates the bucket Heard uses, and runs the services Heard names', () => {
    expect(JSON.stringify(compose.services['minio-bucket'])).toContain(`local/${heard.S3_BUCKET}`);
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['heard', 'postgres', 'minio', 'keycloak']));
    expect(compose.services.postgres?.image).toBe('postgres:15');
    // Read-only root filesystem: only the data volume and a tmpfs are writable.
    expect(compose.services.heard).toMatchObject({ read_only: true, tmpfs: ['/tmp:size=512m,mode=1777'], volumes: [`heard-data:${heard.DATA_DIR}`] });
  });
});

describe('keycloak/realm-heard.json', () => {
  it('defines the four Heard roles as realm roles', () => {
    expect(realm.roles.realm.map((role) => role.name).sort()).toEqual(['admin', 'committee_member', 'participation_worker', 'safeguarding_lead']);
  });

  it("has Heard's client, with the compose secret and the callback under PUBLIC_URL", () => {
    expect(client).toBeDefined();
    expect(client!.secret).toBe(heard.OIDC_CLIENT_SECRET);
    expect(client!.redirectUris).toEqual([`${heard.PUBLIC_URL}/auth/callback`]);
  });

  it('puts the roles in the claim Heard reads, where they become the four Heard roles', () => {
    const config = parseConfig({ ...dockerfile.env, ...heard });
    const mapper = client!.protocolMappers.find((candidate) => candidate.protocolMapper === 'oidc-usermodel-realm-role-mapper');
    expect(mapper?.config['claim.name']).toBe(config.auth.rolesClaim);
    expect(mapper?.config['id.token.claim']).toBe('true');
    expect(mapper?.config.multivalued).toBe('true');
    const claims = { [mapper!.config['claim.name']!]: realm.roles.realm.map((role) => role.name) };
    expect(rolesFromClaims(claims, config.auth)).toEqual(['admin', 'committee_member', 'participation_worker', 'safeguarding_lead']);
  });
});

describe('Dockerfile and heard.service', () => {
  const dockerText = readFileSync(`${deployDir}Dockerfile`, 'utf8');
  const unit = readFileSync(`${deployDir}heard.service`, 'utf8');
  const unitValues = (key: string) => [...unit.matchAll(new RegExp(`^${key}=(.*)$`, 'gm'))].map((match) => match[1]!.trim());

  it('builds on node:20-bookworm-slim in two stages and runs as a non-root user with Debian Chromium', () => {
    expect([...dockerText.matchAll(/^FROM (\S+)/gm)].map((match) => match[1])).toEqual(['node:20-bookworm-slim', 'node:20-bookworm-slim']);
    expect(dockerfile.user).toMatch(/^[1-9]\d*:[1-9]\d*$/);
    expect(dockerText).toMatch(/apt-get install[^\n]*chromium/);
    expect(dockerfile.env.CHROMIUM_PATH).toBe('/usr/bin/chromium');
    expect(dockerText).toContain(`VOLUME ["${dockerfile.env.DATA_DIR}", "/tmp"]`);
  });

  it('systemd runs the same command as the container, hardened, writing only its data directory', () => {
    const [execStart] = unitValues('ExecStart');
    expect(execStart?.split(/\s+/).slice(1)).toEqual(dockerfile.cmd.slice(1));
    expect(unitValues('NoNewPrivileges')).toEqual(['yes']);
    expect(unitValues('ProtectSystem')).toEqual(['strict']);
    expect(unitValues('PrivateTmp')).toEqual(['yes']);
    expect(unitValues('ReadWritePaths')).toEqual([dockerfile.env.DATA_DIR]);
    expect(unitValues('User')).toEqual(['heard']);
  });
});
