/** The children's app: a few calm screens, one outbox, and nothing kept about the child once it is sent. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AgeBand, Consent } from '../shared/api-types.ts';
import { sendSubmission } from './api.ts';
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
import { Welcome } from './screens/welcome.tsx';
import { Write } from './screens/write.tsx';

type Step = 'welcome' | 'age' | 'write' | 'draw' | 'consent' | 'done' | 'receipt';

type Draft = { ageBand?: AgeBand; text: string; image?: Blob; wantsToTalk: boolean; consent: ConsentDraft };
const emptyDraft = (): Draft => ({ text: '', wantsToTalk: false, consent: {} });

const FLUSH_EVERY_MS = 30_000;

export function App() {
  const [language, setLanguage] = useState<Language>('en');
  const [step, setStep] = useState<Step>('welcome');
  const [group, setGroup] = useState<{ code: string; name: string }>();
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [result, setResult] = useState<SendResult>();
  const [sending, setSending] = useState(false);
  const [waiting, setWaiting] = useState(0);
  const [helpOpen, setHelpOpen] = useState(false);
  const [handedOver, setHandedOver] = useState(false);
  const outbox = useRef<Promise<Outbox> | undefined>(undefined);
  const pendingId = useRef<string | undefined>(undefined);

  outbox.current ??= openOutbox();

  const flush = async (force = false) => {
    const box = await outbox.current!;
    const { accepted, waiting: left } = await box.flush((body, image) => sendSubmission(body, deviceId(), image), { force });
    setWaiting(left);
    // The child still looking at "saved" sees their receipt the moment it is sent.
    const mine = accepted.find((answer) => answer.id === pendingId.current);
    if (mine) setResult({ kind: 'sent', receipt: mine.receipt, showHelp: mine.showHelp });
  };

  useEffect(() => {
    void navigator.storage?.persist?.();
    void flush(true);
    const onOnline = () => void flush(true);
    window.addEventListener('online', onOnline);
    const timer = setInterval(() => void flush(), FLUSH_EVERY_MS);
    return () => {
      window.removeEventListener('online', onOnline);
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
    const box = await outbox.current!;
    await box.add(body, draft.image);
    const outcome = await sendSubmission(body, deviceId(), draft.image);
    if (outcome.kind === 'accepted') {
      await box.remove(body.id);
      setResult({ kind: 'sent', receipt: outcome.body.receipt, showHelp: outcome.body.showHelp });
    } else if (outcome.kind === 'needs_fixing') {
      await box.remove(body.id);
      setResult({ kind: 'needs_fixing', problem: outcome.problem });
    } else {
      setResult({ kind: 'saved', showHelp: draft.wantsToTalk });
    }
    setWaiting((await box.list()).length);
    setSending(false);
    setStep('done');
  };

  /** On a shared tablet the next child must see nothing of the last one. */
  const handOver = () => {
    setDraft(emptyDraft());
    setResult(undefined);
    pendingId.current = undefined;
    setHelpOpen(false);
    setHandedOver(true);
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
        />
      ) : null}
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
      {step === 'done' && result ? <Done result={result} waiting={waiting} onFinish={handOver} onFix={() => setStep('write')} /> : null}
      {step === 'receipt' ? <ReceiptScreen onBack={() => setStep('welcome')} /> : null}
    </LanguageContext.Provider>
  );
}
