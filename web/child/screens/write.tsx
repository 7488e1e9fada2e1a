/** Say something: a big text box, prompt cards that can be read aloud, speech-to-text only after a plain warning. */
import { useState } from 'preact/hooks';
import { Screen } from '../components.tsx';
import { useT } from '../context.ts';
import type { MessageKey } from '../messages.ts';
import { SpeechInput } from '../speech-input.tsx';

const PROMPTS: MessageKey[] = ['prompt1', 'prompt2', 'prompt3'];

function speak(text: string, lang: string): void {
  if (!('speechSynthesis' in window)) return;
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = lang;
  window.speechSynthesis.cancel();
  window.speechSynthesis.speak(utterance);
}

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
        <h2 id="prompts">{t('promptsTitle')}</h2>
        <ul class="prompts">
          {PROMPTS.map((prompt) => (
            <li>
              <span>{t(prompt)}</span>
              <button type="button" class="small" onClick={() => speak(t(prompt), lang)}>
                🔊 {t('readAloud')}
              </button>
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
      {error ? <p role="alert">{t('writeEmpty')}</p> : null}
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
