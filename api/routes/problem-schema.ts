/** The problem+json shape, for the OpenAPI document. */
import { z } from '@hono/zod-openapi';

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    code: z.string().openapi({ description: 'Stable machine-readable reason.' }),
    instance: z.string().optional(),
    errors: z.array(z.object({ pointer: z.string(), detail: z.string() })).optional(),
  })
  .openapi('Problem');

/** OpenAPI response entries for each problem status a route can answer. */
export function problemResponses(statuses: readonly number[]) {
  return Object.fromEntries(
    statuses.map((status) => [status, { description: 'Problem details (RFC 9457).', content: { 'application/problem+json': { schema: problemSchema } } }]),
  );
}
