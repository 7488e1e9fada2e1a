/** "Hide that I used Heard": quick exit, history, private windows, and deleting what Heard keeps on this device. */
import { useState } from 'preact/hooks';
import { Screen } from '../components.tsx';
import { useT } from '../context.ts';
import { Said } from '../speak.tsx';
import { Confirm } from './my-messages.tsx';

export function CoverTracks(props: { onDeleteAll: () => Promise<void>; onBack: () => void }) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const [deleted, setDeleted] = useState(false);
  return (
    <Screen title={t('coverTracksTitle')}>
      <Said text={t('coverTracksIntro')} />
      <ol class="steps">
        {(['coverTracksExit', 'coverTracksHistory', 'coverTracksPrivate', 'coverTracksUnsent'] as const).map((step) => (
          <li>
            <Said as="span" text={t(step)} />
          </li>
        ))}
      </ol>
      {deleted ? (
        <div role="status">
          <Said class="notice" text={t('coverTracksDeleted')} />
        </div>
      ) : confirming ? (
        <Confirm
          question={t('coverTracksDeleteConfirm')}
          yes={t('coverTracksDeleteYes')}
          onYes={async () => {
            await props.onDeleteAll();
            setConfirming(false);
            setDeleted(true);
          }}
          onNo={() => setConfirming(false)}
        />
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          🗑️ {t('coverTracksDelete')}
        </button>
      )}
      <button type="button" onClick={props.onBack}>
        {t('back')}
      </button>
    </Screen>
  );
}
