/** Turns a submission's state into what its receipt tells the child, in plain words. */
import { z } from '@hono/zod-openapi';
import type { ReceiptView } from '../db/submissions.ts';

export const RECEIPT_STATES = ['received', 'being_looked_at', 'ready_to_share', 'not_used', 'withdrawn'] as const;
export type ReceiptState = (typeof RECEIPT_STATES)[number];

export const receiptStatusSchema = z
  .object({
    state: z.enum(RECEIPT_STATES),
    message: z.string(),
    sentOn: z.string().openapi({ description: 'The day it was sent (YYYY-MM-DD).' }),
    sharedWith: z
      .array(z.object({ committee: z.string(), on: z.string(), whatHappens: z.string().nullable() }))
      .openapi({ description: 'Committees that heard these words, and when (filled in when a meeting discusses them).' }),
  })
  .openapi('ReceiptStatus');

export type ReceiptStatus = z.infer<typeof receiptStatusSchema>;

const messages: Record<ReceiptState, string> = {
  received: "We've got your message safely. Nobody has read it yet.",
  being_looked_at: 'Someone is reading what you sent.',
  ready_to_share: 'Your message has been read and is ready to be shared with the people who make decisions.',
  not_used: "Your message was read, but it won't be used in a report. It still counts. Thank you for telling us.",
  withdrawn: 'You changed your mind, so your message has been deleted. Nobody will see it now.',
};

const stateOfStatus: Record<ReceiptView['status'], ReceiptState> = {
  received: 'received',
  in_review: 'being_looked_at',
  approved: 'ready_to_share',
  rejected: 'not_used',
  withdrawn: 'withdrawn',
};

/** A picture that arrived but could not be opened: told in the same words moderators' "could not be processed" means. */
const PICTURE_FAILED = "We got your picture, but we couldn't open it, so it can't be used. If you'd like, send it again.";

export function receiptStatus(
  view: Pick<ReceiptView, 'status' | 'created_at' | 'picture_failed'>,
  shares: readonly { committee: string; on: string; note: string | null }[] = [],
): ReceiptStatus {
  // Until someone decides otherwise, a drawing whose picture failed will not be used: the receipt must not say "received".
  const pictureLost = view.picture_failed === true && (view.status === 'received' || view.status === 'in_review');
  const state = pictureLost ? 'not_used' : stateOfStatus[view.status];
  const sharedWith = state === 'withdrawn' ? [] : shares.map((share) => ({ committee: share.committee, on: share.on, whatHappens: share.note }));
  const message =
    sharedWith.length > 0
      ? `Your words were shared with the ${sharedWith.map((s) => `${s.committee} committee on ${s.on}`).join(', and the ')}.`
      : pictureLost
        ? PICTURE_FAILED
        : messages[state];
  return { state, message, sentOn: new Date(view.created_at).toISOString().slice(0, 10), sharedWith };
}
