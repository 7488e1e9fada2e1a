/** The duplicate hint beside the selected submission: merge keeps this one and rejects the others as "duplicate of <id>". */
import { api } from '../api.ts';
import { useAction } from '../hooks.ts';
import { useNotice } from '../notice.tsx';
import type { QueueItem } from '../types.ts';
import { describeBulk } from './bulk.ts';

export function DuplicatesPanel(props: { item: QueueItem; onMerged: () => Promise<void> }) {
  const { item } = props;
  const { busy, run } = useAction();
  const notice = useNotice();
  const others = item.duplicateIds ?? [];
  if (others.length === 0) return null;
  const merge = async () => {
    const outcome = await run('Not merged.', () => api.bulk(others, 'reject', { reason: `duplicate of ${item.id}` }));
    if (outcome.ok) {
      const { text, allDone } = describeBulk('Merged: kept this one and rejected as duplicates', outcome.result.results);
      if (allDone) notice.ok(text);
      else notice.warn(text);
    }
    await props.onMerged();
  };
  return (
    <section class="panel" aria-labelledby={`duplicates-${item.id}`} data-testid="duplicates-panel">
      <h3 id={`duplicates-${item.id}`}>Possible duplicates</h3>
      <p>
        {others.length === 1 ? '1 other submission' : `${others.length} other submissions`} waiting in the queue {others.length === 1 ? 'has' : 'have'} the same words, sent within a
        day of this one.
      </p>
      <button type="button" onClick={() => void merge()} aria-disabled={busy}>
        Merge: keep this one, reject {others.length === 1 ? 'the other' : `the other ${others.length}`} as duplicates
      </button>
    </section>
  );
}
