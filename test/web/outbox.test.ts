// The children's outbox on a real IndexedDB implementation (fake-indexeddb): nothing lost, nothing sent twice, order kept.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { SubmissionBody } from '../../web/shared/api-types.ts';
import { problemAbout, sendSubmission, type SendOutcome } from '../../web/child/api.ts';
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

  it('keeps what a background flush had refused until the child fixes it (new id, sent once) or deletes it', async () => {
    const first = await openOutbox('refused');
    const tooLong = body('x'.repeat(50));
    const inGroup = { ...body('in a group'), groupCode: 'GONE123' };
    const survey: SubmissionBody = { ...body('unused'), kind: 'survey', surveyId: crypto.randomUUID(), surveyVersion: 1, answers: { draw: 'drawing' } };
    delete survey.text;
    const picture = new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' });
    await first.add(tooLong, undefined, 'device-1');
    await first.add(inGroup);
    await first.add(survey, picture);
    // The service worker's flush, with the app closed: every one refused with a problem naming the child's input.
    await first.flush(async (item) =>
      item.id === inGroup.id
        ? { kind: 'needs_fixing', problem: { status: 422, code: 'unknown_group', detail: 'Unknown group', errors: [{ pointer: '/groupCode', detail: 'Unknown or expired group code.' }] } }
        : { kind: 'needs_fixing', problem: { status: 422, code: 'validation_failed', detail: 'Too long', errors: [{ pointer: '/text', detail: 'At most 20' }] } },
    );
    first.close();

    // The app opens again: all three are still there, with their problems, and no flush sends them as they are.
    const outbox = await openOutbox('refused');
    expect((await outbox.refused()).map((item) => [item.id, item.problem?.code])).toEqual([
      [tooLong.id, 'validation_failed'],
      [inGroup.id, 'unknown_group'],
      [survey.id, 'validation_failed'],
    ]);
    const sent: SubmissionBody[] = [];
    const images: (Blob | undefined)[] = [];
    const send = async (item: SubmissionBody, image: Blob | undefined) => {
      sent.push(item);
      images.push(image);
      return accepted(item);
    };
    expect((await outbox.flush(send, { force: true })).accepted).toEqual([]);

    // Fixed words go as a new item (the refused id is not reused), keeping the device id; sent exactly once.
    const fixed = { ...tooLong, id: crypto.randomUUID(), text: 'short' };
    const replaced = await outbox.replace(tooLong.id, fixed);
    expect(replaced).toMatchObject({ id: fixed.id, attempts: 0, deviceId: 'device-1' });
    expect(replaced?.problem).toBeUndefined();
    // Without the group that has gone.
    const { groupCode: _gone, ...withoutGroup } = inGroup;
    await outbox.replace(inGroup.id, { ...withoutGroup, id: crypto.randomUUID() });
    await outbox.flush(send, { force: true });
    await outbox.flush(send, { force: true });
    expect(sent.map((item) => [item.text, item.groupCode])).toEqual([
      ['short', undefined],
      ['in a group', undefined],
    ]);

    // The survey answer with its picture: the picture is kept with it until it is sent or deleted.
    const [kept] = await outbox.refused();
    expect(kept).toMatchObject({ id: survey.id, body: { kind: 'survey', answers: { draw: 'drawing' } } });
    expect(kept!.image).toBeInstanceOf(Blob);
    expect(kept!.image!.size).toBe(4);
    await outbox.remove(survey.id);
    expect(await outbox.list()).toEqual([]);
    expect(await outbox.replace(survey.id, survey)).toBeUndefined();
  });

  it('sends a survey answer with its drawing as one item, picture and all', async () => {
    const outbox = await openOutbox('survey-drawing');
    const survey: SubmissionBody = { ...body('unused'), kind: 'survey', surveyId: crypto.randomUUID(), surveyVersion: 2, answers: { mood: 4, draw: 'drawing' } };
    delete survey.text;
    await outbox.add(survey, new Blob([new Uint8Array(10)], { type: 'image/png' }));
    const seen: [SubmissionBody, number | undefined][] = [];
    await outbox.flush(async (item, image) => {
      seen.push([item, image?.size]);
      return accepted(item);
    });
    expect(seen).toEqual([[survey, 10]]);
    expect(await outbox.list()).toEqual([]);
  });

  it('backs off exponentially up to 15 minutes, and honours Retry-After', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n))).toEqual([2000, 4000, 8000, 16000]);
    expect(backoffMs(30)).toBe(15 * 60 * 1000);
    expect(backoffMs(1, 120)).toBe(120_000);
  });
});

describe('how the app reads a refusal', () => {
  const respond = (status: number, problem: Record<string, unknown>, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify({ status, ...problem }), { status, headers: { 'content-type': 'application/problem+json', ...headers } });
  const outcomeOf = async (response: Response) => {
    const original = globalThis.fetch;
    globalThis.fetch = async () => response;
    try {
      return await sendSubmission(body('x'), 'device');
    } finally {
      globalThis.fetch = original;
    }
  };

  it.each([
    [422, { code: 'validation_failed', detail: 'Fix', errors: [{ pointer: '/text', detail: 'Too long' }] }, 'input'],
    [400, { code: 'malformed_json', detail: 'Bad', errors: [{ pointer: '/submission', detail: 'Not JSON' }] }, 'input'],
    [413, { code: 'body_too_large', detail: 'Too big' }, 'input'],
    [415, { code: 'unsupported_image_type', detail: 'Type', errors: [{ pointer: '/image', detail: 'gif' }] }, 'input'],
    [422, { code: 'unknown_group', detail: 'Gone', errors: [{ pointer: '/groupCode', detail: 'Unknown' }] }, 'group'],
    [409, { code: 'group_ended', detail: 'Gone', errors: [{ pointer: '/groupCode', detail: 'Ended' }] }, 'group'],
    [404, { code: 'unknown_survey', detail: 'Taken down' }, 'survey'],
  ])('keeps a %i (%o) for the child to see, about %s', async (status, problem, about) => {
    const outcome = await outcomeOf(respond(status, problem));
    expect(outcome.kind).toBe('needs_fixing');
    if (outcome.kind === 'needs_fixing') expect(problemAbout(outcome.problem)).toBe(about);
  });

  it.each([
    [409, { code: 'in_flight', detail: 'Still saving' }, { 'retry-after': '1' }],
    [429, { code: 'rate_limited', detail: 'Slow down' }, { 'retry-after': '60' }],
    [503, { code: 'storage_unavailable', detail: 'Later' }, {}],
  ])('retries a %i with backoff', async (status, problem, headers) => {
    expect((await outcomeOf(respond(status, problem, headers))).kind).toBe('retry');
  });

  it('keeps "my messages": each message without its words, its receipt once sent, and nothing once forgotten', async () => {
    const outbox = await openOutbox('mine');
    const a = body('kept in my list');
    const b = body('forgotten before it was sent');
    await outbox.add(a);
    await outbox.add(b);
    expect(await outbox.mine()).toEqual([expect.objectContaining({ id: a.id, kind: 'quote' }), expect.objectContaining({ id: b.id, kind: 'quote' })]);
    expect(JSON.stringify(await outbox.mine())).not.toContain('kept in my list');
    await outbox.forget([b.id]);
    await outbox.flush(async (item) => ({ kind: 'accepted', body: { id: item.id, receipt: item.id === a.id ? 'AAAAA-11111' : 'BBBBB-22222', status: 'received', showHelp: false } }));
    // Sent after it was forgotten: its receipt is not written back.
    expect((await outbox.mine()).map(({ id, receipt }) => ({ id, receipt }))).toEqual([{ id: a.id, receipt: 'AAAAA-11111' }]);
    await outbox.forget();
    expect(await outbox.mine()).toEqual([]);
    outbox.close();
  });
});

