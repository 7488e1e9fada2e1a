/** Finds member names in parsed JSON that could reach an object's prototype if copied (`__proto__`, `constructor`, `prototype`). */
import { toPointer, type FieldError } from '../errors.ts';

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_REPORTED = 10;

type Step = { value: unknown; key: string | undefined; parent: Step | undefined };

/** Field errors for forbidden members (the first few), walked without recursion so a deep body cannot overflow the stack. */
export function forbiddenKeyErrors(value: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const stack: Step[] = [{ value, key: undefined, parent: undefined }];
  while (stack.length > 0 && errors.length < MAX_REPORTED) {
    const step = stack.pop()!;
    if (step.value === null || typeof step.value !== 'object') continue;
    for (const key of Object.keys(step.value)) {
      const child: Step = { value: (step.value as Record<string, unknown>)[key], key, parent: step };
      if (FORBIDDEN.has(key)) errors.push({ pointer: pointerOf(child), detail: 'This name is not accepted.' });
      else stack.push(child);
    }
  }
  return errors;
}

function pointerOf(step: Step): string {
  const path: string[] = [];
  for (let at: Step | undefined = step; at?.key !== undefined; at = at.parent) path.unshift(at.key);
  return toPointer(path);
}
