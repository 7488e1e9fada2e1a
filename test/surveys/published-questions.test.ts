// Intake parses a published survey version's questions once: the same (survey, version) gives the same parsed list,
// another version is parsed on its own, and stored questions that do not parse are still refused.
import { describe, expect, it } from 'vitest';
import { publishedQuestions } from '../../api/intake/published-questions.ts';

describe('published survey questions', () => {
  const surveyId = crypto.randomUUID();
  const stored = [{ id: 'happy', type: 'emoji_scale' }, { id: 'safe', type: 'yes_no_unsure' }];

  it('parse once per survey version', () => {
    const first = publishedQuestions(surveyId, 1, stored);
    expect(first.map((question) => question.id)).toEqual(['happy', 'safe']);
    expect(publishedQuestions(surveyId, 1, stored)).toBe(first);
    const second = publishedQuestions(surveyId, 2, [{ id: 'safe', type: 'yes_no_unsure' }]);
    expect(second).not.toBe(first);
    expect(second.map((question) => question.id)).toEqual(['safe']);
  });

  it('refuse questions that do not parse, and keep nothing for them', () => {
    const broken = crypto.randomUUID();
    expect(() => publishedQuestions(broken, 1, [{ id: 'x', type: 'not_a_type' }])).toThrow();
    expect(publishedQuestions(broken, 1, stored).map((question) => question.id)).toEqual(['happy', 'safe']);
  });
});
