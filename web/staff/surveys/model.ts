/**
 * The survey editor's working copy: questions and options carry a stable key for rendering and focus, optional
 * languages may be empty, dates are calendar days. Converts to and from what the API takes, and words its errors kindly.
 */
import type { FieldProblem } from '../api.ts';
import { CHILD_AGE_BANDS, type ChildAgeBand, type QuestionType, type SurveyDefinition, type SurveyQuestion, type SurveyVersion, type Words } from './types.ts';

export type OptionDraft = { key: number; id: string; label: Words; picture: string };
export type QuestionDraft = { key: number; id: string; type: QuestionType; text: Words; required: boolean; ageBands: ChildAgeBand[]; options: OptionDraft[] };
export type SurveyDraft = { title: string; intro: Words; questions: QuestionDraft[]; opensOn: string; closesOn: string; groupIds: string[] };

export const TYPE_LABELS: Record<QuestionType, string> = {
  emoji_scale: 'Faces from 1 to 5',
  yes_no_unsure: 'Yes, no or not sure',
  single_choice: 'Choose one option',
  multiple_choice: 'Choose any options',
  free_text: 'Write in their own words',
  draw: 'Draw your answer',
};

export const hasOptions = (type: QuestionType) => type === 'single_choice' || type === 'multiple_choice';

let serial = 0;
const nextKey = () => ++serial;

export function newOption(existing: readonly OptionDraft[]): OptionDraft {
  return { key: nextKey(), id: freeId('option', existing.map((o) => o.id)), label: { en: '' }, picture: '' };
}

export function newQuestion(existing: readonly QuestionDraft[], type: QuestionType = 'emoji_scale'): QuestionDraft {
  const question: QuestionDraft = { key: nextKey(), id: freeId('q', existing.map((q) => q.id)), type, text: { en: '' }, required: false, ageBands: [], options: [] };
  return withType(question, type);
}

/** Changing the type keeps the words; a choice question gets two empty options to start from. */
export function withType(question: QuestionDraft, type: QuestionType): QuestionDraft {
  if (!hasOptions(type)) return { ...question, type };
  if (question.options.length > 0) return { ...question, type };
  const first = newOption([]);
  return { ...question, type, options: [first, newOption([first])] };
}

export function emptyDraft(): SurveyDraft {
  return { title: '', intro: { en: '' }, questions: [newQuestion([])], opensOn: '', closesOn: '', groupIds: [] };
}

function freeId(prefix: string, taken: readonly string[]): string {
  for (let n = taken.length + 1; ; n++) if (!taken.includes(`${prefix}${n}`)) return `${prefix}${n}`;
}

/** Only the languages with words: English is always sent, so a missing one is reported at /…/en. */
function wordsOut(words: Words): Words {
  const out: Words = { en: (words.en ?? '').trim() };
  for (const [tag, text] of Object.entries(words)) if (tag !== 'en' && text.trim()) out[tag] = text.trim();
  return out;
}

/** A calendar day as a local time of day, as the API wants it (with an offset). */
function dayAt(date: string, end: boolean): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), end ? 23 : 0, end ? 59 : 0, end ? 59 : 0).toISOString();
}

/** The local calendar day of an ISO time. */
export function dayOf(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function toDefinition(draft: SurveyDraft): SurveyDefinition {
  const opensAt = dayAt(draft.opensOn, false);
  const closesAt = dayAt(draft.closesOn, true);
  return {
    title: draft.title.trim(),
    intro: wordsOut(draft.intro),
    questions: draft.questions.map((q): SurveyQuestion => ({
      id: q.id.trim(),
      type: q.type,
      text: wordsOut(q.text),
      required: q.required,
      ...(q.ageBands.length ? { ageBands: CHILD_AGE_BANDS.filter((band) => q.ageBands.includes(band)) } : {}),
      ...(hasOptions(q.type) ? { options: q.options.map((o) => ({ id: o.id.trim(), label: wordsOut(o.label), ...(o.picture.trim() ? { picture: o.picture.trim() } : {}) })) } : {}),
    })),
    ...(opensAt ? { opensAt } : {}),
    ...(closesAt ? { closesAt } : {}),
    ...(draft.groupIds.length ? { groupIds: draft.groupIds } : {}),
  };
}

export function fromVersion(title: string, version: SurveyVersion): SurveyDraft {
  return {
    title,
    intro: { ...version.intro },
    questions: version.questions.map((q) => ({
      key: nextKey(),
      id: q.id,
      type: q.type,
      text: { ...q.text },
      required: q.required ?? false,
      ageBands: q.ageBands ?? [],
      options: (q.options ?? []).map((o) => ({ key: nextKey(), id: o.id, label: { ...o.label }, picture: o.picture ?? '' })),
    })),
    opensOn: dayOf(version.opensAt),
    closesOn: dayOf(version.closesAt),
    groupIds: version.groupIds ?? [],
  };
}

/** Dates the API cannot check (they are optional calendar days): a typed date that is not one. */
export function dateProblems(draft: SurveyDraft): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (draft.opensOn && !dayAt(draft.opensOn, false)) problems.push({ pointer: '/opensAt', detail: 'Give the first day as a date.' });
  if (draft.closesOn && !dayAt(draft.closesOn, true)) problems.push({ pointer: '/closesAt', detail: 'Give the last day as a date.' });
  return problems;
}

/** The API's own words where they are already plain; zod's generic ones ("Too small: …") put in words staff use. */
export function kindly(problem: FieldProblem): string {
  const { pointer, detail } = problem;
  const generic = /^(too small|too big|invalid|expected|required)/i.test(detail) || /received undefined/i.test(detail);
  if (!generic) return detail;
  const last = pointer.split('/').at(-1) ?? '';
  if (pointer === '/title') return 'Give the survey a title of 2 to 200 characters.';
  if (pointer === '/questions') return /too big/i.test(detail) ? 'A survey can ask at most 60 questions.' : 'Add at least one question.';
  if (/\/options$/.test(pointer)) return /too big/i.test(detail) ? 'A question can offer at most 12 options.' : 'Give at least two options to choose from.';
  if (/\/options\/\d+\/id$/.test(pointer)) return 'Option ids are short lower-case names: letters, numbers, - and _.';
  if (last === 'picture') return 'A picture is one emoji or a short name of up to 16 characters.';
  if (last === 'en') return /too big/i.test(detail) ? 'Use at most 500 characters.' : 'Write the English words: they are shown whenever there is no translation.';
  if (/^[a-z]{2,3}$/.test(last)) return 'Use at most 500 characters.';
  if (pointer === '/opensAt' || pointer === '/closesAt') return 'Give the date as a calendar day.';
  if (last === 'type') return 'Choose one of the question types.';
  return detail;
}

/** An element id for the field at a JSON pointer, so the error summary can link to it. */
export const fieldId = (pointer: string) => `field${pointer.replace(/[^a-zA-Z0-9]+/g, '-')}`;

export type Problems = { at(pointer: string): string | undefined; all: FieldProblem[] };

export function problemsFrom(list: readonly FieldProblem[]): Problems {
  const byPointer = new Map<string, string>();
  for (const problem of list) {
    const text = kindly(problem);
    const before = byPointer.get(problem.pointer);
    if (before !== text) byPointer.set(problem.pointer, before ? `${before} ${text}` : text);
  }
  return { at: (pointer) => byPointer.get(pointer), all: [...list] };
}
