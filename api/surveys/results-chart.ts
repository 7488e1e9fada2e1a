/**
 * Survey results as charts: one SVG per question, a section for all children and one per breakdown group, each
 * answer's count with its share of the children who answered the question. Suppressed groups read "fewer than N"
 * and carry no figure; free text and drawings are counted as answered only (their content goes through moderation).
 */
import { barChartSvg, chartText, type Bar, type BarSection } from '../charts/bar-chart.ts';
import { faceScaleSvg } from '../charts/face-scale.ts';
import type { SurveyQuestion } from '../intake/survey-answers.ts';
import { choicesOf, type QuestionCounts, type SurveyResults } from './results.ts';

const FIXED_LABELS: Record<string, string> = { yes: 'Yes', no: 'No', not_sure: 'Not sure', 1: '1 (saddest face)', 2: '2', 3: '3', 4: '4', 5: '5 (happiest face)' };

/** The English words of a question (the words ride along in the stored version), or its id. */
export function questionTitle(question: SurveyQuestion): string {
  return englishOf((question as { text?: unknown }).text) ?? question.id;
}

/** An answer's words: an option's English label, a fixed answer's name, or the id. */
export function answerLabel(question: SurveyQuestion, choice: string): string {
  if (question.type === 'single_choice' || question.type === 'multiple_choice') {
    const option = question.options.find((o) => o.id === choice) as { label?: unknown } | undefined;
    return englishOf(option?.label) ?? choice;
  }
  return FIXED_LABELS[choice] ?? choice;
}

function englishOf(words: unknown): string | undefined {
  if (typeof words !== 'object' || words === null) return undefined;
  const en = (words as Record<string, unknown>).en;
  return typeof en === 'string' ? en : undefined;
}

/** A question's figures as bars: each answer's count and share of those who answered; free text only "answered". */
export function questionBars(question: SurveyQuestion, figures: QuestionCounts): Bar[] {
  const choices = choicesOf(question);
  if (choices.length === 0) return [{ label: 'Answered', count: figures.answered, display: String(figures.answered) }];
  return choices.map((choice) => {
    const count = figures.counts[choice] ?? 0;
    const share = figures.answered === 0 ? 0 : Math.round((count / figures.answered) * 100);
    return { label: answerLabel(question, choice), count, display: `${count} (${share}%)` };
  });
}

/** The sections of one question's chart: all children, then each breakdown group in the results' order. */
export function questionSections(results: SurveyResults, question: SurveyQuestion): BarSection[] {
  const hidden = `fewer than ${results.threshold} children answered`;
  if (results.respondents === null || results.overall === null) return [{ heading: 'All children', bars: [], note: hidden }];
  const section = (heading: string, figures: QuestionCounts | undefined): BarSection =>
    figures ? { heading: `${heading} (${figures.answered} answered)`, bars: questionBars(question, figures) } : { heading, bars: [], note: 'not asked' };
  return [
    section('All children', results.overall[question.id]),
    ...results.groups.map((group) => ('suppressed' in group ? { heading: group.key, bars: [], note: hidden } : section(group.key, group.questions[question.id]))),
  ];
}

/** Emoji scales are drawn as the faces children chose from; every other question as bars. */
export function questionChart(results: SurveyResults, question: SurveyQuestion) {
  if (question.type === 'emoji_scale') return faceScaleSvg(questionTitle(question), questionSections(results, question), { width: 360 });
  return barChartSvg(questionTitle(question), questionSections(results, question), { width: 360 });
}

/** The same figures as text, for a table or a screen reader. */
export function questionChartText(results: SurveyResults, question: SurveyQuestion): string {
  return chartText(questionSections(results, question));
}
