/**
 * One agenda item: the consented feedback it pulls (pinned first) with its figures, links to the print pack and CSV,
 * its issued pack versions and attached survey results, pin/exclude curation (participation workers), and "mark
 * discussed" with an outcome note (workers and admins).
 */
import { useEffect, useState } from 'preact/hooks';
import { committeesApi } from '../api-committees.ts';
import { EntryCard, ExcludedJustNow } from '../committees/feedback-entry.tsx';
import { Figures } from '../committees/figures.tsx';
import { MarkDiscussed } from '../committees/mark-discussed.tsx';
import { PackSurveys } from '../committees/pack-surveys.tsx';
import { PackVersions } from '../committees/pack-versions.tsx';
import { PresentMode } from '../committees/present-mode.tsx';
import { ScreenHeading } from '../components.tsx';
import { day, when } from '../format.ts';
import { useNotice } from '../notice.tsx';
import { canCurate, canOrganise } from '../roles.ts';
import { href } from '../router.ts';
import type { Feedback, FeedbackEntry, Me } from '../types.ts';

export function AgendaItemScreen(props: { id: string; user: Me }) {
  const notice = useNotice();
  const [feedback, setFeedback] = useState<Feedback>();
  const [entries, setEntries] = useState<FeedbackEntry[]>([]);
  const [excluded, setExcluded] = useState<FeedbackEntry[]>([]);
  const [missing, setMissing] = useState(false);
  const [presenting, setPresenting] = useState(false);

  const load = async () => {
    try {
      const page = await committeesApi.feedback(props.id);
      setFeedback(page);
      setEntries(page.entries);
    } catch (error) {
      setMissing(true);
      notice.fail('The feedback for this agenda item could not be loaded.', error);
    }
  };
  const more = async () => {
    if (!feedback?.nextCursor) return;
    try {
      const page = await committeesApi.feedback(props.id, feedback.nextCursor);
      setFeedback({ ...page, entries: [] });
      // Pinned entries lead the first page; never list one twice.
      setEntries((current) => [...current, ...page.entries.filter((entry) => !current.some((seen) => seen.id === entry.id))]);
    } catch (error) {
      notice.fail('No more feedback could be loaded.', error);
    }
  };
  useEffect(() => {
    setExcluded([]);
    void load();
  }, [props.id]);

  const item = feedback?.item;
  return (
    <section class="pad">
      <p>
        <a href={href('committees')}>Back to committees</a>
      </p>
      <ScreenHeading>{item ? item.title : missing ? 'Agenda item not found' : 'Agenda item'}</ScreenHeading>
      {!feedback || !item ? (
        missing ? <p>It may belong to a committee you are not on, or it no longer exists.</p> : <p>Loading…</p>
      ) : (
        <>
          <p class="meta">
            {item.committee} · meeting on {day(item.meetingOn)} · {item.discussed ? 'discussed' : 'not yet discussed'}
          </p>
          {item.description ? <p>{item.description}</p> : null}
          {item.discussed && item.outcomeNote ? (
            <p data-testid="outcome">
              <strong>Outcome:</strong> {item.outcomeNote}
            </p>
          ) : null}
          <ul class="links">
            <li>
              <button type="button" class="primary" id="present-button" onClick={() => setPresenting(true)}>
                Present
              </button>
            </li>
            <li>
              <a class="button" href={committeesApi.packUrl(item.id)}>
                Print pack
              </a>
            </li>
            <li>
              <a class="button" href={committeesApi.csvUrl(item.id)} download>
                Download CSV
              </a>
            </li>
            <li>
              <a class="button" href={committeesApi.xlsxUrl(item.id)} download>
                Download XLSX
              </a>
            </li>
          </ul>
          <p class="consent">{feedback.consentStatement}</p>
          <PackVersions itemId={item.id} canIssue={canOrganise(props.user)} />
          <PackSurveys itemId={item.id} canAttach={canOrganise(props.user)} />
          {canOrganise(props.user) ? <MarkDiscussed id={item.id} discussed={item.discussed} onDone={load} /> : null}
          <Figures figures={feedback.figures} />
          <h2>Feedback ({feedback.nextCursor ? `${entries.length} so far` : entries.length})</h2>
          {entries.length === 0 ? <p>No feedback matches this item yet.</p> : null}
          <ol class="entries">
            {entries.map((entry) => (
              <EntryCard
                key={entry.id}
                entry={entry}
                itemId={item.id}
                curate={canCurate(props.user)}
                onCurated={async (choice) => {
                  if (choice === 'exclude') setExcluded((list) => [...list, entry]);
                  await load();
                }}
              />
            ))}
          </ol>
          {feedback.nextCursor ? (
            <button type="button" onClick={() => void more()}>
              Show more feedback
            </button>
          ) : null}
          {excluded.length > 0 ? (
            <ExcludedJustNow
              itemId={item.id}
              entries={excluded}
              onRestored={async (entry) => {
                setExcluded((list) => list.filter((e) => e.id !== entry.id));
                await load();
              }}
            />
          ) : null}
          <p class="meta">Generated {when(feedback.generatedAt)}.</p>
          {presenting ? (
            <PresentMode
              feedback={feedback}
              entries={entries}
              onLeave={() => {
                setPresenting(false);
                document.getElementById('present-button')?.focus();
              }}
            />
          ) : null}
        </>
      )}
    </section>
  );
}
