/** A group session on one shared device: the worker starts it with the group code once, and children take turns. */
import { useState } from 'preact/hooks';
import { isProblem, joinGroup } from '../api.ts';
import { Screen } from '../components.tsx';
import { useT } from '../context.ts';

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
    if (!result || isProblem(result)) setError(result?.detail ?? t('helpBody'));
    else props.onStarted({ code: code.trim(), name: result.name });
  };
  return (
    <Screen title={t('sessionTitle')}>
      <p>{t('sessionBody')}</p>
      <form onSubmit={start}>
        <label class="field">
          {t('sessionCodeLabel')}
          <input value={code} autocomplete="off" autocapitalize="characters" onInput={(event) => setCode((event.target as HTMLInputElement).value)} />
        </label>
        {error ? <p role="alert">{error}</p> : null}
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
      <p data-testid="hand-over">{t('handOverBody')}</p>
      <p class="notice">{t('handOverGroup', { name: props.group.name })}</p>
      {props.waiting > 0 ? <p class="notice">{t('waitingCount', { count: props.waiting })}</p> : null}
      <div class="actions">
        <button type="button" class="primary" onClick={props.onNext}>
          {t('nextPerson')}
        </button>
      </div>
      {confirming ? (
        <div role="alertdialog" aria-labelledby="confirm-end" class="notice">
          <p id="confirm-end">{t('endSessionConfirm')}</p>
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
