/**
 * In a group session, before the tablet goes to the next child: this child's codes, big and clear, with a paper slip
 * the worker can print. The receipt format is random letters and numbers, so it is shown in groups of five, spaced.
 */
import { Screen } from '../components.tsx';
import { useT } from '../context.ts';
import { Said } from '../speak.tsx';
import type { MyMessage } from '../outbox.ts';

export function KeepCode(props: { messages: MyMessage[]; onDone: () => void }) {
  const t = useT();
  const receipts = props.messages.flatMap((message) => (message.receipt ? [message.receipt] : []));
  const waiting = props.messages.some((message) => !message.receipt);
  return (
    <Screen title={t('keepTitle')}>
      {receipts.length > 0 ? (
        <section class="slip" aria-label={t('slipTitle')}>
          <p class="slip-title">{t('slipTitle')}</p>
          {receipts.map((receipt) => (
            <Said class="receipt big-receipt" testId="keep-receipt" text={receipt} />
          ))}
        </section>
      ) : null}
      {receipts.length > 0 ? <Said text={t('keepBody')} /> : null}
      {waiting ? <Said class="notice" text={t('keepWaiting')} /> : null}
      <div class="actions">
        {receipts.length > 0 ? (
          <button type="button" onClick={() => window.print()}>
            🖨️ {t('printSlip')}
          </button>
        ) : null}
        <button type="button" class="primary" onClick={props.onDone}>
          {t('keptIt')}
        </button>
      </div>
    </Screen>
  );
}
