/** "Mark discussed" with an outcome note: the children whose words were pulled then see, on their receipt, that they were shared. */
import { useState } from 'preact/hooks';
import { committeesApi } from '../api-committees.ts';
import { TextArea } from '../components.tsx';
import { useAction } from '../hooks.ts';
import { useNotice } from '../notice.tsx';

export function MarkDiscussed(props: { id: string; discussed: boolean; onDone: () => Promise<void> }) {
  const notice = useNotice();
  const { run } = useAction();
  const [note, setNote] = useState('');
  return (
    <form
      noValidate
      class="inline-form panel"
      aria-labelledby="discussed-heading"
      onSubmit={async (event) => {
        event.preventDefault();
        if (note.trim().length > 300) return notice.warn('Not marked discussed: keep the outcome note to 300 characters.');
        const outcome = await run(
          'Not marked discussed.',
          () => committeesApi.markDiscussed(props.id, note.trim() || undefined),
          (result) => `Marked discussed. ${result.shared === 1 ? '1 child' : `${result.shared} children`} will see on their receipt that their words were shared.`,
        );
        if (outcome.ok) {
          setNote('');
          await props.onDone();
        }
      }}
    >
      <h2 id="discussed-heading">{props.discussed ? 'Discussed: update the outcome' : 'Mark discussed'}</h2>
      <TextArea label="Outcome note" hint="What the committee decided, in words a child can read on their receipt." value={note} onValue={setNote} maxLength={300} />
      <button type="submit" class="primary">
        Mark discussed
      </button>
    </form>
  );
}
