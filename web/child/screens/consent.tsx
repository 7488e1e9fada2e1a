/** Consent on one screen: every choice starts unanswered, and keeping it private is as easy as sharing. */
import { useState } from 'preact/hooks';
import type { AgeBand, Consent, ConsentGiver } from '../../shared/api-types.ts';
import { Screen, YesNo } from '../components.tsx';
import { useT } from '../context.ts';
import { Said, Speak } from '../speak.tsx';
import { CommitteeSymbol, HelperSymbol, PublicSymbol, QuoteSymbol } from '../symbols.tsx';

/** What is being shared, for words that match it. */
export type ConsentKind = 'quote' | 'drawing' | 'photo' | 'survey';

export type ConsentDraft = { shareWithCommittee?: boolean; quoteInReports?: boolean; publishPublicly?: boolean; givenBy?: ConsentGiver };

export function completeConsent(draft: ConsentDraft): Consent | undefined {
  const { shareWithCommittee, quoteInReports, publishPublicly, givenBy } = draft;
  if (shareWithCommittee === undefined || quoteInReports === undefined || publishPublicly === undefined || !givenBy) return undefined;
  return { shareWithCommittee, quoteInReports, publishPublicly, givenBy };
}

/** True when this consent is one the partnership's age rule refuses: public sharing chosen alone by a child who needs an adult. */
export function refusedByAge(draft: ConsentDraft, needsAdult: boolean | undefined): boolean {
  return Boolean(needsAdult && draft.publishPublicly && draft.givenBy === 'self');
}

export function ConsentScreen(props: {
  ageBand: AgeBand;
  kind: ConsentKind;
  /** From the age rule: this child's age band needs an adult to agree to public sharing (undefined: not known here). */
  needsAdult: boolean | undefined;
  draft: ConsentDraft;
  sending: boolean;
  onChange: (draft: ConsentDraft) => void;
  onSend: (consent: Consent) => void;
  onBack: () => void;
}) {
  const t = useT();
  const [missing, setMissing] = useState(false);
  const [ageRefused, setAgeRefused] = useState(false);
  const set = (change: ConsentDraft) => props.onChange({ ...props.draft, ...change });
  const send = () => {
    const consent = completeConsent(props.draft);
    if (!consent) setMissing(true);
    // Refused here, before any request: the child learns at once who must help, not after Send.
    else if (refusedByAge(props.draft, props.needsAdult)) setAgeRefused(true);
    else props.onSend(consent);
  };
  const quote = props.kind === 'quote' ? t('consentQuote') : t(`consentQuote_${props.kind}`);
  const publicly = props.kind === 'quote' ? t('consentPublic') : t(`consentPublic_${props.kind}`);
  return (
    <Screen title={t('consentTitle')}>
      <Said text={t('consentIntro')} />
      <YesNo name="share" picture={<CommitteeSymbol />} label={t('consentShare')} value={props.draft.shareWithCommittee} onChange={(value) => set({ shareWithCommittee: value })} />
      <YesNo name="quote" picture={<QuoteSymbol />} label={quote} value={props.draft.quoteInReports} onChange={(value) => set({ quoteInReports: value })} />
      <YesNo name="public" picture={<PublicSymbol />} label={publicly} value={props.draft.publishPublicly} onChange={(value) => set({ publishPublicly: value })} />
      {props.needsAdult ? (
        <div class="hint" data-testid="public-needs-adult">
          <Said text={t('publicNeedsAdult')} />
        </div>
      ) : null}
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
      {ageRefused && refusedByAge(props.draft, props.needsAdult) ? <div role="alert"><Said text={t('publicNeedsAdultRefused')} /></div> : null}
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
