/**
 * Redaction: one press removes the detected identifying details; any other words are chosen by selecting them in the
 * text (mouse or touch) or by typing them (keyboard), then removed together. The API always redacts from the child's
 * original words, so every redaction sends everything that should be removed.
 */
import { useEffect, useState } from 'preact/hooks';
import { Field } from '../components.tsx';
import { useNotice } from '../notice.tsx';
import type { IdentifyingDetail, QueueItem, Span } from '../types.ts';
import type { Moderation } from './use-moderation.ts';

/** The selected part of `container`'s text as offsets into it, without surrounding spaces; undefined when nothing in it is selected. */
export function selectedSpan(container: HTMLElement): Span | undefined {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return undefined;
  const range = selection.getRangeAt(0);
  if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) return undefined;
  const before = document.createRange();
  before.selectNodeContents(container);
  before.setEnd(range.startContainer, range.startOffset);
  const text = container.textContent ?? '';
  let start = before.toString().length;
  let end = start + range.toString().length;
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  return start < end ? { start, end } : undefined;
}

/** Every place `words` occurs in `text`, ignoring case. */
export function findAll(text: string, words: string): Span[] {
  const needle = words.trim().toLowerCase();
  if (!needle) return [];
  const haystack = text.toLowerCase();
  const spans: Span[] = [];
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) spans.push({ start: at, end: at + needle.length });
  return spans;
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Tracks the text selected inside the element with `id`; the last selection is kept while a button is pressed. */
export function useTextSelection(id: string, text: string): Span | undefined {
  const [span, setSpan] = useState<Span>();
  useEffect(() => {
    setSpan(undefined);
    const onChange = () => {
      const container = document.getElementById(id);
      const selection = window.getSelection();
      if (!container || !selection || selection.rangeCount === 0) return;
      const range = selection.getRangeAt(0);
      if (!container.contains(range.commonAncestorContainer)) return;
      setSpan(selectedSpan(container));
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, [id, text]);
  return span;
}

export function RedactionPanel(props: {
  item: QueueItem;
  lead: boolean;
  pending: Span[];
  onPending: (spans: Span[]) => void;
  selection: Span | undefined;
  moderation: Moderation;
  shortcuts: boolean;
}) {
  const { item, lead, pending, onPending, selection, moderation } = props;
  const notice = useNotice();
  const [words, setWords] = useState('');
  const [withDetected, setWithDetected] = useState(true);
  const text = item.text ?? '';
  const detected: IdentifyingDetail[] = item.identifyingDetails;
  // Offsets point into the text shown here: the original for a lead, the redacted words for everyone else.
  const canSelect = true;
  useEffect(() => setWords(''), [item.id]);

  const add = (spans: Span[]) => {
    const fresh = spans.filter((span) => !pending.some((existing) => existing.start === span.start && existing.end === span.end));
    onPending([...pending, ...fresh].sort((a, b) => a.start - b.start));
  };
  const remove = (span: Span) => onPending(pending.filter((existing) => existing !== span));
  const quote = (span: Span) => `“${text.slice(span.start, span.end)}”`;
  const redactChosen = async () => {
    const extra = withDetected ? detected.filter((span) => !pending.some((chosen) => overlaps(chosen, span))) : [];
    const spans = [...pending, ...extra];
    const what = pending.length === 1 && extra.length === 0 ? quote(pending[0]!) : `${spans.length} parts`;
    if (await moderation.redact(spans, what)) onPending([]);
  };

  return (
    <section class="panel" aria-labelledby="redaction-heading">
      <h3 id="redaction-heading">Redaction</h3>
      {item.redacted ? (
        <p>{lead ? 'Already redacted: others see the redacted words; you see the original. Redacting again starts from the original words, so include everything that should go.' : 'Already redacted: this is what everyone but a safeguarding lead sees. You can remove more words; to bring words back, undo straight away or ask a lead.'}</p>
      ) : null}
      {detected.length > 0 ? (
        <div class="buttons">
          <p>Identifying details found: {detected.map((span) => `${span.kind} ${quote(span)}`).join(', ')}.</p>
          <button type="button" onClick={() => void moderation.redact(detected, 'the detected details')}>
            Redact detected details{props.shortcuts ? ' (d)' : ''}
          </button>
        </div>
      ) : null}
      {canSelect && text ? (
        <>
          <p class="hint" id="selection-hint">
            Select words in the text above and add them, or type the words to remove.
          </p>
          <div class="buttons">
            <button type="button" aria-describedby="selection-hint" disabled={!selection} onClick={() => selection && add([selection])}>
              {selection ? `Add selected words ${quote(selection)}` : 'Add selected words (select some first)'}
            </button>
          </div>
          <form
            noValidate
            class="inline-form row"
            aria-label="Find words to redact"
            onSubmit={(event) => {
              event.preventDefault();
              const found = findAll(text, words);
              if (found.length === 0) return notice.warn(`“${words.trim()}” is not in the text, so nothing was added.`);
              add(found);
              setWords('');
            }}
          >
            <Field label="Words to remove" value={words} onValue={setWords} required maxLength={200} />
            <button type="submit">Find and add</button>
          </form>
          {pending.length > 0 ? (
            <>
              <h4>To be removed</h4>
              <ul class="chosen">
                {pending.map((span) => (
                  <li key={`${span.start}-${span.end}`}>
                    <mark>{text.slice(span.start, span.end)}</mark>{' '}
                    <button type="button" aria-label={`Keep ${quote(span)}`} onClick={() => remove(span)}>
                      Keep
                    </button>
                  </li>
                ))}
              </ul>
              {detected.length > 0 ? (
                <label class="check">
                  <input type="checkbox" checked={withDetected} onChange={(event) => setWithDetected(event.currentTarget.checked)} /> Also remove the detected details
                </label>
              ) : null}
              <button type="button" class="primary" onClick={() => void redactChosen()}>
                Redact the chosen words
              </button>
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
