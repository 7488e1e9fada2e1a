/**
 * Survey results attached to an agenda item's pack: organisers attach a published survey (optionally broken down)
 * and take one off again; the pack, and every version issued after, shows its suppressed results as charts.
 */
import { useEffect, useState } from 'preact/hooks';
import { committeesApi } from '../api-committees.ts';
import { surveysApi } from '../api-surveys.ts';
import { useAction } from '../hooks.ts';
import { useNotice } from '../notice.tsx';
import type { SurveySummary } from '../surveys/types.ts';
import type { PackSurveyAttachment } from '../types.ts';

const BREAKDOWNS: Record<PackSurveyAttachment['by'], string> = { none: 'no breakdown', ageBand: 'by age band', group: 'by group', month: 'by month' };

export function PackSurveys(props: { itemId: string; canAttach: boolean }) {
  const notice = useNotice();
  const { run } = useAction();
  const [attached, setAttached] = useState<PackSurveyAttachment[]>();
  const [published, setPublished] = useState<SurveySummary[]>([]);
  const [surveyId, setSurveyId] = useState('');
  const [by, setBy] = useState<PackSurveyAttachment['by']>('none');

  const load = async () => {
    try {
      setAttached((await committeesApi.surveys(props.itemId)).surveys);
    } catch (error) {
      notice.fail('The attached survey results could not be loaded.', error);
    }
  };
  useEffect(() => {
    void load();
    if (props.canAttach) {
      surveysApi.list().then(
        ({ surveys }) => setPublished(surveys.filter((survey) => survey.publishedVersion !== null)),
        (error: unknown) => notice.fail('The published surveys could not be loaded.', error),
      );
    }
  }, [props.itemId, props.canAttach]);

  const attach = async (event: Event) => {
    event.preventDefault();
    if (!surveyId) return notice.warn('Not attached: choose a survey first.');
    const outcome = await run('The survey results were not attached.', () => committeesApi.attachSurvey(props.itemId, surveyId, by), (a) => `Attached “${a.title}” (version ${a.version}, ${BREAKDOWNS[a.by]}) to the pack.`);
    if (outcome.ok) await load();
  };
  const detach = async (attachment: PackSurveyAttachment) => {
    const outcome = await run('The survey results were not taken off.', () => committeesApi.detachSurvey(props.itemId, attachment.id), () => `Took “${attachment.title}” off the pack.`);
    if (outcome.ok) await load();
  };

  return (
    <section class="panel" aria-labelledby="pack-surveys-heading">
      <h2 id="pack-surveys-heading">Survey results in the pack</h2>
      {!attached ? (
        <p>Loading…</p>
      ) : attached.length === 0 ? (
        <p>No survey results are attached.</p>
      ) : (
        <ul data-testid="pack-surveys">
          {attached.map((a) => (
            <li key={a.id}>
              {a.title} (version {a.version}, {BREAKDOWNS[a.by]}){' '}
              {props.canAttach ? (
                <button type="button" onClick={() => void detach(a)} aria-label={`Take off ${a.title}`}>
                  Take off
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {props.canAttach ? (
        <form class="inline-form" onSubmit={(event) => void attach(event)}>
          <label for="pack-survey">Published survey</label>
          <select id="pack-survey" value={surveyId} onChange={(event) => setSurveyId(event.currentTarget.value)}>
            <option value="">Choose a survey</option>
            {published.map((survey) => (
              <option key={survey.id} value={survey.id}>
                {survey.title} (version {survey.publishedVersion})
              </option>
            ))}
          </select>
          <label for="pack-survey-by">Break the results down</label>
          <select id="pack-survey-by" value={by} onChange={(event) => setBy(event.currentTarget.value as PackSurveyAttachment['by'])}>
            {Object.entries(BREAKDOWNS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          <button type="submit">Attach survey results</button>
        </form>
      ) : null}
    </section>
  );
}
