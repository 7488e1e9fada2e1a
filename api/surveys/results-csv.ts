/** The survey results as CSV: one row per figure the JSON shows, and suppressed groups as "fewer than N". */
import { csvDocument } from '../csv.ts';
import type { SurveyResults } from './results.ts';

export function resultsCsv(results: SurveyResults): string {
  const hiddenText = `fewer than ${results.threshold}`;
  const rows: (string | number)[][] = [];
  if (results.respondents === null) return csvDocument(['breakdown', 'group', 'question', 'answer', 'count'], [['all', 'all', 'respondents', '', hiddenText]]);
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
  return csvDocument(['breakdown', 'group', 'question', 'answer', 'count'], rows);
}
