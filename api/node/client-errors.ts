/** Answers requests Node refuses before the app sees them (an over-long header, a malformed request line) in problem+json, not Node's bare status line. */
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrorCode } from '../error-codes.ts';
import { PROBLEM_CONTENT_TYPE, problemBody } from '../errors.ts';

type Answer = { status: number; phrase: string; code: ErrorCode; detail: string };

const ANSWERS: Record<string, Answer> = {
  HPE_HEADER_OVERFLOW: { status: 431, phrase: 'Request Header Fields Too Large', code: 'headers_too_large', detail: 'The request headers are too large. Clear this site\'s cookies and try again.' },
  HPE_REQUEST_TIMEOUT: { status: 408, phrase: 'Request Timeout', code: 'request_timeout', detail: 'The request took too long to arrive.' },
};
// Node's own headers and request timeouts raise this code (its default handler answers 408 for it): a 400 would tell
// the child's app not to resend.
ANSWERS.ERR_HTTP_REQUEST_TIMEOUT = ANSWERS.HPE_REQUEST_TIMEOUT!;
const MALFORMED: Answer = { status: 400, phrase: 'Bad Request', code: 'malformed_request', detail: 'The request could not be read.' };

/** Installs the server's `clientError` handler (replacing Node's default answer). */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const answer = ANSWERS[error.code ?? ''] ?? MALFORMED;
    const body = JSON.stringify(problemBody(answer.status, answer.code, answer.detail));
    socket.end(
      `HTTP/1.1 ${answer.status} ${answer.phrase}\r\ncontent-type: ${PROBLEM_CONTENT_TYPE}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
}
