/**
 * The moderation queue beside the selected submission, with keyboard shortcuts (j/k next and previous, a approve,
 * r reject, f flag, 1–9 tag a priority, d redact detected details, u undo) that can be switched off, and a checkbox
 * selection for bulk approve and tag.
 * Flagged submissions are not here: they wait in the safeguarding lane. `#/queue/<id>` opens that submission.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { ScreenHeading } from '../components.tsx';
import { useTaxonomy } from '../hooks.ts';
import { BulkBar } from '../moderation/bulk-bar.tsx';
import { DuplicatesPanel } from '../moderation/duplicates-panel.tsx';
import { linkedItem, withLinked } from '../moderation/linked-item.ts';
import { QueueEntry } from '../moderation/queue-entry.tsx';
import { SubmissionView } from '../moderation/submission-view.tsx';
import { useModeration } from '../moderation/use-moderation.ts';
import { useSubmission } from '../moderation/use-submission.ts';
import { useNotice } from '../notice.tsx';
import type { Me, QueueFilters, QueueItem } from '../types.ts';
import { QueueFilterForm } from './queue-filters.tsx';

const SHORTCUTS_KEY = 'heard.staff.shortcuts';

function useShortcutsSetting(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => window.localStorage.getItem(SHORTCUTS_KEY) !== 'off');
  return [
    on,
    (value) => {
      window.localStorage.setItem(SHORTCUTS_KEY, value ? 'on' : 'off');
      setOn(value);
    },
  ];
}

function typingInto(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || (target instanceof HTMLElement && target.isContentEditable);
}

/** What the queue lists: waiting submissions outside the safeguarding lane (the queue's default statuses). */
const inQueue = (item: QueueItem) => !item.safeguarding && (item.status === 'received' || item.status === 'in_review');

export function QueueScreen(props: { user: Me; param?: string | undefined }) {
  const notice = useNotice();
  const taxonomy = useTaxonomy();
  const [items, setItems] = useState<QueueItem[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [guidance, setGuidance] = useState('');
  const [filters, setFilters] = useState<QueueFilters>({});
  const [index, setIndex] = useState(0);
  const [version, setVersion] = useState(0);
  const [shortcuts, setShortcuts] = useShortcutsSetting();
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const pendingLink = useRef<string | undefined>(props.param);

  const load = async () => {
    try {
      const page = await api.queue({ ...filters, safeguarding: false });
      // A link (`#/queue/<id>`) may name an item past the first page: it is fetched by id and listed after the page.
      const link = pendingLink.current;
      const linked = link ? await linkedItem(page.items, link, inQueue) : undefined;
      const list = withLinked(page.items, linked);
      setItems(list);
      setNextCursor(page.nextCursor);
      setGuidance(page.guidance);
      const at = linked ? list.findIndex((item) => item.id === linked.id) : -1;
      if (link) {
        pendingLink.current = undefined;
        if (!linked) notice.warn('That submission is not waiting in your queue: it may have been moderated since, withdrawn, or flagged.');
      }
      setIndex((current) => (at >= 0 ? at : Math.min(current, Math.max(0, list.length - 1))));
    } catch (error) {
      notice.fail('The queue could not be loaded.', error);
    } finally {
      setLoaded(true);
      setVersion((v) => v + 1);
    }
  };
  const more = async () => {
    if (!nextCursor) return;
    try {
      const page = await api.queue({ ...filters, safeguarding: false }, nextCursor);
      setItems((current) => [...current, ...page.items.filter((item) => !current.some((seen) => seen.id === item.id))]);
      setNextCursor(page.nextCursor);
    } catch (error) {
      notice.fail('No more could be loaded.', error);
    }
  };
  useEffect(() => {
    void load();
  }, [filters]);
  useEffect(() => {
    if (!props.param || pendingLink.current === props.param) return;
    pendingLink.current = props.param;
    void load();
  }, [props.param]);

  const selected = items[index];
  const detail = useSubmission(selected?.id, version);
  const moderation = useModeration({ item: selected, detail, taxonomy, reload: load });

  // The handler is replaced at every render (not in an effect, which runs only after the browser paints), so a key
  // pressed the moment a new selection shows acts on that selection, never on the one before.
  const onKey = useRef<(event: KeyboardEvent) => void>(() => undefined);
  onKey.current = (event) => {
    if (!shortcuts || typingInto(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'j') setIndex((i) => Math.min(i + 1, items.length - 1));
    else if (event.key === 'k') setIndex((i) => Math.max(i - 1, 0));
    else if (event.key === 'a') void moderation.approve();
    else if (event.key === 'r') moderation.startReject();
    else if (event.key === 'f') void moderation.flag();
    else if (event.key === 'd') {
      if (selected && selected.identifyingDetails.length > 0) void moderation.redact(selected.identifyingDetails, 'the detected details');
    } else if (event.key === 'u') void moderation.undo();
    else if (/^[1-9]$/.test(event.key)) void moderation.tag(Number(event.key));
    else return;
    event.preventDefault();
  };
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey.current(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  return (
    <div class="layout">
      <section class="queue" aria-labelledby="queue-heading">
        <ScreenHeading id="queue-heading">Queue ({items.length})</ScreenHeading>
        <QueueFilterForm filters={filters} taxonomy={taxonomy} onChange={setFilters} />
        <label class="check">
          <input type="checkbox" checked={shortcuts} onChange={(event) => setShortcuts(event.currentTarget.checked)} /> Single-key shortcuts
        </label>
        {loaded && items.length === 0 ? <p>The queue is empty. Thank you.</p> : null}
        <BulkBar ids={items.filter((item) => checked.has(item.id)).map((item) => item.id)} taxonomy={taxonomy} onDone={load} onClear={() => setChecked(new Set())} />
        <ol class="items">
          {items.map((item, i) => (
            <QueueEntry
              key={item.id}
              item={item}
              selected={i === index}
              checked={checked.has(item.id)}
              onSelect={() => setIndex(i)}
              onCheck={(on) =>
                setChecked((before) => {
                  const after = new Set(before);
                  if (on) after.add(item.id);
                  else after.delete(item.id);
                  return after;
                })
              }
            />
          ))}
        </ol>
        {nextCursor ? (
          <button type="button" onClick={() => void more()}>
            Show more
          </button>
        ) : null}
      </section>
      <section class="detail" aria-label="Selected submission">
        {selected ? (
          <SubmissionView
            user={props.user}
            item={selected}
            detail={detail}
            taxonomy={taxonomy}
            moderation={moderation}
            shortcuts={shortcuts}
            onDetailChanged={() => setVersion((v) => v + 1)}
            onScreeningReviewed={load}
          >
            <DuplicatesPanel item={selected} onMerged={load} />
          </SubmissionView>
        ) : null}
        {guidance ? (
          <aside class="guidance" aria-labelledby="guidance-heading">
            <h2 id="guidance-heading">Guidance</h2>
            <p>{guidance}</p>
          </aside>
        ) : null}
      </section>
    </div>
  );
}
