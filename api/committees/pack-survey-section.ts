/** The survey part of a pack page and pack CSV: each attached survey's suppressed results, a chart and a table per question. */
import { html } from 'hono/html';
import { csvDocument } from '../csv.ts';
import { questionChart, questionSections, questionTitle } from '../surveys/results-chart.ts';
import { resultsRows, RESULTS_CSV_HEADER } from '../surveys/results-csv.ts';
import type { PackSurvey } from './pack-surveys.ts';

const BREAKDOWN_NAMES = { none: '', ageBand: 'by age band', group: 'by group', month: 'by month' } as const;

export const SURVEY_CSS = `
.survey-charts { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; }
table.figures { font-family: system-ui, sans-serif; font-size: 8pt; border-collapse: collapse; margin-top: 1.5mm; }
table.figures th, table.figures td { text-align: left; padding: 0.3mm 2mm 0.3mm 0; }
`;

export function renderPackSurveys(surveys: readonly PackSurvey[]) {
  if (surveys.length === 0) return '';
  return html`<h2>Survey results</h2>
    ${surveys.map((survey) => {
      const answered = survey.results.respondents === null ? `Fewer than ${survey.results.threshold} children answered, so no figures are shown.` : `${survey.results.respondents} children answered.`;
      return html`<section class="survey" data-survey-id="${survey.surveyId}">
        <h3>${survey.title} (version ${survey.version}${survey.by === 'none' ? '' : html`, ${BREAKDOWN_NAMES[survey.by]}`})</h3>
        <p class="meta">${answered} Groups of fewer than ${survey.results.threshold} children are shown as "fewer than ${survey.results.threshold}".</p>
        ${survey.results.respondents === null
          ? ''
          : html`<div class="survey-charts">
              ${survey.questions.map(
                (question) => html`<figure>
                  <figcaption>${questionTitle(question)}</figcaption>
                  ${questionChart(survey.results, question)}
                  <table class="figures">
                    <thead><tr><th scope="col">Children</th><th scope="col">Answer</th><th scope="col">Figure</th></tr></thead>
                    <tbody>
                      ${questionSections(survey.results, question).flatMap((section) =>
                        section.note !== undefined
                          ? [html`<tr><td>${section.heading ?? ''}</td><td></td><td>${section.note}</td></tr>`]
                          : section.bars.map((bar) => html`<tr><td>${section.heading ?? ''}</td><td>${bar.label}</td><td>${bar.display}</td></tr>`),
                      )}
                    </tbody>
                  </table>
                </figure>`,
              )}
            </div>`}
      </section>`;
    })}`;
}

/** The pack CSV's second table: after a blank line, every survey figure with the survey's name and version in front. */
export function packSurveysCsv(surveys: readonly PackSurvey[]): string {
  if (surveys.length === 0) return '';
  const rows = surveys.flatMap((survey) => resultsRows(survey.results).map((row) => [survey.title, survey.version, ...row]));
  return `\r\n${csvDocument(['survey', 'version', ...RESULTS_CSV_HEADER], rows)}`;
}
