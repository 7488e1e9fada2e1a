/** Consent on one screen: every choice starts unanswered, and keeping it private is as easy as sharing. */
import { useState } from 'preact/hooks';
import type { AgeBand, Consent, ConsentGiver } from '../../shared/api-types.ts';
import { Screen, YesNo } from '../components.tsx';
import { useT } from '../context.ts';
import { useTDevice } from '../messages-device.ts';

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
  const td = useTDevice();
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
  const quote = props.kind === 'quote' ? t('consentQuote') : td(`consentQuote_${props.kind}`);
  const publicly = props.kind === 'quote' ? t('consentPublic') : td(`consentPublic_${props.kind}`);
  return (
    <Screen title={t('consentTitle')}>
      <p>{t('consentIntro')}</p>
      <YesNo name="share" label={t('consentShare')} value={props.draft.shareWithCommittee} onChange={(value) => set({ shareWithCommittee: value })} />
      <YesNo name="quote" label={quote} value={props.draft.quoteInReports} onChange={(value) => set({ quoteInReports: value })} />
      <YesNo name="public" label={publicly} value={props.draft.publishPublicly} onChange={(value) => set({ publishPublicly: value })} />
      {props.needsAdult ? (
        <p class="hint" data-testid="public-needs-adult">
          {td('publicNeedsAdult')}
        </p>
      ) : null}
      <fieldset class="yes-no">
        <legend>{t('givenByTitle')}</legend>
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
      {missing && !completeConsent(props.draft) ? <p role="alert">{t('consentMissing')}</p> : null}
      {ageRefused && refusedByAge(props.draft, props.needsAdult) ? <p role="alert">{td('publicNeedsAdultRefused')}</p> : null}
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
