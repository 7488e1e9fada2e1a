/** The child's own words for a refusal from the API, whose `detail` is English for every other client. */
import type { Problem } from '../shared/api-types.ts';
import type { MessageKey } from './messages.ts';

/** A receipt or group code the server does not know (404), or anything else (including no answer at all). */
export function problemKey(problem: Problem | undefined, about: 'receipt' | 'group'): MessageKey {
  if (problem?.status === 404) return about === 'receipt' ? 'receiptNotFound' : 'groupNotFound';
  return 'somethingWrong';
}
