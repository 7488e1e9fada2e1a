/** Start: who will read this and why, language, an optional group code, or a receipt to check. */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { isProblem, joinGroup } from '../api.ts';
import { Screen } from '../components.tsx';
import { useT } from '../context.ts';
import { LANGUAGES, type Language } from '../messages.ts';
import { problemKey } from '../problem-words.ts';
import { Said, Speak } from '../speak.tsx';
import { StartSymbol } from '../symbols.tsx';

export function Welcome(props: {
  language: Language;
  onLanguage: (language: Language) => void;
  group: { code: string; name: string } | undefined;
  onGroup: (group: { code: string; name: string } | undefined) => void;
  onStart: () => void;
  onReceipt: () => void;
  /** In a group session the group is fixed for every child; only the worker ends it, from the hand-over screen. */
  inSession: boolean;
  onSession: () => void;
  onHandOver: () => void;
  /** Shown under the introduction: something saved earlier that could not be sent. */
  children?: ComponentChildren;
}) {
  const t = useT();
  const [code, setCode] = useState('');
  const [groupError, setGroupError] = useState<string>();
  const join = async (event: Event) => {
    event.preventDefault();
    const result = await joinGroup(code.trim()).catch(() => undefined);
    if (!result || isProblem(result)) setGroupError(t(problemKey(result, 'group')));
    else {
      setGroupError(undefined);
      props.onGroup({ code: code.trim(), name: result.name });
    }
  };
  return (
    <Screen title={t('welcomeTitle')}>
      <Said text={t('welcomeBody')} />
      {/* The one obvious way on, inside the first phone screen (360×640) in every language. */}
      <button type="button" class="primary start" onClick={props.onStart}>
        <StartSymbol />
        {t('start')}
      </button>
      {props.children}
      <label class="field">
        {t('language')}
        <select value={props.language} onChange={(event) => props.onLanguage((event.target as HTMLSelectElement).value as Language)}>
          {Object.entries(LANGUAGES).map(([value, { name }]) => (
            <option value={value} lang={value}>
              {name}
            </option>
          ))}
        </select>
      </label>
      {props.group ? (
        <div class="notice said">
          <p>{t('joinedGroup', { name: props.group.name })}</p>
          <Speak text={t('joinedGroup', { name: props.group.name })} />
          {props.inSession ? null : (
            <button type="button" class="link" onClick={() => props.onGroup(undefined)}>
              {t('leaveGroup')}
            </button>
          )}
        </div>
      ) : (
        <form class="inline" onSubmit={join}>
          <label class="field">
            {t('groupCodeLabel')}
            <input value={code} onInput={(event) => setCode((event.target as HTMLInputElement).value)} autocomplete="off" />
          </label>
          <button type="submit" disabled={code.trim().length < 3}>
            {t('joinGroup')}
          </button>
          {groupError ? <div role="alert"><Said text={groupError} /></div> : null}
        </form>
      )}
      <div class="actions">
        <button type="button" onClick={props.onReceipt}>
          {t('haveReceipt')}
        </button>
      </div>
      {props.inSession ? (
        <button type="button" onClick={props.onHandOver}>
          {t('handOverNow')}
        </button>
      ) : (
        <button type="button" onClick={props.onSession}>
          {t('sessionOpen')}
        </button>
      )}
    </Screen>
  );
}
