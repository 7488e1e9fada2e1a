/** A child's receipt: what happened to their words, and changing their mind. Nothing else about the submission. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../deps.ts';
import { findByReceipt, sharesOf } from '../db/submissions.ts';
import { NotFoundError } from '../errors.ts';
import { receiptStatus, receiptStatusSchema } from '../intake/receipt-status.ts';
import { countGuess } from '../intake/guess-limit.ts';
import { normaliseReceipt } from '../intake/receipt.ts';
import { withdrawSubmission } from '../intake/withdraw.ts';
import { problemHook } from '../middleware/validate.ts';
import { problemResponses } from './problem-schema.ts';

const params = z.object({ receipt: z.string().max(64).openapi({ param: { name: 'receipt', in: 'path' }, example: 'KM7TA-HX9PC-R4WEN' }) });

const unknownReceipt = () =>
  new NotFoundError("We can't find that receipt. Check each letter and number; it looks like KM7TA-HX9PC-R4WEN.");

export function receiptRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: problemHook });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/receipts/{receipt}',
      summary: 'What happened to the words behind a receipt',
      request: { params },
      responses: {
        200: { description: 'Where it is now, in words a child understands.', content: { 'application/json': { schema: receiptStatusSchema } } },
        ...problemResponses([404, 429]),
      },
    }),
    async (c) => {
      const receipt = normaliseReceipt(c.req.valid('param').receipt);
      if (!receipt) throw unknownReceipt();
      const guess = await countGuess(deps, c, 'receipt');
      const found = await findByReceipt(deps.db, receipt);
      if (!found) throw unknownReceipt();
      await guess.found();
      return c.json(receiptStatus(found, await sharesOf(deps.db, found.id)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/receipts/{receipt}/withdraw',
      summary: 'The child changes their mind: erase their words and pictures',
      description: 'Idempotent: withdrawing again answers the same.',
      request: { params },
      responses: {
        200: { description: 'Withdrawn.', content: { 'application/json': { schema: receiptStatusSchema } } },
        ...problemResponses([404, 429, 503]),
      },
    }),
    async (c) => {
      const receipt = normaliseReceipt(c.req.valid('param').receipt);
      if (!receipt) throw unknownReceipt();
      const guess = await countGuess(deps, c, 'receipt');
      const withdrawn = await withdrawSubmission(deps, receipt, c.get('requestId'));
      if (!withdrawn) throw unknownReceipt();
      await guess.found();
      return c.json(receiptStatus(withdrawn), 200);
    },
  );

  return app;
}
