/**
 * Writing a survey draft: title, introduction, questions (added, removed, reordered), dates and groups. The API checks
 * the draft; what it refuses is listed at the top and shown beside each field it concerns.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { groupsApi } from '../api-admin.ts';
import { ApiError, type FieldProblem } from '../api.ts';
import { surveysApi } from '../api-surveys.ts';
import { Field, FieldError, ScreenHeading } from '../components.tsx';
import { useNotice } from '../notice.tsx';
import { href } from '../router.ts';
import type { Group } from '../types.ts';
import { setFlash } from './flash.ts';
import { dateProblems, emptyDraft, fieldId, fromVersion, newQuestion, problemsFrom, toDefinition, type Problems, type QuestionDraft, type SurveyDraft } from './model.ts';
import { ProblemSummary } from './problem-summary.tsx';
import { QuestionEditor, type Move } from './question-editor.tsx';
import type { SurveyDetail } from './types.ts';
import { WordsFields } from './words-fields.tsx';

/** Question and option positions in the API's pointers become their stable keys, so errors stay put when questions move. */
function rekey(problem: FieldProblem, sent: SurveyDraft): FieldProblem {
  const parts = problem.pointer.split('/');
  if (parts[1] !== 'questions' || !/^\d+$/.test(parts[2] ?? '')) return problem;
  const question = sent.questions[Number(parts[2])];
  if (!question) return problem;
  parts[2] = `k${question.key}`;
  if (parts[3] === 'options' && /^\d+$/.test(parts[4] ?? '')) {
    const option = question.options[Number(parts[4])];
    if (option) parts[4] = `k${option.key}`;
  }
  return { ...problem, pointer: parts.join('/') };
}

export function SurveyEditor(props: { id?: string }) {
  const notice = useNotice();
  const [survey, setSurvey] = useState<SurveyDetail>();
  const [draft, setDraft] = useState<SurveyDraft>();
  const [problems, setProblems] = useState<Problems>(() => problemsFrom([]));
  const [groups, setGroups] = useState<Group[] | null>();
  const saving = useRef(false);
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const groupsId = useId();

  useEffect(() => {
    if (props.id) {
      surveysApi.get(props.id).then(
        (found) => {
          setSurvey(found);
          const latest = found.versions.at(-1);
          setDraft(latest ? fromVersion(found.title, latest) : emptyDraft());
        },
        (error: unknown) => notice.fail('The survey could not be loaded.', error),
      );
    } else setDraft(emptyDraft());
    groupsApi.list().then(
      (result) => setGroups(result.groups),
      () => setGroups(null),
    );
  }, [props.id]);

  useEffect(() => {
    if (problems.all.length > 0) summary.current?.focus();
  }, [problems]);

  if (!draft) return <p class="pad">Loading…</p>;
  const latest = survey?.versions.at(-1);
  const change = (patch: Partial<SurveyDraft>) => setDraft({ ...draft, ...patch });
  const setQuestion = (question: QuestionDraft) => change({ questions: draft.questions.map((q) => (q.key === question.key ? question : q)) });

  function move(key: number, direction: Move) {
    const from = draft!.questions.findIndex((q) => q.key === key);
    const to = direction === 'up' ? from - 1 : from + 1;
    if (from < 0 || to < 0 || to >= draft!.questions.length) return;
    const questions = [...draft!.questions];
    [questions[from], questions[to]] = [questions[to]!, questions[from]!];
    change({ questions });
    notice.ok(`Moved question ${from + 1} ${direction}: it is now question ${to + 1}.`);
    // Focus stays with the moved question's button, or its other one at the top or bottom.
    const atEdge = to === 0 || to === questions.length - 1;
    requestAnimationFrame(() => document.getElementById(`q-${key}-${atEdge ? (direction === 'up' ? 'down' : 'up') : direction}`)?.focus());
  }

  function remove(key: number) {
    const index = draft!.questions.findIndex((q) => q.key === key);
    const questions = draft!.questions.filter((q) => q.key !== key);
    change({ questions });
    notice.ok(`Removed question ${index + 1}.`);
    const next = questions[Math.min(index, questions.length - 1)];
    requestAnimationFrame(() => (next ? document.getElementById(fieldId(`/questions/k${next.key}`)) : document.getElementById('add-question'))?.focus());
  }

  function add() {
    const question = newQuestion(draft!.questions);
    change({ questions: [...draft!.questions, question] });
    requestAnimationFrame(() => document.getElementById(fieldId(`/questions/k${question.key}`))?.focus());
  }

  async function save(event: Event) {
    event.preventDefault();
    if (saving.current || !draft) return;
    const local = dateProblems(draft);
    if (local.length) {
      setProblems(problemsFrom(local));
      return notice.warn('The draft was not saved: some things need changing first. They are listed at the top of the form.');
    }
    const sent = draft;
    saving.current = true;
    setBusy(true);
    try {
      const saved = props.id ? await surveysApi.saveDraft(props.id, toDefinition(sent)) : await surveysApi.create(toDefinition(sent));
      setProblems(problemsFrom([]));
      setFlash(`Saved “${sent.title.trim()}” as a draft: version ${saved.version}. Children see it only once you publish it.`);
      window.location.hash = href('surveys', saved.id);
    } catch (error) {
      if (error instanceof ApiError && error.errors.length > 0) {
        setProblems(problemsFrom(error.errors.map((problem) => rekey(problem, sent))));
        notice.warn(`The draft was not saved: ${error.errors.length === 1 ? 'one thing needs' : `${error.errors.length} things need`} changing. They are listed at the top of the form and shown beside each field.`);
      } else notice.fail('The draft was not saved.', error);
    } finally {
      saving.current = false;
      setBusy(false);
    }
  }

  const drawings = draft.questions.filter((q) => q.type === 'draw').length;
  const choosable = (groups ?? []).filter((group) => group.active || draft.groupIds.includes(group.id));
  return (
    <section class="pad">
      <ScreenHeading>{survey ? `Edit “${survey.title}”` : 'New survey'}</ScreenHeading>
      <p>
        <a href={survey ? href('surveys', survey.id) : href('surveys')}>{survey ? `Back to “${survey.title}”` : 'Back to surveys'}</a>
      </p>
      {latest?.status === 'published' ? (
        <p class="callout" data-testid="new-version-note">
          Version {latest.version} is published, so it cannot be changed. Saving makes version {latest.version + 1}, a draft; children keep getting version {latest.version} until you publish the new one.
        </p>
      ) : latest ? (
        <p>You are editing the draft, version {latest.version}. Children cannot see it until it is published.</p>
      ) : null}
      <form noValidate onSubmit={(event) => void save(event)} aria-label={survey ? 'Survey draft' : 'New survey'}>
        <ProblemSummary focusRef={summary} problems={problems} draft={draft} />
        <Field id={fieldId('/title')} label="Survey title" hint="Staff see this title; children see it too." required maxLength={200} value={draft.title} onValue={(title) => change({ title })} error={problems.at('/title')} />
        <h2>Introduction</h2>
        <WordsFields label="Introduction" long words={draft.intro} onWords={(intro) => change({ intro })} pointer="/intro" problems={problems} hint="What the survey is about and that every question can be skipped." />
        <h2 id="questions-heading">Questions</h2>
        <div id={fieldId('/questions')} tabIndex={-1}>
          <FieldError id={`${fieldId('/questions')}-error`} error={problems.at('/questions')} />
        </div>
        {draft.questions.map((question, index) => (
          <QuestionEditor
            key={question.key}
            question={question}
            number={index + 1}
            count={draft.questions.length}
            drawingTaken={drawings > 0}
            problems={problems}
            onChange={setQuestion}
            onMove={(direction) => move(question.key, direction)}
            onRemove={() => remove(question.key)}
          />
        ))}
        <button type="button" id="add-question" onClick={add}>
          Add a question
        </button>
        <h2>When and for whom</h2>
        <div class="row">
          <Field id={fieldId('/opensAt')} type="date" label="First day" hint="Leave empty to open as soon as it is published." value={draft.opensOn} onValue={(opensOn) => change({ opensOn })} error={problems.at('/opensAt')} />
          <Field id={fieldId('/closesAt')} type="date" label="Last day" hint="Leave empty to keep it open." value={draft.closesOn} onValue={(closesOn) => change({ closesOn })} error={problems.at('/closesAt')} />
        </div>
        <fieldset id={fieldId('/groupIds')} tabIndex={-1} aria-describedby={`${groupsId}-hint`}>
          <legend>Only for these groups</legend>
          <span class="hint" id={`${groupsId}-hint`}>
            Tick groups to keep the survey to children who joined with their code. Leave all unticked for every child.
          </span>
          <FieldError id={`${groupsId}-error`} error={problems.at('/groupIds')} />
          {groups === undefined ? (
            <p>Loading the groups…</p>
          ) : groups === null ? (
            <p>The groups could not be loaded, so the survey keeps the groups it had.</p>
          ) : choosable.length === 0 ? (
            <p>There are no open groups.</p>
          ) : (
            <div class="checks">
              {choosable.map((group) => (
                <label class="check" key={group.id}>
                  <input
                    type="checkbox"
                    checked={draft.groupIds.includes(group.id)}
                    onChange={(event) => change({ groupIds: event.currentTarget.checked ? [...draft.groupIds, group.id] : draft.groupIds.filter((id) => id !== group.id) })}
                  />{' '}
                  {group.name}
                </label>
              ))}
            </div>
          )}
        </fieldset>
        <div class="buttons">
          <button type="submit" class="primary" aria-disabled={busy || undefined}>
            {latest?.status === 'published' ? `Save as version ${latest.version + 1} (draft)` : 'Save draft'}
          </button>
        </div>
      </form>
    </section>
  );
}
