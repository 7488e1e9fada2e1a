/** A survey question's results on a projector: faces for an emoji scale, labelled bars otherwise, figures at 28 px or more. */
import type { PresentQuestion, PresentSurvey } from '../types.ts';

const FACE_WORDS = ['saddest', 'sad', 'in the middle', 'happy', 'happiest'];

/** The face a child chose from, drawn (not an emoji: a projector laptop may have no emoji font). */
function Face(props: { value: number }) {
  const bend = (props.value - 3) * 5;
  return (
    <svg class="slide-face" viewBox="0 0 60 60" role="img" aria-label={`Face ${props.value} of 5, ${FACE_WORDS[props.value - 1] ?? ''}`}>
      <circle cx="30" cy="30" r="27" fill="#ffd866" stroke="#14213d" stroke-width="2.5" />
      <circle cx="21" cy="24" r="3.2" fill="#14213d" />
      <circle cx="39" cy="24" r="3.2" fill="#14213d" />
      <path d={`M18 ${40 - bend / 2} Q30 ${40 + bend} 42 ${40 - bend / 2}`} fill="none" stroke="#14213d" stroke-width="3" stroke-linecap="round" />
    </svg>
  );
}

export function SurveySlide(props: { survey: PresentSurvey; question: PresentQuestion | undefined }) {
  const { survey, question } = props;
  if (!question) {
    return (
      <>
        <h2 class="slide-title">{survey.title}</h2>
        <p class="slide-lead">Fewer than {survey.threshold} children answered, so no figures are shown.</p>
      </>
    );
  }
  const most = Math.max(1, ...question.answers.map((answer) => answer.count ?? 0));
  return (
    <>
      <h2 class="slide-title">{question.title}</h2>
      <p class="slide-lead">
        {survey.title}: {question.answered} of {survey.respondents} children answered
      </p>
      {question.type === 'emoji_scale' ? (
        <ol class="slide-faces">
          {question.answers.map((answer) => (
            <li key={answer.choice}>
              <Face value={Number(answer.choice)} />
              <span class="slide-figure">{answer.display}</span>
            </li>
          ))}
        </ol>
      ) : question.answers.length > 0 ? (
        <ul class="slide-answers">
          {question.answers.map((answer) => (
            <li key={answer.choice}>
              <span class="slide-answer">{answer.label}</span>
              <span class="slide-track" aria-hidden="true">
                <span class="slide-fill" style={{ width: `${((answer.count ?? 0) / most) * 100}%` }} />
              </span>
              <span class="slide-figure">{answer.display}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="slide-lead">Answered in their own words or drawings: those go through moderation like any other contribution.</p>
      )}
    </>
  );
}

/** One slide per question of each attached survey; one slide saying so for a survey too few answered. */
export function surveySlides(surveys: readonly PresentSurvey[]): { survey: PresentSurvey; question: PresentQuestion | undefined }[] {
  return surveys.flatMap((survey) => (survey.questions.length === 0 ? [undefined] : survey.questions).map((question) => ({ survey, question })));
}
