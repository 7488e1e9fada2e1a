/** The staff app's typed client: same origin, session cookie, CSRF token on every change. */

export type Me = { id: string; name: string; email: string | null; roles: string[]; csrfToken: string };

export type QueueItem = {
  id: string;
  kind: 'quote' | 'drawing' | 'survey';
  text: string | null;
  redacted: boolean;
  ageBand: string;
  group: string | null;
  status: string;
  safeguarding: boolean;
  wantsToTalk: boolean;
  safeguardingResolution: string | null;
  identifyingDetails: { kind: string; start: number; end: number }[];
  screeningCategories: string[];
  waitingMinutes: number;
};

export type Taxonomy = { priorities: { slug: string; title: string }[]; themes: { slug: string; title: string }[] };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
  ) {
    super(detail);
  }
}

let csrf = '';

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.method && init.method !== 'GET') {
    headers.set('x-csrf-token', csrf);
    if (init.body) headers.set('content-type', 'application/json');
  }
  const response = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { code?: string; detail?: string };
    throw new ApiError(response.status, problem.code ?? 'error', problem.detail ?? response.statusText);
  }
  return response.status === 204 ? (undefined as T) : ((await response.json()) as T);
}

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

export const api = {
  queue: () => call<{ items: QueueItem[]; guidance: string }>('/api/moderation/queue?limit=50'),
  taxonomy: () => call<Taxonomy>('/api/taxonomy'),
  approve: (id: string) => call(`/api/moderation/submissions/${id}/approve`, { method: 'POST' }),
  reject: (id: string, reason: string) => call(`/api/moderation/submissions/${id}/reject`, { method: 'POST', body: JSON.stringify({ reason }) }),
  flag: (id: string) => call(`/api/moderation/submissions/${id}/flag`, { method: 'POST', body: '{}' }),
  undo: (id: string) => call(`/api/moderation/submissions/${id}/undo`, { method: 'POST' }),
  tags: (id: string, priorities: string[]) =>
    call<{ priorities: string[]; themes: string[] }>(`/api/moderation/submissions/${id}/tags`, { method: 'PUT', body: JSON.stringify({ priorities, themes: [] }) }),
  redact: (id: string, spans: { start: number; end: number }[]) =>
    call<{ redactedText: string }>(`/api/moderation/submissions/${id}/redact`, { method: 'POST', body: JSON.stringify({ spans }) }),
  csrf: () => csrf,
};
