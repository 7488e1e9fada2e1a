/** Adds every route of the app that is not already an OpenAPI route (staff, sign-in, health) to the document, read from its middleware. */
import type { OpenAPIHono, RouteConfig } from '@hono/zod-openapi';
import type { Hono } from 'hono';
import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from '../error-codes.ts';
import { problemSchema } from '../routes/problem-schema.ts';
import { noteOf, type RouteNote } from './route-notes.ts';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Method = (typeof METHODS)[number];
type HonoRoute = { method: string; path: string; handler: object };

/** `/api/packs/:id{[0-9]+}` → `/api/packs/{id}`, with the parameter names in order. */
export function openApiPath(honoPath: string): { path: string; params: string[] } {
  const params: string[] = [];
  const path = honoPath.replace(/:(\w+)(\{[^}]*\})?\??/g, (_, name: string) => {
    params.push(name);
    return `{${name}}`;
  });
  return { path, params };
}

/** Whether a `use()` pattern ('*', '/a/*' or an exact path) covers a route's path. */
function covers(pattern: string, path: string): boolean {
  if (pattern === '*' || pattern === '/*') return true;
  if (pattern.endsWith('/*')) return path === pattern.slice(0, -2) || path.startsWith(pattern.slice(0, -1));
  return pattern === path;
}

/**
 * The middleware that runs for one route: its own handlers plus `use()` middleware whose pattern covers its path.
 * Read from `app.routes`, never `app.router.match`: matching would build the router and forbid later routes (the web apps).
 */
function notesFor(routes: readonly HonoRoute[], route: HonoRoute): RouteNote[] {
  return routes
    .filter((r) => (r.method === route.method && r.path === route.path) || (r.method === 'ALL' && covers(r.path, route.path)))
    .flatMap((r) => noteOf(r.handler) ?? []);
}

function problems(description: string, codes: readonly ErrorCode[]) {
  const schema = problemSchema.extend({ code: z.enum(codes as [ErrorCode, ...ErrorCode[]]) });
  const meaning = codes.map((code) => `\`${code}\`: ${ERROR_CODES[code]}`).join(' ');
  return { description: `${description} ${meaning}`, content: { 'application/problem+json': { schema } } };
}

function operationFor(method: Method, path: string, params: string[], notes: RouteNote[]): RouteConfig {
  const staff = notes.find((note) => note.kind === 'staff');
  const csrf = method !== 'get' && notes.some((note) => note.kind === 'csrf');
  const inputs = new Map(notes.flatMap((note) => (note.kind === 'input' ? [[note.target, note.schema] as const] : [])));
  const paramSchema = inputs.get('param');
  const paramShape = paramSchema instanceof z.ZodObject ? paramSchema.shape : {};
  const query = inputs.get('query');
  const body = inputs.get('json');

  const responses: RouteConfig['responses'] = { 200: { description: 'Done (JSON, or a file or redirect where the summary says so).' } };
  if (body) {
    responses[400] = problems('The body is not JSON.', ['malformed_json']);
    responses[415] = problems('The body is not sent as application/json.', ['unsupported_media_type']);
  }
  if (staff) responses[401] = problems('No staff session.', ['not_signed_in']);
  const refusals: ErrorCode[] = [...(staff ? (['forbidden'] as const) : []), ...(csrf ? (['csrf_token_invalid', 'cross_origin'] as const) : [])];
  if (refusals.length > 0) responses[403] = problems('Refused.', refusals);
  if (params.length > 0) responses[404] = problems('No such item.', ['not_found']);
  if (inputs.size > 0) responses[422] = problems('The input is not valid; `errors` names each field.', ['validation_failed']);
  responses[503] = problems('A dependency is unavailable; retry later.', ['database_unavailable', 'storage_unavailable']);
  responses.default = problems('Any other problem; its code is from the one vocabulary.', Object.keys(ERROR_CODES) as ErrorCode[]);

  const roles = staff?.roles ?? [];
  return {
    method,
    path,
    tags: [staff ? 'staff' : path.startsWith('/auth/') ? 'sign-in' : 'service'],
    summary: `${method.toUpperCase()} ${path}`,
    description: staff ? `Staff only. Roles: ${roles.length > 0 ? roles.join(', ') : 'any staff role'}.${csrf ? ' Needs the session CSRF token in X-CSRF-Token.' : ''}` : 'No staff role needed.',
    ...(staff ? { security: [{ staffSession: [] }], 'x-heard-roles': [...roles] } : {}),
    request: {
      ...(params.length > 0 ? { params: z.object({ ...Object.fromEntries(params.map((name) => [name, z.string()])), ...paramShape }) } : {}),
      ...(query instanceof z.ZodObject ? { query } : {}),
      ...(body ? { body: { required: true, content: { 'application/json': { schema: body } } } } : {}),
    },
    responses,
  };
}

/**
 * Registers every method route of `app` the registry does not hold yet. Call it after the last route is mounted;
 * routes are read as registered, so a new staff route appears with its roles and schemas without a second list.
 */
export function documentRoutes(app: Hono<any>, registry: OpenAPIHono<any>['openAPIRegistry'], sessionCookie: string): void {
  const documented = new Set(
    registry.definitions.flatMap((definition) => (definition.type === 'route' ? [`${definition.route.method} ${definition.route.path}`] : [])),
  );
  registry.registerComponent('securitySchemes', 'staffSession', { type: 'apiKey', in: 'cookie', name: sessionCookie });
  for (const route of app.routes as HonoRoute[]) {
    const method = route.method.toLowerCase() as Method;
    if (!METHODS.includes(method) || route.path.includes('*')) continue;
    const { path, params } = openApiPath(route.path);
    if (documented.has(`${method} ${path}`)) continue;
    documented.add(`${method} ${path}`);
    registry.registerPath(operationFor(method, path, params, notesFor(app.routes as HonoRoute[], route)));
  }
}
