/** Look up a receipt, and withdraw: the child changes their mind. */
import { useState } from 'preact/hooks';
import type { Problem, ReceiptStatus } from '../../shared/api-types.ts';
import { isProblem, lookUpReceipt, withdraw } from '../api.ts';
import { Screen } from '../components.tsx';
import { useLanguage, useT } from '../context.ts';
import { formatDay, type MessageKey } from '../messages.ts';
import { problemKey } from '../problem-words.ts';
import { Said } from '../speak.tsx';

/** The receipt's state in the child's words; the API's English `message` is for other clients. */
export const STATUS: Record<ReceiptStatus['state'], MessageKey> = {
  received: 'status_received',
  being_looked_at: 'status_being_looked_at',
  ready_to_share: 'status_ready_to_share',
  not_used: 'status_not_used',
  withdrawn: 'status_withdrawn',
};

export function ReceiptScreen(props: { onBack: () => void }) {
  const t = useT();
  const language = useLanguage();
  const [code, setCode] = useState('');
  const [status, setStatus] = useState<ReceiptStatus>();
  const [error, setError] = useState<MessageKey>();
  const [confirming, setConfirming] = useState(false);
  const show = (result: ReceiptStatus | Problem) => {
    if (isProblem(result)) {
      setError(problemKey(result, 'receipt'));
      setStatus(undefined);
    } else {
      setError(undefined);
      setStatus(result as ReceiptStatus);
    }
  };
  return (
    <Screen title={t('receiptTitle')}>
      <form
        class="inline"
        onSubmit={async (event) => {
          event.preventDefault();
          show(await lookUpReceipt(code));
        }}
      >
        <label class="field">
          {t('receiptLabel')}
          <input value={code} autocomplete="off" autocapitalize="characters" onInput={(event) => setCode((event.target as HTMLInputElement).value)} />
        </label>
        <button type="submit" disabled={code.trim().length < 10}>
          {t('check')}
        </button>
      </form>
      {error ? <div role="alert"><Said text={t(error)} /></div> : null}
      {status ? (
        <section aria-live="polite">
          <Said class="status" testId="receipt-status" text={t(STATUS[status.state])} />
          {status.sharedWith.map((share) => (
            <Said text={t('sharedWith', { committee: share.committee, date: formatDay(share.on, language) })} />
          ))}
          <Said text={t('sentOn', { date: formatDay(status.sentOn, language) })} />
          {status.state !== 'withdrawn' && !confirming ? (
            <button type="button" onClick={() => setConfirming(true)}>
              {t('withdraw')}
            </button>
          ) : null}
          {confirming ? (
            <div role="alertdialog" aria-labelledby="confirm-withdraw">
              <Said id="confirm-withdraw" text={t('withdrawConfirm')} />
              <button
                type="button"
                class="primary"
                onClick={async () => {
                  setConfirming(false);
                  show(await withdraw(code));
                }}
              >
                {t('withdrawYes')}
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                {t('back')}
              </button>
            </div>
          ) : null}
        </section>
      ) : null}
      <button type="button" onClick={props.onBack}>
        {t('back')}
      </button>
    </Screen>
  );
}
