/**
 * Answering a survey (loaded only when a child opens one): the intro in child-friendly words, then one question per
 * screen with big targets, the "draw your answer" canvas where asked, and a last screen before consent.
 */
import { useState } from 'preact/hooks';
import type { OpenSurvey, SurveyAnswer, SurveyQuestion } from '../../shared/api-types.ts';
import { Screen } from '../components.tsx';
import { useT } from '../context.ts';
import { wordsIn, type Language, type MessageKey, type Words } from '../messages.ts';
import { Said, Speak } from '../speak.tsx';
import { Draw } from './draw.tsx';

/** The answer to a "draw your answer" question; the picture itself goes as the submission's image part. */
export const DRAWN_ANSWER = 'drawing';

export type Answers = Record<string, SurveyAnswer>;

const FACES: [number, string, MessageKey][] = [
  [1, '😢', 'face1'],
  [2, '🙁', 'face2'],
  [3, '😐', 'face3'],
  [4, '🙂', 'face4'],
  [5, '😄', 'face5'],
];
const YES_NO: [string, string, MessageKey][] = [
  ['yes', '👍', 'answerYes'],
  ['no', '👎', 'answerNo'],
  ['not_sure', '🤔', 'answerNotSure'],
];

/** Whether a question has an answer worth sending (an empty text or an empty set of choices is none). */
export function answered(answer: SurveyAnswer | undefined): boolean {
  if (answer === undefined) return false;
  if (typeof answer === 'string') return answer.trim() !== '';
  if (Array.isArray(answer)) return answer.length > 0;
  return true;
}

/** The answers to send: only the questions answered, free text as the child wrote it. */
export function answersToSend(answers: Answers): Answers {
  return Object.fromEntries(Object.entries(answers).filter(([, answer]) => answered(answer)));
}

export function SurveyFlow(props: {
  survey: OpenSurvey;
  language: Language;
  answers: Answers;
  hasDrawing: boolean;
  wantsToTalk: boolean;
  /** Where to open: the intro, or the last screen (coming back from consent). */
  startAt: 'intro' | 'end';
  onChange: (answers: Answers, image?: Blob) => void;
  onWantsToTalk: (value: boolean) => void;
  onBack: () => void;
  onFinish: () => void;
}) {
  const t = useT();
  const { survey, answers } = props;
  const total = survey.questions.length;
  const [at, setAt] = useState(props.startAt === 'intro' ? -1 : total);
  const [drawing, setDrawing] = useState(false);
  const [missing, setMissing] = useState(false);
  const words = (record: OpenSurvey['title']): Words => wordsIn(record, props.language);
  const go = (to: number) => {
    setMissing(false);
    setAt(to);
    window.scrollTo(0, 0);
  };

  if (at < 0) {
    return (
      <Screen title={words(survey.title).text} titleLang={words(survey.title).lang}>
        <Said class="intro" text={words(survey.intro).text} lang={words(survey.intro).lang} />
        <Said text={t('questionOf', { n: 1, total })} />
        <div class="actions">
          <button type="button" onClick={props.onBack}>
            {t('back')}
          </button>
          <button type="button" class="primary" onClick={() => go(0)}>
            {t('surveyStart')}
          </button>
        </div>
      </Screen>
    );
  }

  if (at >= total) {
    return (
      <Screen title={t('surveyEndTitle')}>
        <Said text={t('surveyEndBody')} />
        <label class="check">
          <input type="checkbox" checked={props.wantsToTalk} onChange={(event) => props.onWantsToTalk((event.target as HTMLInputElement).checked)} />
          {t('wantsToTalk')}
        </label>
        <div class="actions">
          <button type="button" onClick={() => go(total - 1)}>
            {t('back')}
          </button>
          <button type="button" class="primary" onClick={props.onFinish}>
            {t('next')}
          </button>
        </div>
      </Screen>
    );
  }

  const question = survey.questions[at]!;
  const answer = answers[question.id];
  const set = (value: SurveyAnswer | undefined, image?: Blob) => {
    setMissing(false);
    const next = { ...answers };
    if (value === undefined) delete next[question.id];
    else next[question.id] = value;
    props.onChange(next, image);
  };
  const next = () => {
    if (question.required && !answered(answer)) setMissing(true);
    else go(at + 1);
  };

  if (drawing) {
    return (
      <Draw
        title={words(question.text).text}
        titleLang={words(question.text).lang}
        onBack={() => setDrawing(false)}
        onDone={(image) => {
          set(DRAWN_ANSWER, image);
          setDrawing(false);
          go(at + 1);
        }}
      />
    );
  }

  const headingId = `question-${question.id}`;
  return (
    // Keyed by question: each question is a new screen, its heading focused and announced.
    <Screen key={question.id} title={words(question.text).text} titleLang={words(question.text).lang} headingId={headingId}>
      <Said class="progress" text={t('questionOf', { n: at + 1, total })} />
      {question.required ? null : <Said class="hint" text={t('canSkip')} />}
      <QuestionInput question={question} answer={answer} hasDrawing={props.hasDrawing} language={props.language} labelledBy={headingId} invalid={missing} onAnswer={set} onDraw={() => setDrawing(true)} />
      {missing ? <div role="alert"><Said text={t('answerNeeded')} /></div> : null}
      <div class="actions">
        <button type="button" onClick={() => (at === 0 ? go(-1) : go(at - 1))}>
          {t('back')}
        </button>
        <button type="button" class="primary" onClick={next}>
          {question.required || answered(answer) ? t('next') : t('skip')}
        </button>
      </div>
    </Screen>
  );
}

function QuestionInput(props: {
  question: SurveyQuestion;
  answer: SurveyAnswer | undefined;
  hasDrawing: boolean;
  language: Language;
  labelledBy: string;
  invalid: boolean;
  onAnswer: (value: SurveyAnswer | undefined) => void;
  onDraw: () => void;
}) {
  const t = useT();
  const { question, answer } = props;
  const name = `answer-${question.id}`;
  const own = (text: string): Words => ({ text, lang: props.language });
  const radios = (choices: [string | number, string | undefined, Words][]) => (
    <fieldset class="answers" aria-labelledby={props.labelledBy} aria-invalid={props.invalid}>
      {choices.map(([value, picture, label]) => (
        // The speaker sits beside the label, not in it: a button inside a label would take the label's clicks.
        <div class="option">
          <label class={answer === value ? 'choice answer chosen' : 'choice answer'}>
            <input type="radio" name={name} checked={answer === value} onChange={() => props.onAnswer(value)} />
            {picture ? (
              <span aria-hidden="true" class="picture">
                {picture}
              </span>
            ) : null}
            <span lang={label.lang === props.language ? undefined : label.lang}>{label.text}</span>
          </label>
          <Speak text={label.text} lang={label.lang === props.language ? undefined : label.lang} />
        </div>
      ))}
    </fieldset>
  );

  switch (question.type) {
    case 'emoji_scale':
      return radios(FACES.map(([value, face, label]) => [value, face, own(t(label))]));
    case 'yes_no_unsure':
      return radios(YES_NO.map(([value, picture, label]) => [value, picture, own(t(label))]));
    case 'single_choice':
      return radios(question.options.map((option) => [option.id, option.picture, wordsIn(option.label, props.language)]));
    case 'multiple_choice': {
      const chosen = Array.isArray(answer) ? answer : [];
      return (
        <fieldset class="answers" aria-labelledby={props.labelledBy} aria-describedby={`${name}-hint`} aria-invalid={props.invalid}>
          <Said class="hint" id={`${name}-hint`} text={t('chooseMany')} />
          {question.options.map((option) => {
            const label = wordsIn(option.label, props.language);
            const lang = label.lang === props.language ? undefined : label.lang;
            return (
              <div class="option">
                <label class={chosen.includes(option.id) ? 'choice answer chosen' : 'choice answer'}>
                  <input
                    type="checkbox"
                    checked={chosen.includes(option.id)}
                    onChange={(event) => {
                      const on = (event.target as HTMLInputElement).checked;
                      const next = on ? [...chosen, option.id] : chosen.filter((id) => id !== option.id);
                      props.onAnswer(next.length > 0 ? next : undefined);
                    }}
                  />
                  {option.picture ? (
                    <span aria-hidden="true" class="picture">
                      {option.picture}
                    </span>
                  ) : null}
                  <span lang={lang}>{label.text}</span>
                </label>
                <Speak text={label.text} lang={lang} />
              </div>
            );
          })}
        </fieldset>
      );
    }
    case 'free_text':
      return (
        <label class="field">
          {t('yourAnswer')}
          <textarea
            rows={5}
            value={typeof answer === 'string' ? answer : ''}
            aria-invalid={props.invalid}
            onInput={(event) => {
              const text = (event.target as HTMLTextAreaElement).value;
              props.onAnswer(text === '' ? undefined : text);
            }}
          />
        </label>
      );
    case 'draw':
      return (
        <div>
          {answer === DRAWN_ANSWER && props.hasDrawing ? <Said class="notice" text={t('drawReady')} /> : null}
          <button type="button" class="tile wide" onClick={props.onDraw}>
            <span aria-hidden="true" class="picture">
              🖍️
            </span>
            {answer === DRAWN_ANSWER && props.hasDrawing ? t('drawAgain') : t('drawAnswer')}
          </button>
        </div>
      );
  }
}
