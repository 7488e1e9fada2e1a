/** Read-aloud: a speaker button beside each block of text, speaking it with a voice for its own language. */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useLanguage, useT } from './context.ts';

/** Chromium fills its voice list lazily; asking once at start means it is ready by the first tap. */
if (typeof window !== 'undefined' && 'speechSynthesis' in window) window.speechSynthesis.getVoices();

/** Speaks `text` with a voice for `lang`; false when this device has no such voice (then nothing is said). */
export function speakText(text: string, lang: string): boolean {
  if (!('speechSynthesis' in window)) return false;
  const synth = window.speechSynthesis;
  const wanted = lang.toLowerCase();
  const base = wanted.split('-')[0];
  const voices = synth.getVoices();
  const voice = voices.find((v) => v.lang.toLowerCase() === wanted) ?? voices.find((v) => v.lang.toLowerCase().split(/[-_]/)[0] === base);
  if (!voice) return false;
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = lang;
  utterance.voice = voice;
  synth.cancel();
  synth.speak(utterance);
  return true;
}

/**
 * The speaker button for one text block; `lang` is the text's own language when it differs from the screen's, and
 * `label` names the button when it says more than the block shows (a question read with its answers).
 */
export function Speak(props: { text: string; lang?: string | undefined; label?: string }) {
  const t = useT();
  const language = useLanguage();
  const [missing, setMissing] = useState<string>();
  const lang = props.lang ?? language;
  return (
    <>
      <button
        type="button"
        class="speak"
        aria-label={t('readAloudLabel', { text: props.label ?? props.text })}
        onClick={() => setMissing(speakText(props.text, lang) ? undefined : lang)}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22">
          <path d="M3 9v6h4l5 4V5L7 9H3z" fill="currentColor" />
          <path d="M15.5 8.5a5 5 0 0 1 0 7M18 6a8.5 8.5 0 0 1 0 12" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
        </svg>
      </button>
      {missing ? (
        <span role="status" class="no-voice">
          {t('noVoice', { language: new Intl.DisplayNames(language, { type: 'language' }).of(missing) ?? missing })}
        </span>
      ) : null}
    </>
  );
}

/** A block of text (heading, paragraph, question) with its speaker button; `lang` marks text not in the screen's language. */
export function Said(props: { as?: 'h1' | 'h2' | 'p' | 'span'; text: string; lang?: string | undefined; class?: string; id?: string; children?: ComponentChildren; testId?: string }) {
  const Tag = props.as ?? 'p';
  const language = useLanguage();
  const lang = props.lang && props.lang !== language ? props.lang : undefined;
  return (
    <div class="said">
      <Tag class={props.class} id={props.id} lang={lang} data-testid={props.testId}>
        {props.children ?? props.text}
      </Tag>
      <Speak text={props.text} lang={lang} />
    </div>
  );
}
