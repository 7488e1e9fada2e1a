/** What a middleware tells the OpenAPI document about the routes it guards: the roles it admits, the input it validates. */
import type { StaffRoleName } from '../config.ts';
import type { z } from 'zod';

export type RouteNote =
  | { kind: 'staff'; roles: readonly StaffRoleName[] }
  | { kind: 'csrf' }
  | { kind: 'input'; target: string; schema: z.ZodType };

const notes = new WeakMap<object, RouteNote>();

/** Attaches `note` to a middleware so the document can be derived from the routes as registered, not a second list. */
export function noted<Handler extends object>(handler: Handler, note: RouteNote): Handler {
  notes.set(handler, note);
  return handler;
}

export function noteOf(handler: object): RouteNote | undefined {
  return notes.get(handler);
}
