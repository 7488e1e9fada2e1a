// wrangler.toml as wrangler itself resolves it: staging and production with real-shaped bindings, logs kept,
// production never on workers.dev, and settings Heard's own parser accepts.
import { unstable_readConfig } from 'wrangler';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../api/config.ts';

const read = (env: string | undefined) => unstable_readConfig({ config: 'wrangler.toml', env });

describe('wrangler.toml environments', () => {
  it.each(['staging', 'production'])('%s: Hyperdrive, R2, vars, cron and observability of its own', (env) => {
    const config = read(env);
    expect(config.hyperdrive).toEqual([{ binding: 'HYPERDRIVE', id: expect.stringMatching(/^[0-9a-f]{32}$/) }]);
    expect(config.r2_buckets).toEqual([{ binding: 'MEDIA', bucket_name: expect.stringMatching(/^heard-media/) }]);
    expect(config.observability).toMatchObject({ enabled: true });
    expect(config.triggers.crons).toEqual(['17 * * * *']);
    expect(config.compatibility_flags).toContain('nodejs_compat');
    expect(config.assets?.run_worker_first).toEqual(['/api/*', '/healthz', '/readyz']);
    const vars = Object.fromEntries(Object.entries(config.vars).map(([name, value]) => [name, String(value)]));
    const parsed = parseConfig(vars, { staff: false });
    expect(parsed.nodeEnv).toBe('production');
    expect(parsed.publicUrl).toMatch(/^https:\/\//);
    expect(config.routes).toEqual([{ pattern: new URL(parsed.publicUrl).host, custom_domain: true }]);
  });

  it('production is not on workers.dev; staging and production are different Workers, buckets and databases', () => {
    const [staging, production] = [read('staging'), read('production')];
    expect(production.workers_dev).toBe(false);
    expect(staging.name).not.toBe(production.name);
    expect(staging.r2_buckets[0]!.bucket_name).not.toBe(production.r2_buckets[0]!.bucket_name);
    expect(staging.hyperdrive[0]!.id).not.toBe(production.hyperdrive[0]!.id);
  });

  it('keeps logs at the top level too (wrangler dev and a deploy without --env)', () => {
    expect(read(undefined).observability).toMatchObject({ enabled: true });
  });
});
