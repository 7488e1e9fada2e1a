/** After the age: own words, a drawing, or one of the surveys open for this child, each with its picture. */
import type { OpenSurvey } from '../../shared/api-types.ts';
import { Screen } from '../components.tsx';
import { useLanguage, useT } from '../context.ts';
import { wordsIn } from '../messages.ts';
import { Said } from '../speak.tsx';
import { DrawSymbol, SurveySymbol, WriteSymbol } from '../symbols.tsx';

/** Marks where a survey's title goes in "Answer some questions: {title}", so an English title can carry its own lang. */
const TITLE_MARK = '\u0001';

export function Choose(props: { surveys: readonly OpenSurvey[]; onOwnWords: () => void; onDraw: () => void; onSurvey: (survey: OpenSurvey) => void; onBack: () => void }) {
  const t = useT();
  const language = useLanguage();
  return (
    <Screen title={t('choiceTitle')} readAlso={[t('ownWords'), t('drawInstead'), ...props.surveys.map((survey) => t('surveyCard', { title: wordsIn(survey.title, language).text }))]}>
      <div class="grid">
        <button type="button" class="tile" onClick={props.onOwnWords}>
          <WriteSymbol />
          {t('ownWords')}
        </button>
        <button type="button" class="tile" onClick={props.onDraw}>
          <DrawSymbol />
          {t('drawInstead')}
        </button>
      </div>
      <section aria-labelledby="surveys-heading">
        <Said as="h2" id="surveys-heading" text={t('surveysHeading')} />
        <div class="grid">
          {props.surveys.map((survey) => {
            const title = wordsIn(survey.title, language);
            const [before, after] = t('surveyCard', { title: TITLE_MARK }).split(TITLE_MARK);
            return (
              <button type="button" class="tile" data-testid="survey-card" onClick={() => props.onSurvey(survey)}>
                <SurveySymbol />
                <span>
                  {before}
                  <span lang={title.lang === language ? undefined : title.lang}>{title.text}</span>
                  {after}
                </span>
              </button>
            );
          })}
        </div>
      </section>
      <button type="button" onClick={props.onBack}>
        {t('back')}
      </button>
    </Screen>
  );
}
