/**
 * The page a person sees when they follow a link (from minutes, say) to a superseded pack version: its record only
 * (issued when, superseded when and why) and a link to the current version. Never the content it showed.
 */
import { html } from 'hono/html';
import type { AgendaItem } from '../db/committee-feedback.ts';
import { minute } from './pack-page.ts';
import type { PackVersionRecord } from './pack-versions.ts';

export function renderSupersededPage(item: AgendaItem, record: PackVersionRecord, current: (PackVersionRecord & { page: string }) | undefined) {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Pack version ${record.version} was superseded: ${item.title}</title>
    <link rel="stylesheet" href="/api/pack.css" />
  </head>
  <body>
    <main>
      <header>
        <h1>Pack version ${record.version} was superseded</h1>
        <p class="meta">${item.title} · ${item.committeeTitle} · meeting on ${item.heldOn}</p>
      </header>
      <p>Its content can no longer be opened. What minutes citing it can still rely on is its record:</p>
      <dl data-testid="superseded-record">
        <dt>Version</dt>
        <dd>${record.version} (${record.id})</dd>
        <dt>Issued</dt>
        <dd>${minute(new Date(record.issuedAt))} UTC</dd>
        <dt>Superseded</dt>
        <dd>${record.supersededAt ? `${minute(new Date(record.supersededAt))} UTC` : ''}</dd>
        <dt>Why</dt>
        <dd>${record.supersededReason ?? 'Not recorded.'}</dd>
      </dl>
      ${current
        ? html`<p><a href="${current.page}">Open the current version (version ${current.version}, issued ${minute(new Date(current.issuedAt))} UTC)</a></p>`
        : html`<p>There is no current version of this pack.</p>`}
    </main>
  </body>
</html>`;
}
