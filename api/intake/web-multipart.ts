/** The multipart reader for runtimes without Node streams (the edge Worker): Web `formData()`, the body in memory. */
import { createIntegrityScanner } from '../images/integrity.ts';
import { sha256HexOfBytes } from './content-hash.ts';
import { MalformedMultipartError, PICTURE_HEAD_BYTES, type MultipartReader, type ReceivedForm, type ReceivedPicture } from './multipart-form.ts';
import { multipartPartBytes } from './strict-utf8.ts';

export const webMultipartReader: MultipartReader = {
  async read(request) {
    const contentType = request.headers.get('content-type') ?? '';
    let body: Uint8Array;
    let form: FormData;
    try {
      body = new Uint8Array(await request.arrayBuffer());
      form = await new Response(body as Uint8Array<ArrayBuffer>, { headers: { 'content-type': contentType } }).formData();
    } catch (error) {
      // A limit the route set on the body stream surfaces here as its own error.
      if (error instanceof Error && !(error instanceof TypeError)) throw error;
      throw new MalformedMultipartError('the multipart body is malformed');
    }
    const part = form.get('submission');
    // The form parser replaces bytes that are not UTF-8 with U+FFFD; keep the part's own bytes instead.
    const submission =
      part === null ? undefined : typeof part === 'string' ? (multipartPartBytes(body, contentType, 'submission') ?? new TextEncoder().encode(part)) : new Uint8Array(await part.arrayBuffer());
    const file = form.get('image');
    const image: ReceivedForm['image'] = file === null ? undefined : typeof file === 'string' ? { file: false } : { file: true, picture: await pictureOf(file) };
    return { names: [...form.keys()], submission, image, dispose: async () => {} };
  },
};

async function pictureOf(file: File): Promise<ReceivedPicture> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const scanner = createIntegrityScanner();
  scanner.push(bytes);
  return {
    declaredType: file.type,
    bytes: bytes.byteLength,
    sha256: await sha256HexOfBytes(bytes),
    head: bytes.subarray(0, PICTURE_HEAD_BYTES),
    integrity: (type) => scanner.result(type),
    body: () => bytes,
  };
}
