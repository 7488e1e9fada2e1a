/** Annual reports: the list, and defining a new one (title, period, priorities, committees; the public summary switch is for admins). */
import { useEffect, useState } from 'preact/hooks';
import { committeesApi } from '../api-committees.ts';
import { reportsApi, type Report, type ReportDefinition } from '../api-reports.ts';
import { Field, ScreenHeading, TableRegion } from '../components.tsx';
import { useAction, useTaxonomy } from '../hooks.ts';
import { useNotice } from '../notice.tsx';
import { hasRole } from '../roles.ts';
import { href } from '../router.ts';
import type { Me } from '../types.ts';

export function ReportsScreen(props: { user: Me }) {
  const notice = useNotice();
  const [reports, setReports] = useState<Report[]>();
  const load = async () => {
    try {
      setReports((await reportsApi.list()).reports);
    } catch (error) {
      notice.fail('The reports could not be loaded.', error);
    }
  };
  useEffect(() => {
    void load();
  }, []);
  return (
    <section class="pad">
      <ScreenHeading>Annual reports</ScreenHeading>
      <p>The "voice of the child" chapter of the partnership's annual report: what children said on each priority, and what committees did.</p>
      <h2>Reports</h2>
      {reports === undefined ? (
        <p>Loading…</p>
      ) : reports.length === 0 ? (
        <p>There are no reports yet.</p>
      ) : (
        <TableRegion label="Reports">
          <table>
            <caption class="visually-hidden">Annual reports, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Period</th>
                <th scope="col">Priorities</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((report) => (
                <tr key={report.id} data-testid="report-row">
                  <th scope="row">
                    <a href={href('reports', report.id)}>{report.title}</a>
                  </th>
                  <td>
                    {report.periodStart} to {report.periodEnd}
                  </td>
                  <td>{report.priorities.map((p) => p.title).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <DefineReport admin={hasRole(props.user, 'admin')} onSaved={load} />
    </section>
  );
}

/** The definition form, for a new report or (with `initial`) to change one. */
export function DefineReport(props: { admin: boolean; initial?: Report; onSaved: () => Promise<void> }) {
  const { run } = useAction();
  const taxonomy = useTaxonomy();
  const [committees, setCommittees] = useState<{ slug: string; title: string }[]>([]);
  const start = props.initial;
  const [form, setForm] = useState<ReportDefinition>({
    title: start?.title ?? '',
    periodStart: start?.periodStart ?? '',
    periodEnd: start?.periodEnd ?? '',
    priorities: start?.priorities.map((p) => p.slug) ?? [],
    committees: start?.committees.map((c) => c.slug) ?? [],
    publicSummary: start?.publicSummary ?? false,
  });
  useEffect(() => {
    committeesApi.list().then((result) => setCommittees(result.committees), () => setCommittees([]));
  }, []);
  const toggle = (key: 'priorities' | 'committees', slug: string, on: boolean) => setForm((f) => ({ ...f, [key]: on ? [...f[key], slug] : f[key].filter((s) => s !== slug) }));
  const headingId = start ? 'change-report-heading' : 'define-report-heading';
  return (
    <form
      noValidate
      class="inline-form"
      aria-labelledby={headingId}
      onSubmit={async (event) => {
        event.preventDefault();
        const outcome = await run(
          start ? 'The report was not changed.' : 'The report was not created.',
          () => (start ? reportsApi.update(start.id, form) : reportsApi.create(form)),
          (saved) => (start ? `Saved “${saved.title}”.` : `Created “${saved.title}”. Open it to choose quotes and issue it.`),
        );
        if (outcome.ok) await props.onSaved();
      }}
    >
      <h2 id={headingId}>{start ? 'Change the definition' : 'Define a report'}</h2>
      <Field label="Title" value={form.title} onValue={(title) => setForm((f) => ({ ...f, title }))} required maxLength={200} />
      <div class="row">
        <Field label="First day" type="date" value={form.periodStart} onValue={(periodStart) => setForm((f) => ({ ...f, periodStart }))} required />
        <Field label="Last day" type="date" value={form.periodEnd} onValue={(periodEnd) => setForm((f) => ({ ...f, periodEnd }))} required />
      </div>
      <fieldset>
        <legend>Priorities</legend>
        <div class="checks">
          {(taxonomy?.priorities ?? []).map((p) => (
            <label key={p.slug}>
              <input type="checkbox" checked={form.priorities.includes(p.slug)} onChange={(e) => toggle('priorities', p.slug, e.currentTarget.checked)} /> {p.title}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Committees whose outcomes to include</legend>
        <div class="checks">
          {committees.map((c) => (
            <label key={c.slug}>
              <input type="checkbox" checked={form.committees.includes(c.slug)} onChange={(e) => toggle('committees', c.slug, e.currentTarget.checked)} /> {c.title}
            </label>
          ))}
        </div>
      </fieldset>
      {props.admin ? (
        <label>
          <input type="checkbox" checked={form.publicSummary} onChange={(e) => setForm((f) => ({ ...f, publicSummary: e.currentTarget.checked }))} /> Also publish a child-friendly summary
        </label>
      ) : null}
      <p>
        <button type="submit" class="primary">
          {start ? 'Save changes' : 'Create report'}
        </button>
      </p>
    </form>
  );
}
