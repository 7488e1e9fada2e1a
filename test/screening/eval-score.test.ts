// The evaluation's arithmetic: what counts as recalled, in the right category, a false positive, and a missed target.
import { describe, expect, it } from 'vitest';
import type { EvalExample } from './eval/eval-set.ts';
import { failures, scoreEvalSet, type Screen } from './eval/score.ts';

const disclosure = (text: string, category: EvalExample['category'], language: EvalExample['language'] = 'en'): EvalExample =>
  ({ text, category, language, appLanguage: language, age: 12, kind: 'disclosure', source: 'test' });
const ordinary = (text: string, language: EvalExample['language'] = 'en'): EvalExample => ({ text, language, appLanguage: language, age: 12, kind: 'ordinary', source: 'test' });

/** A stand-in engine with plain, visible behaviour: "hit" is physical abuse by a rule, "sad" is a classifier guess. */
const screen: Screen = (text) => [
  ...(text.includes('hit') ? [{ category: 'physical_abuse', signal: 'rule' }] : []),
  ...(text.includes('sad') ? [{ category: 'emotional_abuse', signal: 'classifier' }] : []),
  ...(text.includes('alone') ? [{ category: 'unsafe_at_home' }] : []),
];

const times = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

describe('screening evaluation score', () => {
  it('counts a disclosure as recalled on any match, and as the right category only on a match of its own', () => {
    const score = scoreEvalSet([disclosure('he hit me', 'physical_abuse'), disclosure('i am sad', 'neglect'), disclosure('nothing', 'fgm')], screen);
    expect(score.recall.overall).toEqual({ n: 3, flagged: 2, rightCategory: 1 });
    expect(score.recall.byCategory.get('neglect')).toEqual({ n: 1, flagged: 1, rightCategory: 0 });
  });

  it('counts signals, a match with no signal as a phrase', () => {
    const score = scoreEvalSet([disclosure('he hit me and i am sad', 'physical_abuse'), disclosure('home alone', 'unsafe_at_home'), ordinary('we hit the ball')], screen);
    expect(Object.fromEntries(score.signals.disclosures)).toEqual({ rule: 1, classifier: 1, phrase: 1 });
    expect(Object.fromEntries(score.signals.ordinary)).toEqual({ rule: 1 });
  });

  it('meets the targets at 97% recall and 10% false positives', () => {
    const set = [...times(97, () => disclosure('hit', 'physical_abuse')), ...times(3, () => disclosure('no', 'physical_abuse')), ...times(9, () => ordinary('x')), ordinary('hit the ball')];
    expect(failures(scoreEvalSet(set, screen))).toEqual([]);
  });

  it('names a language under 97% recall and a language over 10% false positives', () => {
    const set = [...times(96, () => disclosure('hit', 'physical_abuse', 'pl')), ...times(4, () => disclosure('no', 'physical_abuse', 'pl')), ...times(8, () => ordinary('x', 'ar')), ...times(2, () => ordinary('hit', 'ar'))];
    const problems = failures(scoreEvalSet(set, screen));
    expect(problems).toContainEqual(expect.stringMatching(/language pl is 96\/100 = 96\.00%/));
    expect(problems).toContainEqual(expect.stringMatching(/category physical_abuse is 96\/100 = 96\.00%/));
    expect(problems).toContainEqual(expect.stringMatching(/false positives for language ar are 20\.0%/));
  });

  it('holds a category to the target only with at least 10 examples', () => {
    const base = times(400, () => disclosure('hit', 'physical_abuse'));
    expect(failures(scoreEvalSet([...base, ...times(9, () => disclosure('no', 'fgm'))], screen))).toEqual([]);
    expect(failures(scoreEvalSet([...base, ...times(10, () => disclosure('no', 'fgm'))], screen))).toContainEqual(expect.stringMatching(/category fgm is 0\/10 = 0\.00%/));
  });
});
