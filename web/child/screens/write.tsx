/** Say something: a big text box, prompt cards that can be read aloud, speech-to-text only after a plain warning. */
import { useState } from 'preact/hooks';
import { Screen } from '../components.tsx';
import { useT } from '../context.ts';
import type { MessageKey } from '../messages.ts';
import { Said } from '../speak.tsx';
import { SpeechInput } from '../speech-input.tsx';

const PROMPTS: MessageKey[] = ['prompt1', 'prompt2', 'prompt3'];

export function Write(props: {
  text: string;
  wantsToTalk: boolean;
  onChange: (text: string) => void;
  onWantsToTalk: (value: boolean) => void;
  onNext: () => void;
  onBack: () => void;
  onDraw: () => void;
}) {
  const t = useT();
  const [error, setError] = useState(false);
  const lang = document.documentElement.lang || 'en';
  const next = () => {
    if (props.text.trim() === '') setError(true);
    else props.onNext();
  };
  return (
    <Screen title={t('writeTitle')}>
      <section aria-labelledby="prompts">
        <Said as="h2" id="prompts" text={t('promptsTitle')} />
        <ul class="prompts">
          {PROMPTS.map((prompt) => (
            <li>
              <Said as="span" text={t(prompt)} />
            </li>
          ))}
        </ul>
      </section>
      <label class="field">
        {t('writeLabel')}
        <span class="hint">{t('writeHint')}</span>
        <textarea
          rows={8}
          value={props.text}
          aria-invalid={error}
          onInput={(event) => {
            setError(false);
            props.onChange((event.target as HTMLTextAreaElement).value);
          }}
        />
      </label>
      {error ? <div role="alert"><Said text={t('writeEmpty')} /></div> : null}
      <SpeechInput lang={lang} onText={(spoken) => props.onChange(`${props.text} ${spoken}`.trim())} />
      <label class="check">
        <input type="checkbox" checked={props.wantsToTalk} onChange={(event) => props.onWantsToTalk((event.target as HTMLInputElement).checked)} />
        {t('wantsToTalk')}
      </label>
      <button type="button" onClick={props.onDraw}>
        🖍️ {t('drawInstead')}
      </button>
      <div class="actions">
        <button type="button" onClick={props.onBack}>
          {t('back')}
        </button>
        <button type="button" class="primary" onClick={next}>
          {t('next')}
        </button>
      </div>
    </Screen>
  );
}
