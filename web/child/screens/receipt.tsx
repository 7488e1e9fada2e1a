/** Look up a receipt, and withdraw: the child changes their mind. */
import { useState } from 'preact/hooks';
import type { ReceiptStatus } from '../../shared/api-types.ts';
import { isProblem, lookUpReceipt, withdraw } from '../api.ts';
import { Screen } from '../components.tsx';
import { useT } from '../context.ts';

export function ReceiptScreen(props: { onBack: () => void }) {
  const t = useT();
  const [code, setCode] = useState('');
  const [status, setStatus] = useState<ReceiptStatus>();
  const [error, setError] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const show = (result: ReceiptStatus | { detail: string }) => {
    if (isProblem(result)) {
      setError(result.detail);
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
      {error ? <p role="alert">{error}</p> : null}
      {status ? (
        <section aria-live="polite">
          <p class="status" data-testid="receipt-status">
            {status.message}
          </p>
          <p>{t('sentOn', { date: status.sentOn })}</p>
          {status.state !== 'withdrawn' && !confirming ? (
            <button type="button" onClick={() => setConfirming(true)}>
              {t('withdraw')}
            </button>
          ) : null}
          {confirming ? (
            <div role="alertdialog" aria-labelledby="confirm-withdraw">
              <p id="confirm-withdraw">{t('withdrawConfirm')}</p>
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
