/** A pack as a workbook: the entries (as the CSV lists them), the released figures, and the attached survey results. */
import type { Sheet } from '../exports/spreadsheet.ts';
import { RESULTS_CSV_HEADER, resultsRows } from '../surveys/results-csv.ts';
import type { FeedbackEntry } from './committee-entry.ts';
import { FEEDBACK_COLUMNS, feedbackRows } from './csv.ts';
import type { Breakdown, ShownFigures } from './figures.ts';
import type { PackSurvey } from './pack-surveys.ts';

const BREAKDOWNS: [Breakdown, string][] = [
  ['byPriority', 'priority'],
  ['byTheme', 'theme'],
  ['byKind', 'kind'],
  ['byAgeBand', 'age band'],
  ['byMonth', 'month'],
  ['byGroup', 'group'],
];

export function packSheets(entries: readonly FeedbackEntry[], figures: ShownFigures & { asOf: string }, surveys: readonly PackSurvey[], generatedAt: Date): Sheet[] {
  const counted: Sheet['rows'][number][] = [['total', 'all', figures.total ?? figures.totalDisplay, new Date(figures.asOf)]];
  for (const [breakdown, name] of BREAKDOWNS) {
    if (figures.withheld.includes(breakdown)) counted.push([name, '', 'not shown: every count is too small', new Date(figures.asOf)]);
    for (const figure of figures[breakdown]) counted.push([name, figure.label, figure.count ?? figure.display, new Date(figures.asOf)]);
  }
  return [
    { name: 'Entries', columns: FEEDBACK_COLUMNS, rows: feedbackRows(entries) },
    { name: 'Figures', columns: ['breakdown', 'cell', 'figure', 'counted at'], rows: counted },
    { name: 'Survey results', columns: ['survey', 'version', ...RESULTS_CSV_HEADER], rows: surveys.flatMap((survey) => resultsRows(survey.results).map((row) => [survey.title, survey.version, ...row])) },
    { name: 'About', columns: ['generated at', 'small numbers'], rows: [[generatedAt, `Counts under ${figures.threshold} are not shown, nor the next smallest with them. Entries carry no age, group, month or priority.`]] },
  ];
}
