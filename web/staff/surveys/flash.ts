/**
 * A message to show on the next survey page once it has loaded: opening a page clears the last page's message, so
 * "Saved" would otherwise vanish with the navigation that follows the save.
 */
let pending: string | undefined;

export function setFlash(text: string): void {
  pending = text;
}

export function takeFlash(): string | undefined {
  const text = pending;
  pending = undefined;
  return text;
}
