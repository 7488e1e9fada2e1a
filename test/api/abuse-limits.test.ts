// Abuse limits that protect children, not attackers: device-id rotation from one address is contained, a group
// flood from one device is held for review without locking the class out, and guessing receipts and group codes is
// throttled per address (and per day) and per device. Tests set the client address through the configured trusted
// proxy header, as a deployment behind a proxy does (app.request() has no socket).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../api/config.ts';
import type { DevOidcProvider } from '../../api/node/dev-oidc-provider.ts';
import { generateReceipt } from '../../api/intake/receipt.ts';
import { engineName } from '../helpers/database.ts';
import { countRows, createHarness, type Harness } from '../helpers/harness.ts';
import { postJson, quote } from '../helpers/intake.ts';
import { signInAs, staffConfig, startTestProvider, type SignedIn } from '../helpers/staff.ts';

const ADDRESS_HEADER = 'x-client-address';
const WINDOW_MS = 600_000;
const limits = {
  ...parseConfig({ NODE_ENV: 'test', TRUSTED_PROXY_HEADER: ADDRESS_HEADER, ADDRESS_HASH_KEY: 'abuse-limits-test-key' }).rateLimit,
  windowSeconds: 600,
  perDevice: 5,
  perDeviceInGroup: 8,
  perGroup: 40,
  floodHold: 10,
  newDevicesPerAddress: 10,
  guessesPerAddress: 10,
  guessesPerDevice: 6,
  guessesPerAddressPerDay: 25,
};

let serial = 0;
const newDevice = () => `device-${String(++serial).padStart(12, '0')}`;
const from = (address: string, device = newDevice()) => ({ [ADDRESS_HEADER]: address, 'heard-device-id': device });

describe(`abuse limits on ${engineName}`, () => {
  let provider: DevOidcProvider;
  let h: Harness;
  let worker: SignedIn;
  // Midway through a fixed window, so a test decides when the window turns.
  let now = new Date('2026-12-01T10:05:00Z');
  const nextWindow = () => {
    now = new Date(now.getTime() + WINDOW_MS);
  };
  const receiptOf = async (response: Response) => ((await response.json()) as { receipt: string }).receipt;
  const lookUp = (receipt: string, headers: Record<string, string>) => h.app.request(`/api/receipts/${receipt}`, { headers });
  const withdraw = (receipt: string, headers: Record<string, string>) => h.app.request(`/api/receipts/${receipt}/withdraw`, { method: 'POST', headers });
  const join = (code: string, headers: Record<string, string>) =>
    h.app.request('/api/groups/join', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ code }) });
  const createGroup = async (name: string): Promise<{ id: string; joinCode: string }> => (await worker.json('/api/groups/manage', 'POST', { name })).json();

  beforeAll(async () => {
    provider = await startTestProvider();
    h = await createHarness({ clock: { now: () => now }, config: { ...staffConfig({ SESSION_IDLE_MINUTES: '1440' }), rateLimit: limits }, oidc: provider.settings });
    worker = await signInAs(h.app, 'worker');
  });
  afterAll(async () => {
    await h.close();
    await provider.stop();
  });

  async function expectRateLimited(response: Response, maxRetryAfter = 600) {
    expect(response.status).toBe(429);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(maxRetryAfter);
    const problem = await response.json();
    expect(problem).toMatchObject({ status: 429, code: 'rate_limited', retryAfterSeconds: retryAfter });
    expect(problem.detail).toMatch(/wait/i);
    return retryAfter;
  }

  describe('device-id rotation', () => {
    it('from one address is contained to the new-device cap; other addresses, established devices and group codes carry on', async () => {
      nextWindow();
      const school = '198.51.100.20';
      // A device that sent in the previous window is established: it is not counted against the address.
      const established = newDevice();
      expect((await postJson(h.app, quote(), from(school, established))).status).toBe(201);
      nextWindow();

      const before = await countRows(h.database, 'submissions');
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await postJson(h.app, quote(), from(school))).status);
      expect(statuses.filter((status) => status === 201)).toHaveLength(limits.newDevicesPerAddress);
      expect(statuses.slice(limits.newDevicesPerAddress).every((status) => status === 429)).toBe(true);
      await expectRateLimited(await postJson(h.app, quote(), from(school)));
      expect(await countRows(h.database, 'submissions')).toBe(before + limits.newDevicesPerAddress);

      expect((await postJson(h.app, quote(), from(school, established))).status).toBe(201);
      expect((await postJson(h.app, quote(), from('203.0.113.99'))).status).toBe(201);
      // The class behind the school address keeps working through its group code.
      const group = await createGroup('Year 9 at the school');
      for (let i = 0; i < 5; i++) expect((await postJson(h.app, quote({ groupCode: group.joinCode }), from(school))).status).toBe(201);
    });

    it('counts an IPv6 host by its /64, so cycling addresses inside it gains nothing', async () => {
      nextWindow();
      const statuses: number[] = [];
      for (let i = 0; i < limits.newDevicesPerAddress + 3; i++) statuses.push((await postJson(h.app, quote(), from(`2001:db8:aa:1::${(i + 1).toString(16)}`))).status);
      expect(statuses.filter((status) => status === 201)).toHaveLength(limits.newDevicesPerAddress);
      expect(statuses.at(-1)).toBe(429);
    });

    it('keeps only a keyed hash of the address, and only in the counters', async () => {
      const buckets = (await h.database.db.selectFrom('rate_limits').select('bucket').execute()).map((row) => row.bucket);
      expect(buckets.some((bucket) => bucket.startsWith('new-devices:addr:'))).toBe(true);
      expect(buckets.join(' ')).not.toMatch(/198\.51\.100|203\.0\.113|2001:db8/);
    });
  });

  describe('a group flood from one device', () => {
    it('is held for review together and does not lock the class out; past the hold it is refused', async () => {
      nextWindow();
      const group = await createGroup('Youth Council');
      const flooder = from('192.0.2.50');
      const statuses: number[] = [];
      for (let i = 0; i < limits.perDeviceInGroup + limits.floodHold + 3; i++) statuses.push((await postJson(h.app, quote({ groupCode: group.joinCode }), flooder)).status);
      expect(statuses.slice(0, limits.perDeviceInGroup + limits.floodHold).every((status) => status === 201)).toBe(true);
      await expectRateLimited(await postJson(h.app, quote({ groupCode: group.joinCode }), flooder));

      const rows = await h.database.db.selectFrom('submissions').select(['flood']).where('group_id', '=', group.id).execute();
      expect(rows.filter((row) => row.flood)).toHaveLength(limits.floodHold);
      expect(rows.filter((row) => !row.flood)).toHaveLength(limits.perDeviceInGroup);

      // The rest of the class, each on their own device, still gets through: the flood did not use the group's window.
      const members = limits.perGroup - limits.perDeviceInGroup;
      for (let i = 0; i < members; i++) expect((await postJson(h.app, quote({ groupCode: group.joinCode }), from('192.0.2.50'))).status).toBe(201);
      // The group's own limit still holds once the class has used it.
      await expectRateLimited(await postJson(h.app, quote({ groupCode: group.joinCode }), from('192.0.2.50')));

      const listed = (await (await worker.request('/api/groups/manage')).json()).groups.find((g: { id: string }) => g.id === group.id);
      expect(listed).toMatchObject({ lastHour: limits.perGroup + limits.floodHold, usualPerHour: 0, spike: true, floodHeld: limits.floodHold });
      const queue = await (await worker.request(`/api/moderation/queue?group=${group.id}&flood=true&limit=100`)).json();
      expect(queue.items).toHaveLength(limits.floodHold);
      expect(queue.items.every((item: { flood: boolean }) => item.flood)).toBe(true);
    });
  });

  describe('guessing receipts', () => {
    it('throttles lookups per address: a found receipt costs nothing, misses lead to 429 even for a right code', async () => {
      nextWindow();
      const real = await receiptOf(await postJson(h.app, quote(), from('198.51.100.77')));
      const owner = { [ADDRESS_HEADER]: '198.51.100.77' };
      for (let i = 0; i < limits.guessesPerAddress + 5; i++) expect((await lookUp(real, owner)).status).toBe(200);

      const guesser = { [ADDRESS_HEADER]: '192.0.2.66' };
      for (let i = 0; i < limits.guessesPerAddress; i++) expect((await lookUp(generateReceipt(), guesser)).status).toBe(404);
      await expectRateLimited(await lookUp(generateReceipt(), guesser));
      // Throttled before the code is looked at: a lucky guess now tells the guesser nothing.
      await expectRateLimited(await lookUp(real, guesser));
      expect((await lookUp(real, owner)).status).toBe(200);
    });

    it('throttles withdrawal guesses, so a hit cannot destroy a child’s words once the address is throttled', async () => {
      nextWindow();
      const real = await receiptOf(await postJson(h.app, quote(), from('198.51.100.78')));
      const guesser = { [ADDRESS_HEADER]: '192.0.2.67' };
      for (let i = 0; i < limits.guessesPerAddress; i++) expect((await withdraw(generateReceipt(), guesser)).status).toBe(404);
      await expectRateLimited(await withdraw(real, guesser));
      const row = await h.database.db.selectFrom('submissions').select(['status', 'text']).where('receipt', '=', real).executeTakeFirstOrThrow();
      expect(row.status).toBe('received');
      expect(row.text).not.toBeNull();
    });

    it('throttles per device across addresses, and backs off for the rest of the day when an address keeps guessing', async () => {
      nextWindow();
      const device = newDevice();
      for (let i = 0; i < limits.guessesPerDevice; i++) expect((await lookUp(generateReceipt(), from(`192.0.2.${100 + i}`, device))).status).toBe(404);
      await expectRateLimited(await lookUp(generateReceipt(), from('192.0.2.200', device)));

      // Start of a day, so the day's count is this test's alone.
      now = new Date('2026-12-05T00:03:00Z');
      const patient = { [ADDRESS_HEADER]: '192.0.2.68' };
      let misses = 0;
      while (misses < limits.guessesPerAddressPerDay) {
        for (let i = 0; i < limits.guessesPerAddress && misses < limits.guessesPerAddressPerDay; i++, misses++) {
          expect((await lookUp(generateReceipt(), patient)).status).toBe(404);
        }
        nextWindow();
      }
      const retryAfter = await expectRateLimited(await lookUp(generateReceipt(), patient), 86_400);
      expect(retryAfter).toBeGreaterThan(limits.windowSeconds);
    });
  });

  describe('guessing group codes', () => {
    it('throttles joins per address; the right code then waits too, and other addresses join', async () => {
      nextWindow();
      worker = await signInAs(h.app, 'worker');
      const group = await createGroup('Drama Club');
      const guesser = { [ADDRESS_HEADER]: '192.0.2.70' };
      for (let i = 0; i < limits.guessesPerAddress; i++) expect((await join(`WRONG${i}CODE`, guesser)).status).toBe(404);
      await expectRateLimited(await join('WRONGCODE', guesser));
      await expectRateLimited(await join(group.joinCode, guesser));
      // A class all joining from one school address: found codes are not counted.
      for (let i = 0; i < 30; i++) expect((await join(group.joinCode, { [ADDRESS_HEADER]: '198.51.100.90' })).status).toBe(200);
    });
  });

  describe('rotating a group code', () => {
    it('gives the group a new code at once; the old one no longer joins or sends', async () => {
      nextWindow();
      worker = await signInAs(h.app, 'worker');
      const group = await createGroup('Care Leavers Forum');
      const child = from('198.51.100.91');
      expect((await postJson(h.app, quote({ groupCode: group.joinCode }), child)).status).toBe(201);

      const rotated = await worker.json(`/api/groups/manage/${group.id}/rotate-code`, 'POST');
      expect(rotated.status).toBe(200);
      const { joinCode } = await rotated.json();
      expect(joinCode).toMatch(/^[ACEFHJKMNPRTWXY34679]{10}$/);
      expect(joinCode).not.toBe(group.joinCode);

      expect((await join(group.joinCode, child)).status).toBe(404);
      const refused = await postJson(h.app, quote({ groupCode: group.joinCode }), child);
      expect(refused.status).toBe(422);
      expect(await refused.json()).toMatchObject({ code: 'unknown_group' });
      expect(await (await join(joinCode, child)).json()).toMatchObject({ name: 'Care Leavers Forum' });
      expect((await postJson(h.app, quote({ groupCode: joinCode }), child)).status).toBe(201);

      const audit = await h.database.db.selectFrom('audit_log').select(['actor_id']).where('action', '=', 'group.code_rotated').where('subject_id', '=', group.id).execute();
      expect(audit).toEqual([{ actor_id: worker.id }]);
      expect((await worker.json('/api/groups/manage/00000000-0000-4000-8000-000000000000/rotate-code', 'POST')).status).toBe(404);
    });
  });
});
