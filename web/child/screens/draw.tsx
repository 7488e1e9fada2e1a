/** Draw: a canvas for finger, stylus and mouse, a few colours and sizes, eraser, undo/redo, clear with confirmation. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { Screen } from '../components.tsx';
import { useT } from '../context.ts';
import { Said } from '../speak.tsx';
import { downsizePhoto } from '../photo.ts';
import { PhotoPreview } from './photo-preview.tsx';

type Point = { x: number; y: number; pressure: number };
type Stroke = { colour: string; size: number; points: Point[] };

const COLOURS = [
  ['#14213d', 'colourBlack'],
  ['#d62828', 'colourRed'],
  ['#1d4e89', 'colourBlue'],
  ['#2a9d8f', 'colourGreen'],
  ['#f4a261', 'colourOrange'],
] as const;
const WIDTH = 800;
const HEIGHT = 600;

function paint(canvas: HTMLCanvasElement, strokes: readonly Stroke[]): void {
  const context = canvas.getContext('2d');
  if (!context) return;
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, WIDTH, HEIGHT);
  context.lineCap = 'round';
  context.lineJoin = 'round';
  for (const stroke of strokes) {
    context.strokeStyle = stroke.colour;
    for (let i = 1; i < stroke.points.length; i++) {
      const from = stroke.points[i - 1]!;
      const to = stroke.points[i]!;
      context.lineWidth = stroke.size * (0.5 + (to.pressure || 0.5));
      context.beginPath();
      context.moveTo(from.x, from.y);
      context.lineTo(to.x, to.y);
      context.stroke();
    }
    if (stroke.points.length === 1) {
      const dot = stroke.points[0]!;
      context.fillStyle = stroke.colour;
      context.beginPath();
      context.arc(dot.x, dot.y, stroke.size / 2, 0, Math.PI * 2);
      context.fill();
    }
  }
}

/** `title` replaces "Draw your picture", e.g. with a survey's "draw your answer" question. `isPhoto`: a photo was chosen. */
export function Draw(props: { onDone: (image: Blob, isPhoto?: boolean) => void; onBack: () => void; title?: string; titleLang?: string }) {
  const [photoError, setPhotoError] = useState(false);
  const [photo, setPhoto] = useState<Blob>();
  const t = useT();
  const canvas = useRef<HTMLCanvasElement>(null);
  // One state object, changed only through functional updates, so two quick taps on Undo undo two strokes.
  const [history, setHistory] = useState<{ strokes: Stroke[]; undone: Stroke[] }>({ strokes: [], undone: [] });
  const { strokes, undone } = history;
  const [colour, setColour] = useState<string>(COLOURS[0][0]);
  const [size, setSize] = useState(8);
  const [erasing, setErasing] = useState(false);
  const [confirmClear, setConfirmClear] = useState(false);
  const current = useRef<Stroke | null>(null);

  useEffect(() => {
    if (canvas.current) paint(canvas.current, strokes);
  }, [strokes, photo]);

  const point = (event: PointerEvent): Point => {
    const box = canvas.current!.getBoundingClientRect();
    return { x: ((event.clientX - box.left) / box.width) * WIDTH, y: ((event.clientY - box.top) / box.height) * HEIGHT, pressure: event.pressure };
  };
  const down = (event: PointerEvent) => {
    canvas.current?.setPointerCapture(event.pointerId);
    const stroke: Stroke = { colour: erasing ? '#ffffff' : colour, size: erasing ? size * 3 : size, points: [point(event)] };
    current.current = stroke;
    setHistory((h) => ({ strokes: [...h.strokes, stroke], undone: [] }));
  };
  const move = (event: PointerEvent) => {
    if (!current.current) return;
    current.current.points.push(point(event));
    setHistory((h) => ({ ...h, strokes: [...h.strokes] }));
  };
  const up = () => {
    current.current = null;
  };

  if (photo) return <PhotoPreview photo={photo} onUse={() => props.onDone(photo, true)} onRetake={() => setPhoto(undefined)} />;
  return (
    <Screen title={props.title ?? t('drawTitle')} titleLang={props.titleLang}>
      <div class="tools" role="toolbar" aria-label={t('drawTools')}>
        {COLOURS.map(([value, name]) => (
          <button
            type="button"
            class={!erasing && colour === value ? 'swatch chosen' : 'swatch'}
            aria-pressed={!erasing && colour === value}
            aria-label={t(name)}
            data-colour={value}
            onClick={() => {
              setColour(value);
              setErasing(false);
            }}
          />
        ))}
        <button type="button" aria-pressed={size === 4} onClick={() => setSize(4)}>
          {t('thin')}
        </button>
        <button type="button" aria-pressed={size === 14} onClick={() => setSize(14)}>
          {t('thick')}
        </button>
        <button type="button" aria-pressed={erasing} onClick={() => setErasing(!erasing)}>
          {t('eraser')}
        </button>
        <button
          type="button"
          disabled={strokes.length === 0}
          onClick={() => setHistory((h) => (h.strokes.length === 0 ? h : { strokes: h.strokes.slice(0, -1), undone: [h.strokes.at(-1)!, ...h.undone] }))}
        >
          {t('undo')}
        </button>
        <button
          type="button"
          disabled={undone.length === 0}
          onClick={() => setHistory((h) => (h.undone.length === 0 ? h : { strokes: [...h.strokes, h.undone[0]!], undone: h.undone.slice(1) }))}
        >
          {t('redo')}
        </button>
        {confirmClear ? (
          <button type="button" onClick={() => (setHistory({ strokes: [], undone: [] }), setConfirmClear(false))}>
            {t('clearYes')}
          </button>
        ) : (
          <button type="button" disabled={strokes.length === 0} onClick={() => setConfirmClear(true)}>
            {t('clear')}
          </button>
        )}
      </div>
      <canvas
        ref={canvas}
        width={WIDTH}
        height={HEIGHT}
        class="canvas"
        aria-label={t('drawCanvas')}
        role="img"
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
      />
      <label class="field">
        📷 {t('photoOfDrawing')}
        <input
          type="file"
          accept="image/*"
          capture="environment"
          onChange={async (event) => {
            const file = (event.target as HTMLInputElement).files?.[0];
            if (!file) return;
            try {
              setPhotoError(false);
              setPhoto(await downsizePhoto(file));
            } catch {
              setPhotoError(true);
            }
          }}
        />
      </label>
      {photoError ? <div role="alert"><Said text={t('photoError')} /></div> : null}
      <div class="actions">
        <button type="button" onClick={props.onBack}>
          {t('back')}
        </button>
        <button
          type="button"
          class="primary"
          disabled={strokes.length === 0}
          onClick={() => canvas.current?.toBlob((blob) => blob && props.onDone(blob), 'image/png')}
        >
          {t('next')}
        </button>
      </div>
    </Screen>
  );
}
