/** The decision buttons for one submission (approve, reject with a reason, flag, undo) and its priority tags. */
import { useState } from 'preact/hooks';
import { TextArea } from '../components.tsx';
import { useNotice } from '../notice.tsx';
import type { QueueItem, SubmissionDetail, Taxonomy } from '../types.ts';
import type { Moderation } from './use-moderation.ts';

export function ModerationActions(props: { item: QueueItem; detail: SubmissionDetail | undefined; taxonomy: Taxonomy | undefined; moderation: Moderation; shortcuts: boolean; canFlag: boolean }) {
  const { item, detail, taxonomy, moderation, shortcuts } = props;
  const key = (letter: string) => (shortcuts ? ` (${letter})` : '');
  return (
    <>
      <div class="buttons">
        <button type="button" class="primary" onClick={() => void moderation.approve()}>
          Approve{key('a')}
        </button>
        <button type="button" onClick={moderation.startReject} aria-expanded={moderation.rejecting}>
          Reject{key('r')}
        </button>
        {props.canFlag && !item.safeguarding ? (
          <button type="button" onClick={() => void moderation.flag()}>
            Flag safeguarding{key('f')}
          </button>
        ) : null}
        <button type="button" onClick={() => void moderation.undo()} disabled={!moderation.lastDecided}>
          Undo{key('u')}
        </button>
      </div>
      {moderation.rejecting ? <RejectForm key={item.id} moderation={moderation} /> : null}
      <h3>Priorities{shortcuts && taxonomy ? ` (keys 1–${Math.min(9, taxonomy.priorities.length)})` : ''}</h3>
      {taxonomy && detail && detail.id === item.id ? (
        <>
          <ol class="tags">
            {taxonomy.priorities.map((priority, i) => (
              <li key={priority.slug}>
                <button type="button" aria-pressed={detail.tags.priorities.includes(priority.slug)} onClick={() => void moderation.tag(i + 1)}>
                  {i + 1}. {priority.title}
                </button>
              </li>
            ))}
          </ol>
          {detail.tags.themes.length ? <p>Themes: {detail.tags.themes.join(', ')}</p> : null}
        </>
      ) : (
        <p>Loading the tags…</p>
      )}
    </>
  );
}

function RejectForm(props: { moderation: Moderation }) {
  const [reason, setReason] = useState('');
  const notice = useNotice();
  return (
    <form
      noValidate
      class="inline-form"
      aria-label="Reject"
      onSubmit={(event) => {
        event.preventDefault();
        if (reason.trim().length < 3) return notice.warn('Not rejected: say briefly why it is not used (at least 3 characters). It is kept for the record.');
        void props.moderation.reject(reason.trim());
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') props.moderation.cancelReject();
      }}
    >
      <TextArea label="Why is it not used?" hint="Kept for the record." value={reason} onValue={setReason} required maxLength={500} autoFocus />
      <div class="buttons">
        <button type="submit" class="primary">
          Reject
        </button>
        <button type="button" onClick={props.moderation.cancelReject}>
          Cancel
        </button>
      </div>
    </form>
  );
}
