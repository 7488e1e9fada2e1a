/**
 * Screening reviews (admins and safeguarding leads): the false positives and missed disclosures staff recorded, each
 * with the one redacted sentence kept. Accepted ones download as corpus lines for a pull request to the screening data.
 */
import { useEffect, useId, useState } from 'preact/hooks';
import { screeningApi } from '../api-screening.ts';
import { ScreenHeading, TableRegion } from '../components.tsx';
import { when } from '../format.ts';
import { useAction } from '../hooks.ts';
import { useNotice } from '../notice.tsx';
import type { ScreeningReview, ScreeningReviewStatus } from '../types.ts';

const KIND_LABELS = { false_positive: 'False positive', missed: 'Missed disclosure' } as const;
const STATUS_LABELS: Record<ScreeningReviewStatus, string> = { pending: 'Waiting for review', accepted: 'Accepted', rejected: 'Rejected' };

export function ScreeningReviewsScreen() {
  const notice = useNotice();
  const { run } = useAction();
  const statusId = useId();
  const [status, setStatus] = useState<ScreeningReviewStatus>('pending');
  const [reviews, setReviews] = useState<ScreeningReview[]>();

  const load = async () => {
    try {
      setReviews((await screeningApi.reviews(status)).reviews);
    } catch (error) {
      notice.fail('The screening reviews could not be loaded.', error);
    }
  };
  useEffect(() => {
    setReviews(undefined);
    void load();
  }, [status]);

  const decide = async (review: ScreeningReview, decision: 'accept' | 'reject') => {
    await run(
      decision === 'accept' ? 'Not accepted.' : 'Not rejected.',
      () => screeningApi.decide(review.id, decision),
      () => (decision === 'accept' ? `Accepted: ${KIND_LABELS[review.kind].toLowerCase()}, ${review.categoryLabel}.` : `Rejected: ${KIND_LABELS[review.kind].toLowerCase()}, ${review.categoryLabel}.`),
    );
    await load();
  };

  return (
    <section class="pad">
      <ScreenHeading>Screening reviews</ScreenHeading>
      <p>
        Flags staff marked as false positives, and disclosures screening missed. Accept the ones that should teach screening; the accepted ones download as corpus lines
        (only the sentence concerned, identifying details removed, never from a child who withdrew).
      </p>
      <p>
        <a href={screeningApi.corpusUrl} download="corpus-review.jsonl">
          Download the accepted reviews as corpus lines
        </a>
      </p>
      <div class="field">
        <label for={statusId}>Show</label>
        <select id={statusId} value={status} onChange={(event) => setStatus(event.currentTarget.value as ScreeningReviewStatus)}>
          {(Object.keys(STATUS_LABELS) as ScreeningReviewStatus[]).map((value) => (
            <option key={value} value={value}>
              {STATUS_LABELS[value]}
            </option>
          ))}
        </select>
      </div>
      {reviews === undefined ? (
        <p>Loading…</p>
      ) : reviews.length === 0 ? (
        <p>There are no screening reviews here.</p>
      ) : (
        <TableRegion label="Screening reviews">
          <table data-testid="screening-reviews">
            <caption>
              {STATUS_LABELS[status]}: {reviews.length}
            </caption>
            <thead>
              <tr>
                <th scope="col">What</th>
                <th scope="col">Category</th>
                <th scope="col">Sentence</th>
                <th scope="col">Why</th>
                <th scope="col">By</th>
                {status === 'pending' ? <th scope="col">Decision</th> : null}
              </tr>
            </thead>
            <tbody>
              {reviews.map((review) => (
                <tr key={review.id} data-testid="screening-review">
                  <td>
                    {KIND_LABELS[review.kind]}
                    {review.signal ? <span class="meta"> (flagged by a {review.signal})</span> : null}
                  </td>
                  <td>
                    {review.categoryLabel}
                    {review.language ? <span class="meta"> · {review.language}</span> : null}
                  </td>
                  <td lang={review.language ?? undefined}>{review.withdrawn ? 'The child withdrew: no words kept.' : (review.text ?? 'No words kept (the child did not agree to quotes).')}</td>
                  <td>{review.reason ?? ''}</td>
                  <td>
                    {review.createdBy ?? 'Someone no longer here'}
                    <span class="meta"> · {when(review.createdAt)}</span>
                  </td>
                  {status === 'pending' ? (
                    <td>
                      <div class="buttons">
                        <button type="button" class="primary" onClick={() => void decide(review, 'accept')}>
                          Accept
                        </button>
                        <button type="button" onClick={() => void decide(review, 'reject')}>
                          Reject
                        </button>
                      </div>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </section>
  );
}
