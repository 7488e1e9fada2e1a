// Release check 6, API fuzzing: property-based requests to every route of the public contract the app serves at
// /api/openapi.json (the routes a child's app calls), with arbitraries derived from the document's own request
// schemas and parameters, mutated (a field missing, of the wrong type, or not in the schema), carrying nasty text
// (emoji, RTL, NUL, lone surrogates escaped as JSON allows, the same as raw invalid UTF-8 bytes, other invalid
// UTF-8 bytes, 100 000 characters), sent as JSON, hand-built multipart, paths and query strings.
// Properties: never a 5xx; every 4xx is application/problem+json with the RFC 9457 members; text that is
// accepted is stored exactly as sent (read back from the database). Fixed seed (FUZZ_SEED to change it), printed.
// Already covered elsewhere: hand-picked bad bodies (test/api/errors.test.ts, submissions-quote, intake-contract),
// the image sniffer on random bytes (test/images/sniff.test.ts), hostile image files (hostile-files.test.ts).
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../api/config.ts';
import { engineName } from '../helpers/database.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { postJson, quote } from '../helpers/intake.ts';
import {
  bodyBytes,
  fromSchema,
  isInvalidUtf8,
  nastyStrings,
  nastyText,
  percentEncode,
  INVALID_BYTES_MARK,
  resolve,
  withMutations,
  wrongValue,
  type Encoding,
  type OpenApiDocument,
  type OpenApiParameter,
} from '../helpers/openapi-arbitraries.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
/** Runs per property, chosen to keep the file under a minute on a 2-core machine with PGlite. */
const RUNS = { submissionsJson: 400, submissionsMultipart: 100, otherBodies: 80, groupsJoin: 150, receipts: 150, withdraw: 60, openSurveys: 150, childSettings: 60 };
const GROUP_CODE = 'FUZZ-GROUP';
const SURVEY_ID = '6f1c1b1e-8a43-4c1e-9d7e-1f0e6a1b2c3d';

/** The public contract, as this check expects to find it: a new public route must be fuzzed before it ships. */
const FUZZED_ROUTES = ['GET /api/child-settings', 'GET /api/open-surveys', 'GET /api/receipts/{receipt}', 'POST /api/groups/join', 'POST /api/receipts/{receipt}/withdraw', 'POST /api/submissions'];
/** As in test/api/authorization-matrix.test.ts: the routes open to children and the public. */
const PUBLIC = /^\/(healthz|readyz|api\/submissions|api\/receipts|api\/groups\/join|api\/open-surveys|api\/child-settings|api\/openapi\.json|api\/pack\.css|auth\/login|auth\/callback)/;

type Figures = { requests: number; statuses: Map<number, number>; codes: Map<string, number>; stored: number; storedNasty: number; invalidUtf8Refused: number; longest: number };
const figures = new Map<string, Figures>();

function tally(route: string, status: number): void {
  const f = figures.get(route) ?? { requests: 0, statuses: new Map(), codes: new Map(), stored: 0, storedNasty: 0, invalidUtf8Refused: 0, longest: 0 };
  figures.set(route, f);
  f.requests++;
  f.statuses.set(status, (f.statuses.get(status) ?? 0) + 1);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A fresh id in place of a generated well-formed one: fast-check's uuids repeat, and every repeat is a replay (200 or 422). */
function withFreshId(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const id = (value as Record<string, unknown>).id;
  return typeof id === 'string' && UUID.test(id) ? { ...value, id: crypto.randomUUID() } : value;
}

/** The properties every answer must have: no 5xx; a 4xx is problem+json with the RFC 9457 members. */
async function checkAnswer(route: string, response: Response, context: () => string): Promise<unknown> {
  tally(route, response.status);
  const text = await response.text();
  expect(response.status, `${route} answered ${response.status}: ${text.slice(0, 300)}\n${context()}`).toBeLessThan(500);
  if (response.status >= 400) {
    expect(response.headers.get('content-type'), `${route} ${response.status}\n${context()}`).toBe('application/problem+json');
    const problem = JSON.parse(text) as Record<string, unknown>;
    expect(problem, context()).toMatchObject({ type: expect.any(String), title: expect.any(String), status: response.status, detail: expect.any(String), code: expect.any(String) });
    if ('instance' in problem) expect(typeof problem.instance).toBe('string');
    const f = figures.get(route)!;
    f.codes.set(String(problem.code), (f.codes.get(String(problem.code)) ?? 0) + 1);
    return problem;
  }
  return text === '' ? undefined : JSON.parse(text);
}

const show = (value: unknown) => {
  const text = JSON.stringify(value, (_key, member: unknown) => (typeof member === 'string' && member.length > 200 ? `${member.slice(0, 40)}…(${member.length} units)` : member));
  return (text ?? 'undefined').slice(0, 2000);
};

describe(`API fuzzing on ${engineName}`, () => {
  let h: Harness;
  let doc: OpenApiDocument;
  const receipts: string[] = [];

  beforeAll(async () => {
    const limits = parseConfig({ NODE_ENV: 'test', RATE_LIMIT_PER_DEVICE: '1000000', RATE_LIMIT_WITHOUT_DEVICE: '1000000', RATE_LIMIT_PER_GROUP: '1000000' });
    h = await createHarness({ config: { rateLimit: limits.rateLimit } });
    await h.database.db.insertInto('participation_groups').values({ name: 'Fuzz group', join_code: GROUP_CODE.replace('-', ''), active_from: new Date(0), active_until: null }).execute();
    await h.database.db.insertInto('surveys').values({ id: SURVEY_ID, title: 'Fuzz survey' }).execute();
    const questions = [
      { id: 'happy', type: 'emoji_scale', required: true, text: { en: 'How happy are you?' } },
      { id: 'pick', type: 'single_choice', options: [{ id: 'a' }, { id: 'b' }], text: { en: 'Pick one' } },
      { id: 'many', type: 'multiple_choice', options: [{ id: 'x' }, { id: 'y' }], text: { en: 'Pick some' } },
      { id: 'words', type: 'free_text', text: { en: 'Anything else?' } },
    ];
    await h.database.db
      .insertInto('survey_versions')
      .values({ survey_id: SURVEY_ID, version: 1, published_at: new Date(), intro: JSON.stringify({ en: 'Hello' }), questions: JSON.stringify(questions) })
      .execute();
    for (let i = 0; i < 3; i++) receipts.push(((await (await postJson(h.app, quote())).json()) as { receipt: string }).receipt);
    const response = await h.app.request('/api/openapi.json');
    expect(response.status).toBe(200);
    doc = (await response.json()) as OpenApiDocument;
  });
  afterAll(async () => {
    await h?.close();
    const lines = [...figures].map(([route, f]) => {
      const statuses = [...f.statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`).join(' ');
      const stored = f.stored ? `; stored and read back byte-exact: ${f.stored} (${f.storedNasty} with non-ASCII, NUL-free text), longest ${f.longest} code units` : '';
      const invalid = f.invalidUtf8Refused ? `; invalid UTF-8 refused: ${f.invalidUtf8Refused}` : '';
      const codes = [...f.codes].sort(([, a], [, b]) => b - a).map(([code, n]) => `${code} ${n}`).join(', ');
      return `  ${route}: ${f.requests} requests, ${statuses}${stored}${invalid}\n    problem codes: ${codes}`;
    });
    console.log([`API fuzzing (${engineName}), fast-check seed ${SEED}: no 5xx, every 4xx problem+json`, ...lines].join('\n'));
  });

  const operation = (method: string, path: string) => {
    const found = doc.paths[path]?.[method];
    if (!found) throw new Error(`${method} ${path} is not in the document`);
    return found;
  };
  const parameter = (method: string, path: string, name: string): OpenApiParameter => operation(method, path).parameters!.find((p) => p.name === name)!;

  it('fuzzes every route of the published contract, and each is a public route', () => {
    // The children's contract: the document also holds the staff, sign-in and service routes, each tagged as such.
    const published = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).flatMap(([method, found]) => ((found as { tags?: string[] }).tags ? [] : [`${method.toUpperCase()} ${path}`])),
    );
    expect(published.sort()).toEqual([...FUZZED_ROUTES].sort());
    for (const route of published) expect(PUBLIC.test(route.split(' ')[1]!), route).toBe(true);
  });

  /** A submission as the document describes it, with values that sometimes reach the real group and survey. */
  function submissionArbitrary() {
    const schema = operation('post', '/api/submissions').requestBody!.content['application/json']!.schema;
    const valid = fromSchema(doc, schema, {
      text: nastyText(),
      groupCode: fc.oneof(fc.constantFrom(GROUP_CODE, GROUP_CODE.toLowerCase(), ` ${GROUP_CODE} `), fromSchema(doc, resolve(doc, schema).properties!.groupCode!)),
      surveyId: fc.oneof(fc.constant(SURVEY_ID), fc.uuid()),
      surveyVersion: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 2 ** 31 - 1 })),
      answers: fc.oneof(
        fc.record(
          { happy: fc.oneof(fc.integer({ min: 0, max: 6 }), wrongValue), pick: fc.constantFrom('a', 'b', 'c'), many: fc.subarray(['x', 'y', 'x']), words: nastyText() },
          { requiredKeys: [] },
        ),
        fromSchema(doc, resolve(doc, schema).properties!.answers!),
      ),
    });
    // The document cannot state the rules across fields (survey fields only on a survey, a non-empty quote), so
    // most valid values are also made coherent, to reach the database as often as the refusals.
    const coherent = valid.chain((value) => {
      const v = value as Record<string, unknown>;
      return fc.record({ kind: fc.constantFrom('quote', 'survey', 'quote', 'drawing'), group: fc.constantFrom('known', 'none', 'none', 'generated'), version: fc.boolean() }).map(({ kind, group, version }) => {
        const out: Record<string, unknown> = { ...v, kind };
        if (group === 'known') out.groupCode = GROUP_CODE;
        else if (group === 'none') delete out.groupCode;
        if (kind === 'survey') {
          out.surveyId = SURVEY_ID;
          if (version) out.surveyVersion = 1;
          else delete out.surveyVersion;
          out.answers = { ...(typeof v.answers === 'object' && v.answers !== null ? v.answers : {}), happy: 3 };
        } else {
          for (const field of ['surveyId', 'surveyVersion', 'answers']) delete out[field];
          if (typeof out.text !== 'string' || out.text.trim() === '') out.text = `${String(out.text ?? '')} words`;
        }
        return out;
      });
    });
    return withMutations(fc.oneof({ weight: 3, arbitrary: coherent }, { weight: 1, arbitrary: valid }));
  }

  const encoding = fc.constantFrom<Encoding>('json', 'wtf8', 'invalid-utf8');

  /** After a 200/201: the row holds exactly the text and answers that were sent. */
  async function expectStoredExactly(route: string, sent: Record<string, unknown>, bytes: Uint8Array, context: () => string) {
    expect(isInvalidUtf8(bytes), `accepted a body that is not valid UTF-8\n${context()}`).toBe(false);
    // The stored bytes themselves, as hex: PGlite's driver drops a leading U+FEFF when it decodes a text value.
    const row = await h.database.db
      .selectFrom('submissions')
      .select([sql<string | null>`encode(convert_to(text, 'UTF8'), 'hex')`.as('hex'), sql<string | null>`answers::text`.as('answers')])
      .where('id', '=', sent.id as string)
      .executeTakeFirstOrThrow();
    const text = (sent.text as string | undefined) ?? null;
    expect(row.hex, context()).toBe(text === null ? null : Buffer.from(text, 'utf8').toString('hex'));
    if (sent.kind === 'survey') expect(JSON.parse(row.answers!), context()).toEqual(sent.answers);
    const f = figures.get(route)!;
    f.stored++;
    if (text !== null && /[^\u0000-\u007f]/.test(text)) f.storedNasty++;
    f.longest = Math.max(f.longest, text?.length ?? 0);
  }

  it('POST /api/submissions (JSON): no 5xx, problem+json 4xx, accepted text stored exactly', async () => {
    const route = 'POST /api/submissions (json)';
    const device = fc.option(fc.oneof(fc.uuid(), fc.constantFrom(...nastyStrings).filter((s) => !/[\u0000\r\n\ud800-\udfff]/.test(s) && /^[\u0020-\u007e]*$/.test(s))), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(submissionArbitrary(), encoding, fc.nat(), device, async ({ value: generated, mutation }, enc, seed, deviceId) => {
        const value = withFreshId(generated);
        const bytes = bodyBytes(value, enc, seed);
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (deviceId !== undefined) headers['heard-device-id'] = deviceId;
        const context = () => `encoding ${enc}, mutation ${mutation}: ${show(value)}`;
        const response = await h.app.request('/api/submissions', { method: 'POST', headers, body: bytes as Uint8Array<ArrayBuffer> });
        await checkAnswer(route, response, context);
        if (response.status === 200 || response.status === 201) await expectStoredExactly(route, value as Record<string, unknown>, bytes, context);
        else if (isInvalidUtf8(bytes)) figures.get(route)!.invalidUtf8Refused++;
      }),
      {
        seed: SEED,
        numRuns: RUNS.submissionsJson,
        // Always tried first: a NUL in a group code, a lone surrogate escaped and as raw bytes, 100 000 emoji.
        examples: [
          [{ value: { ...quote(), groupCode: 'ab\u0000cd' }, mutation: 'none' }, 'json', 0, undefined],
          [{ value: quote({ text: 'lone \ud800 high' }), mutation: 'none' }, 'json', 0, undefined],
          [{ value: quote({ text: 'lone \ud800 high' }), mutation: 'none' }, 'wtf8', 0, undefined],
          [{ value: quote({ text: `bad ${INVALID_BYTES_MARK} byte` }), mutation: 'none' }, 'invalid-utf8', 0, undefined],
          [{ value: quote({ text: '😀'.repeat(100_000) }), mutation: 'none' }, 'wtf8', 0, undefined],
          [{ value: quote({ text: 'nul \u0000 inside' }), mutation: 'none' }, 'json', 0, undefined],
        ],
      },
    );
  }, 90_000);

  it('POST /api/submissions (multipart, built by hand so the parts carry raw bytes)', async () => {
    const route = 'POST /api/submissions (multipart)';
    const png = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
    const image = fc.option(
      fc.record({ bytes: fc.oneof(fc.constant(png), fc.uint8Array({ maxLength: 64 })), type: fc.constantFrom('image/png', 'image/jpeg', 'image/webp', 'image/svg+xml', '', 'text/plain') }),
      { nil: undefined },
    );
    const extraPart = fc.option(fc.constantFrom('other', 'submission', 'image', ''), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(submissionArbitrary(), encoding, fc.nat(), image, extraPart, fc.boolean(), async ({ value: generated, mutation }, enc, seed, randomPicture, extra, matchKind) => {
        const value = withFreshId(generated);
        // Half the time the picture fits the kind (a PNG with a drawing, none otherwise), so some are accepted.
        const kind = (value as { kind?: unknown } | null)?.kind;
        const picture = matchKind ? (kind === 'drawing' ? { bytes: png, type: 'image/png' } : undefined) : randomPicture;
        const boundary = `----heardfuzz${seed}`;
        const chunks: Uint8Array[] = [];
        const add = (text: string) => chunks.push(new TextEncoder().encode(text));
        const submission = bodyBytes(value, enc, seed);
        add(`--${boundary}\r\nContent-Disposition: form-data; name="submission"\r\n\r\n`);
        chunks.push(submission);
        if (picture) {
          add(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="d"\r\nContent-Type: ${picture.type}\r\n\r\n`);
          chunks.push(picture.bytes);
        }
        if (extra !== undefined) add(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="${extra}"\r\n\r\nx`);
        add(`\r\n--${boundary}--\r\n`);
        const body = Buffer.concat(chunks);
        const context = () => `encoding ${enc}, mutation ${mutation}, image ${picture?.type ?? 'none'}, extra part ${extra ?? 'none'}: ${show(value)}`;
        const response = await h.app.request('/api/submissions', { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body });
        await checkAnswer(route, response, context);
        if (response.status === 200 || response.status === 201) await expectStoredExactly(route, value as Record<string, unknown>, submission, context);
        else if (isInvalidUtf8(submission)) figures.get(route)!.invalidUtf8Refused++;
      }),
      { seed: SEED, numRuns: RUNS.submissionsMultipart },
    );
  }, 90_000);

  it('POST /api/submissions with other content types and broken bodies', async () => {
    const route = 'POST /api/submissions (other bodies)';
    const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-16', 'text/plain', 'multipart/form-data', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', '', 'APPLICATION/JSON');
    const body = fc.oneof(fc.uint8Array({ maxLength: 200 }), fc.jsonValue({ maxDepth: 3 }).map((v) => new TextEncoder().encode(JSON.stringify(v))), fc.constantFrom('{', '{"id":', '[]', 'null', '"\\ud800"', '{"text":"\\u0000"}').map((s) => new TextEncoder().encode(s)));
    await fc.assert(
      fc.asyncProperty(contentType, body, async (type, bytes) => {
        const response = await h.app.request('/api/submissions', { method: 'POST', headers: type ? { 'content-type': type } : {}, body: bytes as Uint8Array<ArrayBuffer> });
        await checkAnswer(route, response, () => `content-type ${JSON.stringify(type)}, body ${Buffer.from(bytes).toString('hex').slice(0, 200)}`);
        expect(response.status).not.toBe(201);
      }),
      { seed: SEED, numRuns: RUNS.otherBodies },
    );
  }, 90_000);

  it('POST /api/groups/join: no 5xx, problem+json 4xx', async () => {
    const route = 'POST /api/groups/join';
    const schema = operation('post', '/api/groups/join').requestBody!.content['application/json']!.schema;
    const valid = fromSchema(doc, schema, { code: fc.oneof(fc.constantFrom(GROUP_CODE, 'fuzzgroup', ' FUZZ GROUP '), fromSchema(doc, resolve(doc, schema).properties!.code!), nastyText()) });
    await fc.assert(
      fc.asyncProperty(withMutations(valid), encoding, fc.nat(), async ({ value, mutation }, enc, seed) => {
        const response = await h.app.request('/api/groups/join', { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodyBytes(value, enc, seed) as Uint8Array<ArrayBuffer> });
        const body = await checkAnswer(route, response, () => `encoding ${enc}, mutation ${mutation}: ${show(value)}`);
        if (response.status === 200) expect(body).toMatchObject({ name: 'Fuzz group' });
      }),
      { seed: SEED, numRuns: RUNS.groupsJoin, examples: [[{ value: { code: 'ab\u0000cd' }, mutation: 'none' }, 'json', 0]] },
    );
  }, 90_000);

  /** A path or query value: from the parameter's schema, nasty, a real one, or raw percent-escapes (some malformed). */
  function paramValue(param: OpenApiParameter, real: readonly string[]) {
    const encoded = fc
      .oneof(
        { weight: 3, arbitrary: fromSchema(doc, param.schema) },
        { weight: 2, arbitrary: nastyText() },
        { weight: 1, arbitrary: fc.string({ minLength: 65, maxLength: 2000 }) },
        ...(real.length ? [{ weight: 3, arbitrary: fc.constantFrom(...real) }] : []),
      )
      .map((value) => percentEncode(String(value)));
    const raw = fc.constantFrom('%', '%ZZ', '%E0%A4%A', '%FF%FE', '%00', '%C0%80', '%ED%A0%80', '..%2F..%2F', '%2F', '%25', '%uD800', 'a%20b', '+');
    return fc.oneof({ weight: 4, arbitrary: encoded }, { weight: 1, arbitrary: raw });
  }

  it('GET /api/receipts/{receipt}: no 5xx, problem+json 4xx, never text', async () => {
    const route = 'GET /api/receipts/{receipt}';
    const variants = receipts.flatMap((r) => [r, r.toLowerCase(), r.replace('-', ' '), ` ${r} `]);
    await fc.assert(
      fc.asyncProperty(paramValue(parameter('get', '/api/receipts/{receipt}', 'receipt'), variants), async (segment) => {
        const response = await h.app.request(`/api/receipts/${segment}`);
        const body = await checkAnswer(route, response, () => `segment ${segment.slice(0, 300)}`);
        if (response.status === 200) expect(body).toMatchObject({ state: expect.any(String), sharedWith: [] });
      }),
      { seed: SEED, numRuns: RUNS.receipts },
    );
  }, 90_000);

  it('POST /api/receipts/{receipt}/withdraw: no 5xx, problem+json 4xx', async () => {
    const route = 'POST /api/receipts/{receipt}/withdraw';
    await fc.assert(
      fc.asyncProperty(paramValue(parameter('post', '/api/receipts/{receipt}/withdraw', 'receipt'), []), async (segment) => {
        const response = await h.app.request(`/api/receipts/${segment}/withdraw`, { method: 'POST' });
        await checkAnswer(route, response, () => `segment ${segment.slice(0, 300)}`);
      }),
      { seed: SEED, numRuns: RUNS.withdraw },
    );
  }, 90_000);

  it('GET /api/open-surveys: no 5xx, problem+json 4xx', async () => {
    const route = 'GET /api/open-surveys';
    const params = operation('get', '/api/open-surveys').parameters!.filter((p) => p.in === 'query');
    const pairs = fc.tuple(
      ...params.map((param) =>
        fc.oneof(
          { weight: 3, arbitrary: paramValue(param, param.name === 'groupCode' ? [GROUP_CODE] : []).map((v) => [`${param.name}=${v}`]) },
          { weight: 1, arbitrary: fc.constant([] as string[]) },
          { weight: 1, arbitrary: fc.array(paramValue(param, []), { minLength: 2, maxLength: 3 }).map((vs) => vs.map((v) => `${param.name}=${v}`)) },
        ),
      ),
    );
    const extra = fc.option(fc.constantFrom('unknown=1', 'ageBand', '=', '&&', 'groupCode=', '__proto__=x'), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(pairs, extra, async (parts, more) => {
        const query = [...parts.flat(), ...(more ? [more] : [])].join('&');
        const response = await h.app.request(`/api/open-surveys?${query}`);
        const body = await checkAnswer(route, response, () => `query ${query.slice(0, 300)}`);
        if (response.status === 200) expect(body).toMatchObject({ surveys: expect.any(Array) });
      }),
      { seed: SEED, numRuns: RUNS.openSurveys, examples: [[[['ageBand=8-11'], ['groupCode=ab%00cd']], undefined]] },
    );
  }, 90_000);

  it('GET /api/child-settings: no 5xx; whatever the query, the rules the intake enforces', async () => {
    const route = 'GET /api/child-settings';
    const expected = { publicConsentNeedsAdultFor: [...h.deps.config.intake.publicConsentNeedsAdultFor] };
    await fc.assert(
      fc.asyncProperty(fc.option(fc.string({ maxLength: 80 }), { nil: undefined }), async (query) => {
        const response = await h.app.request(`/api/child-settings${query === undefined ? '' : `?${encodeURIComponent(query)}`}`);
        const body = await checkAnswer(route, response, () => `query ${String(query).slice(0, 100)}`);
        expect(response.status).toBe(200);
        expect(body).toEqual(expected);
      }),
      { seed: SEED, numRuns: RUNS.childSettings },
    );
  });
});
