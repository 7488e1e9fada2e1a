/**
 * Committees → meetings → agenda items. Committee members see only their own committees; participation workers and
 * admins add meetings and agenda items (the committees themselves come from the partnership's settings).
 */
import { useEffect, useState } from 'preact/hooks';
import { committeesApi } from '../api-committees.ts';
import { Field, ScreenHeading, TextArea } from '../components.tsx';
import { useAction, useReturnFocus, useTaxonomy } from '../hooks.ts';
import { day } from '../format.ts';
import { useNotice } from '../notice.tsx';
import { canOrganise } from '../roles.ts';
import { href } from '../router.ts';
import type { Committee, Meeting, Me, Taxonomy } from '../types.ts';

export function CommitteesScreen(props: { user: Me }) {
  const notice = useNotice();
  const organiser = canOrganise(props.user);
  const taxonomy = useTaxonomy();
  const [committees, setCommittees] = useState<Committee[]>();
  const load = async () => {
    try {
      setCommittees((await committeesApi.list()).committees);
    } catch (error) {
      notice.fail('The committees could not be loaded.', error);
    }
  };
  useEffect(() => {
    void load();
  }, []);

  return (
    <section class="pad">
      <ScreenHeading>Committees</ScreenHeading>
      {committees === undefined ? (
        <p>Loading…</p>
      ) : committees.length === 0 ? (
        <p>You are not on any committee yet. Ask an admin to add you to yours.</p>
      ) : (
        committees.map((committee) => (
          <section key={committee.id} class="committee" aria-labelledby={`committee-${committee.id}`} data-testid="committee">
            <h2 id={`committee-${committee.id}`}>{committee.title}</h2>
            {committee.meetings.length === 0 ? <p>No meetings yet.</p> : null}
            {committee.meetings.map((meeting) => (
              <MeetingSection key={meeting.id} meeting={meeting} organiser={organiser} taxonomy={taxonomy} onChanged={load} />
            ))}
            {organiser ? <AddMeeting committee={committee} onAdded={load} /> : null}
          </section>
        ))
      )}
    </section>
  );
}

function MeetingSection(props: { meeting: Meeting; organiser: boolean; taxonomy: Taxonomy | undefined; onChanged: () => Promise<void> }) {
  const { meeting } = props;
  const label = `${day(meeting.heldOn)}${meeting.title ? `: ${meeting.title}` : ''}`;
  return (
    <div class="meeting">
      <h3>Meeting {label}</h3>
      {meeting.agendaItems.length === 0 ? (
        <p>No agenda items yet.</p>
      ) : (
        <ul class="agenda">
          {meeting.agendaItems.map((item) => (
            <li key={item.id}>
              <a href={href('committees', 'item', item.id)}>{item.title}</a>
              {item.discussed ? <span class="badge">Discussed</span> : null}
            </li>
          ))}
        </ul>
      )}
      {props.organiser ? <AddAgendaItem meeting={meeting} label={label} taxonomy={props.taxonomy} onAdded={props.onChanged} /> : null}
    </div>
  );
}

function Disclosure(props: { label: string; open: boolean; onToggle: (open: boolean) => void }) {
  const button = useReturnFocus(props.open);
  return (
    <button type="button" ref={button} aria-expanded={props.open} onClick={() => props.onToggle(!props.open)}>
      {props.label}
    </button>
  );
}

function AddMeeting(props: { committee: Committee; onAdded: () => Promise<void> }) {
  const notice = useNotice();
  const { run } = useAction();
  const [open, setOpen] = useState(false);
  const [heldOn, setHeldOn] = useState('');
  const [title, setTitle] = useState('');
  return (
    <div class="add">
      <Disclosure label={`Add a meeting of ${props.committee.title}`} open={open} onToggle={setOpen} />
      {open ? (
        <form
          noValidate
          class="inline-form"
          aria-label={`New meeting of ${props.committee.title}`}
          onSubmit={async (event) => {
            event.preventDefault();
            if (!/^\d{4}-\d{2}-\d{2}$/.test(heldOn)) return notice.warn('The meeting was not added: give the date it is held on.');
            const outcome = await run('The meeting was not added.', () => committeesApi.addMeeting(props.committee.id, heldOn, title.trim() || undefined), () => `Added the meeting on ${day(heldOn)}.`);
            if (outcome.ok) {
              setOpen(false);
              setHeldOn('');
              setTitle('');
              await props.onAdded();
            }
          }}
        >
          <div class="row">
            <Field label="Held on" type="date" value={heldOn} onValue={setHeldOn} required autoFocus />
            <Field label="Meeting title" value={title} onValue={setTitle} maxLength={200} />
          </div>
          <button type="submit" class="primary">
            Add meeting
          </button>
        </form>
      ) : null}
    </div>
  );
}

function AddAgendaItem(props: { meeting: Meeting; label: string; taxonomy: Taxonomy | undefined; onAdded: () => Promise<void> }) {
  const notice = useNotice();
  const { run } = useAction();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [priorities, setPriorities] = useState<string[]>([]);
  const [themes, setThemes] = useState<string[]>([]);
  const toggle = (list: string[], slug: string, on: boolean) => (on ? [...list, slug] : list.filter((s) => s !== slug));
  return (
    <div class="add">
      <Disclosure label={`Add an agenda item to the meeting ${props.label}`} open={open} onToggle={setOpen} />
      {open ? (
        <form
          noValidate
          class="inline-form"
          aria-label={`New agenda item for the meeting ${props.label}`}
          onSubmit={async (event) => {
            event.preventDefault();
            if (title.trim().length < 2) return notice.warn('The agenda item was not added: give it a title of at least 2 characters.');
            const outcome = await run(
              'The agenda item was not added.',
              () => committeesApi.addAgendaItem(props.meeting.id, { title: title.trim(), description: description.trim(), priorities, themes }),
              () => `Added the agenda item “${title.trim()}”.`,
            );
            if (outcome.ok) {
              setOpen(false);
              setTitle('');
              setDescription('');
              setPriorities([]);
              setThemes([]);
              await props.onAdded();
            }
          }}
        >
          <Field label="Agenda item title" value={title} onValue={setTitle} required maxLength={200} autoFocus />
          <TextArea label="Description" value={description} onValue={setDescription} maxLength={2000} />
          <p class="hint">With no priority or theme chosen, the item pulls all approved feedback children agreed to share.</p>
          <fieldset>
            <legend>Pull feedback tagged with any of these priorities</legend>
            {(props.taxonomy?.priorities ?? []).map((priority) => (
              <label class="check" key={priority.slug}>
                <input type="checkbox" checked={priorities.includes(priority.slug)} onChange={(event) => setPriorities(toggle(priorities, priority.slug, event.currentTarget.checked))} />{' '}
                {priority.title}
              </label>
            ))}
          </fieldset>
          {props.taxonomy && props.taxonomy.themes.length > 0 ? (
            <fieldset>
              <legend>Or with any of these themes</legend>
              {props.taxonomy.themes.map((theme) => (
                <label class="check" key={theme.slug}>
                  <input type="checkbox" checked={themes.includes(theme.slug)} onChange={(event) => setThemes(toggle(themes, theme.slug, event.currentTarget.checked))} /> {theme.title}
                </label>
              ))}
            </fieldset>
          ) : null}
          <button type="submit" class="primary">
            Add agenda item
          </button>
        </form>
      ) : null}
    </div>
  );
}
