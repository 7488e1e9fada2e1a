/** One private download: a staff export saved as a file, never cached on the way (it may carry children's words). */
import type { Context } from 'hono';

export function privateDownload(c: Context, body: string | Uint8Array, contentType: string, filename: string): Response {
  return c.body(body as string | Uint8Array<ArrayBuffer>, 200, {
    'content-type': contentType,
    'content-disposition': `attachment; filename="${filename}"`,
    'cache-control': 'private, no-store',
  });
}
