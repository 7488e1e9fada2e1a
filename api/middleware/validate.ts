/** Request validation with zod at the edge of the app; every failure becomes a problem+json with per-field errors. */
import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import { toPointer, ValidationError, type FieldError } from '../errors.ts';

/** Turns zod issues into RFC 6901 JSON pointers with a readable message each. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ pointer: toPointer([...issue.path, key]), detail: 'This field is not accepted.' }))
      : [{ pointer: toPointer(issue.path), detail: issue.message }],
  );
}


/** The hook shared by zValidator and OpenAPIHono: throw a ValidationError instead of answering zod's own shape. */
export function problemHook(
  result: { success: true } | { success: false; error: { issues: readonly z.core.$ZodIssue[] } },
): void {
  if (!result.success) throw new ValidationError(fieldErrors(result.error.issues));
}

/** `validate('json', schema)`: zValidator whose failures answer problem+json (malformed JSON is mapped by onError). */
export function validate<Target extends keyof ValidationTargets, Schema extends z.ZodType>(target: Target, schema: Schema) {
  return zValidator(target, schema, problemHook);
}
