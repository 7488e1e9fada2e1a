/**
 * An emoji-scale question drawn as the five faces children chose from (saddest to happiest), each figure written
 * under its face, one row per section; same contract as the bar chart: role="img", <title>/<desc> with every figure,
 * suppressed figures read "fewer than N" and never reach the markup. Escaped by hono/html.
 */
import { html, raw } from 'hono/html';
import { chartText, type BarSection } from './bar-chart.ts';

const CELL = 64;
const FACE = 22;
const ROW = 78;
const FONT = raw('font-size="10" font-family="sans-serif" text-anchor="middle"');

/** Mouth for face `index` (0 saddest … 4 happiest): a curve from a frown through a line to a smile. */
function mouth(cx: number, cy: number, index: number) {
  const bend = (index - 2) * 5;
  return html`<path d="M ${cx - 9} ${cy + 7} Q ${cx} ${cy + 7 + bend} ${cx + 9} ${cy + 7}" fill="none" stroke="#14213d" stroke-width="2" stroke-linecap="round" data-bend="${bend}"></path>`;
}

function face(cx: number, cy: number, index: number) {
  return html`<g class="face"><circle cx="${cx}" cy="${cy}" r="${FACE / 2 + 4}" fill="#ffd75e" stroke="#14213d" stroke-width="1.5"></circle>
    <circle cx="${cx - 5}" cy="${cy - 4}" r="2" fill="#14213d"></circle><circle cx="${cx + 5}" cy="${cy - 4}" r="2" fill="#14213d"></circle>${mouth(cx, cy, index)}</g>`;
}

/** An <svg> of face rows; each section's bars are the five scale points in order. */
export function faceScaleSvg(title: string, sections: readonly BarSection[], options: { width?: number } = {}) {
  let y = 0;
  const rows = sections.map((section) => {
    const parts = [];
    if (section.heading) {
      parts.push(html`<text x="0" y="${y + 13}" font-size="10" font-family="sans-serif" font-weight="bold">${section.heading}</text>`);
      y += 18;
    }
    if (section.note) {
      parts.push(html`<text x="8" y="${y + 13}" font-size="10" font-family="sans-serif" font-style="italic">${section.note}</text>`);
      y += 18;
      return parts;
    }
    section.bars.forEach((bar, index) => {
      const cx = index * CELL + CELL / 2;
      parts.push(html`${face(cx, y + FACE / 2 + 6, index)}<text x="${cx}" y="${y + FACE + 30}" ${FONT}>${bar.display}</text>`);
    });
    y += ROW - 18;
    return parts;
  });
  const width = options.width ?? CELL * 5;
  return html`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y + 4}" viewBox="0 0 ${width} ${y + 4}" role="img" aria-label="${title}">
    <title>${title}</title>
    <desc>${chartText(sections)}</desc>
    ${rows}
  </svg>`;
}
