/**
 * The text a screening review keeps: only the sentence around the words concerned, with identifying details removed
 * (the moderators' redaction when there is one, otherwise what screening detected). Never the whole message.
 */
import { redact, REDACTION_MARK, type Span } from './redaction.ts';

const MAX_LENGTH = 300;
const SENTENCE_END = /[.!?\n؟]/;

/** A kept stretch of the original text and where it sits in the redacted text. */
type Kept = { original: number; redacted: number; length: number };

/**
 * Lines a redacted text up with its original: the redacted text is the original with spans replaced by the mark,
 * so the pieces between marks appear in the original in order. Undefined when they do not (then no snapshot is kept).
 */
export function alignRedacted(original: string, redacted: string): Kept[] | undefined {
  const pieces = redacted.split(REDACTION_MARK);
  const kept: Kept[] = [];
  let inOriginal = 0;
  let inRedacted = 0;
  for (const [index, piece] of pieces.entries()) {
    const last = index === pieces.length - 1;
    const at = index === 0 ? 0 : last ? original.length - piece.length : original.indexOf(piece, inOriginal + 1);
    if (at < inOriginal || at < 0 || original.slice(at, at + piece.length) !== piece || (index > 0 && at === inOriginal)) return undefined;
    kept.push({ original: at, redacted: inRedacted, length: piece.length });
    inOriginal = at + piece.length;
    inRedacted += piece.length + REDACTION_MARK.length;
  }
  return kept;
}

/** The original's spans the redaction removed. */
function removedSpans(kept: readonly Kept[]): Span[] {
  return kept.slice(1).map((piece, index) => ({ start: kept[index]!.original + kept[index]!.length, end: piece.original }));
}

/** Maps an offset in the redacted text to the original (an offset inside a mark goes to the start of what it removed). */
export function toOriginalOffset(kept: readonly Kept[], offset: number): number {
  let result = 0;
  for (const piece of kept) {
    if (offset < piece.redacted) break;
    result = piece.original + Math.min(offset - piece.redacted, piece.length);
  }
  return result;
}

function sentenceAround(text: string, focus: Span | undefined): Span {
  if (!focus) return { start: 0, end: Math.min(text.length, MAX_LENGTH) };
  let start = focus.start;
  while (start > 0 && !SENTENCE_END.test(text[start - 1]!)) start--;
  let end = focus.end;
  while (end < text.length && !SENTENCE_END.test(text[end - 1] ?? '')) end++;
  if (end - start > MAX_LENGTH) {
    const room = Math.max(0, Math.floor((MAX_LENGTH - (focus.end - focus.start)) / 2));
    start = Math.max(start, focus.start - room);
    end = Math.min(end, focus.end + room);
    while (start > 0 && start < focus.start && /\S/.test(text[start - 1]!)) start++;
    while (end < text.length && end > focus.end && /\S/.test(text[end]!)) end--;
  }
  return { start, end };
}

export type SnapshotInput = {
  original: string;
  /** The moderators' redaction of this text, if any. */
  redacted: string | null;
  /** Identifying details screening found in the original text. */
  identifying: readonly Span[];
  /** The words concerned, as offsets into the original; without them, the start of the text. */
  focus?: Span | undefined;
};

/** The redacted sentence, or undefined when the redaction cannot be lined up with the original. */
export function reviewSnapshot(input: SnapshotInput): string | undefined {
  const { original, focus } = input;
  let remove: Span[] = [...input.identifying];
  if (input.redacted !== null) {
    const kept = alignRedacted(original, input.redacted);
    if (!kept) return undefined;
    remove = removedSpans(kept).filter((span) => span.end > span.start);
  }
  const bounds = sentenceAround(original, focus && focus.end <= original.length && focus.start < focus.end ? focus : undefined);
  const inside = remove
    .map((span) => ({ start: Math.max(span.start, bounds.start) - bounds.start, end: Math.min(span.end, bounds.end) - bounds.start }))
    .filter((span) => span.end > span.start);
  const sentence = original.slice(bounds.start, bounds.end);
  const cleaned = inside.length > 0 ? redact(sentence, inside) : sentence;
  return cleaned?.trim() || undefined;
}
