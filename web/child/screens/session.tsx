/** A group session on one shared device: the worker starts it with the group code once, and children take turns. */
import { useState } from 'preact/hooks';
import { isProblem, joinGroup } from '../api.ts';
import { Screen } from '../components.tsx';
import { useT } from '../context.ts';
import { problemKey } from '../problem-words.ts';
import { Said } from '../speak.tsx';

export type Group = { code: string; name: string };

/** The worker enters the group code once (checked by POST /api/groups/join, so this needs a connection). */
export function StartSession(props: { onStarted: (group: Group) => void; onBack: () => void }) {
  const t = useT();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  const [checking, setChecking] = useState(false);
  const start = async (event: Event) => {
    event.preventDefault();
    setChecking(true);
    const result = await joinGroup(code.trim()).catch(() => undefined);
    setChecking(false);
    if (!result || isProblem(result)) setError(t(problemKey(result, 'group')));
    else props.onStarted({ code: code.trim(), name: result.name });
  };
  return (
    <Screen title={t('sessionTitle')}>
      <Said text={t('sessionBody')} />
      <form onSubmit={start}>
        <label class="field">
          {t('sessionCodeLabel')}
          <input value={code} autocomplete="off" autocapitalize="characters" onInput={(event) => setCode((event.target as HTMLInputElement).value)} />
        </label>
        {error ? <div role="alert"><Said text={error} /></div> : null}
        <div class="actions">
          <button type="button" onClick={props.onBack}>
            {t('back')}
          </button>
          <button type="submit" class="primary" disabled={checking || code.trim().length < 3}>
            {t('sessionBegin')}
          </button>
        </div>
      </form>
    </Screen>
  );
}

/** Between children: nothing of the last child, only the group's name, the next child's start, and the worker's end. */
export function HandOver(props: { group: Group; waiting: number; onNext: () => void; onEnd: () => void }) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  return (
    <Screen title={t('handOverTitle')}>
      <Said testId="hand-over" text={t('handOverBody')} />
      <Said class="notice" text={t('handOverGroup', { name: props.group.name })} />
      {props.waiting > 0 ? <Said class="notice" text={t('waitingCount', { count: props.waiting })} /> : null}
      <div class="actions">
        <button type="button" class="primary" onClick={props.onNext}>
          {t('nextPerson')}
        </button>
      </div>
      {confirming ? (
        <div role="alertdialog" aria-labelledby="confirm-end" class="notice">
          <Said id="confirm-end" text={t('endSessionConfirm')} />
          <div class="actions">
            <button type="button" onClick={() => setConfirming(false)}>
              {t('back')}
            </button>
            <button type="button" class="primary" onClick={props.onEnd}>
              {t('endSessionYes')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          {t('endSession')}
        </button>
      )}
    </Screen>
  );
}
