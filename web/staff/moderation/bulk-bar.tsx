/** Bulk actions on the checked submissions: approve them, or tag them with a priority and/or a theme. */
import { useId, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { useAction } from '../hooks.ts';
import { useNotice } from '../notice.tsx';
import type { Taxonomy } from '../types.ts';
import { describeBulk } from './bulk.ts';
import { ThemeField } from './themes.tsx';

export function BulkBar(props: { ids: string[]; taxonomy: Taxonomy | undefined; onDone: () => Promise<void>; onClear: () => void }) {
  const { ids } = props;
  const { busy, run } = useAction();
  const notice = useNotice();
  const [priority, setPriority] = useState('');
  const [theme, setTheme] = useState('');
  const id = useId();
  if (ids.length === 0) return null;

  const go = async (action: 'approve' | 'tag', done: string) => {
    const extra = action === 'tag' ? { priorities: priority ? [priority] : [], themes: theme.trim() ? [theme.trim()] : [] } : {};
    const outcome = await run(action === 'approve' ? 'Nothing was approved.' : 'Nothing was tagged.', () => api.bulk(ids, action, extra));
    if (outcome.ok) {
      const { text, allDone } = describeBulk(done, outcome.result.results);
      if (allDone) notice.ok(text);
      else notice.warn(text);
      props.onClear();
    }
    await props.onDone();
  };

  return (
    <section class="panel bulk" aria-labelledby={`${id}-heading`} data-testid="bulk-bar">
      <h2 id={`${id}-heading`}>{ids.length === 1 ? '1 selected' : `${ids.length} selected`}</h2>
      <div class="buttons">
        <button type="button" class="primary" aria-disabled={busy} onClick={() => void go('approve', 'Approved')}>
          Approve selected
        </button>
        <button type="button" onClick={props.onClear}>
          Clear selection
        </button>
      </div>
      <form
        class="row"
        onSubmit={(event) => {
          event.preventDefault();
          if (!priority && !theme.trim()) return notice.warn('Not tagged: choose a priority or name a theme.');
          void go('tag', 'Tagged');
        }}
      >
        <div class="field">
          <label for={`${id}-priority`}>Priority</label>
          <select id={`${id}-priority`} value={priority} onChange={(event) => setPriority(event.currentTarget.value)}>
            <option value="">None</option>
            {(props.taxonomy?.priorities ?? []).map((p) => (
              <option key={p.slug} value={p.slug}>
                {p.title}
              </option>
            ))}
          </select>
        </div>
        <ThemeField label="Theme" value={theme} onValue={setTheme} themes={props.taxonomy?.themes ?? []} />
        <button type="submit">Tag selected</button>
      </form>
    </section>
  );
}
