/**
 * Polls a URL from a worker thread (its own event loop, so the test's own sending cannot delay the measurement) and
 * returns every answer's latency with when it was sent (Date.now()); a failed or non-200 poll counts as Infinity.
 */
import { Worker } from 'node:worker_threads';

const POLLER = `
const { parentPort, workerData } = require('node:worker_threads');
let stopping = false;
parentPort.on('message', () => { stopping = true; });
(async () => {
  const latencies = [];
  while (!stopping) {
    const started = performance.now();
    const at = Date.now();
    try {
      const response = await fetch(workerData.url, { signal: AbortSignal.timeout(10000) });
      await response.arrayBuffer();
      latencies.push({ at, ms: response.status === 200 ? performance.now() - started : Infinity });
    } catch {
      latencies.push({ at, ms: Infinity });
    }
    await new Promise((resolve) => setTimeout(resolve, workerData.everyMs));
  }
  parentPort.postMessage(latencies);
})();
`;

export type Poll = { at: number; ms: number };

export type Poller = { stop(): Promise<Poll[]> };

export function startPoller(url: string, everyMs = 50): Poller {
  const worker = new Worker(POLLER, { eval: true, workerData: { url, everyMs } });
  const result = new Promise<Poll[]>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    stop: async () => {
      worker.postMessage('stop');
      const latencies = await result;
      await worker.terminate();
      return latencies;
    },
  };
}

/** The value below which `fraction` of the samples fall (nearest rank). */
export function percentile(samples: readonly number[], fraction: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
}
