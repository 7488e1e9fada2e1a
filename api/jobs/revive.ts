/** Brings back jobs that died of exhaustion during an outage, once the blob store answers again. */
import { hasExhaustedJobs, reviveExhaustedJobs } from '../db/jobs.ts';
import type { AppDeps } from '../deps.ts';
import { describeError } from '../log.ts';

export async function reviveWhenStoreAnswers(deps: Pick<AppDeps, 'db' | 'blobs' | 'clock' | 'log'>): Promise<number> {
  try {
    if (!(await hasExhaustedJobs(deps.db))) return 0;
    await deps.blobs.check();
    const revived = await reviveExhaustedJobs(deps.db, deps.clock.now());
    if (revived > 0) deps.log({ level: 'warn', msg: 'jobs revived after the store came back', revived });
    return revived;
  } catch (error) {
    deps.log({ level: 'warn', msg: 'job revival skipped: the store or database is still away', ...describeError(error) });
    return 0;
  }
}
