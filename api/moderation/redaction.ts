/** Redaction: replace spans of the child's text (detected details or a moderator's selection) with a marker. */

export const REDACTION_MARK = '[removed]';

export type Span = { start: number; end: number };

/** Applies spans (UTF-16 offsets into `text`, end exclusive), merging overlaps; returns undefined for an out-of-range span. */
export function redact(text: string, spans: readonly Span[]): string | undefined {
  if (spans.some((span) => span.start < 0 || span.end > text.length || span.start >= span.end)) return undefined;
  const merged: Span[] = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  let result = '';
  let at = 0;
  for (const span of merged) {
    result += text.slice(at, span.start) + REDACTION_MARK;
    at = span.end;
  }
  return result + text.slice(at);
}
