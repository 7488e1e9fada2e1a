// A faster engine must say exactly what the old one said: verdicts pinned in fixtures/verdicts.json before the speed work.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { screenForSafeguarding, type SafeguardingMatch } from '../../api/screening/safeguarding.ts';
import { LONG_LENGTHS, verdictTexts } from './fixtures/verdict-texts.ts';

type Pinned = { text: string; matches: SafeguardingMatch[] };
const pinned = JSON.parse(readFileSync(new URL('./fixtures/verdicts.json', import.meta.url), 'utf8')) as Pinned[];

describe('screening verdicts stay the same', () => {
  it('matches the pinned verdicts, match for match, on every pinned text', () => {
    // Texts, not indexes: the corpus may grow while the pinned lines keep their verdicts.
    const differing = pinned.filter(({ text, matches }) => JSON.stringify(screenForSafeguarding(text)) !== JSON.stringify(matches));
    expect(differing.map(({ text }) => text.slice(0, 60)), 'changed on purpose? rerun test/screening/fixtures/write-verdicts.ts').toEqual([]);
  });

  it('pins a useful set: flagged and silent lines, every signal, and every long length', () => {
    expect(pinned.length).toBeGreaterThan(3000);
    for (const signal of ['phrase', 'rule', 'classifier']) expect(pinned.some(({ matches }) => matches.some((m) => m.signal === signal)), signal).toBe(true);
    expect(pinned.some(({ matches }) => matches.length === 0)).toBe(true);
    for (const length of LONG_LENGTHS) expect(pinned.some(({ text }) => text.length === length), String(length)).toBe(true);
  });

  it('is pinned for texts still in the data (most of today\'s texts are in the fixture)', () => {
    const texts = new Set(pinned.map(({ text }) => text));
    const current = verdictTexts();
    expect(current.filter((text) => texts.has(text)).length / current.length).toBeGreaterThan(0.5);
  });
});
