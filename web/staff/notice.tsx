/**
 * One message region per page: role="status" for what was done, role="alert" for what was not (with the API's own
 * words). Screens report through useNotice(); nothing is reported as done until the API has said so.
 */
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useMemo, useState } from 'preact/hooks';
import { ApiError } from './api.ts';

type Notice = { tone: 'ok' | 'error'; text: string; serial: number };

export type Notify = {
  /** Something was done (the API answered yes). */
  ok(text: string): void;
  /** Something was not done: `what` says what, the error says why. */
  fail(what: string, error: unknown): void;
  /** Something cannot be sent as it is (checked here, before asking the API). */
  warn(text: string): void;
  clear(): void;
};

/** The API's problem detail and any field problems, in plain words. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    // Field problems add to the detail, unless the detail already says the same thing.
    const said = error.message.toLowerCase();
    const fields = [...new Set(error.errors.map((field) => field.detail))].filter((detail) => !said.includes(detail.toLowerCase().replace(/\.$/, '')));
    const signIn = error.status === 401 ? ' Your session may have ended: reload the page to sign in again.' : '';
    return [error.message, ...fields].join(' ') + signIn;
  }
  return 'Something unexpected went wrong. Please try again.';
}

const NotifyContext = createContext<Notify>({ ok: () => undefined, fail: () => undefined, warn: () => undefined, clear: () => undefined });
const NoticeContext = createContext<Notice | null>(null);

export function useNotice(): Notify {
  return useContext(NotifyContext);
}

export function NoticeProvider(props: { children: ComponentChildren }) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const notify = useMemo<Notify>(
    () => ({
      ok: (text) => setNotice((last) => ({ tone: 'ok', text, serial: (last?.serial ?? 0) + 1 })),
      fail: (what, error) => setNotice((last) => ({ tone: 'error', text: `${what} ${describeError(error)}`, serial: (last?.serial ?? 0) + 1 })),
      warn: (text) => setNotice((last) => ({ tone: 'error', text, serial: (last?.serial ?? 0) + 1 })),
      clear: () => setNotice(null),
    }),
    [],
  );
  return (
    <NotifyContext.Provider value={notify}>
      <NoticeContext.Provider value={notice}>{props.children}</NoticeContext.Provider>
    </NotifyContext.Provider>
  );
}

/** The live regions themselves: always in the page, so assistive technology hears every change. */
export function NoticeRegion() {
  const notice = useContext(NoticeContext);
  return (
    <div class="notice-area">
      <p role="status" class={notice?.tone === 'ok' ? 'notice ok' : 'notice'}>
        {notice?.tone === 'ok' ? <span key={notice.serial}>{notice.text}</span> : null}
      </p>
      <p role="alert" class={notice?.tone === 'error' ? 'notice error' : 'notice'}>
        {notice?.tone === 'error' ? <span key={notice.serial}>{notice.text}</span> : null}
      </p>
    </div>
  );
}
