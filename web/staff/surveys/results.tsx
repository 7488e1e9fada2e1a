/**
 * A survey's results: per question, how many children gave each answer, for everyone and by one breakdown (age band,
 * group or month). Groups too small to show safely read "fewer than N", never a number. A table for every figure,
 * with a bar beside each count, and the same figures as CSV.
 */
import { useEffect, useId, useState } from 'preact/hooks';
import { surveysApi } from '../api-surveys.ts';
import { ScreenHeading, TableRegion } from '../components.tsx';
import { AGE_BAND_LABELS } from '../format.ts';
import { useNotice } from '../notice.tsx';
import { href } from '../router.ts';
import { PeriodComparison } from './compare.tsx';
import { answerLabel } from './format.ts';
import { TYPE_LABELS } from './model.ts';
import type { Breakdown, QuestionCounts, SurveyDetail, SurveyQuestion, SurveyResults } from './types.ts';

const BREAKDOWNS: [Breakdown, string][] = [
  ['none', 'No breakdown: all children together'],
  ['ageBand', 'Age band'],
  ['group', 'Group'],
  ['month', 'Month'],
];
const monthName = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric' });

export function groupLabel(by: Breakdown, key: string): string {
  if (by === 'ageBand') return key in AGE_BAND_LABELS ? `Aged ${AGE_BAND_LABELS[key as keyof typeof AGE_BAND_LABELS]}` : key;
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  if (by === 'month' && month) return monthName.format(new Date(Number(month[1]), Number(month[2]) - 1, 1));
  return key;
}

export function SurveyResultsScreen(props: { id: string }) {
  const notice = useNotice();
  const byId = useId();
  const versionId = useId();
  const [survey, setSurvey] = useState<SurveyDetail>();
  const [by, setBy] = useState<Breakdown>('none');
  const [version, setVersion] = useState<number>();
  const [results, setResults] = useState<SurveyResults>();
  useEffect(() => {
    surveysApi.get(props.id).then(setSurvey, (error: unknown) => notice.fail('The survey could not be loaded.', error));
  }, [props.id]);
  useEffect(() => {
    let live = true;
    surveysApi.results(props.id, by, version).then(
      (found) => live && setResults(found),
      (error: unknown) => live && notice.fail('The results could not be loaded.', error),
    );
    return () => {
      live = false;
    };
  }, [props.id, by, version]);

  const published = survey?.versions.filter((v) => v.status === 'published') ?? [];
  const shown = results && survey?.versions.find((v) => v.version === results.survey.version);
  return (
    <section class="pad">
      <ScreenHeading>Results{survey ? `: ${survey.title}` : ''}</ScreenHeading>
      <p>
        <a href={href('surveys', props.id)}>Back to the survey</a>
      </p>
      <p>
        To protect children, a figure for fewer than {results?.threshold ?? 'a few'} children is never shown, and neither is a group whose figures would let someone work one out.
      </p>
      <div class="row">
        <div class="field">
          <label for={byId}>Break down by</label>
          <select id={byId} value={by} onChange={(event) => setBy(event.currentTarget.value as Breakdown)}>
            {BREAKDOWNS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        {published.length > 1 ? (
          <div class="field">
            <label for={versionId}>Version</label>
            <select id={versionId} value={version ?? ''} onChange={(event) => setVersion(event.currentTarget.value ? Number(event.currentTarget.value) : undefined)}>
              <option value="">Latest published ({published.at(-1)!.version})</option>
              {published.map((v) => (
                <option key={v.version} value={v.version}>
                  Version {v.version}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <a class="button" href={surveysApi.csvUrl(props.id, by, version)} download data-testid="results-csv">
          Download as CSV
        </a>
        <a class="button" href={surveysApi.xlsxUrl(props.id, by, version)} download data-testid="results-xlsx">
          Download as XLSX
        </a>
      </div>
      {!results || !shown ? (
        <p>Loading…</p>
      ) : results.respondents === null ? (
        <p data-testid="respondents">Fewer than {results.threshold} children have answered version {results.survey.version} so far, so no figures are shown yet.</p>
      ) : (
        <>
          <p data-testid="respondents">
            <strong>{results.respondents}</strong> children answered version {results.survey.version}.
          </p>
          {shown.questions.map((question, index) => (
            <QuestionResult key={question.id} number={index + 1} question={question} results={results} />
          ))}
          <PeriodComparison surveyId={props.id} version={results.survey.version} questions={shown.questions} />
        </>
      )}
    </section>
  );
}

type Column = { label: string; respondents: string; counts: QuestionCounts | undefined };

function QuestionResult(props: { number: number; question: SurveyQuestion; results: SurveyResults }) {
  const { question, results } = props;
  const hidden = `fewer than ${results.threshold}`;
  const columns: Column[] = [
    { label: 'All children', respondents: String(results.respondents), counts: results.overall?.[question.id] },
    ...results.groups.map((group) =>
      'suppressed' in group
        ? { label: groupLabel(results.by, group.key), respondents: hidden, counts: undefined }
        : { label: groupLabel(results.by, group.key), respondents: String(group.respondents), counts: group.questions[question.id] },
    ),
  ];
  const answers = Object.keys(results.overall?.[question.id]?.counts ?? {});
  const headingId = `result-${question.id}`;
  return (
    <section class="result" aria-labelledby={headingId} data-testid="question-result">
      <h2 id={headingId}>
        {props.number}. {question.text.en}
      </h2>
      <p class="meta">
        {TYPE_LABELS[question.type]}
        {question.type === 'free_text' ? ': the words themselves are read in moderation, so only how many answered is counted here.' : ''}
        {question.type === 'draw' ? ': the drawings are checked in moderation, so only how many answered is counted here.' : ''}
      </p>
      {answers.length > 0 ? (
        <img
          class="chart"
          src={surveysApi.chartUrl(results.survey.id, question.id, results.by, results.survey.version)}
          alt={`Bar chart of question ${props.number}. Every figure is also in the table below.`}
          data-testid="results-chart"
        />
      ) : null}
      <TableRegion label={`Results for question ${props.number}`}>
        <table>
          <caption class="visually-hidden">
            Question {props.number}: number of children giving each answer{results.by === 'none' ? '' : `, by ${results.by === 'ageBand' ? 'age band' : results.by}`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Answer</th>
              {columns.map((column) => (
                <th scope="col" key={column.label}>
                  {column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Children in this group</th>
              {columns.map((column) => (
                <td key={column.label}>{column.respondents}</td>
              ))}
            </tr>
            <tr>
              <th scope="row">Answered this question</th>
              {columns.map((column) => (
                <td key={column.label}>{column.counts ? column.counts.answered : hidden}</td>
              ))}
            </tr>
            {answers.map((answer) => (
              <tr key={answer}>
                <th scope="row">{answerLabel(question, answer)}</th>
                {columns.map((column) => (
                  <td key={column.label}>{column.counts ? <Count count={column.counts.counts[answer] ?? 0} of={column.counts.answered} /> : hidden}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </section>
  );
}

/** A count, its share of those who answered, and a bar of that share (the bar is decoration: the words say it all). */
function Count(props: { count: number; of: number }) {
  const share = props.of > 0 ? props.count / props.of : 0;
  return (
    <span class="count">
      <svg class="share-bar" width="80" height="14" viewBox="0 0 80 14" aria-hidden="true" focusable="false">
        <rect x="0" y="0" width="80" height="14" fill="#e3e7ef" />
        <rect x="0" y="0" width={Math.round(share * 80)} height="14" fill="#1d4e89" />
      </svg>
      {props.count} <span class="meta">({Math.round(share * 100)}%)</span>
    </span>
  );
}
