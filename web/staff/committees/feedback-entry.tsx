/** One piece of feedback as the committee sees it, with pin/exclude for participation workers; and what was just excluded. */
import { useState } from 'preact/hooks';
import { committeesApi } from '../api-committees.ts';
import { Confirm, Field } from '../components.tsx';
import { KIND_LABELS } from '../format.ts';
import { useAction } from '../hooks.ts';
import { missingWordsLabel } from './consent-label.ts';
import type { CurationChoice, FeedbackEntry } from '../types.ts';

export function EntryCard(props: { entry: FeedbackEntry; itemId: string; curate: boolean; onCurated: (choice: CurationChoice) => Promise<void> }) {
  const { entry } = props;
  const { run } = useAction();
  const [note, setNote] = useState('');
  const [confirmExclude, setConfirmExclude] = useState(false);
  const pinned = entry.curation?.choice === 'pin';
  const curate = async (choice: CurationChoice) => {
    const done = { pin: 'Pinned: it leads the pack.', exclude: 'Excluded from this agenda item: it is no longer listed or in the pack.', none: 'Unpinned.' }[choice];
    const refused = { pin: 'Not pinned.', exclude: 'Not excluded.', none: 'Not unpinned.' }[choice];
    setConfirmExclude(false);
    const outcome = await run(refused, () => committeesApi.curate(props.itemId, entry.id, choice, note.trim() || undefined), () => done);
    if (outcome.ok) {
      setNote('');
      await props.onCurated(choice);
    }
  };
  return (
    <li class="entry" data-testid="feedback-entry">
      {pinned ? <p class="badge">Pinned{entry.curation?.note ? `: ${entry.curation.note}` : ''}</p> : null}
      {entry.quote !== null ? (
        <blockquote lang={entry.language ?? undefined} dir="auto">
          {entry.quote}
        </blockquote>
      ) : null}
      {missingWordsLabel(entry) ? (
        <p>
          <em>{missingWordsLabel(entry)}</em>
        </p>
      ) : null}
      {entry.drawing ? (
        <a href={entry.drawing.imageUrl} class="drawing-link">
          <img src={entry.drawing.thumbnailUrl} alt="A child's drawing, open the full picture" />
        </a>
      ) : null}
      <p class="meta">{KIND_LABELS[entry.kind]}</p>
      {props.curate ? (
        <div class="curation">
          <Field label="Note on pinning or excluding" value={note} onValue={setNote} maxLength={500} />
          {confirmExclude ? (
            <Confirm
              label="Exclude this feedback?"
              message="It will leave this item's list and pack."
              confirm="Yes, exclude it"
              onConfirm={() => void curate('exclude')}
              onCancel={() => setConfirmExclude(false)}
            />
          ) : (
            <div class="buttons">
              <button type="button" aria-pressed={pinned} onClick={() => void curate(pinned ? 'none' : 'pin')}>
                {pinned ? 'Unpin' : 'Pin'}
              </button>
              <button type="button" onClick={() => setConfirmExclude(true)}>
                Exclude
              </button>
            </div>
          )}
        </div>
      ) : null}
    </li>
  );
}

export function ExcludedJustNow(props: { itemId: string; entries: FeedbackEntry[]; onRestored: (entry: FeedbackEntry) => Promise<void> }) {
  const { run } = useAction();
  return (
    <section aria-labelledby="excluded-heading">
      <h2 id="excluded-heading">Excluded just now</h2>
      <ul>
        {props.entries.map((entry) => (
          <li key={entry.id}>
            {(entry.quote ?? KIND_LABELS[entry.kind]).slice(0, 80)}{' '}
            <button
              type="button"
              onClick={async () => {
                const outcome = await run('It was not brought back.', () => committeesApi.curate(props.itemId, entry.id, 'none'), () => 'Brought back into this agenda item.');
                if (outcome.ok) await props.onRestored(entry);
              }}
            >
              Bring back
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
