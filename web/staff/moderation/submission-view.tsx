/** One submission as a moderator sees it: the words (or drawing), who sent it in broad terms, and what can be done with it. */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { AGE_BAND_LABELS, KIND_LABELS, waited, when, words } from '../format.ts';
import { isLead } from '../roles.ts';
import type { Me, QueueItem, Span, SubmissionDetail, Taxonomy } from '../types.ts';
import { ModerationActions } from './actions.tsx';
import { DrawingPanel } from './drawing.tsx';
import { RedactionPanel, useTextSelection } from './redaction.tsx';
import { ScreeningPanel } from './screening-panel.tsx';
import { SurveyAnswers } from './survey-answers.tsx';
import type { Moderation } from './use-moderation.ts';

const GIVEN_BY: Record<string, string> = { self: 'the child', carer: 'a parent or carer', worker: 'a worker with the child' };

/** The text with the words chosen for redaction marked. */
function Marked(props: { text: string; spans: Span[] }) {
  const parts: ComponentChildren[] = [];
  let at = 0;
  for (const span of props.spans) {
    if (span.start < at) continue;
    parts.push(props.text.slice(at, span.start), <mark>{props.text.slice(span.start, span.end)}</mark>);
    at = span.end;
  }
  parts.push(props.text.slice(at));
  return <>{parts}</>;
}

export function SubmissionView(props: {
  user: Me;
  item: QueueItem;
  detail: SubmissionDetail | undefined;
  taxonomy: Taxonomy | undefined;
  /** Without it the submission is shown read-only (a flag still waiting for a lead). */
  moderation: Moderation | undefined;
  /** After a screening review: the list may have changed (a missed disclosure moves the item to the lane). */
  onScreeningReviewed: () => Promise<void>;
  shortcuts: boolean;
  onDetailChanged: () => void;
  children?: ComponentChildren;
}) {
  const { user, item, detail, moderation } = props;
  const lead = isLead(user);
  const [pending, setPending] = useState<Span[]>([]);
  useEffect(() => setPending([]), [item.id, item.text]);
  const textId = `text-${item.id}`;
  const selection = useTextSelection(textId, item.text ?? '');
  const headingId = `submission-${item.id}`;

  return (
    <article aria-labelledby={headingId}>
      <h2 id={headingId}>{KIND_LABELS[item.kind]}</h2>
      <p class="meta">
        Aged {AGE_BAND_LABELS[item.ageBand]}
        {item.group ? ` · ${item.group}` : ''}
        {item.language && item.language !== 'en' ? ` · language ${item.language}` : ''} · received {when(item.receivedAt)} · waiting {waited(item.waitingMinutes)}
        {item.status === 'in_review' ? ' · in review' : ''}
      </p>
      {item.wantsToTalk ? <p class="flag">The child said they would like to talk to someone.</p> : null}
      {item.safeguarding && !item.safeguardingResolution ? (
        <p class="flag">
          Possible disclosure ({item.screeningCategories.map(words).join(', ') || 'flagged by a worker'}): a safeguarding lead must act before it can be rejected.
        </p>
      ) : null}
      {item.text !== null ? (
        <blockquote id={textId} data-testid="selected-text">
          <Marked text={item.text} spans={pending} />
        </blockquote>
      ) : null}
      <ScreeningPanel item={item} detail={detail} lead={lead} selection={selection} onChanged={props.onScreeningReviewed} />
      {item.kind === 'survey' ? <SurveyAnswers detail={detail} itemId={item.id} /> : null}
      {/* A survey's "draw your answer" picture arrives as the submission's media, like a drawing. */}
      {item.kind === 'drawing' || (item.kind === 'survey' && detail?.id === item.id && detail.media.length > 0) ? <DrawingPanel detail={detail} canEdit={moderation !== undefined} onChanged={props.onDetailChanged} /> : null}
      {props.children}
      {moderation ? (
        <>
          <ModerationActions item={item} detail={detail} taxonomy={props.taxonomy} moderation={moderation} shortcuts={props.shortcuts} canFlag />
          {item.text ? <RedactionPanel item={item} lead={lead} pending={pending} onPending={setPending} selection={selection} moderation={moderation} shortcuts={props.shortcuts} /> : null}
        </>
      ) : null}
      {detail && detail.id === item.id ? (
        <section class="panel" aria-labelledby={`${headingId}-consent`}>
          <h3 id={`${headingId}-consent`}>What the child agreed to</h3>
          <ul>
            <li>Share with committees: {detail.consent.shareWithCommittee ? 'yes' : 'no'}</li>
            <li>Quote their words in reports: {detail.consent.quoteInReports ? 'yes' : 'no'}</li>
            <li>Publish publicly: {detail.consent.publishPublicly ? 'yes' : 'no'}</li>
          </ul>
          <p class="meta">Agreed by {GIVEN_BY[detail.consent.givenBy] ?? detail.consent.givenBy}.</p>
        </section>
      ) : null}
    </article>
  );
}
