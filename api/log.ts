/** Structured logging: one JSON object per line. Never pass a request body or a child's words to it. */

export type LogEntry = { level?: 'info' | 'warn' | 'error'; msg: string; [field: string]: unknown };
export type Logger = (entry: LogEntry) => void;

/** Writes JSON lines through `write` (console.log by default, which exists on Node and on Workers). */
export function createJsonLogger(write: (line: string) => void = (line) => console.log(line)): Logger {
  return (entry) => write(JSON.stringify({ time: new Date().toISOString(), level: 'info', ...entry }));
}

/** Error details safe to log: the class and message, never an attached request or its body. */
export function describeError(error: unknown): { errorName: string; errorMessage: string; stack?: string } {
  if (error instanceof Error) return { errorName: error.name, errorMessage: error.message, stack: error.stack };
  return { errorName: 'NonError', errorMessage: String(error) };
}

/**
 * What a failure may say in the log: its class, its SQLSTATE or system code, and its message with quoted values
 * taken out (a database error can quote the value it choked on, and a value could be a child's words).
 */
export function safeErrorFields(error: unknown): { errorName: string; errorCode?: string; errorMessage: string } {
  const { errorName, errorMessage } = describeError(error);
  const code = (error as { code?: unknown } | null)?.code;
  return {
    errorName,
    ...(typeof code === 'string' ? { errorCode: code } : {}),
    errorMessage: errorMessage.replace(/"[^"]*"|'[^']*'|«[^»]*»/g, '"…"').slice(0, 300),
  };
}
