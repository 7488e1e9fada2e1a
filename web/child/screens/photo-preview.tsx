/** A chosen photo, shown before anything else happens: a selfie or a family photo must be seen before it is sent. */
import { useEffect, useMemo } from 'preact/hooks';
import { Screen } from '../components.tsx';
import { useT } from '../context.ts';

export function PhotoPreview(props: { photo: Blob; onUse: () => void; onRetake: () => void }) {
  const t = useT();
  const url = useMemo(() => URL.createObjectURL(props.photo), [props.photo]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return (
    <Screen title={t('photoPreviewTitle')}>
      <img class="photo-preview" src={url} alt={t('photoPreviewAlt')} data-testid="photo-preview" />
      <div class="actions">
        <button type="button" onClick={props.onRetake}>
          📷 {t('takeAnother')}
        </button>
        <button type="button" class="primary" onClick={props.onUse}>
          {t('useThisPhoto')}
        </button>
      </div>
    </Screen>
  );
}
