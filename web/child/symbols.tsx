/** Simple pictures beside the words a young child may not read yet: the consent questions and the first choices. */
import type { JSX } from 'preact';

const svg = (children: JSX.Element | JSX.Element[]) => (
  <svg class="symbol" aria-hidden="true" viewBox="0 0 48 48" fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round" stroke-linejoin="round">
    {children}
  </svg>
);

/** Grown-ups round a table: the committee that reads it. */
export const CommitteeSymbol = () =>
  svg([<circle cx="12" cy="14" r="5" />, <circle cx="24" cy="11" r="5" />, <circle cx="36" cy="14" r="5" />, <path d="M4 30c2-6 14-6 16 0M16 27c2-7 14-7 16 0M28 30c2-6 14-6 16 0" />, <path d="M6 36h36v6H6z" />]);

/** A page with speech marks: your exact words in a report. */
export const QuoteSymbol = () =>
  svg([<path d="M10 4h20l8 8v32H10z" />, <path d="M30 4v8h8" />, <path d="M17 24c0-3 2-5 4-5M17 24v4h4v-4h-4M26 24c0-3 2-5 4-5M26 24v4h4v-4h-4" />]);

/** A globe: where anyone can see it. */
export const PublicSymbol = () => svg([<circle cx="24" cy="24" r="19" />, <path d="M5 24h38M24 5c-7 8-7 30 0 38M24 5c7 8 7 30 0 38" />]);

/** Who helped: a child with a grown-up. */
export const HelperSymbol = () => svg([<circle cx="16" cy="12" r="6" />, <circle cx="34" cy="20" r="4" />, <path d="M6 42c0-10 4-16 10-16s10 6 10 16M26 42c0-7 3-12 8-12s8 5 8 12" />]);

/** A pencil: own words. */
export const WriteSymbol = () => svg([<path d="M8 40l4-12L32 8l8 8-20 20z" />, <path d="M28 12l8 8M8 40l12-4" />]);

/** A brush and a dab of paint: a drawing. */
export const DrawSymbol = () => svg([<path d="M30 6l12 12-16 16-8-4-4-8z" />, <path d="M14 22c-6 0-8 6-8 10 0 4-2 6-2 6 8 2 14-2 14-8" />]);

/** A clipboard with ticks: questions to answer. */
export const SurveySymbol = () => svg([<path d="M12 8h24v36H12z" />, <path d="M19 4h10v6H19z" />, <path d="M17 20l3 3 5-5M17 32l3 3 5-5M29 21h4M29 33h4" />]);

/** An arrow forward (mirrored right-to-left by CSS): start. */
export const StartSymbol = () => svg([<path d="M8 24h30M28 12l12 12-12 12" />]);
