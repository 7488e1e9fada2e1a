/**
 * The safeguarding lane: flagged submissions (a lead sees all; a worker only what they flagged), how long each has
 * waited and when a response is due. A lead escalates (with the external referral reference) or records no concern;
 * once resolved, the submission is moderated here like any other. `#/safeguarding/<id>` (the link in notices) opens that item.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { ScreenHeading } from '../components.tsx';
import { useTaxonomy } from '../hooks.ts';
import { waited, words } from '../format.ts';
import { linkedItem, withLinked } from '../moderation/linked-item.ts';
import { SafeguardingPanel } from '../moderation/safeguarding-panel.tsx';
import { SubmissionView } from '../moderation/submission-view.tsx';
import { useModeration } from '../moderation/use-moderation.ts';
import { useSubmission } from '../moderation/use-submission.ts';
import { useNotice } from '../notice.tsx';
import { isLead } from '../roles.ts';
import type { Me, QueueItem } from '../types.ts';

function resolution(item: QueueItem): string {
  if (item.safeguardingResolution === 'escalated') return 'Escalated';
  if (item.safeguardingResolution === 'no_concern') return 'No concern';
  return 'Waiting for a lead';
}

/** What the lane lists: flags still waiting to be moderated (the queue's default statuses). */
const inLane = (item: QueueItem) => item.safeguarding && (item.status === 'received' || item.status === 'in_review');

export function SafeguardingScreen(props: { user: Me; param?: string | undefined }) {
  const notice = useNotice();
  const taxonomy = useTaxonomy();
  const lead = isLead(props.user);
  const [items, setItems] = useState<QueueItem[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [selectedId, setSelectedId] = useState<string | undefined>(props.param);
  const [version, setVersion] = useState(0);

  const load = async () => {
    try {
      const page = await api.queue({ safeguarding: true });
      // A link may name a flag past the first page: it is fetched by id and listed after the page.
      const linked = props.param ? await linkedItem(page.items, props.param, inLane) : undefined;
      const list = withLinked(page.items, linked);
      setItems(list);
      const listed = (id: string | undefined) => id !== undefined && list.some((item) => item.id === id);
      setSelectedId((current) => (listed(current) ? current : list[0]?.id));
      if (props.param && !linked) notice.warn('That flag is not in your lane: it may have been moderated since, withdrawn, or flagged by someone else.');
    } catch (error) {
      notice.fail('The safeguarding lane could not be loaded.', error);
    } finally {
      setLoaded(true);
      setVersion((v) => v + 1);
    }
  };
  useEffect(() => {
    if (props.param) setSelectedId(props.param);
    void load();
  }, [props.param]);

  const selected = items.find((item) => item.id === selectedId);
  const detail = useSubmission(selected?.id, version);
  const moderation = useModeration({ item: selected, detail, taxonomy, reload: load });
  const waiting = items.filter((item) => !item.safeguardingResolution).length;

  return (
    <div class="layout">
      <section class="queue" aria-labelledby="lane-heading">
        <ScreenHeading id="lane-heading">Safeguarding lane ({waiting} waiting)</ScreenHeading>
        <p>
          {lead
            ? 'Possible disclosures, oldest first. Each needs a lead to escalate it with the referral reference, or to record why there is no concern.'
            : 'What you flagged. A safeguarding lead will act on it; only leads can escalate or clear a flag.'}
        </p>
        {loaded && items.length === 0 ? <p>Nothing is flagged.</p> : null}
        <ol class="items">
          {items.map((item) => (
            <li key={item.id}>
              <button type="button" class={item.id === selectedId ? 'item selected' : 'item'} aria-current={item.id === selectedId ? 'true' : undefined} onClick={() => setSelectedId(item.id)} data-testid="lane-item">
                <span class={item.safeguardingResolution ? 'resolved' : 'flag'}>{resolution(item)}</span>
                <span class="snippet">{(item.text ?? `(${item.kind})`).slice(0, 80)}</span>
                <span class="meta">
                  waited {waited(item.waitingMinutes)}
                  {item.screeningCategories.length ? ` · ${item.screeningCategories.map(words).join(', ')}` : ' · flagged by a worker'}
                  {item.wantsToTalk ? ' · wants to talk' : ''}
                </span>
              </button>
            </li>
          ))}
        </ol>
      </section>
      <section class="detail" aria-label="Selected flag">
        {selected ? (
          <SubmissionView
            user={props.user}
            item={selected}
            detail={detail}
            taxonomy={taxonomy}
            moderation={selected.safeguardingResolution ? moderation : undefined}
            shortcuts={false}
            onDetailChanged={() => setVersion((v) => v + 1)}
            onScreeningReviewed={load}
          >
            <SafeguardingPanel item={selected} detail={detail} lead={lead} onResolved={load} />
          </SubmissionView>
        ) : null}
      </section>
    </div>
  );
}
