/** One line of the moderation queue: a checkbox for bulk actions, then a preview (thumbnail, kind, language, duplicate hint). */
import { mediaUrl } from '../api.ts';
import { KIND_LABELS, waited } from '../format.ts';
import type { QueueItem } from '../types.ts';

const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });

function languageName(code: string): string {
  try {
    return languageNames.of(code) ?? code;
  } catch {
    return code;
  }
}

export function QueueEntry(props: { item: QueueItem; selected: boolean; checked: boolean; onSelect: () => void; onCheck: (checked: boolean) => void }) {
  const { item } = props;
  const snippet = (item.text ?? '').slice(0, 80);
  const duplicates = item.duplicateIds?.length ?? 0;
  return (
    <li class="entry">
      <input
        type="checkbox"
        class="pick"
        checked={props.checked}
        aria-label={`Select for a bulk action: ${KIND_LABELS[item.kind]}${snippet ? `, ${snippet}` : ''}`}
        onChange={(event) => props.onCheck(event.currentTarget.checked)}
        data-testid="queue-pick"
      />
      <button type="button" class={props.selected ? 'item selected' : 'item'} aria-current={props.selected ? 'true' : undefined} onClick={props.onSelect} data-testid="queue-item">
        <span class="preview">
          {item.thumbnailId ? <img class="thumb" src={mediaUrl(item.thumbnailId)} alt="" width={48} height={48} data-testid="queue-thumbnail" /> : null}
          <span class="snippet">{snippet}</span>
        </span>
        <span class="meta">
          <span class="marker" data-testid="queue-kind">
            {KIND_LABELS[item.kind]}
          </span>
          {item.language ? <span lang={item.language}> · {languageName(item.language)}</span> : null} · {item.ageBand} · waiting {waited(item.waitingMinutes)}
          {item.group ? ` · ${item.group}` : ''}
          {item.redacted ? ' · redacted' : ''}
          {item.flood ? ' · held: group flood' : ''}
        </span>
        {duplicates > 0 ? (
          <span class="meta duplicate" data-testid="duplicate-hint">
            Looks the same as {duplicates} other{duplicates === 1 ? '' : 's'} sent within a day
          </span>
        ) : null}
      </button>
    </li>
  );
}
