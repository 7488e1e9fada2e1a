/**
 * The staff moderation app: the queue beside the selected submission, with keyboard shortcuts
 * (j/k next and previous, a approve, r reject, f flag, 1–9 tag a priority, d redact detected details, u undo).
 */
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, me, type Me, type QueueItem, type Taxonomy } from './api.ts';

export function App() {
  const [user, setUser] = useState<Me | null>();
  useEffect(() => {
    me().then((result) => setUser(result ?? null), () => setUser(null));
  }, []);
  if (user === undefined) return <p class="pad">Loading…</p>;
  if (user === null) {
    return (
      <main class="pad">
        <h1>Heard: staff</h1>
        <p>Sign in with your organisation's account to moderate what children have sent.</p>
        <a class="button primary" href="/auth/login?returnTo=/staff">
          Sign in
        </a>
      </main>
    );
  }
  return <Moderation user={user} />;
}

function Moderation(props: { user: Me }) {
  const [items, setItems] = useState<QueueItem[]>([]);
  const [guidance, setGuidance] = useState('');
  const [taxonomy, setTaxonomy] = useState<Taxonomy>({ priorities: [], themes: [] });
  const [index, setIndex] = useState(0);
  const [message, setMessage] = useState('');
  const [lastDecided, setLastDecided] = useState<string>();
  const canModerate = props.user.roles.some((role) => role === 'participation_worker' || role === 'safeguarding_lead');

  const load = async () => {
    const queue = await api.queue();
    setItems(queue.items);
    setGuidance(queue.guidance);
    setIndex((current) => Math.min(current, Math.max(0, queue.items.length - 1)));
  };
  useEffect(() => {
    if (!canModerate) return;
    void load();
    void api.taxonomy().then(setTaxonomy);
  }, []);

  const selected = items[index];
  const act = async (what: string, run: () => Promise<unknown>) => {
    try {
      await run();
      setMessage(what);
      await load();
    } catch (error) {
      setMessage(error instanceof ApiError ? error.message : 'Something went wrong.');
    }
  };
  const decide = {
    approve: () => selected && act('Approved.', async () => (await api.approve(selected.id), setLastDecided(selected.id))),
    reject: () => {
      if (!selected) return;
      const reason = window.prompt('Why is it not used? (kept for the record)');
      if (reason) void act('Rejected.', async () => (await api.reject(selected.id, reason), setLastDecided(selected.id)));
    },
    flag: () => selected && act('Flagged for a safeguarding lead.', () => api.flag(selected.id)),
    redact: () =>
      selected && selected.identifyingDetails.length > 0 && act('Redacted.', () => api.redact(selected.id, selected.identifyingDetails)),
    undo: () => lastDecided && act('Undone.', () => api.undo(lastDecided)),
    tag: (number: number) => {
      const priority = taxonomy.priorities[number - 1];
      if (selected && priority) void act(`Tagged: ${priority.title}.`, () => api.tags(selected.id, [priority.slug]));
    },
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === 'j') setIndex((i) => Math.min(i + 1, items.length - 1));
      else if (event.key === 'k') setIndex((i) => Math.max(i - 1, 0));
      else if (event.key === 'a') void decide.approve();
      else if (event.key === 'r') decide.reject();
      else if (event.key === 'f') void decide.flag();
      else if (event.key === 'd') void decide.redact();
      else if (event.key === 'u') void decide.undo();
      else if (/^[1-9]$/.test(event.key)) decide.tag(Number(event.key));
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <>
      <header class="bar">
        <strong>Heard: moderation</strong>
        <span>
          {props.user.name} ({props.user.roles.join(', ')})
        </span>
        <form method="post" action="/auth/logout">
          <input type="hidden" name="csrf" value={api.csrf()} />
          <button type="submit">Sign out</button>
        </form>
      </header>
      {!canModerate ? (
        <main class="pad">
          <p>Your role does not moderate. Committee packs will appear here.</p>
        </main>
      ) : (
        <div class="layout">
          <nav aria-label="Queue" class="queue">
            <h1>Queue ({items.length})</h1>
            <ol>
              {items.map((item, i) => (
                <li>
                  <button type="button" class={i === index ? 'item selected' : 'item'} aria-current={i === index} onClick={() => setIndex(i)} data-testid="queue-item">
                    {item.safeguarding ? <span class="flag">Safeguarding</span> : null}
                    <span class="snippet">{(item.text ?? `(${item.kind})`).slice(0, 80)}</span>
                    <span class="meta">
                      {item.ageBand} · waiting {item.waitingMinutes} min{item.group ? ` · ${item.group}` : ''}
                    </span>
                  </button>
                </li>
              ))}
            </ol>
          </nav>
          <main class="detail">
            <p role="status" aria-live="polite">
              {message}
            </p>
            {selected ? (
              <article>
                <h2>{selected.kind === 'quote' ? 'Quote' : selected.kind === 'drawing' ? 'Drawing' : 'Survey answers'}</h2>
                {selected.safeguarding ? (
                  <p class="flag">Possible disclosure ({selected.screeningCategories.join(', ') || 'flagged'}): a safeguarding lead must act before it can be rejected.</p>
                ) : null}
                <blockquote data-testid="selected-text">{selected.text}</blockquote>
                {selected.identifyingDetails.length > 0 ? <p>Identifying details found: {selected.identifyingDetails.map((d) => d.kind).join(', ')} (press d to redact).</p> : null}
                <div class="buttons">
                  <button type="button" class="primary" onClick={() => void decide.approve()}>
                    Approve (a)
                  </button>
                  <button type="button" onClick={decide.reject}>
                    Reject (r)
                  </button>
                  <button type="button" onClick={() => void decide.flag()}>
                    Flag safeguarding (f)
                  </button>
                  <button type="button" onClick={() => void decide.undo()} disabled={!lastDecided}>
                    Undo (u)
                  </button>
                </div>
                <h3>Tag a priority (1–{taxonomy.priorities.length})</h3>
                <ol class="tags">
                  {taxonomy.priorities.map((priority, i) => (
                    <li>
                      <button type="button" onClick={() => decide.tag(i + 1)}>
                        {i + 1}. {priority.title}
                      </button>
                    </li>
                  ))}
                </ol>
                <aside class="guidance">
                  <h3>Guidance</h3>
                  <p>{guidance}</p>
                </aside>
              </article>
            ) : (
              <p>The queue is empty. Thank you.</p>
            )}
          </main>
        </div>
      )}
    </>
  );
}
