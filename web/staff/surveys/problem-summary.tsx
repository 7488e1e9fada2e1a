/** What the API refused in a draft, listed at the top of the form: each problem says where it is and links to the field. */
import type { Ref } from 'preact';
import { LANGUAGES } from './types.ts';
import { fieldId, kindly, type Problems, type SurveyDraft } from './model.ts';

const FIELD_NAMES: Record<string, string> = { id: 'id', type: 'type', picture: 'picture', ageBands: 'age bands', options: 'options', text: 'words', label: 'words' };

/** "Question 2, option 1 words (Polish)" for /questions/k7/options/k9/label/pl. */
export function where(pointer: string, draft: SurveyDraft): string {
  const parts = pointer.split('/').slice(1);
  const language = (tag: string | undefined) => LANGUAGES.find((l) => l.tag === tag)?.name;
  if (parts[0] === 'title') return 'Survey title';
  if (parts[0] === 'intro') return `Introduction${language(parts[1]) ? ` (${language(parts[1])})` : ''}`;
  if (parts[0] === 'opensAt') return 'First day';
  if (parts[0] === 'closesAt') return 'Last day';
  if (parts[0] === 'groupIds') return 'Groups';
  if (parts[0] !== 'questions') return 'The survey';
  if (parts.length === 1) return 'Questions';
  const index = draft.questions.findIndex((q) => `k${q.key}` === parts[1]);
  const question = index >= 0 ? draft.questions[index] : undefined;
  let text = `Question ${index >= 0 ? index + 1 : Number(parts[1]) + 1}`;
  let rest = parts.slice(2);
  if (rest[0] === 'options' && rest[1] !== undefined) {
    const option = question?.options.findIndex((o) => `k${o.key}` === rest[1]) ?? -1;
    text += `, option ${option >= 0 ? option + 1 : '?'}`;
    rest = rest.slice(2);
  }
  const field = rest[0] ? FIELD_NAMES[rest[0]] ?? rest[0] : undefined;
  if (field) text += ` ${field}`;
  if (language(rest[1])) text += ` (${language(rest[1])})`;
  return text;
}

/** Focuses the field at a pointer, or the nearest enclosing part of the form that is on the page. */
function focusField(pointer: string): void {
  for (let at = pointer; at; at = at.slice(0, at.lastIndexOf('/'))) {
    const element = document.getElementById(fieldId(at));
    if (element) {
      element.focus();
      element.scrollIntoView({ block: 'center' });
      return;
    }
  }
}

export function ProblemSummary(props: { focusRef: Ref<HTMLDivElement>; problems: Problems; draft: SurveyDraft }) {
  const { all } = props.problems;
  if (all.length === 0) return null;
  return (
    <div class="problem-summary" ref={props.focusRef} tabIndex={-1} role="group" aria-labelledby="problem-summary-heading" data-testid="problem-summary">
      <h2 id="problem-summary-heading">{all.length === 1 ? 'One thing to change before saving' : `${all.length} things to change before saving`}</h2>
      <ul>
        {all.map((problem, index) => (
          <li key={`${problem.pointer}-${index}`}>
            <a
              href={`#${fieldId(problem.pointer)}`}
              onClick={(event) => {
                // The address is the app's route; following this link only moves focus.
                event.preventDefault();
                focusField(problem.pointer);
              }}
            >
              {where(problem.pointer, props.draft)}: {kindly(problem)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
