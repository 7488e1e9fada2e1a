/**
 * "Talk instead of typing": the browser's speech recognition, which in Chrome sends the voice to the browser maker's
 * servers, outside Heard. So it is off until the child has read, in plain words, where their voice would go, and agreed.
 */
import { useState } from 'preact/hooks';
import { useT } from './context.ts';
import { Said } from './speak.tsx';

type Recognition = { lang: string; onresult: (event: { results: { 0: { transcript: string } }[] }) => void; start(): void };
type RecognitionConstructor = new () => Recognition;

function recognitionConstructor(): RecognitionConstructor | undefined {
  const scope = window as unknown as { SpeechRecognition?: RecognitionConstructor; webkitSpeechRecognition?: RecognitionConstructor };
  return scope.SpeechRecognition ?? scope.webkitSpeechRecognition;
}

/** The microphone button; the warning comes first, every time the screen is opened, until the child agrees. */
export function SpeechInput(props: { lang: string; onText: (spoken: string) => void }) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  const [agreed, setAgreed] = useState(false);
  const [declined, setDeclined] = useState(false);
  const Recognition = recognitionConstructor();
  if (!Recognition) return null;
  const listen = () => {
    const recognition = new Recognition();
    recognition.lang = props.lang;
    recognition.onresult = (event) => props.onText(event.results[0]?.[0].transcript ?? '');
    recognition.start();
  };
  return (
    <>
      <button type="button" onClick={() => (agreed ? listen() : setAsking(true))}>
        🎤 {t('speak')}
      </button>
      {asking ? (
        <div role="alertdialog" aria-labelledby="speech-warning-title" aria-describedby="speech-warning" class="notice">
          <Said as="h2" id="speech-warning-title" text={t('speechWarningTitle')} />
          <Said id="speech-warning" text={t('speechWarning')} />
          <div class="actions">
            <button
              type="button"
              class="primary"
              onClick={() => {
                setAsking(false);
                setDeclined(true);
              }}
            >
              {t('speechNo')}
            </button>
            <button
              type="button"
              onClick={() => {
                setAsking(false);
                setAgreed(true);
                listen();
              }}
            >
              {t('speechAgree')}
            </button>
          </div>
        </div>
      ) : null}
      {declined && !agreed ? (
        <div role="status">
          <Said class="hint" text={t('speechOff')} />
        </div>
      ) : null}
    </>
  );
}
