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
