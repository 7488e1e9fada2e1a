/**
 * fast-check arbitraries derived from an OpenAPI 3.1 document's JSON schemas (objects, enums, strings with patterns
 * and lengths, integers, booleans, uuids), their mutations (a field missing, of the wrong type, or not in the
 * schema), nasty strings, and request bodies as bytes: JSON.stringify, raw WTF-8 (lone surrogates as their 3-byte
 * forms, so invalid UTF-8), or with invalid UTF-8 bytes spliced into the text.
 */
import fc from 'fast-check';

export type JsonSchema = {
  $ref?: string;
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
};

export type OpenApiParameter = { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema: JsonSchema };
export type OpenApiOperation = {
  parameters?: OpenApiParameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
};
export type OpenApiDocument = { paths: Record<string, Record<string, OpenApiOperation>>; components?: { schemas?: Record<string, JsonSchema> } };

/** Stands for "splice invalid UTF-8 bytes here" in `bodyBytes(…, 'invalid-utf8')`; a private-use character otherwise. */
export const INVALID_BYTES_MARK = '\uE0FF';
const INVALID_SEQUENCES = [[0xff], [0xc0, 0x80], [0xe2, 0x82], [0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80]];

/** Strings a child's app, a broken keyboard or an attacker might send. */
export const nastyStrings: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'lone \udfff low',
  'pair split \ud83d',
  '😀👩‍👩‍👧‍👦🏳️‍🌈',
  'مرحبا، أنا بخير \u202Eevil\u202C',
  'שלום \u200F עולם',
  'e\u0301 Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̗̻̇',
  '\uFEFFbom',
  '\uFFFD replacement',
  '\r\n\t\u000b\u000c',
  '\u2028\u2029',
  '"; DROP TABLE submissions; --',
  '=HYPERLINK("http://evil.example","x")',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00%ff%',
  `x${INVALID_BYTES_MARK}y`,
  '\uE000\uF8FF',
  '𝕳𝖊𝖆𝖗𝖉',
];

/** The characters most likely to break storage or decoding; often inserted into otherwise valid strings. */
export const hazards: readonly string[] = ['\u0000', '\ud800', '\udfff', '\ud83d', INVALID_BYTES_MARK, '\uFEFF', '\u202E', '\uFFFD', '\u2028'];

/** `base` with a hazard inserted at `at` (taken modulo its length + 1). */
export function withHazard(base: string, hazard: string, at: number): string {
  const cut = at % (base.length + 1);
  return base.slice(0, cut) + hazard + base.slice(cut);
}

/** Text: nasty strings, random graphemes or code units, concatenations of them, and 100 000-character texts. */
export function nastyText(): fc.Arbitrary<string> {
  const piece = fc.oneof(
    fc.constantFrom(...nastyStrings),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.string({ maxLength: 40 }),
  );
  return fc.oneof(
    { weight: 6, arbitrary: fc.array(piece, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('')) },
    { weight: 3, arbitrary: fc.tuple(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }), fc.constantFrom(...hazards), fc.nat()).map(([base, hazard, at]) => withHazard(base, hazard, at)) },
    { weight: 1, arbitrary: fc.constantFrom('😀', 'a', 'ع', '\ud800', '\u0000').map((unit) => unit.repeat(100_000)) },
    { weight: 1, arbitrary: fc.integer({ min: 4990, max: 5010 }).map((n) => 'é'.repeat(n)) },
  );
}

export function resolve(doc: OpenApiDocument, schema: JsonSchema): JsonSchema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const found = doc.components?.schemas?.[name];
  if (!found) throw new Error(`unresolvable ${schema.$ref}`);
  return resolve(doc, found);
}

export type Overrides = Record<string, fc.Arbitrary<unknown>>;

/**
 * Values the schema accepts, as far as the document states it (refinements it cannot state, such as "no NUL",
 * are left to the server). `overrides` replaces the arbitrary of a named property anywhere in the tree.
 */
export function fromSchema(doc: OpenApiDocument, raw: JsonSchema, overrides: Overrides = {}): fc.Arbitrary<unknown> {
  const schema = resolve(doc, raw);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'object': {
      const properties = schema.properties ?? {};
      if (Object.keys(properties).length === 0) {
        const values = typeof schema.additionalProperties === 'object' && Object.keys(schema.additionalProperties).length > 0
          ? fromSchema(doc, schema.additionalProperties, overrides)
          : fc.jsonValue({ maxDepth: 2 });
        return fc.dictionary(fc.string({ maxLength: 70 }), values, { maxKeys: 6 });
      }
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, property] of Object.entries(properties)) model[name] = overrides[name] ?? fromSchema(doc, property, overrides);
      return fc.record(model, { requiredKeys: schema.required ?? [] });
    }
    case 'string': {
      if (schema.format === 'uuid') return fc.uuid();
      if (schema.format === 'binary') return fc.string();
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
      if (schema.minLength === undefined && schema.maxLength === undefined) return nastyText();
      const bounds = { minLength: schema.minLength ?? 0, maxLength: schema.maxLength ?? 64 };
      // Nasty strings padded into the length bounds, so they get past the length check to the code behind it.
      const padded = fc
        .tuple(fc.constantFrom(...hazards, ...nastyStrings), fc.string({ ...bounds, unit: 'grapheme' }), fc.nat())
        .map(([nasty, rest, at]) => withHazard(rest.slice(0, Math.max(0, bounds.maxLength - nasty.length)), nasty, at).padEnd(bounds.minLength, 'x'));
      return fc.oneof(fc.string({ ...bounds, unit: 'grapheme' }), fc.string({ ...bounds, unit: 'binary' }), fc.constantFrom(...nastyStrings), { weight: 2, arbitrary: padded });
    }
    case 'integer': {
      const min = schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : (schema.minimum ?? -(2 ** 31));
      return fc.integer({ min, max: schema.maximum ?? 2 ** 31 - 1 });
    }
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(schema.items ? fromSchema(doc, schema.items, overrides) : fc.jsonValue({ maxDepth: 1 }), { maxLength: 5 });
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A value of some JSON type, often not the one a field wants. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constantFrom(...nastyStrings),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
);

export type Mutation = 'drop' | 'retype' | 'extra';

/** Every path to a member of an object in `value` (nested objects too). */
function memberPaths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, member]) => [[...prefix, key], ...memberPaths(member, [...prefix, key])]);
}

function objectPaths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return [prefix, ...Object.entries(value).flatMap(([key, member]) => objectPaths(member, [...prefix, key]))];
}

function at(value: unknown, path: readonly string[]): Record<string, unknown> {
  let here = value as Record<string, unknown>;
  for (const key of path) here = here[key] as Record<string, unknown>;
  return here;
}

/** One mutation of a (deep-copied) object: a member dropped, given a value of another type, or an unknown member added. */
export function mutate(value: unknown, mutation: Mutation, pick: number, replacement: unknown, extraKey: string): unknown {
  const copy = structuredClone(value);
  if (mutation === 'extra') {
    const objects = objectPaths(copy);
    if (objects.length === 0) return copy;
    at(copy, objects[pick % objects.length]!)[extraKey] = replacement;
    return copy;
  }
  const members = memberPaths(copy);
  if (members.length === 0) return replacement;
  const path = members[pick % members.length]!;
  const parent = at(copy, path.slice(0, -1));
  if (mutation === 'drop') delete parent[path.at(-1)!];
  else parent[path.at(-1)!] = replacement;
  return copy;
}

/** The schema's valid values (weight 2) and their mutations (weight 3). */
export function withMutations(valid: fc.Arbitrary<unknown>): fc.Arbitrary<{ value: unknown; mutation: Mutation | 'none' }> {
  const mutated = fc
    .tuple(valid, fc.constantFrom<Mutation>('drop', 'retype', 'extra'), fc.nat(), wrongValue, fc.oneof(fc.constantFrom('__proto__', 'constructor', 'extra', ''), fc.string({ maxLength: 10 })))
    .map(([value, mutation, pick, replacement, extraKey]) => ({ value: mutate(value, mutation, pick, replacement, extraKey), mutation }));
  return fc.oneof({ weight: 2, arbitrary: valid.map((value) => ({ value, mutation: 'none' as const })) }, { weight: 3, arbitrary: mutated });
}

export type Encoding = 'json' | 'wtf8' | 'invalid-utf8';

/** JSON text with every string's characters raw (only quote, backslash and C0 controls escaped). */
function rawJson(value: unknown): string {
  if (typeof value === 'string') {
    return `"${value.replace(/["\\\u0000-\u001f]/g, (char) => (char === '"' ? '\\"' : char === '\\' ? '\\\\' : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`))}"`;
  }
  if (Array.isArray(value)) return `[${value.map(rawJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).filter(([, member]) => member !== undefined).map(([key, member]) => `${rawJson(key)}:${rawJson(member)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** UTF-16 code units as WTF-8: well-formed pairs as UTF-8, a lone surrogate as its (invalid in UTF-8) 3-byte form. */
function wtf8(text: string, invalidAt: ((index: number) => number[] | undefined) | undefined): number[] {
  const bytes: number[] = [];
  let markIndex = 0;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    const spliced = code === INVALID_BYTES_MARK.charCodeAt(0) && invalidAt ? invalidAt(markIndex++) : undefined;
    if (spliced) bytes.push(...spliced);
    else if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 63));
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    else bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
  }
  return bytes;
}

/** Percent-encodes a string's WTF-8 bytes (so a lone surrogate becomes %ED%A0%80, which encodeURIComponent refuses). */
export function percentEncode(text: string): string {
  return wtf8(text, undefined)
    .map((byte) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`))
    .join('');
}

/** True when these bytes are not valid UTF-8. */
export function isInvalidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return false;
  } catch {
    return true;
  }
}

/** The request body for `value` in an encoding. */
export function bodyBytes(value: unknown, encoding: Encoding, seed = 0): Uint8Array {
  if (encoding === 'json') return new TextEncoder().encode(JSON.stringify(value) ?? 'null');
  const invalid = encoding === 'invalid-utf8' ? (index: number) => INVALID_SEQUENCES[(seed + index) % INVALID_SEQUENCES.length] : undefined;
  return new Uint8Array(wtf8(rawJson(value), invalid));
}
