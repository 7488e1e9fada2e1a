/**
 * The print-ready feedback pack for an agenda item: A4 print CSS, quotes set as quotes, drawings as thumbnails,
 * the figures and attached survey results as SVG bar charts, the consent statement and the date it was generated. Escaped by hono/html.
 */
import { html } from 'hono/html';
import { barChartFigure } from '../charts/bar-chart.ts';
import type { AgendaItem } from '../db/committee-feedback.ts';
import type { Breakdown, ShownFigures } from './figures.ts';
import type { FeedbackEntry } from './committee-entry.ts';
import type { PackVersionRecord } from './pack-versions.ts';
import { renderPackSurveys, SURVEY_CSS } from './pack-survey-section.ts';
import type { PackSurvey } from './pack-surveys.ts';

export const PACK_CSS = `
@page { size: A4; margin: 18mm 16mm; }
body { font-family: Georgia, 'Times New Roman', serif; color: #111; line-height: 1.45; max-width: 180mm; margin: 0 auto; padding: 8mm 0; }
header { border-bottom: 2px solid #1d4e89; margin-bottom: 6mm; }
h1 { font-size: 20pt; margin: 0 0 2mm; } h2 { font-size: 14pt; margin-top: 8mm; color: #1d4e89; }
.meta, .consent { font-family: system-ui, sans-serif; font-size: 9.5pt; color: #333; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; }
figure { margin: 0; break-inside: avoid; } figcaption { font-family: system-ui, sans-serif; font-size: 9.5pt; font-weight: 700; }
blockquote { margin: 0 0 5mm; padding: 3mm 5mm; border-left: 3pt solid #1d4e89; background: #f4f7fb; break-inside: avoid; font-size: 12pt; }
blockquote footer { font-family: system-ui, sans-serif; font-size: 8.5pt; color: #444; margin-top: 1.5mm; }
.drawings { display: grid; grid-template-columns: repeat(3, 1fr); gap: 4mm; } .drawings figure img { width: 100%; height: auto; border: 1px solid #ccc; }
.note { font-family: system-ui, sans-serif; font-size: 8.5pt; color: #7a4b00; }
@media print { a { color: inherit; text-decoration: none; } }
${SURVEY_CSS}`;

const WITHHELD_NOTE = 'Not shown: every count here is too small.';

function chart(title: string, figures: ShownFigures, breakdown: Breakdown) {
  return barChartFigure(title, figures[breakdown], { maxBars: 8, ...(figures.withheld.includes(breakdown) ? { note: WITHHELD_NOTE } : {}) });
}

export function renderPack(item: AgendaItem, entries: readonly FeedbackEntry[], figures: ShownFigures, generatedAt: Date, threshold: number, version?: PackVersionRecord, surveys: readonly PackSurvey[] = []) {
  const quotes = entries.filter((entry) => entry.quote !== null && entry.quote.trim() !== '');
  const drawings = entries.filter((entry) => entry.drawing !== null);
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${item.title}: what children said</title>
    <link rel="stylesheet" href="/api/pack.css" />
  </head>
  <body>
    <header>
      <h1>${item.title}</h1>
      <p class="meta">${item.committeeTitle} · meeting on ${item.heldOn} · generated ${minute(generatedAt)} UTC · ${figures.totalDisplay} contributions</p>
      ${version
        ? html`<p class="meta" data-pack-version="${version.id}">Pack version ${version.version}, issued ${minute(new Date(version.issuedAt))} UTC. To cite it: ${version.id}</p>`
        : html`<p class="meta">A preview: issue a pack version for a copy that minutes can cite.</p>`}
    </header>
    <p class="consent">
      Every contribution here was approved by a participation worker and shared with the committee by the child's own choice.
      Words are quoted only where the child agreed to be quoted, with identifying details removed. So that no child can be
      identified, counts under ${threshold} are "not shown", and so are the next smallest counts with them, and the figures change only once at least ${threshold}
      contributions have changed. Contributions without words to quote are counted but not quoted: they are in the figures only.
      Quotes and drawings carry no age, group, month or priority: those are in the figures only, where small numbers are hidden.
    </p>
    <h2>What children said</h2>
    ${quotes.length === 0 ? html`<p>No quotes for this item yet.</p>` : ''}
    ${quotes.map(
      (entry) => html`<blockquote>
        <p>${entry.quote}</p>
        <footer>${entry.kind === 'survey' ? 'survey answer' : entry.kind}</footer>
        ${entry.curation?.note ? html`<p class="note">Worker's note: ${entry.curation.note}</p>` : ''}
      </blockquote>`,
    )}
    ${drawings.length > 0
      ? html`<h2>Drawings</h2>
          <div class="drawings">
            ${drawings.map((entry) => html`<figure><img src="${entry.drawing!.thumbnailUrl}" alt="A child's drawing" /></figure>`)}
          </div>`
      : ''}
    <h2>Figures</h2>
    <div class="charts">
      ${chart('By priority', figures, 'byPriority')} ${chart('By age band', figures, 'byAgeBand')} ${chart('By kind', figures, 'byKind')}
      ${chart('By month', figures, 'byMonth')} ${chart('By theme', figures, 'byTheme')} ${chart('By group', figures, 'byGroup')}
    </div>
    ${renderPackSurveys(surveys)}
  </body>
</html>`;
}

export function minute(date: Date): string {
  return date.toISOString().slice(0, 16).replace('T', ' ');
}
