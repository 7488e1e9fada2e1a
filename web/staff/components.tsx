/** Small building blocks every staff screen shares: labelled fields, scrollable tables, headings that take focus, confirmations. */
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';

/** A screen's h1. It takes focus when the screen opens, so a screen reader announces where you are. */
export function ScreenHeading(props: { children: ComponentChildren; id?: string }) {
  return (
    <h1 id={props.id} tabIndex={-1} data-screen-heading="">
      {props.children}
    </h1>
  );
}

type FieldProps = {
  label: string;
  value: string;
  onValue: (value: string) => void;
  type?: 'text' | 'number' | 'date' | 'search' | 'email';
  hint?: string;
  required?: boolean;
  maxLength?: number;
  min?: number;
  max?: number;
  autoFocus?: boolean;
  inputMode?: 'numeric' | 'text';
  name?: string;
  /** What is wrong with the value, shown under the label and read out with the field. */
  error?: string | undefined;
  /** The input's id, for a field an error summary links to; otherwise one is made up. */
  id?: string;
  lang?: string;
  dir?: 'ltr' | 'rtl';
};

/** The ids a field's aria-describedby names: its hint, its error and any count, in reading order. */
function describedBy(id: string, parts: { hint?: unknown; error?: unknown; count?: unknown }): string | undefined {
  return [parts.hint ? `${id}-hint` : '', parts.error ? `${id}-error` : '', parts.count ? `${id}-count` : ''].filter(Boolean).join(' ') || undefined;
}

export function Field(props: FieldProps) {
  const made = useId();
  const id = props.id ?? made;
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (props.autoFocus) input.current?.focus();
  }, []);
  return (
    <div class="field">
      <FieldLabel id={id} label={props.label} required={props.required} hint={props.hint} error={props.error} />
      <input
        ref={input}
        id={id}
        name={props.name}
        // Preact types each input type separately; this one field serves several, so name one for the checker.
        type={(props.type ?? 'text') as 'text'}
        value={props.value}
        required={props.required}
        maxLength={props.maxLength}
        min={props.min}
        max={props.max}
        inputMode={props.inputMode}
        lang={props.lang}
        dir={props.dir}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, { hint: props.hint, error: props.error })}
        onInput={(event) => props.onValue(event.currentTarget.value)}
      />
    </div>
  );
}

export function TextArea(props: {
  label: string;
  value: string;
  onValue: (value: string) => void;
  hint?: string;
  required?: boolean;
  maxLength?: number;
  autoFocus?: boolean;
  error?: string | undefined;
  id?: string;
  lang?: string;
  dir?: 'ltr' | 'rtl';
}) {
  const made = useId();
  const id = props.id ?? made;
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (props.autoFocus) area.current?.focus();
  }, []);
  const count = props.maxLength ? `${props.value.length} of ${props.maxLength} characters` : undefined;
  return (
    <div class="field">
      <FieldLabel id={id} label={props.label} required={props.required} hint={props.hint} error={props.error} />
      <textarea
        ref={area}
        id={id}
        rows={3}
        value={props.value}
        required={props.required}
        maxLength={props.maxLength}
        lang={props.lang}
        dir={props.dir}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, { hint: props.hint, error: props.error, count })}
        onInput={(event) => props.onValue(event.currentTarget.value)}
      />
      {count ? (
        <span class="hint" id={`${id}-count`}>
          {count}
        </span>
      ) : null}
    </div>
  );
}

/** A wide table that scrolls sideways on a narrow screen; keyboard users can scroll it too. */
export function TableRegion(props: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-wrap" role="region" aria-label={props.label} tabIndex={0}>
      {props.children}
    </div>
  );
}

/** An inline "are you sure?" before a step worth a second thought; the confirming button takes focus. */
export function Confirm(props: { label: string; message: string; confirm: string; onConfirm: () => void; onCancel: () => void; cancel?: string }) {
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => yes.current?.focus(), []);
  return (
    <div class="buttons confirm" role="group" aria-label={props.label}>
      <span>{props.message}</span>
      <button type="button" class="danger" ref={yes} onClick={props.onConfirm}>
        {props.confirm}
      </button>
      <button type="button" onClick={props.onCancel}>
        {props.cancel ?? 'Cancel'}
      </button>
    </div>
  );
}

/** A field's label, "(optional)" when it is, its hint and its error (which the field names with aria-describedby). */
function FieldLabel(props: { id: string; label: string; required?: boolean | undefined; hint?: string | undefined; error?: string | undefined }) {
  return (
    <>
      <label for={props.id}>
        {props.label}
        {props.required ? null : <span class="optional"> (optional)</span>}
      </label>
      {props.hint ? (
        <span class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </span>
      ) : null}
      <FieldError id={`${props.id}-error`} error={props.error} />
    </>
  );
}

/** What is wrong with a field or a group of fields, in words; nothing when all is well. */
export function FieldError(props: { id: string; error: string | undefined }) {
  return props.error ? (
    <span class="field-error" id={props.id} data-testid="field-error">
      <span class="visually-hidden">Problem: </span>
      {props.error}
    </span>
  ) : null;
}
