/** Pieces every screen shares: the header with quick exit and help, the help panel, big choice buttons. */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useLanguage, useT } from './context.ts';
import { quickExit } from './quick-exit.ts';
import { Said, Speak } from './speak.tsx';

export function Header(props: { onHelp: () => void }) {
  const t = useT();
  return (
    <header class="bar">
      {/* First in the page, so it is the first Tab stop; shown at the end of the bar, where children look for it. */}
      <button type="button" class="quick-exit" onClick={quickExit}>
        {t('quickExit')}
      </button>
      <span class="brand">{t('appName')}</span>
      <button type="button" class="help-link" onClick={props.onHelp}>
        {t('helpNow')}
      </button>
    </header>
  );
}

export function HelpPanel(props: { onClose?: () => void; urgent?: boolean }) {
  const t = useT();
  return (
    <section class={props.urgent ? 'help urgent' : 'help'} role="region" aria-labelledby="help-title">
      <Said as="h2" id="help-title" text={t('helpTitle')} />
      <Said text={t('helpChildline')} />
      <Said text={t('helpEmergency')}>
        <strong>{t('helpEmergency')}</strong>
      </Said>
      <Said text={t('helpBody')} />
      {props.onClose ? (
        <button type="button" onClick={props.onClose}>
          {t('close')}
        </button>
      ) : null}
    </section>
  );
}

/** A yes/no question where neither answer starts chosen and both look alike; `picture` is its symbol. */
export function YesNo(props: { name: string; label: string; value: boolean | undefined; onChange: (value: boolean) => void; picture?: ComponentChildren }) {
  const t = useT();
  return (
    <fieldset class="yes-no">
      <legend>
        {props.picture}
        {props.label}
      </legend>
      {/* One button reads the question and both answers, so the child hears what they can choose. */}
      <Speak text={`${props.label} ${t('yes')}. ${t('no')}.`} label={props.label} />
      {[true, false].map((option) => (
        <label class={props.value === option ? 'choice chosen' : 'choice'}>
          <input type="radio" name={props.name} checked={props.value === option} onChange={() => props.onChange(option)} />
          {option ? t('yes') : t('no')}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * A screen: its heading takes focus when it appears, so a screen reader announces where the child is; `titleLang` marks
 * a title that is not in the screen's language (a survey only written in English). `readAlso` is read after the title
 * by its speaker: the big choice buttons of the screen, so a child who cannot read yet hears what they can choose.
 */
export function Screen(props: { title: string; titleLang?: string | undefined; children: ComponentChildren; headingId?: string; readAlso?: readonly string[] }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const language = useLanguage();
  const titleLang = props.titleLang && props.titleLang !== language ? props.titleLang : undefined;
  return (
    <main>
      <div class="said">
        <h1 tabIndex={-1} ref={heading} id={props.headingId} lang={titleLang}>
          {props.title}
        </h1>
        <Speak text={[props.title, ...(props.readAlso ?? [])].join('. ')} label={props.title} lang={titleLang} />
      </div>
      {props.children}
    </main>
  );
}
