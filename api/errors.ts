/** One error shape for every API failure: RFC 9457 problem details, with a stable `code` member. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from './error-codes.ts';

export type FieldError = { pointer: string; detail: string };

/** An RFC 6901 JSON pointer: '' is the whole document, '/a/0' a member of a member. */
export function toPointer(path: readonly PropertyKey[]): string {
  return path.map((part) => `/${String(part).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

export type ProblemBody = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
};

/** A failure the client should see. Lower layers throw it (or a subclass); `problemResponse` renders it. */
export class ProblemError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    detail: string,
    readonly extensions: { errors?: FieldError[]; headers?: Record<string, string>; [key: string]: unknown } = {},
  ) {
    super(detail);
    this.name = 'ProblemError';
  }
}

export class NotFoundError extends ProblemError {
  constructor(detail = 'There is nothing at this address.') {
    super(404, 'not_found', detail);
  }
}

export class ValidationError extends ProblemError {
  constructor(errors: FieldError[], detail = 'Some of the information sent is not valid.') {
    super(422, 'validation_failed', detail, { errors });
  }
}

const statusTitles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Builds the problem body for a status and code; `type` stays `about:blank` so `title` is the HTTP status phrase. */
export function problemBody(status: number, code: ErrorCode, detail: string, extra: Record<string, unknown> = {}): ProblemBody {
  return { type: 'about:blank', title: statusTitles[status] ?? 'Error', status, detail, code, ...extra };
}

export function problemResponse(c: Context, error: ProblemError): Response {
  const { headers = {}, ...extensions } = error.extensions;
  const body = problemBody(error.status, error.code, error.message, { instance: c.req.path, ...extensions });
  return new Response(JSON.stringify(body), {
    status: error.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...headers },
  });
}
