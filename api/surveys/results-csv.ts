/** The survey results as CSV: one row per figure the JSON shows, and suppressed groups as "fewer than N". */
import { csvDocument } from '../csv.ts';
import type { SurveyResults } from './results.ts';

export const RESULTS_CSV_HEADER = ['breakdown', 'group', 'question', 'answer', 'count'] as const;

export function resultsCsv(results: SurveyResults): string {
  return csvDocument(RESULTS_CSV_HEADER, resultsRows(results));
}

/** The rows under RESULTS_CSV_HEADER (the pack CSV puts the survey's name in front of each). */
export function resultsRows(results: SurveyResults): (string | number)[][] {
  const hiddenText = `fewer than ${results.threshold}`;
  const rows: (string | number)[][] = [];
  if (results.respondents === null) return [['all', 'all', 'respondents', '', hiddenText]];
  rows.push(['all', 'all', 'respondents', '', results.respondents]);
  const figures = (breakdown: string, group: string, questions: NonNullable<SurveyResults['overall']>) => {
    for (const [question, { answered, counts }] of Object.entries(questions)) {
      rows.push([breakdown, group, question, '(answered)', answered]);
      for (const [answer, count] of Object.entries(counts)) rows.push([breakdown, group, question, answer, count]);
    }
  };
  figures('all', 'all', results.overall!);
  for (const group of results.groups) {
    if ('suppressed' in group) rows.push([results.by, group.key, 'respondents', '', hiddenText]);
    else {
      rows.push([results.by, group.key, 'respondents', '', group.respondents]);
      figures(results.by, group.key, group.questions);
    }
  }
  return rows;
}
