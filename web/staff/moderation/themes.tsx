/** The themes on one submission: each can be taken off, an existing theme added, or a new one created by naming it. */
import { useId, useState } from 'preact/hooks';
import type { SubmissionDetail, Taxonomy } from '../types.ts';
import type { Moderation } from './use-moderation.ts';

function titleIn(taxonomy: Taxonomy | undefined, created: Record<string, string>, slug: string): string {
  return taxonomy?.themes.find((theme) => theme.slug === slug)?.title ?? created[slug] ?? slug;
}

export function ThemeTags(props: { detail: SubmissionDetail; taxonomy: Taxonomy | undefined; moderation: Moderation }) {
  const { detail, taxonomy, moderation } = props;
  const [adding, setAdding] = useState('');
  // Themes created here are not in the taxonomy fetched when the page opened: remember their titles.
  const [created, setCreated] = useState<Record<string, string>>({});
  const themeTitle = (slug: string) => titleIn(taxonomy, created, slug);
  const id = useId();
  const current = detail.tags.themes;
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Themes</h3>
      {current.length ? (
        <ul class="tags" data-testid="item-themes">
          {current.map((slug) => (
            <li key={slug}>
              <button type="button" aria-label={`Remove theme ${themeTitle(slug)}`} onClick={() => void moderation.setThemes(current.filter((other) => other !== slug), `Theme removed: ${themeTitle(slug)}.`)}>
                {themeTitle(slug)} ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="meta">No themes yet.</p>
      )}
      <form
        class="row"
        onSubmit={(event) => {
          event.preventDefault();
          const title = adding.trim();
          if (!title) return;
          // An existing theme is sent by its slug; a new title makes a new theme (the API creates it, audited as tagging).
          const known = taxonomy?.themes.find((theme) => theme.title.toLowerCase() === title.toLowerCase());
          void moderation.setThemes([...current, known?.slug ?? title], `Theme added: ${known?.title ?? title}.`).then((tags) => {
            if (!tags) return;
            const added = tags.themes.filter((slug) => !current.includes(slug));
            if (!known) setCreated((before) => ({ ...before, ...Object.fromEntries(added.map((slug) => [slug, title])) }));
            setAdding('');
          });
        }}
      >
        <ThemeField label="Add a theme (choose one or type a new one)" value={adding} onValue={setAdding} themes={(taxonomy?.themes ?? []).filter((theme) => !current.includes(theme.slug))} />
        <button type="submit">Add theme</button>
      </form>
    </section>
  );
}

/** A theme by title: the known ones offered as suggestions, any other title typed makes a new theme. */
export function ThemeField(props: { label: string; value: string; onValue: (value: string) => void; themes: Taxonomy['themes'] }) {
  const id = useId();
  return (
    <div class="field">
      <label for={`${id}-input`}>{props.label}</label>
      <input id={`${id}-input`} type="text" list={`${id}-known`} maxLength={80} value={props.value} onInput={(event) => props.onValue(event.currentTarget.value)} />
      <datalist id={`${id}-known`}>
        {props.themes.map((theme) => (
          <option key={theme.slug} value={theme.title} />
        ))}
      </datalist>
    </div>
  );
}
