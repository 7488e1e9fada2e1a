/**
 * Recognises a database that cannot be reached right now (restarting, failing over, refusing connections), as
 * opposed to a query that is wrong: the first is a 503 the client retries, the second a 500. By shape only, so the
 * Worker (pg through Hyperdrive) and Node (pg pool) share it.
 */

/** SQLSTATE classes 08 (connection exception) and 57P (operator intervention: shutdown, crash, starting up). */
const UNAVAILABLE_SQLSTATE = /^(08[0-9A-Z]{3}|57P0[1-3])$/;
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
/** What pg and pg-pool say when the socket went away or never came. */
const UNAVAILABLE_MESSAGE = /^(Connection terminated|Client was closed and is not queryable|Client has encountered a connection error|timeout exceeded when trying to connect)/;

export function isDatabaseUnavailable(error: unknown): boolean {
  // Only the error itself, never its cause: a failed fetch elsewhere (sign-in discovery) carries ECONNREFUSED as a
  // cause and is not the database.
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_ERRNO.has(code))) return true;
  if (UNAVAILABLE_MESSAGE.test(error.message)) return true;
  // Node's connect() to several addresses fails with an AggregateError of ECONNREFUSED ones.
  return error instanceof AggregateError && error.errors.length > 0 && error.errors.every((inner) => isDatabaseUnavailable(inner));
}
