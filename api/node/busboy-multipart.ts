/**
 * The multipart reader on Node: @fastify/busboy parses the body as it arrives and the picture streams to a spool file,
 * hashed and structurally checked on the way, so no upload is ever held whole in memory.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import Busboy from '@fastify/busboy';
import { createIntegrityScanner } from '../images/integrity.ts';
import {
  MalformedMultipartError,
  PartTooLargeError,
  PICTURE_HEAD_BYTES,
  type MultipartLimits,
  type MultipartReader,
  type ReceivedForm,
  type ReceivedPicture,
} from '../intake/multipart-form.ts';

/** The app sends two parts; a few more are read (to name them in the refusal), beyond that the body is refused. */
const MAX_PARTS = 8;

export type SpoolingMultipartReader = MultipartReader & {
  /** Deletes spool files older than `olderThan`: what a process killed mid-request left behind. Returns how many. */
  sweep(olderThan: Date): Promise<number>;
};

/** `spoolDir` holds pictures only while their request runs; a sweep removes what a killed process left. */
export function busboyMultipartReader(spoolDir: string): SpoolingMultipartReader {
  return {
    async read(request, limits) {
      const spooled: string[] = [];
      const dispose = async () => {
        for (const file of spooled.splice(0)) await rm(file, { force: true });
      };
      try {
        return { ...(await parse(request, limits, spoolDir, spooled)), dispose };
      } catch (error) {
        await dispose();
        if (error instanceof PartTooLargeError || error instanceof MalformedMultipartError) throw error;
        throw new MalformedMultipartError(error instanceof Error ? error.message : 'unreadable body');
      }
    },

    async sweep(olderThan) {
      let names: string[];
      try {
        names = await readdir(spoolDir);
      } catch {
        return 0;
      }
      let removed = 0;
      for (const name of names) {
        const file = path.join(spoolDir, name);
        const modified = await stat(file).then((info) => info.mtime, () => undefined);
        if (!modified || modified >= olderThan) continue;
        await rm(file, { force: true });
        removed += 1;
      }
      return removed;
    },
  };
}

async function parse(request: Request, limits: MultipartLimits, spoolDir: string, spooled: string[]): Promise<Omit<ReceivedForm, 'dispose'>> {
  if (!request.body) throw new MalformedMultipartError('no body');
  const names: string[] = [];
  let submission: Uint8Array | undefined;
  let image: ReceivedForm['image'];
  let failure: unknown;
  const work: Promise<void>[] = [];

  let parser: ReturnType<typeof Busboy>;
  try {
    // Every part is taken as a stream of bytes (isPartAFile): a field would be decoded, replacing bytes that are not UTF-8.
    parser = Busboy({ headers: { 'content-type': request.headers.get('content-type') ?? '' }, limits: { parts: MAX_PARTS, headerPairs: 16 }, isPartAFile: () => true });
  } catch (error) {
    throw new MalformedMultipartError(error instanceof Error ? error.message : 'no boundary');
  }
  const fail = (error: unknown) => {
    failure ??= error;
    parser.destroy(error instanceof Error ? error : new Error(String(error)));
  };
  parser.on('partsLimit', () => fail(new MalformedMultipartError('too many parts')));
  parser.on('file', (name, stream, filename, _encoding, mimeType) => {
    names.push(name);
    const first = names.filter((seen) => seen === name).length === 1;
    if (first && name === 'submission') {
      work.push(collect(stream, limits.maxSubmissionBytes).then((bytes) => void (submission = bytes), fail));
    } else if (first && name === 'image' && filename !== undefined) {
      const file = path.join(spoolDir, randomUUID());
      spooled.push(file);
      work.push(spool(stream, file, mimeType, limits.maxImageBytes).then((picture) => void (image = { file: true, picture }), fail));
    } else {
      if (first && name === 'image') image = { file: false };
      stream.resume();
    }
  });

  await mkdir(spoolDir, { recursive: true });
  try {
    await pipeline(Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>), parser);
    await Promise.all(work);
  } catch (error) {
    fail(error);
  }
  if (failure !== undefined) throw failure;
  return { names, submission, image };
}

async function collect(stream: Readable, max: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) throw new PartTooLargeError('submission');
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** Streams the picture to `file`; the hash, the head and the integrity scan are taken chunk by chunk on the way. */
async function spool(stream: Readable, file: string, declaredType: string, max: number): Promise<ReceivedPicture> {
  const hash = createHash('sha256');
  const scanner = createIntegrityScanner();
  const head = new Uint8Array(PICTURE_HEAD_BYTES);
  let headLength = 0;
  let bytes = 0;
  const observe = new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      bytes += chunk.length;
      if (bytes > max) return done(new PartTooLargeError('image'));
      hash.update(chunk);
      scanner.push(chunk);
      if (headLength < head.length) {
        const taken = chunk.subarray(0, head.length - headLength);
        head.set(taken, headLength);
        headLength += taken.length;
      }
      done(null, chunk);
    },
  });
  await pipeline(stream, observe, createWriteStream(file, { flags: 'wx' }));
  return {
    declaredType,
    bytes,
    sha256: hash.digest('hex'),
    head: head.slice(0, headLength),
    integrity: (type) => scanner.result(type),
    body: () => ({ stream: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>, bytes }),
  };
}
