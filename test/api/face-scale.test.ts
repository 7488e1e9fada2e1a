// Emoji-scale survey results are drawn as the five faces children chose from, not as bars; suppressed groups stay words.
import { describe, expect, it } from 'vitest';
import type { SurveyQuestion } from '../../api/intake/survey-answers.ts';
import type { SurveyResults } from '../../api/surveys/results.ts';
import { questionChart } from '../../api/surveys/results-chart.ts';

const feelings = { id: 'q1', type: 'emoji_scale', required: false, text: { en: 'How do you feel at school?' } } as SurveyQuestion;
const safe = { id: 'q2', type: 'yes_no_unsure', required: false, text: { en: 'Do you feel safe?' } } as SurveyQuestion;
const results: SurveyResults = {
  threshold: 5,
  by: 'ageBand',
  respondents: 20,
  overall: { q1: { answered: 20, counts: { '1': 2, '2': 3, '3': 4, '4': 6, '5': 5 } }, q2: { answered: 20, counts: { yes: 12, no: 5, not_sure: 3 } } },
  groups: [
    { key: '12-15', respondents: 17, questions: { q1: { answered: 17, counts: { '1': 1, '2': 3, '3': 4, '4': 5, '5': 4 } } } },
    { key: '8-11', suppressed: true },
  ],
};

describe('survey charts for emoji scales', () => {
  it('draws five faces per shown group, frown to smile, with each figure under its face and no bars', async () => {
    const svg = String(await questionChart(results, feelings));
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-label="How do you feel at school\?"/);
    expect(svg).not.toContain('<rect');
    expect(svg.match(/class="face"/g)).toHaveLength(10);
    const bends = [...svg.matchAll(/data-bend="(-?\d+)"/g)].map((match) => Number(match[1]));
    expect(bends).toEqual([-10, -5, 0, 5, 10, -10, -5, 0, 5, 10]);
    for (const figure of ['2 (10%)', '3 (15%)', '4 (20%)', '6 (30%)', '5 (25%)', '1 (6%)', '5 (29%)', '4 (24%)']) expect(svg).toContain(`>${figure}</text>`);
    expect(svg).toContain('8-11');
    expect(svg).toContain('fewer than 5 children answered');
    // Every figure is in the description too, for anyone who cannot see the faces.
    expect(svg).toMatch(/<desc>All children \(20 answered\): 1 \(saddest face\): 2 \(10%\);/);
  });

  it('keeps bars for other closed questions', async () => {
    const svg = String(await questionChart(results, safe));
    expect(svg).toContain('<rect');
    expect(svg).not.toContain('class="face"');
  });
});
