// The operations guide and the DPIA exist, the README links them, and the guide names what the code and the
// benchmarks actually give (every /metrics family, the measured intake rate).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
const operations = read('docs/operations.md');

describe('production documentation', () => {
  it('the README links the operations guide and the DPIA from "Run in production"', () => {
    const readme = read('README.md');
    const section = readme.slice(readme.indexOf('## Run in production'));
    expect(section).toContain('(docs/operations.md)');
    expect(section).toContain('(docs/dpia.md)');
    expect(section).toContain('--max-http-header-size');
  });

  it('documents every metric family /metrics serves', () => {
    const sources = read('api/routes/metrics.ts') + read('api/metrics/request-metrics.ts');
    const families = [...sources.matchAll(/name: '(heard_[a-z_]+)'/g)].map((match) => match[1]!);
    expect(families.length).toBeGreaterThanOrEqual(9);
    expect(families.filter((name) => !operations.includes(name))).toEqual([]);
  });

  it('quotes the capacity figures from bench/results', () => {
    const intake = JSON.parse(read('bench/results/intake-throughput.json')) as { intake: { perSecond: number } };
    const day = JSON.parse(read('bench/results/participation-day.json')) as { children: number; items: number };
    expect(operations).toContain(Math.round(intake.intake.perSecond).toLocaleString('en-GB'));
    expect(operations).toContain(`${day.children} children`);
    expect(operations).toContain(day.items.toLocaleString('en-GB'));
  });

  it('the DPIA covers the inventory, lawful basis, risks, UNCRC and DPO sign-off', () => {
    const dpia = read('docs/dpia.md');
    for (const heading of ['## 3. Data inventory', '## 4. Lawful basis', '## 7. Risks and mitigations', '## 8. Children\'s rights (UNCRC)', '## 9. Sign-off']) {
      expect(dpia).toContain(heading);
    }
    expect(dpia).toContain('(retention.md)');
  });
});
