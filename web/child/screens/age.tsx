/** Choose an age band, with pictures for the youngest. */
import type { AgeBand } from '../../shared/api-types.ts';
import { Screen } from '../components.tsx';
import { useT } from '../context.ts';
import type { MessageKey } from '../messages.ts';

const BANDS: [AgeBand, MessageKey, string][] = [
  ['4-7', 'age47', '🧸'],
  ['8-11', 'age811', '⚽'],
  ['12-15', 'age1215', '🎧'],
  ['16-18', 'age1618', '🎓'],
  ['unknown', 'ageUnknown', '🤐'],
];

export function Age(props: { onChoose: (band: AgeBand) => void; onBack: () => void }) {
  const t = useT();
  return (
    <Screen title={t('ageTitle')} readAlso={BANDS.map(([, label]) => t(label))}>
      <div class="grid">
        {BANDS.map(([band, label, picture]) => (
          <button type="button" class="tile" onClick={() => props.onChoose(band)}>
            <span aria-hidden="true" class="picture">
              {picture}
            </span>
            {t(label)}
          </button>
        ))}
      </div>
      <button type="button" onClick={props.onBack}>
        {t('back')}
      </button>
    </Screen>
  );
}
