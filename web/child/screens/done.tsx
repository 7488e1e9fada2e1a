/** After sending: the receipt, big and copyable; or "saved on this device" until the outbox sends it. */
import { useState } from 'preact/hooks';
import type { Problem } from '../../shared/api-types.ts';
import { HelpPanel, Screen } from '../components.tsx';
import { useT } from '../context.ts';

export type SendResult =
  | { kind: 'sent'; receipt: string; showHelp: boolean }
  | { kind: 'saved'; showHelp: boolean }
  | { kind: 'needs_fixing'; problem: Problem };

export function Done(props: { result: SendResult; waiting: number; onFinish: () => void; onFix: () => void; onCopied: () => void }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  const { result } = props;
  if (result.kind === 'needs_fixing') {
    return (
      <Screen title={t('fixThis')}>
        <p role="alert">{result.problem.detail}</p>
        {(result.problem.errors ?? []).map((error) => (
          <p>{error.detail}</p>
        ))}
        <button type="button" class="primary" onClick={props.onFix}>
          {t('back')}
        </button>
      </Screen>
    );
  }
  return (
    <Screen title={result.kind === 'sent' ? t('sentTitle') : t('savedTitle')}>
      {result.showHelp ? <HelpPanel urgent /> : null}
      {result.kind === 'sent' ? (
        <>
          <p>{t('receiptIntro')}</p>
          <p class="receipt" data-testid="receipt">
            {result.receipt}
          </p>
          <button
            type="button"
            onClick={() => {
              void navigator.clipboard?.writeText(result.receipt).then(() => {
                setCopied(true);
                props.onCopied();
              });
            }}
          >
            {copied ? t('copied') : t('copy')}
          </button>
        </>
      ) : (
        <p data-testid="saved">{t('savedBody')}</p>
      )}
      {props.waiting > 0 ? <p class="notice">{t('waitingCount', { count: props.waiting })}</p> : null}
      <button type="button" class="primary" onClick={props.onFinish}>
        {t('sendAnother')}
      </button>
    </Screen>
  );
}
