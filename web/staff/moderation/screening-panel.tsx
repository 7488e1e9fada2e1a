/**
 * Screening, as staff see it on one submission: why it was flagged (category, matched words for a lead, which signal,
 * language, the classifier's score); a lead marks a match a false positive with a reason; anyone moderating reports a
 * disclosure screening missed, with the words selected in the text.
 */
import { useEffect, useId, useState } from 'preact/hooks';
import { screeningApi } from '../api-screening.ts';
import { TextArea } from '../components.tsx';
import { useAction } from '../hooks.ts';
import { isWrittenAnswer, useQuestions } from './survey-answers.tsx';
import { useNotice } from '../notice.tsx';
import type { QueueItem, ScreeningCategory, ScreeningMatch, Span, SubmissionDetail } from '../types.ts';

const SIGNALS: Record<ScreeningMatch['signal'], string> = { phrase: 'a phrase', rule: 'a rule', classifier: 'the classifier' };
const LANGUAGES: Record<string, string> = { en: 'English', pl: 'Polish', ar: 'Arabic' };

let categoriesRequest: Promise<ScreeningCategory[]> | undefined;

function useCategories(): ScreeningCategory[] {
  const [categories, setCategories] = useState<ScreeningCategory[]>([]);
  useEffect(() => {
    categoriesRequest ??= screeningApi.categories().then((answer) => answer.categories);
    categoriesRequest.then(setCategories, () => (categoriesRequest = undefined));
  }, []);
  return categories;
}

export function ScreeningPanel(props: { item: QueueItem; detail: SubmissionDetail | undefined; lead: boolean; selection: Span | undefined; onChanged: () => Promise<void> }) {
  const { item, lead } = props;
  const reviews = props.detail?.id === item.id ? props.detail.screeningReviews : [];
  const reviewed = (match: ScreeningMatch) => reviews.some((review) => review.kind === 'false_positive' && review.field === match.field && review.category === match.category);
  const [marking, setMarking] = useState<number>();
  useEffect(() => setMarking(undefined), [item.id]);
  return (
    <section class="panel" aria-labelledby={`screening-${item.id}`}>
      <h3 id={`screening-${item.id}`}>Screening</h3>
      {item.screeningMatches.length > 0 ? (
        <>
          <p>Why it was flagged:</p>
          <ul data-testid="screening-matches">
            {item.screeningMatches.map((match) => (
              <li key={match.index} data-testid="screening-match">
                <strong>{match.categoryLabel}</strong>
                {match.words ? <> · “<mark>{match.words}</mark>”</> : null} · found by {SIGNALS[match.signal]}
                {match.score !== undefined ? ` (score ${match.score.toFixed(2)})` : ''} · {LANGUAGES[match.language] ?? match.language}
                {lead && !reviewed(match) && marking !== match.index ? (
                  <>
                    {' '}
                    <button type="button" onClick={() => setMarking(match.index)}>
                      Mark as a false positive
                    </button>
                  </>
                ) : null}
                {reviewed(match) ? ' · marked as a false positive' : null}
                {marking === match.index ? <FalsePositiveForm id={item.id} match={match} onDone={async () => (setMarking(undefined), await props.onChanged())} onCancel={() => setMarking(undefined)} /> : null}
              </li>
            ))}
          </ul>
          {lead ? <p class="meta">Marking a false positive records it for the screening reviewers; the flag stays until you escalate or record no concern.</p> : null}
        </>
      ) : (
        <p>Screening found nothing here.</p>
      )}
      <MissedForm item={item} detail={props.detail?.id === item.id ? props.detail : undefined} selection={props.selection} onDone={props.onChanged} />
    </section>
  );
}

function FalsePositiveForm(props: { id: string; match: ScreeningMatch; onDone: () => Promise<void>; onCancel: () => void }) {
  const notice = useNotice();
  const { run } = useAction();
  const [reason, setReason] = useState('');
  return (
    <form
      noValidate
      class="inline-form"
      aria-label={`False positive: ${props.match.categoryLabel}`}
      onSubmit={async (event) => {
        event.preventDefault();
        if (reason.trim().length < 3) return notice.warn('Not recorded: say briefly why this is not a concern (at least 3 characters).');
        const outcome = await run('The false positive was not recorded.', () => screeningApi.falsePositive(props.id, props.match.index, reason.trim()), () => 'Recorded as a false positive for the screening reviewers. The flag stays until a lead resolves it.');
        if (outcome.ok) await props.onDone();
      }}
    >
      <TextArea label="Why is this not a concern?" value={reason} onValue={setReason} required maxLength={300} autoFocus />
      <div class="buttons">
        <button type="submit" class="primary">
          Record false positive
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Where in a submission a disclosure can be: its text (or caption) and each written survey answer. */
function usePlaces(item: QueueItem, detail: SubmissionDetail | undefined): { field: string; label: string }[] {
  const questions = useQuestions(detail);
  const places = item.text !== null ? [{ field: '/text', label: item.kind === 'drawing' ? 'The caption' : 'The words' }] : [];
  for (const [id, value] of Object.entries(detail?.answers ?? {})) {
    const question = questions?.find((q) => q.id === id);
    if (isWrittenAnswer(question, value)) places.push({ field: `/answers/${id.replaceAll('~', '~0').replaceAll('/', '~1')}`, label: `The answer to “${question?.text.en ?? id}”` });
  }
  return places;
}

function MissedForm(props: { item: QueueItem; detail: SubmissionDetail | undefined; selection: Span | undefined; onDone: () => Promise<void> }) {
  const { item } = props;
  const places = usePlaces(item, props.detail);
  const [field, setField] = useState('/text');
  const whereId = useId();
  const place = places.find((candidate) => candidate.field === field) ?? places[0];
  // Selected words count only in the main text, the one they were selected in.
  const selection = place?.field === '/text' ? props.selection : undefined;
  const categories = useCategories();
  const notice = useNotice();
  const { run } = useAction();
  const selectId = useId();
  const [category, setCategory] = useState('');
  const [note, setNote] = useState('');
  useEffect(() => {
    setCategory('');
    setNote('');
    setField('/text');
  }, [item.id]);
  if (!place) return null;
  const chosen = selection && item.text ? item.text.slice(selection.start, selection.end) : undefined;
  return (
    <form
      noValidate
      class="inline-form"
      aria-labelledby={`missed-${item.id}`}
      onSubmit={async (event) => {
        event.preventDefault();
        if (!category) return notice.warn('Not reported: choose what kind of harm it may be.');
        const outcome = await run(
          'The missed disclosure was not reported.',
          () => screeningApi.missed(item.id, { category, field: place.field, span: selection, note: note.trim() || undefined }),
          () => 'Reported as missed by screening. It is now in the safeguarding lane for a lead.',
        );
        if (outcome.ok) {
          setCategory('');
          setNote('');
          await props.onDone();
        }
      }}
    >
      <h4 id={`missed-${item.id}`}>Report a disclosure screening missed</h4>
      <div class="field">
        <label for={selectId}>What it may be</label>
        <select id={selectId} value={category} onChange={(event) => setCategory(event.currentTarget.value)}>
          <option value="">Choose…</option>
          {categories.map((option) => (
            <option key={option.id} value={option.id}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      {places.length > 1 ? (
        <div class="field">
          <label for={whereId}>Where</label>
          <select id={whereId} value={place.field} onChange={(event) => setField(event.currentTarget.value)}>
            {places.map((candidate) => (
              <option key={candidate.field} value={candidate.field}>
                {candidate.label}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <p class="hint" data-testid="missed-words">
        {chosen ? <>Words: “{chosen}”</> : place.field === '/text' ? 'Optionally select the words in the text above first.' : 'The whole answer will be reviewed.'}
      </p>
      <TextArea label="What makes you think so" value={note} onValue={setNote} maxLength={300} />
      <button type="submit">Report missed disclosure</button>
    </form>
  );
}
