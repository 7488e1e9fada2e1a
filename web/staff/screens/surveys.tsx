/** Surveys: the list (with import), and each survey's own pages: overview, draft editor and results. */
import { useEffect, useState } from 'preact/hooks';
import { surveysApi } from '../api-surveys.ts';
import { ScreenHeading, TableRegion } from '../components.tsx';
import { useNotice } from '../notice.tsx';
import { canAuthorSurveys } from '../roles.ts';
import { href } from '../router.ts';
import { SurveyEditor } from '../surveys/editor.tsx';
import { dateOrNone, statusText } from '../surveys/format.ts';
import { SurveyImport } from '../surveys/import.tsx';
import { SurveyOverview } from '../surveys/overview.tsx';
import { SurveyResultsScreen } from '../surveys/results.tsx';
import type { SurveySummary, SurveyVersion } from '../surveys/types.ts';
import type { Me } from '../types.ts';

export function SurveysScreen(props: { param: string | undefined; user: Me }) {
  const [id, page] = (props.param ?? '').split('/');
  if (!id) return <SurveyList user={props.user} />;
  if (id === 'new') return canAuthorSurveys(props.user) ? <SurveyEditor key="new" /> : <NotAuthor />;
  if (page === 'edit') return canAuthorSurveys(props.user) ? <SurveyEditor key={id} id={id} /> : <NotAuthor />;
  if (page === 'results') return <SurveyResultsScreen key={id} id={id} />;
  return <SurveyOverview key={id} id={id} user={props.user} />;
}

function NotAuthor() {
  return (
    <section class="pad">
      <ScreenHeading>Not for your role</ScreenHeading>
      <p>Only participation workers and admins write surveys. You can still read every survey and its results.</p>
      <a href={href('surveys')}>Back to surveys</a>
    </section>
  );
}

type Row = SurveySummary & { latest?: SurveyVersion };

function SurveyList(props: { user: Me }) {
  const notice = useNotice();
  const [rows, setRows] = useState<Row[]>();
  useEffect(() => {
    (async () => {
      const { surveys } = await surveysApi.list();
      // The list has no dates; each survey's latest version has them.
      const details = await Promise.all(surveys.map((survey) => surveysApi.get(survey.id).catch(() => undefined)));
      setRows(surveys.map((survey, index) => ({ ...survey, latest: details[index]?.versions.at(-1) })));
    })().catch((error: unknown) => notice.fail('The surveys could not be loaded.', error));
  }, []);
  const author = canAuthorSurveys(props.user);
  return (
    <section class="pad">
      <ScreenHeading>Surveys</ScreenHeading>
      <p>Short surveys children answer in the Heard app. A published version never changes; editing it makes a new version.</p>
      {author ? (
        <p>
          <a class="button primary" href={href('surveys', 'new')}>
            New survey
          </a>
        </p>
      ) : null}
      <h2>All surveys</h2>
      {rows === undefined ? (
        <p>Loading…</p>
      ) : rows.length === 0 ? (
        <p>There are no surveys yet.</p>
      ) : (
        <TableRegion label="Surveys">
          <table>
            <caption class="visually-hidden">Surveys by title</caption>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Latest version</th>
                <th scope="col">Status</th>
                <th scope="col">Opens</th>
                <th scope="col">Closes</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} data-testid="survey-row">
                  <th scope="row">
                    <a href={href('surveys', row.id)}>{row.title}</a>
                  </th>
                  <td>{row.latestVersion}</td>
                  <td>{statusText(row)}</td>
                  <td>{dateOrNone(row.latest?.opensAt, 'When published')}</td>
                  <td>{dateOrNone(row.latest?.closesAt, 'Open until changed')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {author ? <SurveyImport /> : null}
    </section>
  );
}
