/** POST /api/groups/join: checks a participation group's code and tells the child the group's name. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../deps.ts';
import { findActiveGroupByCode } from '../db/groups.ts';
import { NotFoundError } from '../errors.ts';
import { countGuess } from '../intake/guess-limit.ts';
import { jsonBodyOnly, problemHook } from '../middleware/validate.ts';
import { problemResponses } from './problem-schema.ts';

const groupJoin = z.object({ code: z.string().trim().min(3).max(32) }).strict().openapi('GroupJoin');

export function groupRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: problemHook });
  app.use('/api/groups/join', jsonBodyOnly(groupJoin));
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/groups/join',
      summary: "Check a participation group's code",
      request: {
        body: {
          required: true,
          content: { 'application/json': { schema: groupJoin } },
        },
      },
      responses: {
        200: {
          description: 'The group exists and is open.',
          content: { 'application/json': { schema: z.object({ name: z.string(), code: z.string() }).openapi('GroupJoined') } },
        },
        ...problemResponses([400, 404, 415, 422, 429]),
      },
    }),
    async (c) => {
      const { code } = c.req.valid('json');
      const guess = await countGuess(deps, c, 'join');
      const group = await findActiveGroupByCode(deps.db, code, deps.clock.now());
      if (!group) throw new NotFoundError("We don't know that code, or the group has finished. Check it with your group worker. You can still speak on your own.");
      await guess.found();
      return c.json({ name: group.name, code }, 200);
    },
  );
  return app;
}
