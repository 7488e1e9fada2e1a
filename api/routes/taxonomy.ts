/** GET /api/taxonomy: the partnership's priorities and themes, for tagging (any signed-in staff member). */
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../deps.ts';
import { requireStaff } from '../middleware/staff-session.ts';

export function taxonomyRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/api/taxonomy', requireStaff(), async (c) => {
    const priorities = await deps.db.selectFrom('priorities').select(['slug', 'title', 'description']).where('active', '=', true).orderBy('position').execute();
    const themes = await deps.db.selectFrom('themes').select(['slug', 'title']).orderBy('title').execute();
    return c.json({ priorities, themes });
  });
}
