/** POST /api/submissions: a child's quote, drawing or survey answers (JSON, or multipart with an image part). */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppDeps, AppEnv } from '../deps.ts';
import { ProblemError, ValidationError } from '../errors.ts';
import { addressBucketOf } from '../intake/client-address.ts';
import { acceptSubmission } from '../intake/accept-submission.ts';
import { MalformedMultipartError, PartTooLargeError, type MultipartLimits, type MultipartReader, type ReceivedForm, type ReceivedPicture } from '../intake/multipart-form.ts';
import { DEVICE_HEADER, parseDeviceId } from '../intake/rate-limit.ts';
import { forbiddenKeyErrors } from '../intake/json-keys.ts';
import { createSchoolNameSource } from '../intake/school-names.ts';
import { createUploadSlots } from '../intake/upload-slots.ts';
import { decodeUtf8 } from '../intake/strict-utf8.ts';
import { webMultipartReader } from '../intake/web-multipart.ts';
import { submissionAcceptedSchema, submissionSchema, type SubmissionInput } from '../intake/submission-schema.ts';
import { fieldErrors } from '../middleware/validate.ts';
import { problemResponses } from './problem-schema.ts';

const JSON_BODY_LIMIT = 1024 * 1024;
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

export function submissionRoutes(deps: AppDeps) {
  const schema = submissionSchema(deps.config.intake);
  const schoolNames = createSchoolNameSource(deps.db, deps.clock);
  const multipartLimit = deps.config.intake.maxImageBytes + JSON_BODY_LIMIT;
  const uploadSlots = createUploadSlots(deps.config.intake.maxConcurrentUploads);
  const multipart = deps.multipart ?? webMultipartReader;
  const multipartLimits = { maxImageBytes: deps.config.intake.maxImageBytes, maxSubmissionBytes: JSON_BODY_LIMIT };
  const app = new OpenAPIHono<AppEnv>();

  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/api/submissions',
    summary: "Send a child's quote, drawing or survey answers",
    description:
      'Idempotent on `id`: the same id and content again answers 200 with the same body; the same id with different content is 422. ' +
      'A drawing is multipart/form-data with a `submission` part (this JSON) and an `image` part (JPEG, PNG or WebP); ' +
      'so is a survey whose "draw your answer" question is answered with `"drawing"`. ' +
      `Rate limited per \`${DEVICE_HEADER}\` header (an anonymous install id), per group, and for new device ids per network address (README, "Abuse limits").`,
    request: {
      headers: z.object({ [DEVICE_HEADER]: z.string().optional() }),
      body: {
        required: true,
        content: {
          'application/json': { schema },
          'multipart/form-data': {
            schema: z.object({
              submission: z.string().openapi({ description: 'The Submission as JSON text.' }),
              image: z.string().openapi({ format: 'binary', description: `At most ${deps.config.intake.maxImageBytes} bytes.` }),
            }),
          },
        },
      },
    },
    responses: {
      201: { description: 'Stored.', content: { 'application/json': { schema: submissionAcceptedSchema } } },
      200: { description: 'Already stored: the answer to the first request.', content: { 'application/json': { schema: submissionAcceptedSchema } } },
      ...problemResponses([400, 404, 409, 410, 413, 415, 422, 429, 503]),
    },
  });

  app.post('/api/submissions', async (c, next) => {
    const type = mediaType(c);
    if (type !== 'application/json' && type !== 'multipart/form-data') {
      throw new ProblemError(415, 'unsupported_media_type', 'Send the message as application/json, or as multipart/form-data with a picture.');
    }
    const maxSize = type === 'application/json' ? JSON_BODY_LIMIT : multipartLimit;
    // With a declared length (the server reads no further than it) the header decides, before any byte is read,
    // and the body is left for the handler to read straight from the socket; bodyLimit would first buffer it.
    const length = c.req.header('content-length');
    const declared = length !== undefined && c.req.header('transfer-encoding') === undefined;
    if (declared && (!/^\d+$/.test(length) || Number(length) > maxSize)) tooLarge(type, deps.config.intake);
    // Held from the first byte read until the picture is quarantined; the spool file is removed once the answer is known.
    const release = type === 'multipart/form-data' ? uploadSlots.acquire() : undefined;
    try {
      // Without a declared length the body is counted as it streams, never gathered first.
      if (!declared) c.req.raw = limitBody(c.req.raw, maxSize);
      return await next();
    } finally {
      release?.();
    }
  }, async (c) => {
    const type = mediaType(c);
    const read = await readBody(c, type, schema, multipart, multipartLimits).catch((error: unknown) => {
      if (error instanceof PartTooLargeError) tooLarge(type, deps.config.intake);
      throw error;
    });
    try {
      const outcome = await acceptSubmission(deps, read.input, read.image, {
        deviceId: parseDeviceId(c.req.header(DEVICE_HEADER)),
        addressBucket: addressBucketOf(c, deps),
        schoolNames,
      });
      return c.json(outcome.body, outcome.created ? 201 : 200);
    } finally {
      await read.dispose();
    }
  });

  return app;
}

function mediaType(c: Context): string {
  return (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The message names what was too large: words for a JSON message, the picture for a drawing. */
function tooLarge(type: string, limits: { maxImageBytes: number; maxTextLength: number }): never {
  if (type === 'application/json') {
    throw new ProblemError(413, 'body_too_large', `This message is too long to send. Words can be at most ${limits.maxTextLength} characters; try saying it more shortly.`);
  }
  const megabytes = Math.floor(limits.maxImageBytes / (1024 * 1024));
  throw new ProblemError(413, 'body_too_large', `This is too big to send. A picture can be at most ${megabytes} MB; try a smaller photo.`);
}

type Schema = ReturnType<typeof submissionSchema>;

async function readJson(c: Context, schema: Schema): Promise<{ input: SubmissionInput; image: undefined }> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await c.req.arrayBuffer());
  } catch (error) {
    if (error instanceof PartTooLargeError) throw error;
    throw new ProblemError(400, 'malformed_json', 'The message could not be read: it is not valid JSON.');
  }
  // Decoded strictly: Request.json() would store U+FFFD in place of bytes that are not UTF-8.
  const text = decodeUtf8(bytes);
  if (text === undefined) throw notUtf8();
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ProblemError(400, 'malformed_json', 'The message could not be read: it is not valid JSON.');
  }
  const input = parseSubmission(schema, raw);
  if (input.kind === 'drawing') {
    throw new ProblemError(415, 'drawing_needs_multipart', 'A drawing is sent as multipart/form-data with a submission part and an image part.');
  }
  return { input, image: undefined };
}

type ReadBody = { input: SubmissionInput; image: ReceivedPicture | undefined; dispose(): Promise<void> };

async function readBody(c: Context, type: string, schema: Schema, reader: MultipartReader, limits: MultipartLimits): Promise<ReadBody> {
  if (type === 'application/json') return { ...(await readJson(c, schema)), dispose: async () => {} };
  let form: ReceivedForm;
  try {
    form = await reader.read(c.req.raw, limits);
  } catch (error) {
    if (error instanceof MalformedMultipartError) {
      throw new ProblemError(400, 'malformed_multipart', 'The message could not be read: the multipart body is malformed.');
    }
    throw error;
  }
  try {
    return { ...checkForm(form, schema), dispose: form.dispose };
  } catch (error) {
    await form.dispose();
    throw error;
  }
}

/** The rules for a multipart message, in the order a client hears about them. */
function checkForm(form: ReceivedForm, schema: Schema): { input: SubmissionInput; image: ReceivedPicture | undefined } {
  const unexpected = [...new Set(form.names)].filter((key) => key !== 'submission' && key !== 'image');
  if (unexpected.length > 0) {
    throw new ValidationError(unexpected.map((key) => ({ pointer: `/${key}`, detail: 'Unexpected part; send only submission and image.' })));
  }
  // Two of a part would leave which one we keep to the parser; the child's app never sends that, so refuse it.
  const repeated = ['submission', 'image'].filter((key) => form.names.filter((name) => name === key).length > 1);
  if (repeated.length > 0) {
    throw new ProblemError(422, 'duplicate_part', 'The message was sent with a part twice. Please send it again.', {
      errors: repeated.map((key) => ({ pointer: `/${key}`, detail: 'Send this part once.' })),
    });
  }
  if (form.submission === undefined) throw new ValidationError([{ pointer: '/submission', detail: 'The submission part is missing.' }]);
  const text = decodeUtf8(form.submission);
  if (text === undefined) throw notUtf8('/submission');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ProblemError(400, 'malformed_json', 'The submission part is not valid JSON.', {
      errors: [{ pointer: '/submission', detail: 'Not valid JSON.' }],
    });
  }
  const input = parseSubmission(schema, raw);
  if (!form.image) return { input, image: undefined };
  if (!form.image.file) throw new ValidationError([{ pointer: '/image', detail: 'The image part must be a file.' }]);
  const picture = form.image.picture;
  const declaredType = picture.declaredType.split(';')[0]!.trim().toLowerCase();
  if (!IMAGE_TYPES.includes(declaredType)) {
    throw new ProblemError(415, 'unsupported_image_type', 'Pictures can be JPEG, PNG or WebP.', {
      errors: [{ pointer: '/image', detail: `${declaredType || 'no type'} is not accepted.` }],
    });
  }
  return { input, image: { ...picture, declaredType } };
}

/** The request with its body counted as it streams: past `maxSize` the stream fails with PartTooLargeError. */
function limitBody(request: Request, maxSize: number): Request {
  if (!request.body) return request;
  let size = 0;
  const counted = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > maxSize) controller.error(new PartTooLargeError('body'));
        else controller.enqueue(chunk);
      },
    }),
  );
  return new Request(request, { body: counted, duplex: 'half' } as RequestInit);
}

function notUtf8(pointer?: string): ProblemError {
  return new ProblemError(400, 'invalid_utf8', 'The message could not be read: it is not valid UTF-8 text.', pointer ? { errors: [{ pointer, detail: 'Not valid UTF-8.' }] } : {});
}

function parseSubmission(schema: Schema, raw: unknown): SubmissionInput {
  const forbidden = forbiddenKeyErrors(raw);
  if (forbidden.length > 0) {
    throw new ProblemError(422, 'forbidden_member', 'The message has a field name we never accept. Please send it from the Heard app.', { errors: forbidden });
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw new ValidationError(fieldErrors(result.error.issues));
  return result.data;
}
