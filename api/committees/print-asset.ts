/** What a printed page (pack or annual report) may load while Chromium prints it: the style sheet and its own pictures. */
import { readyMediaOf } from '../db/media.ts';
import type { AppDeps } from '../deps.ts';
import { PACK_CSS } from './pack-page.ts';
import type { PackAsset } from './pdf.ts';

export async function printAsset(deps: Pick<AppDeps, 'db' | 'blobs' | 'config'>, url: URL, submissionIds: readonly string[]): Promise<PackAsset | undefined> {
  if (url.origin !== new URL(deps.config.publicUrl).origin) return undefined;
  if (url.pathname === '/api/pack.css') return { bytes: new TextEncoder().encode(PACK_CSS), contentType: 'text/css' };
  const mediaId = /^\/api\/media\/([0-9a-f-]{36})$/.exec(url.pathname)?.[1];
  if (!mediaId || submissionIds.length === 0) return undefined;
  const media = (await readyMediaOf(deps.db, submissionIds)).find((m) => m.id === mediaId);
  const blob = media ? await deps.blobs.get(media.storage_key) : null;
  if (!media || !blob) return undefined;
  return { bytes: new Uint8Array(await new Response(blob.body).arrayBuffer()), contentType: media.content_type };
}
