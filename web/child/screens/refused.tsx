/**
 * Something saved on this device that the server refused (while the app was closed, or sent in the background): shown
 * to the child when the app opens, to fix (words), send without a group that has gone, or delete. Never dropped silently.
 */
import { useState } from 'preact/hooks';
import type { SubmissionBody } from '../../shared/api-types.ts';
import { problemAbout } from '../api.ts';
import { useT } from '../context.ts';
import type { MessageKey } from '../messages.ts';
import type { OutboxItem } from '../outbox.ts';
import { Said, Speak } from '../speak.tsx';

export type RefusedOutcome = { kind: 'sent'; receipt: string } | { kind: 'saved' } | { kind: 'deleted' };

const WHAT: Record<SubmissionBody['kind'], MessageKey> = { quote: 'refusedQuote', drawing: 'refusedDrawing', survey: 'refusedSurvey' };
const WHY: Record<ReturnType<typeof problemAbout>, MessageKey> = { input: 'refusedInput', group: 'refusedGroup', survey: 'refusedSurveyGone' };

export function Refused(props: { item: OutboxItem; onResend: (body: SubmissionBody) => void; onDelete: () => void }) {
  const t = useT();
  const { item } = props;
  const problem = item.problem!;
  const about = problemAbout(problem);
  const [fixing, setFixing] = useState(false);
  const [text, setText] = useState(item.body.text ?? '');
  const [confirming, setConfirming] = useState(false);
  // Words can be fixed here; a picture or survey answers cannot be changed after saving, only sent without a group or deleted.
  const canFix = about === 'input' && item.body.kind !== 'survey' && item.body.text !== undefined;
  const resend = (change: Partial<SubmissionBody>, dropGroup = false) => {
    const { groupCode: _group, ...rest } = item.body;
    props.onResend({ ...(dropGroup ? rest : item.body), ...change, id: crypto.randomUUID() });
  };
  return (
    <section class="notice refused" role="region" aria-labelledby="refused-title" data-testid="refused">
      <Said as="h2" id="refused-title" text={t('refusedTitle', { what: t(WHAT[item.body.kind]) })} />
      <Said text={t(WHY[about])} />
      {/* The server's own words, in English for every client: marked so read-aloud uses an English voice. */}
      <ul>
        {[problem.detail, ...(problem.errors ?? []).map((error) => error.detail)].map((detail) => (
          <li class="said">
            <span lang="en">{detail}</span>
            <Speak text={detail} lang="en" />
          </li>
        ))}
      </ul>
      {fixing ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            resend({ text });
          }}
        >
          <label class="field">
            {t('writeLabel')}
            <textarea rows={5} value={text} onInput={(event) => setText((event.target as HTMLTextAreaElement).value)} />
          </label>
          <button type="submit" class="primary" disabled={item.body.kind === 'quote' && text.trim() === ''}>
            {t('sendAgain')}
          </button>
        </form>
      ) : null}
      {confirming ? (
        <div role="alertdialog" aria-labelledby="refused-delete">
          <Said id="refused-delete" text={t('deleteConfirm')} />
          <div class="actions">
            <button type="button" onClick={() => setConfirming(false)}>
              {t('back')}
            </button>
            <button type="button" class="primary" onClick={props.onDelete}>
              {t('withdrawYes')}
            </button>
          </div>
        </div>
      ) : (
        <div class="actions">
          {canFix && !fixing ? (
            <button type="button" class="primary" onClick={() => setFixing(true)}>
              {t('fixIt')}
            </button>
          ) : null}
          {about === 'group' ? (
            <button type="button" class="primary" onClick={() => resend({}, true)}>
              {t('sendWithoutGroup')}
            </button>
          ) : null}
          <button type="button" onClick={() => setConfirming(true)}>
            {t('deleteIt')}
          </button>
        </div>
      )}
    </section>
  );
}

/** What happened to the last refused item the child dealt with. */
export function RefusedDone(props: { outcome: RefusedOutcome }) {
  const t = useT();
  const { outcome } = props;
  return (
    <div class="notice" role="status" data-testid="refused-outcome">
      {outcome.kind === 'sent' ? (
        <Said text={`${t('refusedSent')} ${outcome.receipt}`}>
          {t('refusedSent')} <span class="receipt small-receipt">{outcome.receipt}</span>
        </Said>
      ) : (
        <Said text={t(outcome.kind === 'saved' ? 'refusedSaved' : 'deleted')} />
      )}
    </div>
  );
}
