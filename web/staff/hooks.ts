/** Hooks the staff screens share: one change at a time with its outcome reported, the taxonomy, focus returning after an inline step. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from './api.ts';
import { useNotice } from './notice.tsx';
import type { Taxonomy } from './types.ts';

/**
 * Runs one change at a time and reports it: `ok` only once the API has answered yes, otherwise what was not done and why.
 * A second press while the first is on its way is ignored (the button stays focusable, so focus is never lost).
 */
export function useAction() {
  const notice = useNotice();
  const running = useRef(false);
  const [busy, setBusy] = useState(false);
  async function run<T>(failure: string, work: () => Promise<T>, success?: (result: T) => string): Promise<{ ok: true; result: T } | { ok: false }> {
    if (running.current) return { ok: false };
    running.current = true;
    setBusy(true);
    try {
      const result = await work();
      if (success) notice.ok(success(result));
      return { ok: true, result };
    } catch (error) {
      notice.fail(failure, error);
      return { ok: false };
    } finally {
      running.current = false;
      setBusy(false);
    }
  }
  return { busy, run };
}

let taxonomyRequest: Promise<Taxonomy> | undefined;

/** The partnership's priorities and themes, fetched once per page. */
export function useTaxonomy(): Taxonomy | undefined {
  const [taxonomy, setTaxonomy] = useState<Taxonomy>();
  useEffect(() => {
    taxonomyRequest ??= api.taxonomy();
    taxonomyRequest.then(setTaxonomy, () => {
      taxonomyRequest = undefined;
    });
  }, []);
  return taxonomy;
}

/** Puts focus back on `target` when `open` turns false again (after a confirmation closes), never on first render. */
export function useReturnFocus(open: boolean) {
  const target = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (wasOpen.current && !open) target.current?.focus();
    wasOpen.current = open;
  }, [open]);
  return target;
}
