/**
 * A drawing as moderators see it: the processed image and its thumbnail (never the raw upload), its processing status,
 * and tools to blur a rectangle or crop to one. The rectangle is dragged on the image or typed in pixel fields.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, mediaUrl } from '../api.ts';
import { Field } from '../components.tsx';
import { useAction } from '../hooks.ts';
import { useNotice } from '../notice.tsx';
import type { MediaObject, Rect, SubmissionDetail } from '../types.ts';

type RegionText = { left: string; top: string; width: string; height: string };
const EMPTY: RegionText = { left: '', top: '', width: '', height: '' };

function ready(media: MediaObject[], role: MediaObject['role']): MediaObject | undefined {
  return media.find((object) => object.role === role && object.processing_status === 'ready');
}

export function processingStatus(media: MediaObject[]): string {
  const processed = ready(media, 'processed');
  if (processed) return `Ready: ${processed.width ?? '?'} × ${processed.height ?? '?'} pixels, cleaned of any hidden details.`;
  const original = media.find((object) => object.role === 'original');
  if (original?.processing_status === 'failed') return 'This picture could not be processed, so it cannot be shown.';
  if (original) return 'Still being processed. Check again in a minute.';
  return 'No picture came with this drawing.';
}

/** The typed region as whole pixels inside the image, or a reason it is not. */
export function toRect(region: RegionText, size: { width: number; height: number }): Rect | string {
  const [left, top, width, height] = [region.left, region.top, region.width, region.height].map((value) => (/^\s*\d+\s*$/.test(value) ? Number(value) : NaN)) as [number, number, number, number];
  if ([left, top, width, height].some(Number.isNaN)) return 'Give the region as whole numbers of pixels: left, top, width and height.';
  if (width < 1 || height < 1) return 'The region needs a width and a height of at least 1 pixel.';
  if (left + width > size.width || top + height > size.height) return `The region must fit inside the drawing (${size.width} × ${size.height} pixels).`;
  return { left, top, width, height };
}

export function DrawingPanel(props: { detail: SubmissionDetail | undefined; canEdit: boolean; onChanged: () => void }) {
  const { detail } = props;
  if (!detail) return <p>Loading the drawing…</p>;
  const processed = ready(detail.media, 'processed');
  const thumbnail = ready(detail.media, 'thumbnail');
  return (
    <section class="panel" aria-labelledby="drawing-heading">
      <h3 id="drawing-heading">Drawing</h3>
      <p data-testid="drawing-status">{processingStatus(detail.media)}</p>
      {processed ? (
        <DrawingEditor key={processed.id} processed={processed} submissionId={detail.id} canEdit={props.canEdit} onChanged={props.onChanged} />
      ) : (
        <button type="button" onClick={props.onChanged}>
          Check again
        </button>
      )}
      {thumbnail ? (
        <figure class="thumbnail">
          <img src={mediaUrl(thumbnail.id)} alt="Thumbnail of the drawing" width={thumbnail.width ?? undefined} height={thumbnail.height ?? undefined} data-testid="drawing-thumbnail" />
          <figcaption>
            Thumbnail ({thumbnail.width} × {thumbnail.height} pixels), as committee lists show it.
          </figcaption>
        </figure>
      ) : null}
    </section>
  );
}

function DrawingEditor(props: { processed: MediaObject; submissionId: string; canEdit: boolean; onChanged: () => void }) {
  const { processed } = props;
  const notice = useNotice();
  const { run } = useAction();
  const image = useRef<HTMLImageElement>(null);
  const [region, setRegion] = useState<RegionText>(EMPTY);
  const dragStart = useRef<{ x: number; y: number } | null>(null);
  const [size, setSize] = useState({ width: processed.width ?? 0, height: processed.height ?? 0 });
  useEffect(() => setRegion(EMPTY), [processed.id]);

  const point = (event: PointerEvent) => {
    const box = image.current!.getBoundingClientRect();
    const clamp = (value: number, max: number) => Math.max(0, Math.min(max, Math.round(value)));
    return { x: clamp(((event.clientX - box.left) / box.width) * size.width, size.width), y: clamp(((event.clientY - box.top) / box.height) * size.height, size.height) };
  };
  const dragTo = (event: PointerEvent) => {
    const start = dragStart.current;
    if (!start) return;
    const end = point(event);
    setRegion({
      left: String(Math.min(start.x, end.x)),
      top: String(Math.min(start.y, end.y)),
      width: String(Math.abs(end.x - start.x)),
      height: String(Math.abs(end.y - start.y)),
    });
  };

  const apply = async (tool: 'blur' | 'crop') => {
    const rect = toRect(region, size);
    if (typeof rect === 'string') return notice.warn(`Nothing was changed. ${rect}`);
    const outcome = await run(
      tool === 'blur' ? 'The drawing was not blurred.' : 'The drawing was not cropped.',
      () => api.editDrawing(props.submissionId, tool === 'blur' ? { blur: [rect] } : { crop: rect }),
      (result) => `${tool === 'blur' ? 'Blurred' : 'Cropped'}. The drawing is now ${result.width} × ${result.height} pixels.`,
    );
    if (outcome.ok) props.onChanged();
  };

  const shown = typeof toRect(region, size) === 'string' ? undefined : (toRect(region, size) as Rect);
  return (
    <>
      <div
        class={props.canEdit ? 'stage editable' : 'stage'}
        onPointerDown={(event) => {
          if (!props.canEdit || event.button !== 0) return;
          event.preventDefault();
          event.currentTarget.setPointerCapture(event.pointerId);
          dragStart.current = point(event);
        }}
        onPointerMove={dragTo}
        onPointerUp={(event) => {
          dragTo(event);
          dragStart.current = null;
        }}
        onPointerCancel={() => (dragStart.current = null)}
      >
        <img
          ref={image}
          src={mediaUrl(processed.id)}
          alt="The child's drawing (processed copy)"
          width={processed.width ?? undefined}
          height={processed.height ?? undefined}
          draggable={false}
          data-testid="drawing-image"
          data-media-id={processed.id}
          onLoad={(event) => {
            if (!processed.width || !processed.height) setSize({ width: event.currentTarget.naturalWidth, height: event.currentTarget.naturalHeight });
          }}
        />
        {shown && size.width > 0 ? (
          <div
            class="selection"
            aria-hidden="true"
            style={{
              left: `${(shown.left / size.width) * 100}%`,
              top: `${(shown.top / size.height) * 100}%`,
              width: `${(shown.width / size.width) * 100}%`,
              height: `${(shown.height / size.height) * 100}%`,
            }}
          />
        ) : null}
      </div>
      {props.canEdit ? (
        <form
          noValidate
          class="inline-form"
          aria-labelledby="region-legend"
          onSubmit={(event) => {
            event.preventDefault();
            void apply('blur');
          }}
        >
          <fieldset>
            <legend id="region-legend">
              Region to blur or crop to, in pixels of the drawing ({size.width} × {size.height}). Drag on the picture, or type it.
            </legend>
            <div class="row">
              <Field label="Left (x)" type="number" inputMode="numeric" min={0} max={size.width} value={region.left} onValue={(left) => setRegion({ ...region, left })} required />
              <Field label="Top (y)" type="number" inputMode="numeric" min={0} max={size.height} value={region.top} onValue={(top) => setRegion({ ...region, top })} required />
              <Field label="Width" type="number" inputMode="numeric" min={1} max={size.width} value={region.width} onValue={(width) => setRegion({ ...region, width })} required />
              <Field label="Height" type="number" inputMode="numeric" min={1} max={size.height} value={region.height} onValue={(height) => setRegion({ ...region, height })} required />
            </div>
          </fieldset>
          <div class="buttons">
            <button type="submit" class="primary">
              Blur region
            </button>
            <button type="button" onClick={() => void apply('crop')}>
              Crop to region
            </button>
            <button type="button" onClick={() => setRegion(EMPTY)}>
              Clear region
            </button>
          </div>
        </form>
      ) : null}
    </>
  );
}
