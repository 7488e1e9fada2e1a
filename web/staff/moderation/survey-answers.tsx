/**
 * A survey submission's answers as a moderator reads them: each question's words beside the child's answer, free
 * text as a quotation, a drawn answer pointing to its picture (shown below as any drawing is).
 */
import { useEffect, useState } from 'preact/hooks';
import { surveysApi } from '../api-surveys.ts';
import { answerLabel } from '../surveys/format.ts';
import type { SurveyQuestion } from '../surveys/types.ts';
import type { SubmissionDetail } from '../types.ts';

const UNKNOWN_QUESTION_WORDS: Record<string, string> = { yes: 'Yes', no: 'No', not_sure: 'Not sure' };
const versions = new Map<string, Promise<SurveyQuestion[] | undefined>>();

/** The questions of the version answered, fetched once per page; undefined when the API does not say which it was. */
export function useQuestions(detail: SubmissionDetail | undefined): SurveyQuestion[] | undefined {
  const [questions, setQuestions] = useState<SurveyQuestion[]>();
  const surveyId = detail?.surveyId ?? undefined;
  const version = detail?.surveyVersion ?? undefined;
  useEffect(() => {
    setQuestions(undefined);
    if (!surveyId) return;
    const key = `${surveyId}/${version ?? 'latest'}`;
    if (!versions.has(key)) {
      versions.set(
        key,
        surveysApi.get(surveyId).then(
          (survey) => (version === undefined ? survey.versions.at(-1) : survey.versions.find((v) => v.version === version))?.questions,
          () => {
            versions.delete(key);
            return undefined;
          },
        ),
      );
    }
    let live = true;
    void versions.get(key)!.then((found) => live && setQuestions(found));
    return () => {
      live = false;
    };
  }, [surveyId, version]);
  return questions;
}

/** Whether an answer is the child's own words (a free-text question's, or without the question anything not an id). */
export function isWrittenAnswer(question: SurveyQuestion | undefined, value: unknown): value is string {
  if (typeof value !== 'string' || question?.type === 'draw' || (question === undefined && value === 'drawing')) return false;
  return question ? question.type === 'free_text' : !/^[a-z0-9_-]{1,40}$/.test(value);
}

function Answer(props: { question: SurveyQuestion | undefined; value: unknown }) {
  const { question, value } = props;
  if (question?.type === 'draw' || (question === undefined && value === 'drawing')) return <dd>Drawn: the picture is shown below under “Drawing”.</dd>;
  // Without the question, a closed answer is an id (yes, not_sure, an option's id) and anything else is the child's words.
  if (isWrittenAnswer(question, value)) {
    return (
      <dd>
        <blockquote data-testid="free-text-answer">{String(value)}</blockquote>
      </dd>
    );
  }
  const values = Array.isArray(value) ? value.map(String) : [String(value)];
  return <dd>{values.map((one) => (question ? answerLabel(question, one) : (UNKNOWN_QUESTION_WORDS[one] ?? one))).join(', ')}</dd>;
}

export function SurveyAnswers(props: { detail: SubmissionDetail | undefined; itemId: string }) {
  const { detail } = props;
  const questions = useQuestions(detail);
  if (!detail || detail.id !== props.itemId) return <p>Loading the answers…</p>;
  const answers = detail.answers ?? {};
  const ids = Object.keys(answers).filter((id) => answers[id] !== null && answers[id] !== undefined);
  if (ids.length === 0) return <p>The child sent the survey without answering any question.</p>;
  // The order the survey asks its questions in, when known.
  const order = questions ? [...questions.map((q) => q.id).filter((id) => ids.includes(id)), ...ids.filter((id) => !questions.some((q) => q.id === id))] : ids;
  return (
    <section class="panel" aria-labelledby="survey-answers-heading">
      <h3 id="survey-answers-heading">Survey answers</h3>
      <dl class="survey-answers" data-testid="survey-answers">
        {order.map((id) => {
          const question = questions?.find((q) => q.id === id);
          return (
            <div key={id}>
              <dt>{question ? question.text.en : `Question “${id}”`}</dt>
              <Answer question={question} value={answers[id]} />
            </div>
          );
        })}
      </dl>
    </section>
  );
}
