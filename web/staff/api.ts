/**
 * The staff app's typed client: same origin, session cookie, CSRF token on every change, and the moderation calls.
 * Admin and committee calls live beside it in api-admin.ts and api-committees.ts.
 */
import type { BulkResult, Me, QueueFilters, QueueItem, QueuePage, Rect, Span, SubmissionDetail, Taxonomy } from './types.ts';

export type { Me, QueueItem, Taxonomy } from './types.ts';

export type FieldProblem = { pointer: string; detail: string };

/** A problem+json answer from the API (or a network failure, status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    readonly errors: FieldProblem[] = [],
  ) {
    super(detail);
  }
}

let csrf = '';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function fieldProblems(value: unknown): FieldProblem[] {
  if (!Array.isArray(value)) return [];
  const problems: FieldProblem[] = [];
  for (const entry of value as unknown[]) {
    if (isObject(entry) && typeof entry.detail === 'string') problems.push({ pointer: typeof entry.pointer === 'string' ? entry.pointer : '', detail: entry.detail });
  }
  return problems;
}

export async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.method && init.method !== 'GET') {
    headers.set('x-csrf-token', csrf);
    if (init.body) headers.set('content-type', 'application/json');
  }
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', 'Heard could not be reached. Check the connection and try again.');
  }
  if (!response.ok) {
    const problem: unknown = await response.json().catch(() => ({}));
    const body = isObject(problem) ? problem : {};
    throw new ApiError(
      response.status,
      typeof body.code === 'string' ? body.code : 'error',
      typeof body.detail === 'string' ? body.detail : response.statusText || 'Something went wrong.',
      fieldProblems(body.errors),
    );
  }
  return response.status === 204 ? (undefined as T) : ((await response.json()) as T);
}

export function post<T>(path: string, body?: unknown): Promise<T> {
  return call<T>(path, { method: 'POST', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
}

export function put<T>(path: string, body: unknown): Promise<T> {
  return call<T>(path, { method: 'PUT', body: JSON.stringify(body) });
}

/** Builds a query string from the defined values only. */
export function query(values: Record<string, string | number | boolean | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The signed-in staff member, or undefined when nobody is signed in. Keeps the CSRF token for later changes. */
export async function me(): Promise<Me | undefined> {
  try {
    const result = await call<Me>('/api/me');
    csrf = result.csrfToken;
    return result;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return undefined;
    throw error;
  }
}

const submission = (id: string) => `/api/moderation/submissions/${encodeURIComponent(id)}`;

export const api = {
  queue: (filters: QueueFilters = {}, cursor?: string) =>
    call<QueuePage>(
      `/api/moderation/queue${query({
        limit: 50,
        status: filters.status?.join(','),
        kind: filters.kind,
        ageBand: filters.ageBand,
        priority: filters.priority,
        group: filters.group,
        safeguarding: filters.safeguarding,
        identifying: filters.identifying,
        flood: filters.flood,
        cursor,
      })}`,
    ),
  /** One item as the queue lists it, wherever it is in the queue or lane (a link to an item past the first page). */
  queueItem: (id: string) => call<{ item: QueueItem }>(`/api/moderation/queue/${encodeURIComponent(id)}`),
  submission: (id: string) => call<SubmissionDetail>(submission(id)),
  taxonomy: () => call<Taxonomy>('/api/taxonomy'),
  approve: (id: string) => post<{ status: 'approved' }>(`${submission(id)}/approve`),
  reject: (id: string, reason: string) => post<{ status: 'rejected' }>(`${submission(id)}/reject`, { reason }),
  flag: (id: string, note?: string) => post<{ safeguarding: true }>(`${submission(id)}/flag`, note ? { note } : {}),
  escalate: (id: string, referralReference: string, note?: string) =>
    post<{ safeguardingResolution: 'escalated' }>(`${submission(id)}/escalate`, note ? { referralReference, note } : { referralReference }),
  noConcern: (id: string, reason: string) => post<{ safeguardingResolution: 'no_concern' }>(`${submission(id)}/no-concern`, { reason }),
  undo: (id: string) => post<undefined>(`${submission(id)}/undo`),
  tags: (id: string, priorities: string[], themes: string[] = []) =>
    put<{ priorities: string[]; themes: string[] }>(`${submission(id)}/tags`, { priorities, themes }),
  redact: (id: string, spans: Span[]) => post<{ redactedText: string }>(`${submission(id)}/redact`, { spans: spans.map(({ start, end }) => ({ start, end })) }),
  editDrawing: (id: string, edits: { blur?: Rect[]; crop?: Rect }) => post<{ width: number; height: number }>(`${submission(id)}/drawing`, edits),
  /** One decision on many: each is done or refused on its own (a refusal names its reason in `code`). */
  bulk: (ids: string[], action: 'approve' | 'tag' | 'reject', extra: { priorities?: string[]; themes?: string[]; reason?: string } = {}) =>
    post<{ results: BulkResult[] }>('/api/moderation/bulk', { ids, action, ...extra }),
  csrf: () => csrf,
};

/** A picture of a drawing, for an img src. */
export const mediaUrl = (id: string) => `/api/media/${encodeURIComponent(id)}`;
