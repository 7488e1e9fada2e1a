/**
 * Two periods side by side: whole months, because the API shows a period only when it cannot be subtracted from the
 * month breakdown to single a child out. A withheld period says why; changes are in percentage points.
 */
import { useId, useState } from 'preact/hooks';
import { surveysApi } from '../api-surveys.ts';
import { TableRegion } from '../components.tsx';
import { useNotice } from '../notice.tsx';
import { answerLabel } from './format.ts';
import type { ComparedPeriod, SurveyComparison, SurveyQuestion } from './types.ts';

const monthsAgo = (months: number) => {
  const date = new Date();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() - months);
  return date.toISOString().slice(0, 7);
};

const WITHHELD = {
  too_few: (threshold: number) => `Withheld: fewer than ${threshold} children answered in this period.`,
  differencing: () => 'Withheld: set next to the figures by month, this period could single a child out. Choose a longer or shorter period.',
};

export function PeriodComparison(props: { surveyId: string; version: number; questions: readonly SurveyQuestion[] }) {
  const notice = useNotice();
  const ids = { from1: useId(), to1: useId(), from2: useId(), to2: useId() };
  const [periods, setPeriods] = useState({ from1: monthsAgo(12), to1: monthsAgo(7), from2: monthsAgo(6), to2: monthsAgo(0) });
  const [comparison, setComparison] = useState<SurveyComparison>();
  const compare = (event: Event) => {
    event.preventDefault();
    surveysApi.compare(props.surveyId, periods, props.version).then(setComparison, (error: unknown) => notice.fail('The periods could not be compared.', error));
  };
  const month = (key: keyof typeof periods, label: string) => (
    <div class="field">
      <label for={ids[key]}>{label}</label>
      <input id={ids[key]} type="month" required value={periods[key]} onInput={(event) => setPeriods({ ...periods, [key]: event.currentTarget.value })} />
    </div>
  );
  const closed = props.questions.filter((question) => question.type !== 'free_text' && question.type !== 'draw');
  return (
    <section class="result" aria-labelledby="compare-heading" data-testid="period-comparison">
      <h2 id="compare-heading">Compare two periods</h2>
      <form class="row" onSubmit={compare}>
        {month('from1', 'First period: from')}
        {month('to1', 'First period: to')}
        {month('from2', 'Second period: from')}
        {month('to2', 'Second period: to')}
        <button type="submit">Compare</button>
      </form>
      {comparison ? (
        <>
          {comparison.periods.map((period, index) => (
            <p key={index} data-testid="compared-period">
              <strong>{periodName(period)}</strong>:{' '}
              {period.withheld ? WITHHELD[period.withheld](comparison.threshold) : `${period.respondents} children answered.`}
            </p>
          ))}
          {closed.map((question) => (
            <ComparedQuestion key={question.id} question={question} comparison={comparison} />
          ))}
        </>
      ) : null}
    </section>
  );
}

function periodName(period: ComparedPeriod): string {
  return period.from === period.to ? period.from : `${period.from} to ${period.to}`;
}

function ComparedQuestion(props: { question: SurveyQuestion; comparison: SurveyComparison }) {
  const { question, comparison } = props;
  const [first, second] = comparison.periods;
  const answers = Object.keys(first.overall?.[question.id]?.counts ?? second.overall?.[question.id]?.counts ?? {});
  if (answers.length === 0) return null;
  const share = (period: ComparedPeriod, answer: string) => {
    const counts = period.overall?.[question.id];
    if (!counts) return 'withheld';
    const count = counts.counts[answer] ?? 0;
    return `${count} (${counts.answered > 0 ? Math.round((count / counts.answered) * 100) : 0}%)`;
  };
  const change = (answer: string) => {
    const points = comparison.changes?.[question.id]?.[answer];
    return points === undefined ? '–' : `${points > 0 ? '+' : ''}${points} points`;
  };
  return (
    <TableRegion label={`Comparison for ${question.text.en}`}>
      <table data-testid="comparison-table">
        <caption>{question.text.en}</caption>
        <thead>
          <tr>
            <th scope="col">Answer</th>
            <th scope="col">{periodName(first)}</th>
            <th scope="col">{periodName(second)}</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {answers.map((answer) => (
            <tr key={answer}>
              <th scope="row">{answerLabel(question, answer)}</th>
              <td>{share(first, answer)}</td>
              <td>{share(second, answer)}</td>
              <td>{change(answer)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
