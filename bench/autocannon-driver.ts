/**
 * The HTTP bench's load generator, in its own process: autocannon posting quotes of a given length, each with a
 * fresh id. Usage: node --import tsx bench/autocannon-driver.ts <url> <concurrency> <seconds> <characters>.
 */
import autocannon from 'autocannon';
import { quoteOfLength } from './quote-text.ts';

const [url, concurrency, seconds, characters] = process.argv.slice(2);
const text = quoteOfLength(Number(characters));
const consent = { shareWithCommittee: true, quoteInReports: true, publishPublicly: false, givenBy: 'self' };

const result = await autocannon({
  url: url!,
  connections: Number(concurrency),
  duration: Number(seconds),
  timeout: 10,
  requests: [
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      setupRequest: (request) => ({ ...request, body: JSON.stringify({ id: crypto.randomUUID(), kind: 'quote', text, ageBand: '12-15', consent }) }),
    },
  ],
});
process.stdout.write(
  JSON.stringify({
    perSecond: result.requests.average,
    requests: result.requests.total,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  }),
);
