/** Consent on one screen: every choice starts unanswered, and keeping it private is as easy as sharing. */
import { useState } from 'preact/hooks';
import type { AgeBand, Consent, ConsentGiver } from '../../shared/api-types.ts';
import { Screen, YesNo } from '../components.tsx';
import { useT } from '../context.ts';
import { Said, Speak } from '../speak.tsx';
import { CommitteeSymbol, HelperSymbol, PublicSymbol, QuoteSymbol } from '../symbols.tsx';

export type ConsentDraft = { shareWithCommittee?: boolean; quoteInReports?: boolean; publishPublicly?: boolean; givenBy?: ConsentGiver };

export function completeConsent(draft: ConsentDraft): Consent | undefined {
  const { shareWithCommittee, quoteInReports, publishPublicly, givenBy } = draft;
  if (shareWithCommittee === undefined || quoteInReports === undefined || publishPublicly === undefined || !givenBy) return undefined;
  return { shareWithCommittee, quoteInReports, publishPublicly, givenBy };
}

export function ConsentScreen(props: {
  ageBand: AgeBand;
  draft: ConsentDraft;
  sending: boolean;
  onChange: (draft: ConsentDraft) => void;
  onSend: (consent: Consent) => void;
  onBack: () => void;
}) {
  const t = useT();
  const [missing, setMissing] = useState(false);
  const set = (change: ConsentDraft) => props.onChange({ ...props.draft, ...change });
  const send = () => {
    const consent = completeConsent(props.draft);
    if (!consent) setMissing(true);
    else props.onSend(consent);
  };
  return (
    <Screen title={t('consentTitle')}>
      <Said text={t('consentIntro')} />
      <YesNo name="share" picture={<CommitteeSymbol />} label={t('consentShare')} value={props.draft.shareWithCommittee} onChange={(value) => set({ shareWithCommittee: value })} />
      <YesNo name="quote" picture={<QuoteSymbol />} label={t('consentQuote')} value={props.draft.quoteInReports} onChange={(value) => set({ quoteInReports: value })} />
      <YesNo name="public" picture={<PublicSymbol />} label={t('consentPublic')} value={props.draft.publishPublicly} onChange={(value) => set({ publishPublicly: value })} />
      <fieldset class="yes-no">
        <legend>
          <HelperSymbol />
          {t('givenByTitle')}
        </legend>
        <Speak text={`${t('givenByTitle')} ${t('givenBySelf')}. ${t('givenByCarer')}. ${t('givenByWorker')}.`} label={t('givenByTitle')} />
        {(
          [
            ['self', 'givenBySelf'],
            ['carer', 'givenByCarer'],
            ['worker', 'givenByWorker'],
          ] as const
        ).map(([value, label]) => (
          <label class={props.draft.givenBy === value ? 'choice chosen' : 'choice'}>
            <input type="radio" name="givenBy" checked={props.draft.givenBy === value} onChange={() => set({ givenBy: value })} />
            {t(label)}
          </label>
        ))}
      </fieldset>
      {missing && !completeConsent(props.draft) ? <div role="alert"><Said text={t('consentMissing')} /></div> : null}
      <div class="actions">
        <button type="button" onClick={props.onBack}>
          {t('back')}
        </button>
        <button type="button" class="primary" onClick={send} disabled={props.sending}>
          {props.sending ? t('sending') : t('send')}
        </button>
      </div>
    </Screen>
  );
}
