/**
 * Small server-rendered SVG bar charts for packs and survey results: one bar per figure, the figure written beside
 * it, role="img" with an aria-label, and a <title>/<desc> that carry every figure as text. A suppressed figure has
 * no bar and reads "fewer than N": its value never reaches the markup. Escaped by hono/html.
 */
import { html, raw } from 'hono/html';

/** A figure to draw: `count` null when suppressed; `display` is what is written ("12 (40%)", "fewer than 5"). */
export type Bar = { label: string; count: number | null; display: string };
/** Bars under an optional heading (a breakdown group); `note` replaces the bars, e.g. for a suppressed group. */
export type BarSection = { heading?: string; bars: readonly Bar[]; note?: string };

const ROW = 18;
const LABEL_WIDTH = 140;
const BAR_WIDTH = 150;
// Our constant, never input.
const FONT = raw('font-size="10" font-family="sans-serif"');

/** The chart's figures as one sentence per section, for <desc> and for anyone who cannot see the bars. */
export function chartText(sections: readonly BarSection[]): string {
  return sections
    .map((section) => {
      const figures = section.note ?? section.bars.map((bar) => `${bar.label}: ${bar.display}`).join('; ');
      return section.heading ? `${section.heading}: ${figures || 'no figures'}.` : `${figures || 'No figures'}.`;
    })
    .join(' ');
}

/** An <svg> drawing `sections` one under another; bars are scaled to the largest shown count across sections. */
export function barChartSvg(title: string, sections: readonly BarSection[], options: { maxBars?: number; width?: number } = {}) {
  const maxBars = options.maxBars ?? Number.POSITIVE_INFINITY;
  const shown = sections.map((section) => ({ ...section, bars: section.bars.slice(0, maxBars) }));
  const max = Math.max(1, ...shown.flatMap((section) => section.bars.map((bar) => bar.count ?? 0)));
  let y = 0;
  const rows = shown.map((section) => {
    const parts = [];
    if (section.heading) {
      parts.push(html`<text x="0" y="${y + 13}" ${FONT} font-weight="bold">${clip(section.heading, 48)}</text>`);
      y += ROW;
    }
    if (section.note) {
      parts.push(html`<text x="${section.heading ? 8 : 0}" y="${y + 13}" ${FONT} font-style="italic">${section.note}</text>`);
      y += ROW;
    }
    for (const bar of section.note ? [] : section.bars) {
      const width = bar.count === null ? 0 : Math.round((bar.count / max) * BAR_WIDTH);
      parts.push(html`<text x="0" y="${y + 13}" ${FONT}>${clip(bar.label, 26)}</text>
        <rect x="${LABEL_WIDTH}" y="${y + 3}" width="${width}" height="12" fill="#1d4e89"></rect>
        <text x="${LABEL_WIDTH + 6 + width}" y="${y + 13}" ${FONT}>${bar.display}</text>`);
      y += ROW;
    }
    return parts;
  });
  const width = options.width ?? 320;
  return html`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y + 4}" viewBox="0 0 ${width} ${y + 4}" role="img" aria-label="${title}">
    <title>${title}</title>
    <desc>${chartText(shown)}</desc>
    ${rows}
  </svg>`;
}

/** A captioned chart for a pack page; `note` in place of the bars when there are none to draw (a withheld breakdown). */
export function barChartFigure(title: string, bars: readonly Bar[], options: { maxBars?: number; note?: string } = {}) {
  const section: BarSection = options.note ? { bars: [], note: options.note } : { bars };
  return html`<figure>
    <figcaption>${title}</figcaption>
    ${barChartSvg(title, [section], options)}
  </figure>`;
}

function clip(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
