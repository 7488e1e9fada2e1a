/** The decision buttons for one submission (approve, reject with a reason, flag, undo), its priorities and its themes. */
import type { QueueItem, SubmissionDetail, Taxonomy } from '../types.ts';
import { RejectForm } from './reject-form.tsx';
import { ThemeTags } from './themes.tsx';
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
          <ThemeTags key={item.id} detail={detail} taxonomy={taxonomy} moderation={moderation} />
        </>
      ) : (
        <p>Loading the tags…</p>
      )}
    </>
  );
}
