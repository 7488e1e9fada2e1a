/** A survey's results as a workbook: the figures (as the CSV carries them) and the question words in every language. */
import type { Sheet } from '../exports/spreadsheet.ts';
import type { SurveyQuestion } from '../intake/survey-answers.ts';
import { RESULTS_CSV_HEADER, resultsRows } from './results-csv.ts';
import type { SurveyResults } from './results.ts';

/** Each language's words of a question (its `text` by language tag, or one English string), by tag. */
function wordsByLanguage(question: SurveyQuestion): [string, string][] {
  const text = (question as { text?: unknown }).text;
  if (typeof text === 'string') return [['en', text]];
  if (!text || typeof text !== 'object') return [];
  return Object.entries(text)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function resultsSheets(survey: { id: string; title: string; version: number }, questions: readonly SurveyQuestion[], results: SurveyResults, generatedAt: Date): Sheet[] {
  return [
    { name: 'Results', columns: RESULTS_CSV_HEADER, rows: resultsRows(results) },
    { name: 'Questions', columns: ['question', 'type', 'language', 'words'], rows: questions.flatMap((question) => wordsByLanguage(question).map(([language, words]) => [question.id, question.type, language, words])) },
    {
      name: 'About',
      columns: ['survey', 'version', 'generated at', 'counted', 'small numbers'],
      rows: [
        [
          survey.title,
          survey.version,
          generatedAt,
          'Every response not withdrawn; no child’s answers or words are in this file, only counts.',
          `Groups of fewer than ${results.threshold} children read "fewer than ${results.threshold}".`,
        ],
      ],
    },
  ];
}
