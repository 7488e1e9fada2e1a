/**
 * The page a person sees when they follow a link (from minutes, say) to a superseded version of a pack or an annual
 * report: its record only (issued when, superseded when and why) and a link to the current version. Never the content it showed.
 */
import { html } from 'hono/html';
import type { AgendaItem } from '../db/committee-feedback.ts';
import { minute } from './pack-page.ts';

type VersionRecord = { id: string; version: number; issuedAt: string; supersededAt: string | null; supersededReason: string | null };

export function renderSupersededPage(item: AgendaItem, record: VersionRecord, current: (VersionRecord & { page: string }) | undefined) {
  return renderSupersededRecord({ noun: 'Pack', title: item.title, meta: `${item.title} · ${item.committeeTitle} · meeting on ${item.heldOn}`, record, current });
}

/** `noun` names what was versioned ("Pack", "Report"); `meta` is the line under the heading. */
export function renderSupersededRecord(page: { noun: string; title: string; meta: string; record: VersionRecord; current: (VersionRecord & { page: string }) | undefined }) {
  const { noun, record, current } = page;
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${noun} version ${record.version} was superseded: ${page.title}</title>
    <link rel="stylesheet" href="/api/pack.css" />
  </head>
  <body>
    <main>
      <header>
        <h1>${noun} version ${record.version} was superseded</h1>
        <p class="meta">${page.meta}</p>
      </header>
      <p>Its content can no longer be opened. What anything citing it can still rely on is its record:</p>
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
        : html`<p>There is no current version of this ${noun.toLowerCase()}.</p>`}
    </main>
  </body>
</html>`;
}
