import { describe, expect, it } from 'vitest';
import { findIdentifyingDetails, type IdentifyingKind } from '../../api/screening/identifying-details.ts';

function found(text: string, schoolNames: string[] = []): [IdentifyingKind, string][] {
  return findIdentifyingDetails(text, { schoolNames }).map((span) => [span.kind, text.slice(span.start, span.end)]);
}

describe('identifying details', () => {
  it.each([
    ['email me at sam.t@example.co.uk', [['email', 'sam.t@example.co.uk']]],
    ['call 07700 900123 after school', [['phone', '07700 900123']]],
    ['my number is +44 7700 900123', [['phone', '+44 7700 900123']]],
    ['ring 07700900123', [['phone', '07700900123']]],
    ['home is 0161-496-0000', [['phone', '0161-496-0000']]],
    ['i live near SW1A 1AA', [['postcode', 'SW1A 1AA']]],
    ['postcode m1 1ae', [['postcode', 'm1 1ae']]],
    ['B338TH is where', [['postcode', 'B338TH']]],
    ['I live at 12 Acacia Road with nan', [['address', '12 Acacia Road']]],
    ['flat 3 45 high st', [['address', 'flat 3 45 high st']]],
    ['follow me @sam_123 on there', [['handle', '@sam_123']]],
    ['I go to Riverside Primary School', [['school', 'Riverside Primary School']]],
    ['at st marys church of england primary', [['school', 'st marys church of england primary']]],
  ] as [string, [IdentifyingKind, string][]][])('finds %j', (text, expected) => {
    expect(found(text, ['Riverside Primary School', "St Mary's Church of England Primary"])).toEqual(expected);
  });

  it.each([
    'I am 12 years old and I like football',
    'we scored 3 goals in 2 matches',
    'my email is private',
    'the road to school is long',
    'I have 2 brothers and a dog called Max',
    'it costs £12.50 at the shop',
    'Riverside is a nice place',
  ])('finds nothing in %j', (text) => {
    expect(found(text, ['Riverside Primary School'])).toEqual([]);
  });

  it('sorts spans and keeps the longer of two overlapping ones', () => {
    const text = 'write to sam@example.com or 7 Park Lane, also @sam';
    const spans = findIdentifyingDetails(text);
    expect(spans.map((s) => s.kind)).toEqual(['email', 'address', 'handle']);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
  });

  it.each(['😢', 'مرحبا', '\u0000', '\ud800', 'x'.repeat(100_000)])('never throws on hostile input %#', (text) => {
    expect(() => findIdentifyingDetails(text, { schoolNames: ['A (B) [C]*'] })).not.toThrow();
  });
});
