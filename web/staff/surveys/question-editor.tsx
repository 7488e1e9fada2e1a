/** One question in the survey editor: its type, id, words, whether it must be answered, its age bands and options. */
import { useId } from 'preact/hooks';
import { Field, FieldError } from '../components.tsx';
import { AGE_BAND_LABELS } from '../format.ts';
import { fieldId, hasOptions, newOption, TYPE_LABELS, withType, type OptionDraft, type Problems, type QuestionDraft } from './model.ts';
import { CHILD_AGE_BANDS, LANGUAGES, QUESTION_TYPES, type QuestionType } from './types.ts';
import { WordsFields } from './words-fields.tsx';

export type Move = 'up' | 'down';

export function QuestionEditor(props: {
  question: QuestionDraft;
  number: number;
  count: number;
  /** Another question already asks for a drawing (a survey may ask for one at most). */
  drawingTaken: boolean;
  problems: Problems;
  onChange: (question: QuestionDraft) => void;
  onMove: (move: Move) => void;
  onRemove: () => void;
}) {
  const { question: q, number: n, problems } = props;
  const base = `/questions/k${q.key}`;
  const typeId = useId();
  const set = (patch: Partial<QuestionDraft>) => props.onChange({ ...q, ...patch });
  const setOption = (option: OptionDraft) => set({ options: q.options.map((o) => (o.key === option.key ? option : o)) });
  const bandsError = problems.at(`${base}/ageBands`);
  const optionsError = problems.at(`${base}/options`);
  return (
    <fieldset class="question" id={fieldId(base)} tabIndex={-1} data-testid="question">
      <legend>
        Question {n}: {TYPE_LABELS[q.type]}
      </legend>
      <FieldError id={`${fieldId(base)}-error`} error={problems.at(base)} />
      <div class="row">
        <div class="field">
          <label for={typeId}>Question type</label>
          <FieldError id={`${typeId}-error`} error={problems.at(`${base}/type`)} />
          <select id={typeId} value={q.type} onChange={(event) => props.onChange(withType(q, event.currentTarget.value as QuestionType))}>
            {QUESTION_TYPES.map((type) => (
              <option key={type} value={type} disabled={type === 'draw' && props.drawingTaken && q.type !== 'draw'}>
                {TYPE_LABELS[type]}
                {type === 'draw' && props.drawingTaken && q.type !== 'draw' ? ' (one per survey: already asked)' : ''}
              </option>
            ))}
          </select>
        </div>
        <Field
          id={fieldId(`${base}/id`)}
          label="Question id"
          hint="A short lower-case name for results and CSV. Keep it the same in later versions."
          required
          maxLength={40}
          value={q.id}
          onValue={(id) => set({ id })}
          error={problems.at(`${base}/id`)}
        />
      </div>
      <WordsFields label="Question words" words={q.text} onWords={(text) => set({ text })} pointer={`${base}/text`} problems={problems} hint="What the child reads, in words a child knows." />
      {q.type === 'draw' ? <p class="hint">The child draws their answer. The picture is checked in moderation like any drawing.</p> : null}
      <label class="check">
        <input type="checkbox" checked={q.required} onChange={(event) => set({ required: event.currentTarget.checked })} /> Children must answer it
      </label>
      <fieldset id={fieldId(`${base}/ageBands`)} tabIndex={-1} aria-describedby={`${fieldId(base)}-bands-hint${bandsError ? ` ${fieldId(base)}-bands-error` : ''}`}>
        <legend>Who is asked (age bands)</legend>
        <span class="hint" id={`${fieldId(base)}-bands-hint`}>
          Leave all unticked to ask every age band.
        </span>
        <FieldError id={`${fieldId(base)}-bands-error`} error={bandsError} />
        <div class="checks">
          {CHILD_AGE_BANDS.map((band) => (
            <label class="check" key={band}>
              <input
                type="checkbox"
                checked={q.ageBands.includes(band)}
                onChange={(event) => set({ ageBands: event.currentTarget.checked ? [...q.ageBands, band] : q.ageBands.filter((b) => b !== band) })}
              />{' '}
              {AGE_BAND_LABELS[band]}
            </label>
          ))}
        </div>
      </fieldset>
      {hasOptions(q.type) ? (
        <fieldset id={fieldId(`${base}/options`)} tabIndex={-1}>
          <legend>Options to choose from</legend>
          <FieldError id={`${fieldId(base)}-options-error`} error={optionsError} />
          <ol class="options">
            {q.options.map((option, index) => (
              <OptionEditor
                key={option.key}
                option={option}
                number={index + 1}
                pointer={`${base}/options/k${option.key}`}
                problems={problems}
                onChange={setOption}
                onRemove={() => set({ options: q.options.filter((o) => o.key !== option.key) })}
              />
            ))}
          </ol>
          <button type="button" onClick={() => set({ options: [...q.options, newOption(q.options)] })}>
            Add an option to question {n}
          </button>
        </fieldset>
      ) : null}
      <div class="buttons">
        <button type="button" id={`q-${q.key}-up`} disabled={n === 1} onClick={() => props.onMove('up')}>
          Move question {n} up
        </button>
        <button type="button" id={`q-${q.key}-down`} disabled={n === props.count} onClick={() => props.onMove('down')}>
          Move question {n} down
        </button>
        <button type="button" class="danger" disabled={props.count === 1} onClick={props.onRemove}>
          Remove question {n}
        </button>
      </div>
    </fieldset>
  );
}

function OptionEditor(props: { option: OptionDraft; number: number; pointer: string; problems: Problems; onChange: (option: OptionDraft) => void; onRemove: () => void }) {
  const { option, number, pointer, problems } = props;
  const label = (tag: string) => problems.at(`${pointer}/label/${tag}`);
  const translationError = LANGUAGES.some((language) => language.tag !== 'en' && label(language.tag));
  return (
    <li class="option" data-testid="option">
      <div class="row">
        <Field id={fieldId(`${pointer}/label/en`)} label={`Option ${number} words (English)`} required maxLength={500} value={option.label.en ?? ''} onValue={(en) => props.onChange({ ...option, label: { ...option.label, en } })} error={label('en') ?? problems.at(`${pointer}/label`)} />
        <Field id={fieldId(`${pointer}/picture`)} label={`Option ${number} picture`} hint="An emoji, such as ⚽" maxLength={16} value={option.picture} onValue={(picture) => props.onChange({ ...option, picture })} error={problems.at(`${pointer}/picture`)} />
        <Field id={fieldId(`${pointer}/id`)} label={`Option ${number} id`} required maxLength={40} value={option.id} onValue={(id) => props.onChange({ ...option, id })} error={problems.at(`${pointer}/id`) ?? problems.at(pointer)} />
        <button type="button" class="danger" onClick={props.onRemove}>
          Remove option {number}
        </button>
      </div>
      <details class="translations" open={translationError}>
        <summary>Option {number} in other languages</summary>
        <div class="row">
          {LANGUAGES.filter((language) => language.tag !== 'en').map((language) => (
            <Field
              key={language.tag}
              id={fieldId(`${pointer}/label/${language.tag}`)}
              label={`Option ${number} words (${language.name})`}
              maxLength={500}
              lang={language.tag}
              dir={'dir' in language ? language.dir : undefined}
              value={option.label[language.tag] ?? ''}
              onValue={(text) => props.onChange({ ...option, label: { ...option.label, [language.tag]: text } })}
              error={label(language.tag)}
            />
          ))}
        </div>
      </details>
    </li>
  );
}
