/**
 * Tells a passing outage (the store or database unreachable, a timeout, a 5xx or throttling answer) from an error
 * that will happen again on retry. Transient failures must never use up a job's attempts: a child's picture waits
 * for the store to come back, however long that takes.
 */
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN',
  'EAI_AGAIN', 'ENOTFOUND', 'ESOCKETTIMEDOUT', 'EADDRNOTAVAIL',
  // PostgreSQL: connection exceptions, admin shutdown, crash shutdown, cannot connect now, too many connections.
  '08000', '08001', '08003', '08004', '08006', '57P01', '57P02', '57P03', '53300',
]);
const TRANSIENT_NAMES = new Set(['TimeoutError', 'AbortError', 'RequestTimeout', 'RequestTimeoutException', 'ThrottlingException', 'SlowDown', 'ServiceUnavailable', 'InternalError']);
const TRANSIENT_MESSAGES = /connection terminated|socket hang up|other side closed|fetch failed|connect timeout|timed out|network/i;

type Inspectable = { code?: unknown; name?: unknown; message?: unknown; cause?: unknown; errors?: unknown; $retryable?: unknown; $metadata?: { httpStatusCode?: unknown } };

export function isTransientError(error: unknown, depth = 0): boolean {
  if (depth > 5 || typeof error !== 'object' || error === null) return false;
  const candidate = error as Inspectable;
  if (typeof candidate.code === 'string' && (TRANSIENT_CODES.has(candidate.code) || candidate.code.startsWith('UND_ERR_'))) return true;
  if (typeof candidate.name === 'string' && TRANSIENT_NAMES.has(candidate.name)) return true;
  if (candidate.$retryable) return true;
  const status = candidate.$metadata?.httpStatusCode;
  if (typeof status === 'number' && (status >= 500 || status === 429 || status === 408)) return true;
  if (typeof candidate.message === 'string' && TRANSIENT_MESSAGES.test(candidate.message)) return true;
  if (Array.isArray(candidate.errors) && candidate.errors.some((inner) => isTransientError(inner, depth + 1))) return true;
  return isTransientError(candidate.cause, depth + 1);
}
