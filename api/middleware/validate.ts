/** Request validation with zod at the edge of the app; every failure becomes a problem+json with per-field errors. */
import { zValidator } from '@hono/zod-validator';
import type { MiddlewareHandler, ValidationTargets } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { z } from 'zod';
import { ProblemError, ValidationError, type FieldError } from '../errors.ts';

/** Turns zod issues into RFC 6901 JSON pointers with a readable message each. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => ({
    pointer: `/${issue.path.map((part) => String(part).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`,
    detail: issue.message,
  }));
}

/** The hook shared by zValidator and OpenAPIHono: throw a ValidationError instead of answering zod's own shape. */
export function problemHook(
  result: { success: true } | { success: false; error: { issues: readonly z.core.$ZodIssue[] } },
): void {
  if (!result.success) throw new ValidationError(fieldErrors(result.error.issues));
}

/** `validate('json', schema)`: like zValidator, but malformed bodies and invalid fields answer problem+json. */
export function validate<Target extends keyof ValidationTargets, Schema extends z.ZodType>(target: Target, schema: Schema) {
  const inner = zValidator(target, schema, problemHook);
  const wrapped: MiddlewareHandler = async (c, next) => {
    try {
      return await inner(c, next);
    } catch (error) {
      if (error instanceof HTTPException && error.status === 400) {
        throw new ProblemError(400, target === 'json' ? 'malformed_json' : 'malformed_body', 'The request body could not be read. Please check it is well-formed.');
      }
      throw error;
    }
  };
  return wrapped as typeof inner;
}
