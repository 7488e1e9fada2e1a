/** Per-instance request counts and durations by method, route pattern and status, for /metrics. */
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { AppEnv } from '../deps.ts';
import type { Family, Sample } from './exposition.ts';

/** Seconds; Prometheus' usual web buckets. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

type Series = { method: string; route: string; status: string; count: number; sum: number; buckets: number[] };

export type RequestMetrics = {
  middleware(): MiddlewareHandler<AppEnv>;
  families(): Family[];
};

export function createRequestMetrics(): RequestMetrics {
  const series = new Map<string, Series>();

  const observe = (method: string, route: string, status: number, seconds: number) => {
    const key = `${method} ${route} ${status}`;
    let entry = series.get(key);
    if (!entry) {
      entry = { method, route, status: String(status), count: 0, sum: 0, buckets: BUCKETS.map(() => 0) };
      series.set(key, entry);
    }
    entry.count += 1;
    entry.sum += seconds;
    BUCKETS.forEach((bound, index) => {
      if (seconds <= bound) entry.buckets[index]! += 1;
    });
  };

  return {
    middleware: () => async (c, next) => {
      const started = performance.now();
      try {
        await next();
      } finally {
        // The pattern, never the path: a path can carry a receipt code or an id.
        const route = routePath(c);
        observe(c.req.method, route === '/*' || route === '*' ? '(unmatched)' : route, c.res.status, (performance.now() - started) / 1000);
      }
    },
    families: () => {
      const all = [...series.values()].sort((a, b) => `${a.route} ${a.method} ${a.status}`.localeCompare(`${b.route} ${b.method} ${b.status}`));
      const durations: Sample[] = all.flatMap((entry) => {
        const labels = { method: entry.method, route: entry.route, status: entry.status };
        return [
          ...BUCKETS.map((bound, index) => ({ suffix: '_bucket', labels: { ...labels, le: String(bound) }, value: entry.buckets[index]! })),
          { suffix: '_bucket', labels: { ...labels, le: '+Inf' }, value: entry.count },
          { suffix: '_sum', labels, value: entry.sum },
          { suffix: '_count', labels, value: entry.count },
        ];
      });
      return [
        {
          name: 'heard_http_requests_total',
          help: 'HTTP requests answered by this instance, by method, route pattern and status.',
          type: 'counter',
          samples: all.map((entry) => ({ labels: { method: entry.method, route: entry.route, status: entry.status }, value: entry.count })),
        },
        { name: 'heard_http_request_duration_seconds', help: 'Time to answer HTTP requests, by method, route pattern and status.', type: 'histogram', samples: durations },
      ];
    },
  };
}
