/** An anonymous id for this install, sent only for rate limiting (the server keeps only a hash of it). */
const KEY = 'heard-device';

export function deviceId(): string {
  try {
    const existing = localStorage.getItem(KEY);
    if (existing) return existing;
    const made = crypto.randomUUID();
    localStorage.setItem(KEY, made);
    return made;
  } catch {
    return crypto.randomUUID();
  }
}
