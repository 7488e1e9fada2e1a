/** The children's app: a few calm screens, one outbox, and nothing kept about the child once it is sent. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AgeBand, Consent } from '../shared/api-types.ts';
import { Header, HelpPanel } from './components.tsx';
import { LanguageContext } from './context.ts';
import { deviceId } from './device.ts';
import { LANGUAGES, translate, type Language } from './messages.ts';
import { openOutbox, type Outbox } from './outbox.ts';
import { Age } from './screens/age.tsx';
import { ConsentScreen, type ConsentDraft } from './screens/consent.tsx';
import { Done, type SendResult } from './screens/done.tsx';
import { Draw } from './screens/draw.tsx';
import { ReceiptScreen } from './screens/receipt.tsx';
import { HandOver, StartSession, type Group } from './screens/session.tsx';
import { Welcome } from './screens/welcome.tsx';
import { Write } from './screens/write.tsx';
import { flushOutbox, isSentMessage, requestBackgroundSync } from './sync.ts';

type Step = 'welcome' | 'age' | 'write' | 'draw' | 'consent' | 'done' | 'receipt' | 'session' | 'handover';
/** A worker's group session on a shared device: the group, and the language to start each child in. */
type Session = { group: Group; language: Language };

type Draft = { ageBand?: AgeBand; text: string; image?: Blob; wantsToTalk: boolean; consent: ConsentDraft };
const emptyDraft = (): Draft => ({ text: '', wantsToTalk: false, consent: {} });

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
  const outbox = useRef<Promise<Outbox> | undefined>(undefined);
  const pendingId = useRef<string | undefined>(undefined);
  const copiedReceipt = useRef(false);

  outbox.current ??= openOutbox();

  const flush = async (force = false) => {
    const box = await outbox.current!;
    const { accepted, waiting: left } = await flushOutbox(box, deviceId, force);
    showSent(accepted, left);
  };

  /** The child still looking at "saved" sees their receipt the moment it is sent (by the page or the service worker). */
  const showSent = (accepted: { id: string; receipt: string; showHelp: boolean }[], left: number) => {
    setWaiting(left);
    const mine = accepted.find((answer) => answer.id === pendingId.current);
    if (mine) setResult({ kind: 'sent', receipt: mine.receipt, showHelp: mine.showHelp });
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

  const send = async (consent: Consent) => {
    setSending(true);
    const body = {
      id: crypto.randomUUID(),
      kind: draft.image ? ('drawing' as const) : ('quote' as const),
      ...(draft.text.trim() ? { text: draft.text } : {}),
      ageBand: draft.ageBand ?? 'unknown',
      language,
      consent,
      ...(group ? { groupCode: group.code } : {}),
      ...(draft.wantsToTalk ? { wantsToTalk: true } : {}),
    };
    pendingId.current = body.id;
    setResult({ kind: 'saved', showHelp: draft.wantsToTalk });
    const box = await outbox.current!;
    await box.add(body, draft.image, deviceId());
    // Saved first; then the outbox, the only sender, tries at once (same id on every try, so never a duplicate).
    void requestBackgroundSync();
    await flush(true);
    const kept = (await box.list()).find((item) => item.id === body.id);
    if (kept?.problem) {
      // The child fixes it and sends again as a new message: this one must not wait in the outbox for ever.
      await box.remove(body.id);
      pendingId.current = undefined;
      setResult({ kind: 'needs_fixing', problem: kept.problem });
    }
    setWaiting((await box.list()).length);
    setSending(false);
    setStep('done');
  };

  /**
   * On a shared tablet the next child must see nothing of the last one: every trace of the child in memory goes, the
   * clipboard is emptied if their receipt was copied, and in a group session the hand-over screen comes next.
   * The app never pushes history entries, so Back cannot bring an earlier child's screen back either.
   */
  const handOver = () => {
    setDraft(emptyDraft());
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
      {handedOver && step === 'welcome' ? <p class="notice">{translate(language, 'handOverBody')}</p> : null}
      {step === 'welcome' ? (
        <Welcome
          language={language}
          onLanguage={setLanguage}
          group={group}
          onGroup={setGroup}
          onStart={() => {
            setHandedOver(false);
            setStep('age');
          }}
          onReceipt={() => setStep('receipt')}
          inSession={Boolean(session)}
          onSession={() => setStep('session')}
          onHandOver={handOver}
        />
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
          onChoose={(ageBand) => {
            setDraft({ ...draft, ageBand });
            setStep('write');
          }}
        />
      ) : null}
      {step === 'write' ? (
        <Write
          text={draft.text}
          wantsToTalk={draft.wantsToTalk}
          onChange={(text) => setDraft({ ...draft, text })}
          onWantsToTalk={(wantsToTalk) => setDraft({ ...draft, wantsToTalk })}
          onBack={() => setStep('age')}
          onNext={() => setStep('consent')}
          onDraw={() => setStep('draw')}
        />
      ) : null}
      {step === 'draw' ? (
        <Draw
          onBack={() => setStep('write')}
          onDone={(image) => {
            setDraft({ ...draft, image });
            setStep('consent');
          }}
        />
      ) : null}
      {step === 'consent' && draft.ageBand ? (
        <ConsentScreen
          ageBand={draft.ageBand}
          draft={draft.consent}
          sending={sending}
          onChange={(consent) => setDraft({ ...draft, consent })}
          onBack={() => setStep(draft.image ? 'draw' : 'write')}
          onSend={(consent) => void send(consent)}
        />
      ) : null}
      {step === 'done' && result ? (
        <Done result={result} waiting={waiting} onFinish={handOver} onFix={() => setStep('write')} onCopied={() => (copiedReceipt.current = true)} />
      ) : null}
      {step === 'receipt' ? <ReceiptScreen onBack={() => setStep('welcome')} /> : null}
    </LanguageContext.Provider>
  );
}
