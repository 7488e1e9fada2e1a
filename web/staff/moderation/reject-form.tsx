/** Reject with a reason: a short list of preset reasons or one's own words. Arrow keys choose, Enter confirms, Escape cancels. */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { useNotice } from '../notice.tsx';
import type { Moderation } from './use-moderation.ts';

export const PRESET_REASONS = [
  'Not about what the partnership asked',
  'A test or empty message',
  'Unkind about another person',
  'Says who someone is, and cannot be redacted',
] as const;

const OTHER = 'other';

export function RejectForm(props: { moderation: Moderation }) {
  const [choice, setChoice] = useState<string>(PRESET_REASONS[0]);
  const [own, setOwn] = useState('');
  const notice = useNotice();
  const name = useId();
  const first = useRef<HTMLInputElement>(null);
  const ownInput = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const submit = () => {
    const reason = choice === OTHER ? own.trim() : choice;
    if (reason.length < 3) {
      notice.warn('Not rejected: say briefly why it is not used (at least 3 characters). It is kept for the record.');
      ownInput.current?.focus();
      return;
    }
    void props.moderation.reject(reason);
  };

  return (
    <form
      noValidate
      class="inline-form"
      aria-label="Reject"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') props.moderation.cancelReject();
        // Enter confirms from a reason too (a radio button alone would not submit the form).
        else if (event.key === 'Enter' && event.target instanceof HTMLInputElement) {
          event.preventDefault();
          submit();
        }
      }}
    >
      <fieldset>
        <legend>Why is it not used? Kept for the record.</legend>
        {PRESET_REASONS.map((reason, i) => (
          <label class="check" key={reason}>
            <input ref={i === 0 ? first : undefined} type="radio" name={name} value={reason} checked={choice === reason} onChange={() => setChoice(reason)} /> {reason}
          </label>
        ))}
        <label class="check">
          <input type="radio" name={name} value={OTHER} checked={choice === OTHER} onChange={() => setChoice(OTHER)} /> Another reason
        </label>
        {choice === OTHER ? (
          <div class="field">
            <label for={`${name}-own`}>Your reason</label>
            <input ref={ownInput} id={`${name}-own`} type="text" value={own} maxLength={500} required onInput={(event) => setOwn(event.currentTarget.value)} />
          </div>
        ) : null}
      </fieldset>
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
