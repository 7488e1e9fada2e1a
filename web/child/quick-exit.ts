/**
 * Quick exit: the page blanks at once and is replaced (not pushed) in history by a neutral page, so Back does not
 * return. Offline it goes to the app's own neutral page (/exit.html, precached), not to a browser error page.
 * Unsent messages are not deleted: losing a child's words is worse; the "hide that I used Heard" page offers it.
 */
const NEUTRAL_SITE = 'https://www.bbc.co.uk/weather';
export const LOCAL_NEUTRAL_PAGE = '/exit.html';

export function quickExit(): void {
  // Hidden before anything else, in the same task: nothing of the app stays on screen while the next page loads.
  document.body.style.display = 'none';
  document.title = '';
  try {
    window.speechSynthesis?.cancel();
    sessionStorage.clear();
  } catch {
    // Storage or speech may be blocked; leaving matters more.
  }
  window.location.replace(navigator.onLine ? NEUTRAL_SITE : LOCAL_NEUTRAL_PAGE);
}

const PRESSES = 3;
const WITHIN_MS = 1500;

/** Shift pressed three times, or Esc three times, in quick succession, from anywhere in the app. Returns a remover. */
export function listenForQuickExit(target: Window = window): () => void {
  let key = '';
  let times: number[] = [];
  const onKey = (event: KeyboardEvent) => {
    if (event.repeat || (event.key !== 'Shift' && event.key !== 'Escape')) {
      if (!event.repeat) times = [];
      return;
    }
    if (event.key !== key) times = [];
    key = event.key;
    times = [...times, event.timeStamp].filter((time) => event.timeStamp - time <= WITHIN_MS);
    if (times.length >= PRESSES) quickExit();
  };
  target.addEventListener('keydown', onKey, { capture: true });
  return () => target.removeEventListener('keydown', onKey, { capture: true });
}
