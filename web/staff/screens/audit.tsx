/** The audit log (admins and safeguarding leads): newest first, a page at a time, filtered by action or subject. Reading it is audited too. */
import { useEffect, useState } from 'preact/hooks';
import { auditApi } from '../api-admin.ts';
import { Field, ScreenHeading, TableRegion } from '../components.tsx';
import { when } from '../format.ts';
import { useNotice } from '../notice.tsx';
import type { AuditEntry } from '../types.ts';

const PAGE = 50;

function details(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = JSON.stringify(value);
  return text === '{}' ? '' : text;
}

export function AuditScreen() {
  const notice = useNotice();
  const [action, setAction] = useState('');
  const [subjectId, setSubjectId] = useState('');
  const [filters, setFilters] = useState({ action: '', subjectId: '' });
  // The `before` of each page seen, so Newer can go back; undefined is the newest page.
  const [pages, setPages] = useState<(number | undefined)[]>([undefined]);
  // What is shown, with the query that fetched it: the caption never describes a page still on its way.
  const [shown, setShown] = useState<{ entries: AuditEntry[]; nextBefore: number | null; filters: typeof filters; page: number }>();
  const before = pages.at(-1);

  useEffect(() => {
    let live = true;
    const asked = { filters, page: pages.length };
    auditApi.page({ action: filters.action || undefined, subjectId: filters.subjectId || undefined, before, limit: PAGE }).then(
      (page) => {
        if (live) setShown({ entries: page.entries, nextBefore: page.nextBefore, ...asked });
      },
      (error: unknown) => live && notice.fail('The audit log could not be loaded.', error),
    );
    return () => {
      live = false;
    };
  }, [filters, before]);

  return (
    <section class="pad">
      <ScreenHeading>Audit log</ScreenHeading>
      <p>Every reading and change of children's submissions and of Heard's settings, newest first. It cannot be edited.</p>
      <form
        noValidate
        class="inline-form row"
        aria-label="Filter the audit log"
        onSubmit={(event) => {
          event.preventDefault();
          setFilters({ action: action.trim(), subjectId: subjectId.trim() });
          setPages([undefined]);
        }}
      >
        <Field label="Action" hint="For example submission.approved or group.created" value={action} onValue={setAction} maxLength={64} />
        <Field label="Subject id" value={subjectId} onValue={setSubjectId} maxLength={64} />
        <button type="submit">Show</button>
      </form>
      <p>
        <a class="button" href={auditApi.xlsxUrl({ action: filters.action || undefined, subjectId: filters.subjectId || undefined })} download data-testid="audit-xlsx">
          Download as XLSX
        </a>
      </p>
      {shown === undefined ? (
        <p>Loading…</p>
      ) : (
        <>
          <TableRegion label="Audit entries">
            <table data-testid="audit-table">
              <caption>
                Page {shown.page}: {shown.entries.length} entries{shown.filters.action ? `, action ${shown.filters.action}` : ''}
                {shown.filters.subjectId ? `, subject ${shown.filters.subjectId}` : ''}
              </caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Action</th>
                  <th scope="col">Subject</th>
                  <th scope="col">Who</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {shown.entries.map((entry) => (
                  <tr key={entry.id} data-testid="audit-row">
                    <td>{when(entry.at)}</td>
                    <td>{entry.action}</td>
                    <td>
                      {entry.subjectType}
                      {entry.subjectId ? <code class="id"> {entry.subjectId}</code> : null}
                    </td>
                    <td>
                      {entry.actor ?? 'Heard itself'}
                      {entry.actorRole ? <span class="meta"> ({entry.actorRole})</span> : null}
                    </td>
                    <td>
                      <code class="details">{details(entry.details)}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
          <nav aria-label="Audit pages" class="buttons">
            <button type="button" disabled={pages.length === 1} onClick={() => setPages(pages.slice(0, -1))}>
              Newer entries
            </button>
            <button type="button" disabled={shown.nextBefore === null} onClick={() => shown.nextBefore !== null && setPages([...pages, shown.nextBefore])}>
              Older entries
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
