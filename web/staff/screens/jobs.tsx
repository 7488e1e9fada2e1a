/** Background work (admins): how many drawings wait to be processed, how many jobs died, and a way to revive them. */
import { useEffect, useState } from 'preact/hooks';
import { jobsApi } from '../api-admin.ts';
import { ScreenHeading, TableRegion } from '../components.tsx';
import { useNotice } from '../notice.tsx';
import type { JobBacklogRow } from '../types.ts';

const KIND_LABELS: Record<string, string> = {
  process_drawing: 'Drawings to clean and resize',
  purge_media: 'Pictures to delete after a withdrawal',
  notify_safeguarding: 'Safeguarding notices to send',
  email_safeguarding: 'Safeguarding emails to leads',
  email_digest: 'Daily digests to workers',
};

function age(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

export function JobsScreen() {
  const notice = useNotice();
  const [backlog, setBacklog] = useState<JobBacklogRow[]>();
  const [loads, setLoads] = useState(0);

  useEffect(() => {
    let live = true;
    jobsApi.backlog().then(
      (answer) => live && setBacklog(answer.backlog),
      (error: unknown) => live && notice.fail('The background work could not be loaded.', error),
    );
    return () => {
      live = false;
    };
  }, [loads]);

  const revive = () =>
    jobsApi.revive().then(
      (answer) => {
        notice.ok(answer.revived === 0 ? 'Nothing to revive: no job died of an outage, or the store is still away.' : `${answer.revived} job(s) will run again.`);
        setLoads((n) => n + 1);
      },
      (error: unknown) => notice.fail('The jobs could not be revived.', error),
    );

  return (
    <section class="pad">
      <ScreenHeading>Background work</ScreenHeading>
      <p>
        Work that runs after a child has been answered. While the picture store is away, drawings wait here and are
        processed when it returns; jobs that gave up during an outage are revived automatically once the store answers.
      </p>
      {backlog === undefined ? (
        <p>Loading…</p>
      ) : backlog.length === 0 ? (
        <p data-testid="jobs-empty">Nothing is waiting.</p>
      ) : (
        <TableRegion label="Background work waiting">
          <table data-testid="jobs-table">
            <caption>Jobs not yet done, by kind</caption>
            <thead>
              <tr>
                <th scope="col">Kind</th>
                <th scope="col">Waiting</th>
                <th scope="col">Waiting for the store</th>
                <th scope="col">Running</th>
                <th scope="col">Stopped</th>
                <th scope="col">Oldest waiting</th>
              </tr>
            </thead>
            <tbody>
              {backlog.map((row) => (
                <tr key={row.kind}>
                  <th scope="row">{KIND_LABELS[row.kind] ?? row.kind}</th>
                  <td>{row.queued}</td>
                  <td>{row.retryingAfterOutage}</td>
                  <td>{row.running}</td>
                  <td>{row.dead}</td>
                  <td>{age(row.oldestQueuedSeconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <div class="row">
        <button type="button" onClick={() => setLoads((n) => n + 1)}>
          Refresh
        </button>
        <button type="button" onClick={revive}>
          Revive jobs stopped by an outage
        </button>
      </div>
    </section>
  );
}
