/** "My messages": every message made on this device, with its receipt once sent, to check or take back. */
import { useContext, useState } from 'preact/hooks';
import type { Problem, ReceiptStatus } from '../../shared/api-types.ts';
import { isProblem, lookUpReceipt, withdraw } from '../api.ts';
import { Screen } from '../components.tsx';
import { LanguageContext, useT } from '../context.ts';
import type { MessageKey } from '../messages.ts';
import type { MyMessage } from '../outbox.ts';
import { problemKey } from '../problem-words.ts';
import { Said } from '../speak.tsx';
import { STATUS } from './receipt.tsx';

/** "Are you sure?", with the safe answer (Back) as easy to reach as yes. */
export function Confirm(props: { question: string; yes: string; onYes: () => void; onNo: () => void }) {
  const t = useT();
  return (
    <div role="alertdialog" aria-label={props.question} class="notice">
      <Said text={props.question} />
      <button type="button" class="primary" onClick={props.onYes}>
        {props.yes}
      </button>
      <button type="button" onClick={props.onNo}>
        {t('back')}
      </button>
    </div>
  );
}

function MyMessageRow(props: { message: MyMessage; onForget: () => void }) {
  const t = useT();
  const language = useContext(LanguageContext);
  const [status, setStatus] = useState<MessageKey>();
  const [confirming, setConfirming] = useState(false);
  const { message } = props;
  // In the child's words, as on the receipt screen; the API's English `message` is for other clients.
  const show = (result: ReceiptStatus | Problem) => setStatus(isProblem(result) ? problemKey(result, 'receipt') : STATUS[(result as ReceiptStatus).state]);
  const made = new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(message.savedAt);
  return (
    <li class="my-message" data-testid="my-message">
      <Said text={`${t(`kind_${message.kind}`)} · ${t('madeOn', { date: made })}`}>
        <strong>{t(`kind_${message.kind}`)}</strong> · {t('madeOn', { date: made })}
      </Said>
      {message.receipt ? (
        <>
          <Said class="receipt small-receipt" testId="my-receipt" text={message.receipt} />
          <div class="actions">
            <button type="button" onClick={async () => show(await lookUpReceipt(message.receipt!))}>
              {t('whatHappened')}
            </button>
            {confirming ? null : (
              <button type="button" onClick={() => setConfirming(true)}>
                {t('takeBack')}
              </button>
            )}
          </div>
          {confirming ? (
            <Confirm
              question={t('takeBackConfirm')}
              yes={t('takeBackYes')}
              onYes={async () => {
                setConfirming(false);
                show(await withdraw(message.receipt!));
              }}
              onNo={() => setConfirming(false)}
            />
          ) : null}
          {status ? (
            <div aria-live="polite">
              <Said class="status" testId="my-status" text={t(status)} />
            </div>
          ) : null}
        </>
      ) : (
        <Said class="notice" testId="my-waiting" text={t('waitingToSend')} />
      )}
      <button type="button" class="link" onClick={props.onForget}>
        {t('forgetOne')}
      </button>
    </li>
  );
}

export function MyMessages(props: { messages: MyMessage[]; onForget: (ids?: string[]) => void; onBack: () => void }) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  return (
    <Screen title={t('myMessages')}>
      <Said text={t('myMessagesIntro')} />
      {props.messages.length === 0 ? <Said text={t('myMessagesEmpty')} /> : null}
      <ul class="my-messages">
        {[...props.messages].reverse().map((message) => (
          <MyMessageRow key={message.id} message={message} onForget={() => props.onForget([message.id])} />
        ))}
      </ul>
      {props.messages.length > 0 && !confirming ? (
        <button type="button" onClick={() => setConfirming(true)}>
          {t('forgetAll')}
        </button>
      ) : null}
      {confirming ? (
        <Confirm
          question={t('forgetAllConfirm')}
          yes={t('forgetAllYes')}
          onYes={() => {
            setConfirming(false);
            props.onForget();
          }}
          onNo={() => setConfirming(false)}
        />
      ) : null}
      <button type="button" onClick={props.onBack}>
        {t('back')}
      </button>
    </Screen>
  );
}
