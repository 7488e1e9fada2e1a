/** Say something: a big text box, prompt cards that can be read aloud, speech-to-text where the browser has it. */
import { useState } from 'preact/hooks';
import { Screen } from '../components.tsx';
import { useT } from '../context.ts';
import type { MessageKey } from '../messages.ts';
import { Said } from '../speak.tsx';

const PROMPTS: MessageKey[] = ['prompt1', 'prompt2', 'prompt3'];

type Recognition = { lang: string; onresult: (event: { results: { 0: { transcript: string } }[] }) => void; start(): void };

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
  const Recognition = (window as unknown as { SpeechRecognition?: new () => Recognition; webkitSpeechRecognition?: new () => Recognition })
    .SpeechRecognition ?? (window as unknown as { webkitSpeechRecognition?: new () => Recognition }).webkitSpeechRecognition;
  const listen = () => {
    if (!Recognition) return;
    const recognition = new Recognition();
    recognition.lang = lang;
    recognition.onresult = (event) => props.onChange(`${props.text} ${event.results[0]?.[0].transcript ?? ''}`.trim());
    recognition.start();
  };
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
      {Recognition ? (
        <button type="button" onClick={listen}>
          🎤 {t('speak')}
        </button>
      ) : null}
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
