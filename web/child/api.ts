/** The children's app's one typed client for the public API. Same origin only: no third-party requests, ever. */
import { deviceId } from './device.ts';
import type { AgeBand, ChildSettings, OpenSurvey, Problem, ReceiptStatus, SubmissionAccepted, SubmissionBody } from '../shared/api-types.ts';

export type SendOutcome =
  | { kind: 'accepted'; body: SubmissionAccepted }
  /** Worth trying again later: offline, a server error, or asked to slow down. */
  | { kind: 'retry'; retryAfterSeconds?: number }
  /** Something in what the child wrote needs fixing; shown to them. */
  | { kind: 'needs_fixing'; problem: Problem };

/** Sends a submission; a drawing goes as multipart/form-data with its picture. */
export async function sendSubmission(body: SubmissionBody, deviceId: string, image?: Blob): Promise<SendOutcome> {
  let response: Response;
  try {
    let request: RequestInit;
    if (image) {
      const form = new FormData();
      form.set('submission', JSON.stringify(body));
      form.set('image', image, 'drawing.png');
      request = { method: 'POST', headers: { 'heard-device-id': deviceId }, body: form };
    } else {
      request = { method: 'POST', headers: { 'content-type': 'application/json', 'heard-device-id': deviceId }, body: JSON.stringify(body) };
    }
    response = await fetch('/api/submissions', request);
  } catch {
    return { kind: 'retry' };
  }
  if (response.status === 200 || response.status === 201) return { kind: 'accepted', body: (await response.json()) as SubmissionAccepted };
  const retryAfter = Number(response.headers.get('retry-after'));
  const retry: SendOutcome = { kind: 'retry', ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}) };
  if (response.status === 429 || response.status >= 500) return retry;
  const problem = await readProblem(response);
  // A 409 is "still being saved, try again", unless it names the group code (which then no longer exists).
  if (response.status === 409 && problemAbout(problem) !== 'group') return retry;
  return { kind: 'needs_fixing', problem };
}

/** What a refusal is about, for the words the child sees: the group code, a survey that has gone, or their input. */
export function problemAbout(problem: Problem): 'group' | 'survey' | 'input' {
  const pointers = (problem.errors ?? []).map((error) => error.pointer);
  if (problem.code === 'unknown_group' || pointers.includes('/groupCode')) return 'group';
  if (problem.code === 'unknown_survey' || problem.code === 'survey_closed' || problem.code === 'survey_not_for_you') return 'survey';
  return 'input';
}

/** The surveys open now for this age band (and group): undefined when there is no answer (offline). */
export async function fetchOpenSurveys(ageBand: AgeBand, groupCode?: string, timeoutMs = 4000): Promise<OpenSurvey[] | undefined> {
  const query = new URLSearchParams({ ageBand, ...(groupCode ? { groupCode } : {}) });
  try {
    const response = await fetch(`/api/open-surveys?${query}`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return response.status < 500 ? [] : undefined;
    return ((await response.json()) as { surveys: OpenSurvey[] }).surveys;
  } catch {
    return undefined;
  }
}

/** The partnership's rules for the device; undefined when there is no answer (offline). */
export async function fetchChildSettings(timeoutMs = 4000): Promise<ChildSettings | undefined> {
  try {
    const response = await fetch('/api/child-settings', { signal: AbortSignal.timeout(timeoutMs) });
    return response.ok ? ((await response.json()) as ChildSettings) : undefined;
  } catch {
    return undefined;
  }
}

export async function lookUpReceipt(receipt: string): Promise<ReceiptStatus | Problem> {
  const response = await fetch(`/api/receipts/${encodeURIComponent(receipt)}`, { headers: deviceHeader() });
  return response.ok ? ((await response.json()) as ReceiptStatus) : readProblem(response);
}

export async function withdraw(receipt: string): Promise<ReceiptStatus | Problem> {
  const response = await fetch(`/api/receipts/${encodeURIComponent(receipt)}/withdraw`, { method: 'POST', headers: deviceHeader() });
  return response.ok ? ((await response.json()) as ReceiptStatus) : readProblem(response);
}

export async function joinGroup(code: string): Promise<{ name: string } | Problem> {
  const response = await fetch('/api/groups/join', { method: 'POST', headers: { 'content-type': 'application/json', ...deviceHeader() }, body: JSON.stringify({ code }) });
  return response.ok ? ((await response.json()) as { name: string }) : readProblem(response);
}

/** Code lookups are throttled per device as well as per address, so one device guessing slows only itself. */
function deviceHeader(): Record<string, string> {
  return { 'heard-device-id': deviceId() };
}

export function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'code' in value && 'detail' in value;
}

async function readProblem(response: Response): Promise<Problem> {
  try {
    return (await response.json()) as Problem;
  } catch {
    return { status: response.status, code: 'unreadable', detail: 'Something went wrong. Please try again.' };
  }
}
