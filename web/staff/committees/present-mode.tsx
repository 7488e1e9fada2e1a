/**
 * Present mode for the start of a meeting: full screen, headline figures, the attached surveys' results, then one
 * child's quote or drawing per slide (every entry the item pulls, not only the page loaded), by keyboard or clicker.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { committeesApi } from '../api-committees.ts';
import { KIND_LABELS } from '../format.ts';
import { useNotice } from '../notice.tsx';
import type { Feedback, FeedbackEntry, PresentQuestion, PresentSurvey } from '../types.ts';
import { FigureChart } from './figure-chart.tsx';
import { SurveySlide, surveySlides } from './survey-slide.tsx';

type Slide =
  | { kind: 'headline' }
  | { kind: 'figures' }
  | { kind: 'survey'; survey: PresentSurvey; question: PresentQuestion | undefined }
  | { kind: 'entry'; entry: FeedbackEntry };

/** The slides in order: headline numbers, the charts once, survey results, then every entry with words or a picture. */
export function presentSlides(entries: FeedbackEntry[], surveys: readonly PresentSurvey[] = []): Slide[] {
  const shown = entries.filter((entry) => entry.quote !== null || entry.drawing !== null);
  return [
    { kind: 'headline' },
    { kind: 'figures' },
    ...surveySlides(surveys).map((slide) => ({ kind: 'survey' as const, ...slide })),
    ...shown.map((entry) => ({ kind: 'entry' as const, entry })),
  ];
}

const NEXT = new Set(['ArrowRight', 'PageDown', ' ']);
const PREVIOUS = new Set(['ArrowLeft', 'PageUp']);

export function PresentMode(props: { feedback: Feedback; entries: FeedbackEntry[]; onLeave: () => void }) {
  const root = useRef<HTMLDivElement>(null);
  const notice = useNotice();
  const [at, setAt] = useState(0);
  const [entries, setEntries] = useState(props.entries);
  const [surveys, setSurveys] = useState<PresentSurvey[]>([]);
  const slides = presentSlides(entries, surveys);
  const last = slides.length - 1;
  const go = (to: number) => setAt(Math.max(0, Math.min(last, to)));

  const leave = () => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    props.onLeave();
  };

  useEffect(() => {
    const id = props.feedback.item.id;
    committeesApi.allEntries(id).then(setEntries, (error: unknown) => notice.fail('Only the feedback loaded so far is shown: the rest could not be loaded.', error));
    committeesApi.surveyResults(id).then(({ surveys: found }) => setSurveys(found), (error: unknown) => notice.fail('The survey results could not be loaded.', error));
  }, [props.feedback.item.id]);

  useEffect(() => {
    const element = root.current;
    element?.focus();
    // Without the Fullscreen API (or if refused) the fixed overlay already fills the window.
    if (element?.requestFullscreen) void element.requestFullscreen().catch(() => undefined);
    // The browser takes Esc to leave full screen itself; leaving full screen leaves present mode too.
    const onChange = () => {
      if (!document.fullscreenElement) props.onLeave();
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  const onKeyDown = (event: KeyboardEvent) => {
    const onButton = event.target instanceof HTMLButtonElement && (event.key === ' ' || event.key === 'Enter');
    if (onButton) return;
    if (NEXT.has(event.key)) go(at + 1);
    else if (PREVIOUS.has(event.key)) go(at - 1);
    else if (event.key === 'Home') go(0);
    else if (event.key === 'End') go(last);
    else if (event.key === 'Escape') leave();
    else return;
    event.preventDefault();
  };

  const slide: Slide = slides[at] ?? { kind: 'headline' };
  return (
    <div class="present" ref={root} tabIndex={-1} role="dialog" aria-modal="true" aria-label={`Presenting: ${props.feedback.item.title}`} onKeyDown={onKeyDown}>
      <div class="slide" data-testid="slide" data-slide={slide.kind}>
        {slide.kind === 'headline' ? <Headline feedback={props.feedback} /> : null}
        {slide.kind === 'figures' ? <FiguresSlide feedback={props.feedback} /> : null}
        {slide.kind === 'survey' ? <SurveySlide survey={slide.survey} question={slide.question} /> : null}
        {slide.kind === 'entry' ? <EntrySlide entry={slide.entry} /> : null}
      </div>
      <nav class="present-controls" aria-label="Slides">
        <button type="button" onClick={() => go(at - 1)} disabled={at === 0}>
          Previous
        </button>
        <p aria-live="polite" data-testid="slide-position">
          Slide {at + 1} of {slides.length}
        </p>
        <button type="button" onClick={() => go(at + 1)} disabled={at === last}>
          Next
        </button>
        <button type="button" onClick={leave}>
          Leave present mode
        </button>
      </nav>
    </div>
  );
}

/** The item's title and the API's released count per priority, as they come (never totalled here). */
function Headline(props: { feedback: Feedback }) {
  const { figures, item } = props.feedback;
  const priorities = figures.withheld.includes('byPriority') ? [] : figures.byPriority;
  return (
    <>
      <h2 class="slide-title">{item.title}</h2>
      <p class="slide-lead">{figures.totalDisplay} contributions from children and young people</p>
      {priorities.length > 0 ? (
        <ul class="headline-numbers">
          {priorities.map((row) => (
            <li key={row.label}>
              <strong>{row.display}</strong> {row.label}
            </li>
          ))}
        </ul>
      ) : (
        <p class="slide-lead">Counts by priority are not shown: each is too small to share safely.</p>
      )}
    </>
  );
}

function FiguresSlide(props: { feedback: Feedback }) {
  const { figures } = props.feedback;
  const kinds = figures.byKind.map((row) => ({ ...row, label: row.label in KIND_LABELS ? KIND_LABELS[row.label as keyof typeof KIND_LABELS] : row.label }));
  return (
    <>
      <h2 class="slide-title">Who took part</h2>
      <div class="slide-charts">
        <FigureChart title="By kind" rows={figures.withheld.includes('byKind') ? [] : kinds} />
        <FigureChart title="By age band" rows={figures.withheld.includes('byAgeBand') ? [] : figures.byAgeBand} />
      </div>
    </>
  );
}

function EntrySlide(props: { entry: FeedbackEntry }) {
  const { entry } = props;
  return (
    <figure class="slide-entry">
      {entry.drawing ? <img class="slide-drawing" src={entry.drawing.imageUrl} alt="A child's drawing" /> : null}
      {entry.quote !== null ? <blockquote class="slide-quote">{entry.quote}</blockquote> : null}
      <figcaption class="slide-meta">{entry.drawing ? 'A child’s drawing' : 'A child’s words'}</figcaption>
    </figure>
  );
}
