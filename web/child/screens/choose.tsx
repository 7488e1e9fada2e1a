/** After the age: own words (or a drawing), or one of the surveys open for this child. */
import type { OpenSurvey } from '../../shared/api-types.ts';
import { Screen } from '../components.tsx';
import { useT } from '../context.ts';

export function Choose(props: { surveys: readonly OpenSurvey[]; onOwnWords: () => void; onSurvey: (survey: OpenSurvey) => void; onBack: () => void }) {
  const t = useT();
  return (
    <Screen title={t('choiceTitle')}>
      <div class="grid">
        <button type="button" class="tile" onClick={props.onOwnWords}>
          <span aria-hidden="true" class="picture">
            ✏️
          </span>
          {t('ownWords')}
        </button>
      </div>
      <section aria-labelledby="surveys-heading">
        <h2 id="surveys-heading">{t('surveysHeading')}</h2>
        <div class="grid">
          {props.surveys.map((survey) => (
            <button type="button" class="tile" data-testid="survey-card" onClick={() => props.onSurvey(survey)}>
              <span aria-hidden="true" class="picture">
                📋
              </span>
              {t('surveyCard', { title: survey.title })}
            </button>
          ))}
        </div>
      </section>
      <button type="button" onClick={props.onBack}>
        {t('back')}
      </button>
    </Screen>
  );
}
