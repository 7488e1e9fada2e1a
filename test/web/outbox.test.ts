// The children's outbox on a real IndexedDB implementation (fake-indexeddb): nothing lost, nothing sent twice, order kept.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { SubmissionBody } from '../../web/shared/api-types.ts';
import type { SendOutcome } from '../../web/child/api.ts';
import { backoffMs, openOutbox } from '../../web/child/outbox.ts';

const body = (text: string): SubmissionBody => ({
  id: crypto.randomUUID(),
  kind: 'quote',
  text,
  ageBand: '8-11',
  consent: { shareWithCommittee: true, quoteInReports: false, publishPublicly: false, givenBy: 'self' },
});

const accepted = (item: SubmissionBody): SendOutcome => ({ kind: 'accepted', body: { id: item.id, receipt: 'KM7TA-HX9PC', status: 'received', showHelp: false } });

describe('the outbox', () => {
  it('keeps items across reopening and sends them oldest first, each with its own id, once', async () => {
    const first = await openOutbox('outbox');
    const a = body('first');
    const b = body('second');
    await first.add(a);
    await first.add(b);
    first.close();

    const reopened = await openOutbox('outbox');
    const sent: SubmissionBody[] = [];
    const result = await reopened.flush(async (item) => {
      sent.push(item);
      return accepted(item);
    });
    expect(sent.map((item) => item.text)).toEqual(['first', 'second']);
    expect(sent.map((item) => item.id)).toEqual([a.id, b.id]);
    expect(result).toMatchObject({ waiting: 0 });
    expect((await reopened.flush(async (item) => accepted(item))).accepted).toEqual([]);
  });

  it('retries after a failure with backoff, keeping order, and never drops an old item', async () => {
    const outbox = await openOutbox('retry');
    const a = body('a');
    const b = body('b');
    await outbox.add(a);
    await outbox.add(b);
    const attempts: string[] = [];
    const now = Date.now();
    await outbox.flush(async (item) => {
      attempts.push(item.text!);
      return { kind: 'retry' };
    }, { now });
    expect(attempts).toEqual(['a']); // stopped at the first failure: b is not sent ahead of a

    await outbox.flush(async (item) => {
      attempts.push(item.text!);
      return accepted(item);
    }, { now: now + 1000 });
    expect(attempts).toEqual(['a']); // not due yet

    // A year later, still there, still sent.
    const result = await outbox.flush(async (item) => {
      attempts.push(item.text!);
      return accepted(item);
    }, { now: now + 365 * 86_400_000 });
    expect(attempts).toEqual(['a', 'a', 'b']);
    expect(result.waiting).toBe(0);
  });

  it('keeps the order of many messages saved in the same moment', async () => {
    const outbox = await openOutbox('burst');
    const bodies = Array.from({ length: 20 }, (_, i) => body(`m${i}`));
    for (const item of bodies) await outbox.add(item);
    expect((await outbox.list()).map((item) => item.body.text)).toEqual(bodies.map((item) => item.text));
  });

  it('sends at once when forced (the connection came back)', async () => {
    const outbox = await openOutbox('force');
    const a = body('a');
    await outbox.add(a);
    await outbox.flush(async () => ({ kind: 'retry' }));
    const result = await outbox.flush(async (item) => accepted(item), { force: true });
    expect(result.accepted.map((item) => item.id)).toEqual([a.id]);
  });

  it('keeps an item the server says needs fixing, out of the send loop, without blocking the rest', async () => {
    const outbox = await openOutbox('fix');
    const bad = body('bad');
    const good = body('good');
    await outbox.add(bad);
    await outbox.add(good);
    const result = await outbox.flush(async (item) =>
      item.id === bad.id ? { kind: 'needs_fixing', problem: { status: 422, code: 'validation_failed', detail: 'Too long' } } : accepted(item),
    );
    expect(result.accepted.map((item) => item.id)).toEqual([good.id]);
    const [kept] = await outbox.list();
    expect(kept).toMatchObject({ id: bad.id, problem: { code: 'validation_failed' } });
  });

  it('runs one flush at a time, so two triggers never send the same item twice', async () => {
    const outbox = await openOutbox('once');
    await outbox.add(body('only'));
    let sends = 0;
    const send = async (item: SubmissionBody) => {
      sends += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return accepted(item);
    };
    await Promise.all([outbox.flush(send, { force: true }), outbox.flush(send, { force: true })]);
    expect(sends).toBe(1);
  });

  it('runs again after a flush that was in flight when the connection came back', async () => {
    const outbox = await openOutbox('again');
    const item = body('late');
    await outbox.add(item);
    let calls = 0;
    let firstSendStarted!: () => void;
    const started = new Promise<void>((resolve) => (firstSendStarted = resolve));
    // The first attempt is still failing (offline) when the connection comes back.
    const send = async (sent: SubmissionBody): Promise<SendOutcome> => {
      calls += 1;
      if (calls === 1) {
        firstSendStarted();
        await new Promise((resolve) => setTimeout(resolve, 20));
        return { kind: 'retry' };
      }
      return accepted(sent);
    };
    const first = outbox.flush(send, { force: true });
    await started;
    const second = await outbox.flush(send, { force: true });
    expect((await first).accepted).toEqual([]);
    expect(second.accepted.map((a) => a.id)).toEqual([item.id]);
    expect((await outbox.list()).length).toBe(0);
  });

  it('backs off exponentially up to 15 minutes, and honours Retry-After', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n))).toEqual([2000, 4000, 8000, 16000]);
    expect(backoffMs(30)).toBe(15 * 60 * 1000);
    expect(backoffMs(1, 120)).toBe(120_000);
  });
});
