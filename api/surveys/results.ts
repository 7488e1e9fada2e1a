/**
 * Survey results staff may see: per-question counts overall and by one breakdown (age band, group or month), with
 * small-number suppression. A breakdown group with fewer respondents than the threshold is hidden, and more groups
 * are hidden with it until the hidden ones together are none or at least the threshold: otherwise the overall
 * figures minus the shown groups would give away the few children hidden. Closed answers count straight away;
 * free text is only counted as answered (its words go through moderation like any submission).
 */
import type { SurveyQuestion } from '../intake/survey-answers.ts';

export type Breakdown = 'none' | 'ageBand' | 'group' | 'month';
export type Respondent = { ageBand: string; group: string | null; month: string; answers: Record<string, unknown> };

export type QuestionCounts = { answered: number; counts: Record<string, number> };
export type GroupResult = { key: string; respondents: number; questions: Record<string, QuestionCounts> } | { key: string; suppressed: true };

export type SurveyResults = {
  threshold: number;
  by: Breakdown;
  /** Null when fewer children answered than the threshold: then nothing else is shown. */
  respondents: number | null;
  overall: Record<string, QuestionCounts> | null;
  groups: GroupResult[];
};

export function aggregate(questions: readonly SurveyQuestion[], respondents: readonly Respondent[], by: Breakdown, threshold: number): SurveyResults {
  if (respondents.length < threshold) return { threshold, by, respondents: null, overall: null, groups: [] };
  const overall = countAll(questions, respondents);
  if (by === 'none') return { threshold, by, respondents: respondents.length, overall, groups: [] };

  const byKey = new Map<string, Respondent[]>();
  for (const respondent of respondents) {
    const key = keyOf(respondent, by);
    const members = byKey.get(key);
    if (members) members.push(respondent);
    else byKey.set(key, [respondent]);
  }
  const hidden = hiddenKeys(new Map([...byKey].map(([key, members]) => [key, members.length])), threshold);
  const groups: GroupResult[] = [...byKey.keys()].sort().map((key) =>
    hidden.has(key) ? { key, suppressed: true } : { key, respondents: byKey.get(key)!.length, questions: countAll(questions, byKey.get(key)!) },
  );
  return { threshold, by, respondents: respondents.length, overall, groups };
}

/** Primary suppression (under the threshold), then complementary suppression, smallest groups first. */
export function hiddenKeys(sizes: ReadonlyMap<string, number>, threshold: number): Set<string> {
  const hidden = new Set([...sizes].filter(([, size]) => size < threshold).map(([key]) => key));
  const hiddenTotal = () => [...hidden].reduce((sum, key) => sum + sizes.get(key)!, 0);
  const shownBySize = [...sizes].filter(([key]) => !hidden.has(key)).sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
  while (hiddenTotal() > 0 && hiddenTotal() < threshold && shownBySize.length > 0) hidden.add(shownBySize.shift()![0]);
  return hidden;
}

function keyOf(respondent: Respondent, by: Exclude<Breakdown, 'none'>): string {
  if (by === 'ageBand') return respondent.ageBand;
  if (by === 'group') return respondent.group ?? 'No group';
  return respondent.month;
}

function countAll(questions: readonly SurveyQuestion[], respondents: readonly Respondent[]): Record<string, QuestionCounts> {
  return Object.fromEntries(questions.map((question) => [question.id, countOne(question, respondents)]));
}

function countOne(question: SurveyQuestion, respondents: readonly Respondent[]): QuestionCounts {
  const counts: Record<string, number> = Object.fromEntries(choicesOf(question).map((choice) => [choice, 0]));
  let answered = 0;
  for (const respondent of respondents) {
    const answer = respondent.answers[question.id];
    if (answer === undefined || answer === null) continue;
    answered += 1;
    if (question.type === 'free_text') continue;
    for (const value of Array.isArray(answer) ? answer : [answer]) {
      const key = String(value);
      if (key in counts) counts[key] = counts[key]! + 1;
    }
  }
  return { answered, counts };
}

export function choicesOf(question: SurveyQuestion): string[] {
  switch (question.type) {
    case 'emoji_scale':
      return ['1', '2', '3', '4', '5'];
    case 'yes_no_unsure':
      return ['yes', 'no', 'not_sure'];
    case 'single_choice':
    case 'multiple_choice':
      return question.options.map((option) => option.id);
    case 'free_text':
      return [];
  }
}
