/** Pieces every screen shares: the header with quick exit and help, the help panel, big choice buttons. */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useT } from './context.ts';
import { quickExit } from './quick-exit.ts';

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
      <h2 id="help-title">{t('helpTitle')}</h2>
      <p>{t('helpChildline')}</p>
      <p>
        <strong>{t('helpEmergency')}</strong>
      </p>
      <p>{t('helpBody')}</p>
      {props.onClose ? (
        <button type="button" onClick={props.onClose}>
          {t('close')}
        </button>
      ) : null}
    </section>
  );
}

/** A yes/no question where neither answer starts chosen and both look alike. */
export function YesNo(props: { name: string; label: string; value: boolean | undefined; onChange: (value: boolean) => void }) {
  const t = useT();
  return (
    <fieldset class="yes-no">
      <legend>{props.label}</legend>
      {[true, false].map((option) => (
        <label class={props.value === option ? 'choice chosen' : 'choice'}>
          <input type="radio" name={props.name} checked={props.value === option} onChange={() => props.onChange(option)} />
          {option ? t('yes') : t('no')}
        </label>
      ))}
    </fieldset>
  );
}

/** A screen: its heading takes focus when it appears, so a screen reader announces where the child is. */
export function Screen(props: { title: string; children: ComponentChildren; headingId?: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <main>
      <h1 tabIndex={-1} ref={heading} id={props.headingId}>
        {props.title}
      </h1>
      {props.children}
    </main>
  );
}
