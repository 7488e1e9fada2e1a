/** Request validation with zod at the edge of the app; every failure becomes a problem+json with per-field errors. */
import { zValidator } from '@hono/zod-validator';
import type { MiddlewareHandler, ValidationTargets } from 'hono';
import type { z } from 'zod';
import { ProblemError, toPointer, ValidationError, type FieldError } from '../errors.ts';
import { noted } from '../openapi/route-notes.ts';

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

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/;

/**
 * In front of a JSON body validator. Another media type is refused (415) — the validator alone would read it as `{}`
 * and accept junk — and an empty JSON body is checked as `{}`, so the schema names each missing field instead of
 * answering "malformed JSON". A request with no body and no content type passes: bodies with only optional fields.
 */
export function jsonBodyOnly(schema: z.ZodType): MiddlewareHandler {
  return async (c, next) => {
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type === '') {
      const length = c.req.header('content-length');
      const hasBody = c.req.header('transfer-encoding') !== undefined || (length !== undefined && length !== '0');
      if (hasBody) throw unsupportedMediaType();
      return next();
    }
    if (!JSON_MEDIA_TYPE.test(type)) throw unsupportedMediaType();
    // Read once: Hono caches the text, and the validator parses that same copy.
    if ((await c.req.text()).trim() === '') problemHook(schema.safeParse({}));
    return next();
  };
}

/** The one code every route answers for a body it cannot read as sent (submissions say the same). */
export function unsupportedMediaType(detail = 'Send this as application/json.'): ProblemError {
  return new ProblemError(415, 'unsupported_media_type', detail);
}

/** `validate('json', schema)`: zValidator whose failures answer problem+json (malformed JSON is mapped by onError). */
export function validate<Target extends keyof ValidationTargets, Schema extends z.ZodType>(target: Target, schema: Schema) {
  const validator = noted(zValidator(target, schema, problemHook), { kind: 'input', target, schema });
  if (target !== 'json') return validator;
  const only = jsonBodyOnly(schema);
  const guarded: typeof validator = async (c, next) => {
    let result: Response | void = undefined;
    await only(c, async () => {
      result = await validator(c, next);
    });
    return result;
  };
  return noted(guarded, { kind: 'input', target, schema });
}
