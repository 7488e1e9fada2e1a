/**
 * A load generator in its own process, so the server under test keeps its event loop to itself.
 * Usage: node --import tsx bench/load-driver.ts <url> <quote|baseline> <concurrency> <seconds>; prints a LoadResult as JSON.
 */
import { drive } from './lib.ts';

const [url, kind, concurrency, seconds] = process.argv.slice(2);
const text = 'I like my foster carer but I miss my brother and I want to see him more often.';
const consent = { shareWithCommittee: true, quoteInReports: true, publishPublicly: false, givenBy: 'self' };

const body = (): unknown =>
  kind === 'quote' ? { id: crypto.randomUUID(), kind: 'quote', text, ageBand: '12-15', consent } : { id: crypto.randomUUID(), text };

const result = await drive(Number(concurrency), Number(seconds), () =>
  fetch(url!, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'heard-device-id': `bench-device-${crypto.randomUUID()}` },
    body: JSON.stringify(body()),
  }),
);
process.stdout.write(JSON.stringify(result));
