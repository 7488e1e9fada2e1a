/** The children's app: a few calm screens, one outbox, and nothing kept about the child once it is sent. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AgeBand, Consent, OpenSurvey, SubmissionBody } from '../shared/api-types.ts';
import { Header, HelpPanel } from './components.tsx';
import { LanguageContext } from './context.ts';
import { deviceId } from './device.ts';
import { LANGUAGES, loadLanguage, translate, type Language } from './messages.ts';
import { deviceLanguage, warmUpPreferredLanguages, warmUpSurveys } from './warm-up.ts';
import { openOutbox, type MyMessage, type Outbox, type OutboxItem } from './outbox.ts';
import { Said } from './speak.tsx';
import { Age } from './screens/age.tsx';
import { Choose } from './screens/choose.tsx';
import { ConsentScreen, type ConsentDraft } from './screens/consent.tsx';
import { Done, type SendResult } from './screens/done.tsx';
import { CoverTracks } from './screens/cover-tracks.tsx';
import { KeepCode } from './screens/keep-code.tsx';
import { MyMessages } from './screens/my-messages.tsx';
import { Draw } from './screens/draw.tsx';
import { ReceiptScreen } from './screens/receipt.tsx';
import { Refused, RefusedDone, type RefusedOutcome } from './screens/refused.tsx';
import { HandOver, StartSession, type Group } from './screens/session.tsx';
import { Welcome } from './screens/welcome.tsx';
import type { Answers } from './screens/survey.tsx';
import { Write } from './screens/write.tsx';
import { openSurveysFor, rememberOpenSurveys } from './survey-cache.ts';
import { flushOutbox, isSentMessage, requestBackgroundSync } from './sync.ts';
import { loadPublicConsentRule, type PublicConsentRule } from './child-settings.ts';

type Step = 'welcome' | 'age' | 'choose' | 'survey' | 'write' | 'draw' | 'consent' | 'done' | 'receipt' | 'session' | 'handover' | 'mine' | 'keep' | 'tracks';
/** The survey screens are loaded only when a child opens a survey (the first load stays small). */
type SurveyModule = typeof import('./screens/survey.tsx');
/** A worker's group session on a shared device: the group, and the language to start each child in. */
type Session = { group: Group; language: Language };

/** `survey` is set while the child answers one; `image` is a drawing, or the picture of a "draw your answer". */
type Draft = {
  ageBand?: AgeBand;
  text: string;
  image?: Blob;
  /** The image is a photo (of a drawing on paper), not drawn on the screen: the consent words say so. */
  imageIsPhoto?: boolean;
  wantsToTalk: boolean;
  consent: ConsentDraft;
  survey?: OpenSurvey;
  answers: Answers;
  surveyAt: 'intro' | 'end';
};
const emptyDraft = (): Draft => ({ text: '', wantsToTalk: false, consent: {}, answers: {}, surveyAt: 'intro' });

const FLUSH_EVERY_MS = 30_000;

export function App() {
  const [language, setLanguage] = useState<Language>('en');
  const [step, setStep] = useState<Step>('welcome');
  const [group, setGroup] = useState<Group>();
  const [session, setSession] = useState<Session>();
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [result, setResult] = useState<SendResult>();
  const [sending, setSending] = useState(false);
  const [waiting, setWaiting] = useState(0);
  const [helpOpen, setHelpOpen] = useState(false);
  const [handedOver, setHandedOver] = useState(false);
  const [surveys, setSurveys] = useState<OpenSurvey[]>([]);
  const [surveyModule, setSurveyModule] = useState<SurveyModule>();
  const [refused, setRefused] = useState<OutboxItem[]>([]);
  const [refusedOutcome, setRefusedOutcome] = useState<RefusedOutcome>();
  const outbox = useRef<Promise<Outbox> | undefined>(undefined);
  const pendingId = useRef<string | undefined>(undefined);
  const copiedReceipt = useRef(false);
  const [mine, setMine] = useState<MyMessage[]>([]);
  /** In a group session, the messages this child made in their turn: their codes are shown, then forgotten, at hand-over. */
  const turnIds = useRef<string[]>([]);
  const [publicConsentRule, setPublicConsentRule] = useState<PublicConsentRule>();

  outbox.current ??= openOutbox();

  const flush = async (force = false) => {
    const box = await outbox.current!;
    const { accepted, waiting: left } = await flushOutbox(box, deviceId, force);
    showSent(accepted, left);
    setRefused(await box.refused());
  };

  const refreshMine = async () => setMine(await (await outbox.current!).mine());

  const forgetMine = async (ids?: string[]) => {
    await (await outbox.current!).forget(ids);
    await refreshMine();
  };

  /** The child still looking at "saved" sees their receipt the moment it is sent (by the page or the service worker). */
  const showSent = (accepted: { id: string; receipt: string; showHelp: boolean }[], left: number) => {
    setWaiting(left);
    const sent = accepted.find((answer) => answer.id === pendingId.current);
    if (sent) setResult({ kind: 'sent', receipt: sent.receipt, showHelp: sent.showHelp });
    // Whoever sent it wrote the receipt into "my messages" first.
    void refreshMine();
  };

  useEffect(() => {
    void navigator.storage?.persist?.();
    void flush(true);
    const onOnline = () => void flush(true);
    window.addEventListener('online', onOnline);
    const timer = setInterval(() => void flush(), FLUSH_EVERY_MS);
    const onWorkerMessage = (event: MessageEvent) => {
      if (isSentMessage(event.data)) showSent(event.data.accepted, event.data.waiting);
    };
    navigator.serviceWorker?.addEventListener('message', onWorkerMessage);
    // Remember the open surveys for every age band while there is a connection, so they can be answered offline.
    void rememberOpenSurveys().then((any) => any && warmUpSurveys());
    warmUpPreferredLanguages();
    // Start in the device's language when the app speaks it (English until its words arrive; the picker still rules).
    const spoken = deviceLanguage();
    if (spoken !== 'en') void loadLanguage(spoken).then(() => setLanguage((current) => (current === 'en' ? spoken : current)), () => undefined);
    void loadPublicConsentRule().then((rule) => setPublicConsentRule(() => rule));
    return () => {
      window.removeEventListener('online', onOnline);
      navigator.serviceWorker?.removeEventListener('message', onWorkerMessage);
      clearInterval(timer);
    };
  }, []);

  useEffect(() => {
    document.documentElement.lang = language;
    document.documentElement.dir = LANGUAGES[language].dir;
    document.title = translate(language, 'appName');
  }, [language]);

  useEffect(() => {
    if ((step === 'choose' || step === 'survey') && !surveyModule) void import('./screens/survey.tsx').then((module) => setSurveyModule(module));
  }, [step]);

  // A group joined: remember its surveys too, for answering offline later.
  useEffect(() => {
    if (group) void rememberOpenSurveys(group.code).then((any) => any && warmUpSurveys());
  }, [group?.code]);

  const chooseAge = async (ageBand: AgeBand) => {
    setDraft({ ...draft, ageBand });
    const open = await openSurveysFor(ageBand, group?.code);
    setSurveys(open);
    setStep(open.length > 0 ? 'choose' : 'write');
  };

  const send = async (consent: Consent) => {
    setSending(true);
    const common = {
      id: crypto.randomUUID(),
      ageBand: draft.ageBand ?? 'unknown',
      language,
      consent,
      ...(group ? { groupCode: group.code } : {}),
      ...(draft.wantsToTalk ? { wantsToTalk: true } : {}),
    };
    const body: SubmissionBody = draft.survey
      ? { ...common, kind: 'survey', surveyId: draft.survey.id, surveyVersion: draft.survey.version, answers: surveyModule?.answersToSend(draft.answers) ?? draft.answers }
      : { ...common, kind: draft.image ? 'drawing' : 'quote', ...(draft.text.trim() ? { text: draft.text } : {}) };
    pendingId.current = body.id;
    if (session) turnIds.current.push(body.id);
    setResult({ kind: 'saved', showHelp: draft.wantsToTalk });
    const box = await outbox.current!;
    await box.add(body, draft.image, deviceId());
    // Saved first; then the outbox, the only sender, tries at once. Only if it is still waiting is the service worker
    // asked to send it later: asking first made the worker send the same message alongside the page.
    await flush(true);
    const kept = (await box.list()).find((item) => item.id === body.id);
    if (kept && !kept.problem) void requestBackgroundSync();
    if (kept?.problem) {
      // The child fixes it and sends again as a new message: this one must not wait in the outbox for ever.
      await box.remove(body.id);
      setRefused(await box.refused());
      pendingId.current = undefined;
      setResult({ kind: 'needs_fixing', problem: kept.problem });
    }
    setWaiting((await box.list()).length);
    setSending(false);
    setStep('done');
  };

  /** The child's fix for something refused: saved in its place, then sent like anything else. */
  const resendRefused = async (item: OutboxItem, body: SubmissionBody) => {
    const box = await outbox.current!;
    await box.replace(item.id, body);
    const { accepted, waiting: left } = await flushOutbox(box, deviceId, true);
    setWaiting(left);
    const mine = accepted.find((answer) => answer.id === body.id);
    const still = await box.refused();
    setRefused(still);
    setRefusedOutcome(mine ? { kind: 'sent', receipt: mine.receipt } : still.some((kept) => kept.id === body.id) ? undefined : { kind: 'saved' });
  };

  const deleteRefused = async (item: OutboxItem) => {
    const box = await outbox.current!;
    await box.remove(item.id);
    setRefused(await box.refused());
    setWaiting((await box.list()).length);
    setRefusedOutcome({ kind: 'deleted' });
  };

  /**
   * On a shared tablet the next child must see nothing of the last one: every trace of the child in memory goes, the
   * clipboard is emptied if their receipt was copied, and in a group session the hand-over screen comes next.
   * The app never pushes history entries, so Back cannot bring an earlier child's screen back either.
   */
  const handOver = () => {
    if (session && turnIds.current.length > 0) {
      void forgetMine(turnIds.current);
      turnIds.current = [];
    }
    setDraft(emptyDraft());
    setSurveys([]);
    setRefusedOutcome(undefined);
    setResult(undefined);
    pendingId.current = undefined;
    setHelpOpen(false);
    setSending(false);
    if (copiedReceipt.current) void navigator.clipboard?.writeText('').catch(() => undefined);
    copiedReceipt.current = false;
    if ('speechSynthesis' in window) window.speechSynthesis.cancel();
    window.scrollTo(0, 0);
    if (session) {
      setLanguage(session.language);
      setGroup(session.group);
      setHandedOver(false);
      setStep('handover');
    } else {
      setHandedOver(true);
      setStep('welcome');
    }
  };

  /** "Finished": in a group session the child first sees their code to keep, then the tablet is handed over. */
  const finish = () => {
    if (session && turnIds.current.length > 0) {
      void refreshMine();
      setStep('keep');
    } else handOver();
  };

  /** The child's choice on "hide that I used Heard": unsent messages and "my messages" go, and this install's id. */
  const deleteEverything = async () => {
    const box = await outbox.current!;
    await box.clearAll();
    try {
      localStorage.clear();
    } catch {
      // Blocked storage holds nothing to delete.
    }
    setRefused([]);
    setWaiting(0);
    await refreshMine();
  };

  const endSession = () => {
    handOver();
    setSession(undefined);
    setGroup(undefined);
    setHandedOver(false);
    setStep('welcome');
  };

  return (
    <LanguageContext.Provider value={language}>
      <Header onHelp={() => setHelpOpen(true)} />
      {helpOpen ? <HelpPanel onClose={() => setHelpOpen(false)} /> : null}
      {handedOver && step === 'welcome' ? <Said class="notice" text={translate(language, 'handOverBody')} /> : null}
      {step === 'welcome' ? (
        <Welcome
          language={language}
          onLanguage={(next) => void loadLanguage(next).catch(() => undefined).then(() => setLanguage(next))}
          group={group}
          onGroup={setGroup}
          onStart={() => {
            setHandedOver(false);
            setRefusedOutcome(undefined);
            setStep('age');
          }}
          onReceipt={() => setStep('receipt')}
          inSession={Boolean(session)}
          onSession={() => setStep('session')}
          onHandOver={handOver}
        >
          {/* Not in a group session: on a shared device the next child must not see an earlier child's message. */}
          {session ? null : (
            <>
              {refusedOutcome ? <RefusedDone outcome={refusedOutcome} /> : null}
              <button type="button" onClick={() => setStep('mine')}>
                {translate(language, 'myMessages')}
                {mine.length > 0 ? ` (${mine.length})` : ''}
              </button>
              <button type="button" onClick={() => setStep('tracks')}>
                {translate(language, 'coverTracks')}
              </button>
              {refused[0] ? (
                <Refused key={refused[0].id} item={refused[0]} onResend={(body) => void resendRefused(refused[0]!, body)} onDelete={() => void deleteRefused(refused[0]!)} />
              ) : null}
            </>
          )}
        </Welcome>
      ) : null}
      {step === 'session' ? (
        <StartSession
          onBack={() => setStep('welcome')}
          onStarted={(joined) => {
            setSession({ group: joined, language });
            setGroup(joined);
            setStep('handover');
          }}
        />
      ) : null}
      {step === 'handover' && session ? <HandOver group={session.group} waiting={waiting} onNext={() => setStep('welcome')} onEnd={endSession} /> : null}
      {step === 'age' ? (
        <Age
          onBack={() => setStep('welcome')}
          onChoose={(ageBand) => void chooseAge(ageBand)}
        />
      ) : null}
      {step === 'choose' ? (
        <Choose
          surveys={surveys}
          onBack={() => setStep('age')}
          onOwnWords={() => {
            setDraft({ ...draft, survey: undefined, answers: {}, image: undefined });
            setStep('write');
          }}
          onDraw={() => {
            setDraft({ ...draft, survey: undefined, answers: {}, image: undefined });
            setStep('draw');
          }}
          onSurvey={(survey) => {
            setDraft({ ...draft, survey, answers: {}, image: undefined, surveyAt: 'intro' });
            setStep('survey');
          }}
        />
      ) : null}
      {step === 'survey' && draft.survey ? (
        surveyModule ? (
          <surveyModule.SurveyFlow
            survey={draft.survey}
            language={language}
            answers={draft.answers}
            hasDrawing={Boolean(draft.image)}
            wantsToTalk={draft.wantsToTalk}
            startAt={draft.surveyAt}
            onChange={(answers, image) => setDraft((d) => ({ ...d, answers, ...(image ? { image } : {}) }))}
            onWantsToTalk={(wantsToTalk) => setDraft((d) => ({ ...d, wantsToTalk }))}
            onBack={() => setStep('choose')}
            onFinish={() => setStep('consent')}
          />
        ) : (
          <div role="status">
            <Said class="notice" text={translate(language, 'loading')} />
          </div>
        )
      ) : null}
      {step === 'write' ? (
        <Write
          text={draft.text}
          wantsToTalk={draft.wantsToTalk}
          onChange={(text) => setDraft({ ...draft, text })}
          onWantsToTalk={(wantsToTalk) => setDraft({ ...draft, wantsToTalk })}
          onBack={() => setStep(surveys.length > 0 ? 'choose' : 'age')}
          onNext={() => setStep('consent')}
          onDraw={() => setStep('draw')}
        />
      ) : null}
      {step === 'draw' ? (
        <Draw
          onBack={() => setStep('write')}
          onDone={(image, isPhoto) => {
            setDraft({ ...draft, image, imageIsPhoto: isPhoto });
            setStep('consent');
          }}
        />
      ) : null}
      {step === 'consent' && draft.ageBand ? (
        <ConsentScreen
          ageBand={draft.ageBand}
          kind={draft.survey ? 'survey' : draft.image ? (draft.imageIsPhoto ? 'photo' : 'drawing') : 'quote'}
          needsAdult={publicConsentRule?.(draft.ageBand)}
          draft={draft.consent}
          sending={sending}
          onChange={(consent) => setDraft({ ...draft, consent })}
          onBack={() => {
            if (draft.survey) {
              setDraft({ ...draft, surveyAt: 'end' });
              setStep('survey');
            } else setStep(draft.image ? 'draw' : 'write');
          }}
          onSend={(consent) => void send(consent)}
        />
      ) : null}
      {step === 'done' && result ? (
        <Done result={result} waiting={waiting} onFinish={finish} onFix={() => {
            if (draft.survey) setDraft({ ...draft, surveyAt: 'intro' });
            setStep(draft.survey ? 'survey' : 'write');
          }} onCopied={() => (copiedReceipt.current = true)} />
      ) : null}
      {step === 'receipt' ? <ReceiptScreen onBack={() => setStep('welcome')} /> : null}
      {step === 'mine' ? <MyMessages messages={mine} onForget={(ids) => void forgetMine(ids)} onBack={() => setStep('welcome')} /> : null}
      {step === 'tracks' ? <CoverTracks onDeleteAll={deleteEverything} onBack={() => setStep('welcome')} /> : null}
      {step === 'keep' ? <KeepCode messages={mine.filter((message) => turnIds.current.includes(message.id))} onDone={handOver} /> : null}
    </LanguageContext.Provider>
  );
}
