/** Builds the real app around test dependencies and keeps every log line for assertions. */
import { createApp } from '../../api/app.ts';
import { parseConfig, type AppConfig } from '../../api/config.ts';
import type { AppDeps, Clock } from '../../api/deps.ts';
import type { LogEntry } from '../../api/log.ts';
import { createSharpProcessor } from '../../api/images/sharp-processor.ts';

export type TestApp = { app: ReturnType<typeof createApp>; logs: LogEntry[]; deps: AppDeps };

export function createTestApp(
  parts: Pick<AppDeps, 'db' | 'blobs'> & { config?: Partial<AppConfig>; clock?: Clock; oidc?: AppDeps['oidc'] },
): TestApp {
  const logs: LogEntry[] = [];
  const deps: AppDeps = {
    db: parts.db,
    blobs: parts.blobs,
    clock: parts.clock ?? { now: () => new Date() },
    config: { ...parseConfig({ NODE_ENV: 'test' }), ...parts.config },
    log: (entry) => logs.push(entry),
    oidc: parts.oidc,
    images: createSharpProcessor(),
  };
  return { app: createApp(deps), logs, deps };
}
