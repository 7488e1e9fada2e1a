/** Attached survey results as present mode shows them: overall figures per question, already under small-number control. */
import { answerLabel, questionTitle } from '../surveys/results-chart.ts';
import { choicesOf } from '../surveys/results.ts';
import type { PackSurvey } from './pack-surveys.ts';

/** One answer: `choice` is its value ("1"–"5" on a face scale); `count` null when the figure is not shown. */
export type PresentAnswer = { choice: string; label: string; count: number | null; display: string };
export type PresentQuestion = { id: string; title: string; type: string; answered: number | null; answers: PresentAnswer[] };
export type PresentSurvey = { surveyId: string; title: string; version: number; threshold: number; respondents: number | null; questions: PresentQuestion[] };

export function presentSurveys(surveys: readonly PackSurvey[]): PresentSurvey[] {
  return surveys.map((survey) => {
    const { results } = survey;
    return {
      surveyId: survey.surveyId,
      title: survey.title,
      version: survey.version,
      threshold: results.threshold,
      respondents: results.respondents,
      // Under the threshold nothing but "fewer than N" is shown, as in the pack.
      questions: results.overall === null ? [] : survey.questions.map((question) => {
        const figures = results.overall![question.id];
        const answers = choicesOf(question).map((choice) => {
          const count = figures?.counts[choice] ?? 0;
          const share = figures && figures.answered > 0 ? Math.round((count / figures.answered) * 100) : 0;
          return { choice, label: answerLabel(question, choice), count, display: `${count} (${share}%)` };
        });
        return { id: question.id, title: questionTitle(question), type: question.type, answered: figures?.answered ?? 0, answers };
      }),
    };
  });
}
