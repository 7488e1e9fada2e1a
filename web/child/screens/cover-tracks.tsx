/** "Hide that I used Heard": quick exit, history, private windows, and deleting what Heard keeps on this device. */
import { useState } from 'preact/hooks';
import { Screen } from '../components.tsx';
import { useT } from '../context.ts';
import { useTDevice } from '../messages-device.ts';
import { Confirm } from './my-messages.tsx';

export function CoverTracks(props: { onDeleteAll: () => Promise<void>; onBack: () => void }) {
  const t = useT();
  const td = useTDevice();
  const [confirming, setConfirming] = useState(false);
  const [deleted, setDeleted] = useState(false);
  return (
    <Screen title={td('coverTracksTitle')}>
      <p>{td('coverTracksIntro')}</p>
      <ol class="steps">
        <li>{td('coverTracksExit')}</li>
        <li>{td('coverTracksHistory')}</li>
        <li>{td('coverTracksPrivate')}</li>
        <li>{td('coverTracksUnsent')}</li>
      </ol>
      {deleted ? (
        <p role="status" class="notice">
          {td('coverTracksDeleted')}
        </p>
      ) : confirming ? (
        <Confirm
          question={td('coverTracksDeleteConfirm')}
          yes={td('coverTracksDeleteYes')}
          onYes={async () => {
            await props.onDeleteAll();
            setConfirming(false);
            setDeleted(true);
          }}
          onNo={() => setConfirming(false)}
        />
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          🗑️ {td('coverTracksDelete')}
        </button>
      )}
      <button type="button" onClick={props.onBack}>
        {t('back')}
      </button>
    </Screen>
  );
}
