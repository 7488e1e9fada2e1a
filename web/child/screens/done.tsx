/** After sending: the receipt, big and copyable; or "saved on this device" until the outbox sends it. */
import { useState } from 'preact/hooks';
import type { Problem } from '../../shared/api-types.ts';
import { HelpPanel, Screen } from '../components.tsx';
import { useT } from '../context.ts';
import { Said } from '../speak.tsx';

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
        {/* The server's words are English (every client gets the same); marked so read-aloud uses an English voice. */}
        <div role="alert">
          <Said lang="en" text={result.problem.detail} />
        </div>
        {(result.problem.errors ?? []).map((error) => (
          <Said lang="en" text={error.detail} />
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
          <Said text={t('receiptIntro')} />
          <Said class="receipt" testId="receipt" text={result.receipt} />
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
        <Said testId="saved" text={t('savedBody')} />
      )}
      {props.waiting > 0 ? <Said class="notice" text={t('waitingCount', { count: props.waiting })} /> : null}
      <button type="button" class="primary" onClick={props.onFinish}>
        {t('sendAnother')}
      </button>
    </Screen>
  );
}
