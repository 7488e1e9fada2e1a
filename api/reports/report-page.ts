/**
 * An annual report as an accessible, printable page: the pack style sheet (A4 print CSS), every chart an SVG with
 * a text alternative and a data table beside it, the period, the suppression rule, and how many contributions
 * stand behind each priority's figures. Escaped by hono/html.
 */
import { html } from 'hono/html';
import { barChartFigure } from '../charts/bar-chart.ts';
import type { Figure } from '../committees/figures.ts';
import { minute } from '../committees/pack-page.ts';
import { renderPackSurveys } from '../committees/pack-survey-section.ts';
import type { ReportVersionRecord } from '../db/annual-report-versions.ts';
import type { PriorityContent, ReportContent } from './content.ts';
import { suppressionRule, TREND_WORDS } from './wording.ts';

/** `mediaUrl` turns a media id into the address the page loads it from. */
export function renderReportPage(content: ReportContent, options: { version?: ReportVersionRecord; generatedAt: Date; mediaUrl: (id: string) => string }) {
  const { version } = options;
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${content.title}</title>
    <link rel="stylesheet" href="/api/pack.css" />
  </head>
  <body>
    <header>
      <h1>${content.title}</h1>
      <p class="meta">Period: ${content.periodStart} to ${content.periodEnd} · compared with ${content.previousStart} to ${content.previousEnd}${content.committees.length ? html` · committees: ${content.committees.join(', ')}` : ''}</p>
      ${version
        ? html`<p class="meta" data-report-version="${version.id}">Report version ${version.version}, issued ${minute(new Date(version.issuedAt))} UTC. To cite it: ${version.id}</p>`
        : html`<p class="meta">A draft, generated ${minute(options.generatedAt)} UTC: issue a version for a copy that can be cited.</p>`}
    </header>
    <main>
      <p class="consent">${suppressionRule(content.threshold)}</p>
      ${content.priorities.map((priority) => renderPriority(priority, options.mediaUrl))}
    </main>
  </body>
</html>`;
}

function figureTable(caption: string, figures: readonly Figure[]) {
  return html`<table class="figures">
    <caption>${caption}</caption>
    <thead><tr><th scope="col">Group</th><th scope="col">Contributions</th></tr></thead>
    <tbody>${figures.map((f) => html`<tr><td>${f.label}</td><td>${f.display}</td></tr>`)}</tbody>
  </table>`;
}

function breakdown(title: string, priority: PriorityContent, key: 'byKind' | 'byAgeBand' | 'byGroup') {
  const withheld = priority.withheld.includes(key);
  return html`<div>
    ${barChartFigure(`${priority.title}: ${title}`, priority[key], withheld ? { note: 'Not shown: every count here is too small.' } : { maxBars: 8 })}
    ${withheld ? '' : figureTable(`${title} (figures)`, priority[key])}
  </div>`;
}

function renderPriority(priority: PriorityContent, mediaUrl: (id: string) => string) {
  const quotes = priority.entries.filter((entry) => entry.quote !== null);
  const drawings = priority.entries.filter((entry) => entry.drawing !== null);
  return html`<section data-priority="${priority.slug}">
    <h2>${priority.title}</h2>
    <p class="meta">Contributions behind these figures: ${priority.totalDisplay} (previous period: ${priority.previousTotalDisplay}).</p>
    ${priority.total === null
      ? html`<p>Fewer than ${priority.totalDisplay.replace('fewer than ', '')} children spoke about this priority, so no breakdown is shown.</p>`
      : html`<div class="charts">${breakdown('by kind', priority, 'byKind')} ${breakdown('by age band', priority, 'byAgeBand')} ${breakdown('by group', priority, 'byGroup')}</div>`}
    <h3>Top themes</h3>
    ${priority.themes.length === 0
      ? html`<p>No theme can be shown.</p>`
      : html`<table class="figures">
          <caption>Themes children raised most, with the previous period</caption>
          <thead><tr><th scope="col">Theme</th><th scope="col">This period</th><th scope="col">Previous period</th><th scope="col">Trend</th></tr></thead>
          <tbody>${priority.themes.map((t) => html`<tr><td>${t.label}</td><td>${t.display}</td><td>${t.previous}</td><td>${TREND_WORDS[t.trend]}</td></tr>`)}</tbody>
        </table>`}
    <h3>What children said</h3>
    ${quotes.length === 0 ? html`<p>No quotes chosen for this priority.</p>` : ''}
    ${quotes.map((entry) => html`<blockquote data-entry="${entry.id}"><p>${entry.quote}</p><footer>${entry.kind} · age ${entry.ageBand} · ${entry.month}</footer></blockquote>`)}
    ${drawings.length > 0
      ? html`<div class="drawings">
          ${drawings.map((entry) => html`<figure data-entry="${entry.id}"><img src="${mediaUrl(entry.drawing!.thumbnailId)}" alt="A drawing by a child aged ${entry.ageBand}" /><figcaption>age ${entry.ageBand} · ${entry.month}</figcaption></figure>`)}
        </div>`
      : ''}
    ${renderPackSurveys(priority.surveys)}
    <h3>You said, we did</h3>
    ${priority.outcomes.length === 0
      ? html`<p>No committee has recorded an outcome on this priority in the period yet.</p>`
      : html`<table class="figures">
          <caption>What committees did after hearing children</caption>
          <thead><tr><th scope="col">Committee</th><th scope="col">Meeting</th><th scope="col">Item</th><th scope="col">What we did</th><th scope="col">Contributions heard</th></tr></thead>
          <tbody>${priority.outcomes.map((o) => html`<tr><td>${o.committee}</td><td>${o.heldOn}</td><td>${o.item}</td><td>${o.outcome ?? 'Discussed; no outcome recorded.'}</td><td>${o.contributions}</td></tr>`)}</tbody>
        </table>`}
  </section>`;
}
