/** One annual report: preview the draft, choose and order its quotes and drawings, issue a version, download it (page, PDF, Word). */
import { useEffect, useState } from 'preact/hooks';
import { reportsApi, type Candidate, type Entries, type Report } from '../api-reports.ts';
import { ScreenHeading } from '../components.tsx';
import { useAction } from '../hooks.ts';
import { when } from '../format.ts';
import { useNotice } from '../notice.tsx';
import { hasRole } from '../roles.ts';
import { href } from '../router.ts';
import type { Me } from '../types.ts';
import { DefineReport } from './reports.tsx';

export function ReportScreen(props: { id: string; user: Me }) {
  const notice = useNotice();
  const { run } = useAction();
  const [report, setReport] = useState<Report | null>();
  const [entries, setEntries] = useState<Entries>();
  const load = async () => {
    try {
      setReport(await reportsApi.get(props.id));
      setEntries(await reportsApi.entries(props.id));
    } catch (error) {
      setReport(null);
      notice.fail('The report could not be loaded.', error);
    }
  };
  useEffect(() => {
    void load();
  }, [props.id]);

  const curate = async (id: string, choice: 'pick' | 'exclude' | 'none', position = 0, done = 'Saved your choice.') => {
    const outcome = await run('Your choice was not saved.', () => reportsApi.curate(props.id, id, choice, position), () => done);
    if (outcome.ok) await load();
  };
  const issue = async () => {
    const outcome = await run('The report was not issued.', () => reportsApi.issue(props.id), (v) => (v.unchanged ? `Nothing changed since version ${v.version}: it is still the current one.` : `Issued version ${v.version} with ${v.entries} quotes and drawings.`));
    if (outcome.ok) await load();
  };
  const picked = entries?.picked ?? [];
  const move = (index: number, by: -1 | 1) => {
    const order = picked.map((p) => p.id);
    const [moved] = order.splice(index, 1);
    order.splice(index + by, 0, moved!);
    return Promise.all(order.map((id, position) => reportsApi.curate(props.id, id, 'pick', position))).then(load, (error) => notice.fail('The order was not saved.', error));
  };

  return (
    <section class="pad">
      <p>
        <a href={href('reports')}>All annual reports</a>
      </p>
      <ScreenHeading>{report ? report.title : report === null ? 'Report not found' : 'Annual report'}</ScreenHeading>
      {!report || !entries ? (
        <p>{report === null ? 'It may have been removed.' : 'Loading…'}</p>
      ) : (
        <>
          <p class="meta">
            {report.periodStart} to {report.periodEnd} · {report.priorities.map((p) => p.title).join(', ')}
          </p>
          <ul class="links">
            <li>
              <a class="button" href={reportsApi.previewUrl(report.id)}>
                Preview the draft
              </a>
            </li>
            <li>
              <button type="button" class="primary" onClick={issue}>
                Issue a version
              </button>
            </li>
          </ul>
          <h2>Issued versions</h2>
          {(report.versions ?? []).length === 0 ? (
            <p>No version issued yet.</p>
          ) : (
            <ul>
              {report.versions!.map((v) => (
                <li key={v.id} data-testid="report-version">
                  Version {v.version}, issued {when(v.issuedAt)}
                  {v.links ? (
                    <>
                      {' '}
                      · <a href={v.links.page}>Open version {v.version}</a> · <a href={v.links.pdf}>PDF of version {v.version}</a> · <a href={v.links.docx}>Word document of version {v.version}</a>
                    </>
                  ) : (
                    <> · superseded {when(v.supersededAt)}: {v.supersededReason}</>
                  )}
                </li>
              ))}
            </ul>
          )}
          <h2>Chosen quotes and drawings ({picked.length})</h2>
          <p>They appear in this order under the first of the report's priorities each is tagged with.</p>
          {picked.length === 0 ? <p>None chosen yet: choose from the list below.</p> : null}
          <ol class="entries">
            {picked.map((entry, index) => (
              <li key={entry.id} data-testid="picked-entry">
                {entry.eligible ? <EntryText entry={entry} /> : <p class="note">This entry can no longer be used: the child withdrew it, or its consent or moderation changed. Remove it to issue.</p>}
                <div class="buttons">
                  {entry.eligible && index > 0 ? <button type="button" onClick={() => move(index, -1)}>Move up</button> : null}
                  {entry.eligible && index < picked.length - 1 ? <button type="button" onClick={() => move(index, 1)}>Move down</button> : null}
                  <button type="button" onClick={() => curate(entry.id, 'none', 0, 'Removed from the report.')}>
                    Remove
                  </button>
                </div>
              </li>
            ))}
          </ol>
          <h2>Quotes and drawings children agreed could go in a report</h2>
          {entries.candidates.length === 0 ? <p>Nothing more to choose from in this period.</p> : null}
          <ol class="entries">
              {entries.candidates.map((entry) => (
                <li key={entry.id} data-testid="candidate-entry">
                  <EntryText entry={entry} />
                  <div class="buttons">
                    <button type="button" onClick={() => curate(entry.id, 'pick', picked.length, 'Added to the report.')}>
                      Add to report
                    </button>
                    <button type="button" onClick={() => curate(entry.id, 'exclude', 0, 'Left out of the report.')}>
                      Leave out
                    </button>
                  </div>
                </li>
              ))}
          </ol>
          <DefineReport key={report.id} admin={hasRole(props.user, 'admin')} initial={report} onSaved={load} />
        </>
      )}
    </section>
  );
}

function EntryText(props: { entry: Candidate }) {
  const { entry } = props;
  return (
    <>
      {entry.quote ? <blockquote>{entry.quote}</blockquote> : null}
      <p class="meta">
        {entry.kind} · age {entry.ageBand} · {entry.month}
        {entry.group ? ` · ${entry.group}` : ''}
        {entry.public ? ' · may also be published' : ''}
      </p>
    </>
  );
}
