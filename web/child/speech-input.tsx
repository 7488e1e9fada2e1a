/**
 * "Talk instead of typing": the browser's speech recognition, which in Chrome sends the voice to the browser maker's
 * servers, outside Heard. So it is off until the child has read, in plain words, where their voice would go, and agreed.
 */
import { useState } from 'preact/hooks';
import { useT } from './context.ts';
import { useTDevice } from './messages-device.ts';

type Recognition = { lang: string; onresult: (event: { results: { 0: { transcript: string } }[] }) => void; start(): void };
type RecognitionConstructor = new () => Recognition;

function recognitionConstructor(): RecognitionConstructor | undefined {
  const scope = window as unknown as { SpeechRecognition?: RecognitionConstructor; webkitSpeechRecognition?: RecognitionConstructor };
  return scope.SpeechRecognition ?? scope.webkitSpeechRecognition;
}

/** The microphone button; the warning comes first, every time the screen is opened, until the child agrees. */
export function SpeechInput(props: { lang: string; onText: (spoken: string) => void }) {
  const t = useT();
  const td = useTDevice();
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
          <h2 id="speech-warning-title">{td('speechWarningTitle')}</h2>
          <p id="speech-warning">{td('speechWarning')}</p>
          <div class="actions">
            <button
              type="button"
              class="primary"
              onClick={() => {
                setAsking(false);
                setDeclined(true);
              }}
            >
              {td('speechNo')}
            </button>
            <button
              type="button"
              onClick={() => {
                setAsking(false);
                setAgreed(true);
                listen();
              }}
            >
              {td('speechAgree')}
            </button>
          </div>
        </div>
      ) : null}
      {declined && !agreed ? (
        <p class="hint" role="status">
          {td('speechOff')}
        </p>
      ) : null}
    </>
  );
}
