/** A flag's safeguarding state: how long it has waited and when a response is due; for a lead, escalate (with the referral reference) or "no concern". */
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { Field, TextArea } from '../components.tsx';
import { waited, when } from '../format.ts';
import { useAction } from '../hooks.ts';
import { useNotice } from '../notice.tsx';
import type { QueueItem, SubmissionDetail } from '../types.ts';

export function SafeguardingPanel(props: { item: QueueItem; detail: SubmissionDetail | undefined; lead: boolean; onResolved: () => Promise<void> }) {
  const { item, lead } = props;
  const detail = props.detail?.id === item.id ? props.detail : undefined;
  const due = detail?.safeguardingDueAt;
  const overdue = due !== undefined && new Date(due).getTime() < Date.now() && !item.safeguardingResolution;
  return (
    <section class="panel safeguarding" aria-labelledby="safeguarding-heading">
      <h3 id="safeguarding-heading">Safeguarding</h3>
      <p data-testid="waited">
        Waited {waited(item.waitingMinutes)} since it was sent
        {due && !item.safeguardingResolution ? <>; {overdue ? <strong class="flag">overdue: a response was due {when(due)}</strong> : `a response is due by ${when(due)}`}</> : null}.
      </p>
      {item.safeguardingResolution === 'escalated' ? (
        <p>
          Escalated{detail?.referralReference ? `, referral reference ${detail.referralReference}` : ''}
          {detail?.safeguardingNote ? `. Note: ${detail.safeguardingNote}` : ''}. It can now be moderated.
        </p>
      ) : item.safeguardingResolution === 'no_concern' ? (
        <p>No concern{detail?.safeguardingNote ? `: ${detail.safeguardingNote}` : ''}. It can now be moderated.</p>
      ) : lead ? (
        <div class="two-forms">
          <EscalateForm key={`escalate-${item.id}`} id={item.id} onDone={props.onResolved} />
          <NoConcernForm key={`no-concern-${item.id}`} id={item.id} onDone={props.onResolved} />
        </div>
      ) : (
        <p>Waiting for a safeguarding lead to act.</p>
      )}
    </section>
  );
}

function EscalateForm(props: { id: string; onDone: () => Promise<void> }) {
  const notice = useNotice();
  const { run } = useAction();
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  return (
    <form
      noValidate
      class="inline-form"
      aria-labelledby="escalate-heading"
      onSubmit={async (event) => {
        event.preventDefault();
        if (!reference.trim()) return notice.warn('Not escalated: give the reference of the referral you made (for example the MASH reference).');
        const outcome = await run('Not escalated.', () => api.escalate(props.id, reference.trim(), note.trim() || undefined), () => `Escalated with referral reference ${reference.trim()}.`);
        await props.onDone();
        if (outcome.ok) {
          setReference('');
          setNote('');
        }
      }}
    >
      <h4 id="escalate-heading">Escalate</h4>
      <Field label="Referral reference" hint="The reference of the referral you made outside Heard." value={reference} onValue={setReference} required maxLength={100} />
      <TextArea label="Note" value={note} onValue={setNote} maxLength={2000} />
      <button type="submit" class="primary">
        Escalate
      </button>
    </form>
  );
}

function NoConcernForm(props: { id: string; onDone: () => Promise<void> }) {
  const notice = useNotice();
  const { run } = useAction();
  const [reason, setReason] = useState('');
  return (
    <form
      noValidate
      class="inline-form"
      aria-labelledby="no-concern-heading"
      onSubmit={async (event) => {
        event.preventDefault();
        if (reason.trim().length < 3) return notice.warn('No concern was not recorded: say why there is no concern (at least 3 characters).');
        const outcome = await run('No concern was not recorded.', () => api.noConcern(props.id, reason.trim()), () => 'Recorded: no concern.');
        await props.onDone();
        if (outcome.ok) setReason('');
      }}
    >
      <h4 id="no-concern-heading">No concern</h4>
      <TextArea label="Why there is no concern" value={reason} onValue={setReason} required maxLength={2000} />
      <button type="submit">Record no concern</button>
    </form>
  );
}
