/** Moderation decisions on the selected submission, each reported only once the API has answered, then the queue reloaded. */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { useAction } from '../hooks.ts';
import type { QueueItem, Span, SubmissionDetail, Taxonomy } from '../types.ts';

export type Moderation = ReturnType<typeof useModeration>;

export function useModeration(options: { item: QueueItem | undefined; detail: SubmissionDetail | undefined; taxonomy: Taxonomy | undefined; reload: () => Promise<void> }) {
  const { item, detail, taxonomy, reload } = options;
  const { busy, run } = useAction();
  const [lastDecided, setLastDecided] = useState<string>();
  const [rejecting, setRejecting] = useState(false);
  // A reason typed for one submission must never reject another.
  useEffect(() => setRejecting(false), [item?.id]);

  async function act<T>(failure: string, work: () => Promise<T>, success: (result: T) => string): Promise<boolean> {
    const outcome = await run(failure, work, success);
    // Reload either way: a refusal (someone else claimed it, a lead flagged it) is news about the queue too.
    await reload();
    return outcome.ok;
  }

  return {
    busy,
    lastDecided,
    rejecting,
    approve: async () => {
      if (!item) return;
      const id = item.id;
      if (await act('Not approved.', () => api.approve(id), () => 'Approved.')) setLastDecided(id);
    },
    startReject: () => item && setRejecting(true),
    cancelReject: () => setRejecting(false),
    reject: async (reason: string) => {
      if (!item) return false;
      const id = item.id;
      const done = await act('Not rejected.', () => api.reject(id, reason), () => 'Rejected: it will not be used.');
      if (done) {
        setLastDecided(id);
        setRejecting(false);
      }
      return done;
    },
    flag: async () => {
      if (!item) return;
      const id = item.id;
      await act('Not flagged.', () => api.flag(id), () => 'Flagged for a safeguarding lead. It is now in the safeguarding lane.');
    },
    redact: async (spans: Span[], what: string) => {
      if (!item || spans.length === 0) return false;
      const id = item.id;
      return act('Nothing was redacted.', () => api.redact(id, spans), () => `Redacted ${what}.`);
    },
    undo: async () => {
      if (!lastDecided) return;
      const id = lastDecided;
      if (await act('Not undone.', () => api.undo(id), () => 'Undone: the last decision was taken back.')) setLastDecided(undefined);
    },
    /** Sets the themes, keeping the priorities; a title no theme has yet creates that theme. Returns the tags as they now are. */
    setThemes: async (themes: string[], success: string) => {
      if (!item || !detail || detail.id !== item.id) return undefined;
      const id = item.id;
      const outcome = await run('The themes were not changed.', () => api.tags(id, detail.tags.priorities, themes), () => success);
      await reload();
      return outcome.ok ? outcome.result : undefined;
    },
    /** Adds or removes the nth priority (1-based), keeping the other tags. Needs the submission's current tags. */
    tag: async (number: number) => {
      const priority = taxonomy?.priorities[number - 1];
      if (!item || !detail || detail.id !== item.id || !priority) return;
      const id = item.id;
      const has = detail.tags.priorities.includes(priority.slug);
      const priorities = has ? detail.tags.priorities.filter((slug) => slug !== priority.slug) : [...detail.tags.priorities, priority.slug];
      await act(has ? 'The tag was not removed.' : 'Not tagged.', () => api.tags(id, priorities, detail.tags.themes), () => (has ? `Untagged: ${priority.title}.` : `Tagged: ${priority.title}.`));
    },
  };
}
