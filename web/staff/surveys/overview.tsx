/** One survey: its versions, the latest version's questions, and what can be done: edit, publish, export, results. */
import { useEffect, useState } from 'preact/hooks';
import { surveysApi } from '../api-surveys.ts';
import { Confirm, ScreenHeading, TableRegion } from '../components.tsx';
import { AGE_BAND_LABELS, when } from '../format.ts';
import { useAction, useReturnFocus } from '../hooks.ts';
import { useNotice } from '../notice.tsx';
import { canAuthorSurveys } from '../roles.ts';
import { href } from '../router.ts';
import type { Me } from '../types.ts';
import { takeFlash } from './flash.ts';
import { dateOrNone, statusText } from './format.ts';
import { TYPE_LABELS } from './model.ts';
import type { SurveyDetail, SurveyVersion } from './types.ts';

export function SurveyOverview(props: { id: string; user: Me }) {
  const notice = useNotice();
  const [survey, setSurvey] = useState<SurveyDetail>();
  const load = async () => {
    try {
      setSurvey(await surveysApi.get(props.id));
    } catch (error) {
      notice.fail('The survey could not be loaded.', error);
    }
  };
  useEffect(() => {
    void load().then(() => {
      const flash = takeFlash();
      if (flash) notice.ok(flash);
    });
  }, [props.id]);
  if (!survey) return <p class="pad">Loading…</p>;
  const latest = survey.versions.at(-1);
  const published = survey.versions.filter((v) => v.status === 'published');
  const summary = { latestVersion: latest?.version ?? 0, publishedVersion: published.at(-1)?.version ?? null };
  const author = canAuthorSurveys(props.user);
  return (
    <section class="pad">
      <ScreenHeading>{survey.title}</ScreenHeading>
      <p>
        <a href={href('surveys')}>Back to surveys</a>
      </p>
      <p data-testid="survey-status">
        <strong>{statusText(summary)}.</strong>
      </p>
      <ul class="links">
        {author && latest ? (
          <li>
            <a class="button" href={href('surveys', survey.id, 'edit')}>
              {latest.status === 'draft' ? `Edit the draft (version ${latest.version})` : `Edit: makes version ${latest.version + 1}`}
            </a>
          </li>
        ) : null}
        {published.length > 0 ? (
          <li>
            <a class="button" href={href('surveys', survey.id, 'results')}>
              Results
            </a>
          </li>
        ) : null}
        <li>
          <a class="button" href={surveysApi.exportUrl(survey.id)} download>
            Download as JSON (heard-survey/1)
          </a>
        </li>
      </ul>
      {author && latest?.status === 'draft' ? <Publish survey={survey} version={latest.version} onPublished={load} /> : null}
      <h2>Versions</h2>
      <TableRegion label="Versions">
        <table>
          <caption class="visually-hidden">Versions of {survey.title}, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Status</th>
              <th scope="col">First day</th>
              <th scope="col">Last day</th>
              <th scope="col">Who can answer</th>
              <th scope="col">Questions</th>
            </tr>
          </thead>
          <tbody>
            {survey.versions.map((version) => (
              <tr key={version.version} data-testid="version-row">
                <th scope="row">{version.version}</th>
                <td>{version.status === 'published' ? `Published ${when(version.publishedAt)}` : 'Draft'}</td>
                <td>{dateOrNone(version.opensAt, 'When published')}</td>
                <td>{dateOrNone(version.closesAt, 'Open until changed')}</td>
                <td>{version.groupIds?.length ? `${version.groupIds.length === 1 ? 'One group' : `${version.groupIds.length} groups`} only` : 'Every child'}</td>
                <td>{version.questions.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      {latest ? <Questions version={latest} /> : null}
    </section>
  );
}

function Publish(props: { survey: SurveyDetail; version: number; onPublished: () => Promise<void> }) {
  const { run } = useAction();
  const [confirming, setConfirming] = useState(false);
  const button = useReturnFocus(confirming);
  const publish = async () => {
    const outcome = await run(
      `Version ${props.version} was not published.`,
      () => surveysApi.publish(props.survey.id),
      (saved) => `Published version ${saved.version}. It can no longer be changed; children can answer it from its first day.`,
    );
    setConfirming(false);
    if (outcome.ok) await props.onPublished();
  };
  return (
    <section class="panel" aria-labelledby="publish-heading">
      <h2 id="publish-heading">Publish version {props.version}</h2>
      <p>
        Once published, version {props.version} can never be changed, so every child's answers match the questions they saw. Any later edit makes version {props.version + 1}, which children get only when you
        publish it.
      </p>
      {confirming ? (
        <Confirm
          label={`Publish version ${props.version}?`}
          message={`Publish version ${props.version} now? It cannot be changed afterwards.`}
          confirm={`Yes, publish version ${props.version}`}
          cancel="Not yet"
          onConfirm={() => void publish()}
          onCancel={() => setConfirming(false)}
        />
      ) : (
        <button type="button" class="primary" ref={button} onClick={() => setConfirming(true)}>
          Publish version {props.version}
        </button>
      )}
    </section>
  );
}

function Questions(props: { version: SurveyVersion }) {
  const { version } = props;
  return (
    <section aria-labelledby="questions-heading">
      <h2 id="questions-heading">
        Version {version.version}: {version.status === 'draft' ? 'draft' : 'published'}
      </h2>
      <p class="intro">{version.intro.en}</p>
      <ol class="question-list">
        {version.questions.map((question) => (
          <li key={question.id}>
            <strong>{question.text.en}</strong>
            <span class="meta">
              {' '}
              · {TYPE_LABELS[question.type]}
              {question.required ? ' · must be answered' : ''}
              {question.ageBands?.length ? ` · ages ${question.ageBands.map((band) => AGE_BAND_LABELS[band]).join(', ')}` : ''}
              {Object.keys(question.text).length > 1 ? ` · also in ${Object.keys(question.text).filter((tag) => tag !== 'en').join(', ')}` : ''}
            </span>
            {question.options ? (
              <ul>
                {question.options.map((option) => (
                  <li key={option.id}>
                    {option.picture ? `${option.picture} ` : ''}
                    {option.label.en}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
