/** Participation groups: the join codes children type, how many submissions each has brought and any spike, create one, rotate its code, end one. */
import { useEffect, useState } from 'preact/hooks';
import { groupsApi } from '../api-admin.ts';
import { Confirm, Field, ScreenHeading, TableRegion } from '../components.tsx';
import { useAction, useReturnFocus } from '../hooks.ts';
import { when } from '../format.ts';
import { useNotice } from '../notice.tsx';
import type { Group } from '../types.ts';

/** The end of the chosen day, local time, as the API wants it (with an offset). */
function endOfDay(date: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59).toISOString();
}

export function GroupsScreen() {
  const notice = useNotice();
  const [groups, setGroups] = useState<Group[]>();
  const load = async () => {
    try {
      setGroups((await groupsApi.list()).groups);
    } catch (error) {
      notice.fail('The groups could not be loaded.', error);
    }
  };
  useEffect(() => {
    void load();
  }, []);

  return (
    <section class="pad">
      <ScreenHeading>Groups</ScreenHeading>
      <p>Children in a group type its join code in the Heard app, so what they send is counted for the group.</p>
      <CreateGroup onCreated={load} />
      <h2>All groups</h2>
      {groups === undefined ? (
        <p>Loading…</p>
      ) : groups.length === 0 ? (
        <p>There are no groups yet.</p>
      ) : (
        <TableRegion label="Groups">
          <table>
            <caption class="visually-hidden">Groups, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Join code</th>
                <th scope="col">Status</th>
                <th scope="col">Submissions</th>
                <th scope="col">Last hour</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((group) => (
                <GroupRow key={group.id} group={group} onChanged={load} />
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </section>
  );
}

function CreateGroup(props: { onCreated: () => Promise<void> }) {
  const notice = useNotice();
  const { run } = useAction();
  const [name, setName] = useState('');
  const [until, setUntil] = useState('');
  return (
    <form
      noValidate
      class="inline-form"
      aria-labelledby="create-group-heading"
      onSubmit={async (event) => {
        event.preventDefault();
        if (name.trim().length < 2) return notice.warn('The group was not created: give it a name of at least 2 characters.');
        const activeUntil = until ? endOfDay(until) : undefined;
        if (until && !activeUntil) return notice.warn('The group was not created: the end date is not a date.');
        const outcome = await run('The group was not created.', () => groupsApi.create(name.trim(), activeUntil), (group) => `Created “${group.name}”. Its join code is ${group.joinCode}.`);
        if (outcome.ok) {
          setName('');
          setUntil('');
          await props.onCreated();
        }
      }}
    >
      <h2 id="create-group-heading">Create a group</h2>
      <div class="row">
        <Field label="Group name" value={name} onValue={setName} required maxLength={120} />
        <Field label="Last day" type="date" hint="Leave empty to keep it open until you end it." value={until} onValue={setUntil} />
      </div>
      <button type="submit" class="primary">
        Create group
      </button>
    </form>
  );
}

function GroupRow(props: { group: Group; onChanged: () => Promise<void> }) {
  const { group } = props;
  const { run } = useAction();
  const [confirming, setConfirming] = useState(false);
  const endButton = useReturnFocus(confirming);
  const rotate = async () => {
    const outcome = await run(`The code of “${group.name}” was not changed.`, () => groupsApi.rotateCode(group.id), (rotated) => `“${group.name}” has a new join code: ${rotated.joinCode}. The old one no longer works; give the class the new one.`);
    if (outcome.ok) await props.onChanged();
  };
  const end = async () => {
    const outcome = await run(`“${group.name}” was not ended.`, () => groupsApi.expire(group.id), () => `Ended “${group.name}”: its join code no longer works.`);
    setConfirming(false);
    if (outcome.ok) await props.onChanged();
  };
  return (
    <tr data-testid="group-row">
      <th scope="row">{group.name}</th>
      <td>
        <code>{group.joinCode}</code>
      </td>
      <td>{group.active ? (group.activeUntil ? `Open until ${when(group.activeUntil)}` : 'Open') : `Ended ${when(group.activeUntil)}`}</td>
      <td>{group.submissions}</td>
      <td data-testid="group-last-hour">
        {group.lastHour} <span class="hint">(usually {group.usualPerHour} an hour)</span>
        {group.spike ? <strong class="badge warn">Spike: far more than usual</strong> : null}
        {group.floodHeld > 0 ? (
          <span> · {group.floodHeld} held as a flood: in the queue, filter “Only those held as a group flood”</span>
        ) : null}
      </td>
      <td>
        {group.active ? (
          <button type="button" onClick={() => void rotate()} aria-label={`New code: ${group.name}`}>
            New code
          </button>
        ) : null}
        {!group.active ? null : confirming ? (
          <Confirm label={`End ${group.name}?`} message="Children will no longer be able to join." confirm="Yes, end it" cancel="Keep it open" onConfirm={() => void end()} onCancel={() => setConfirming(false)} />
        ) : (
          <button type="button" ref={endButton} onClick={() => setConfirming(true)} aria-label={`End now: ${group.name}`}>
            End now
          </button>
        )}
      </td>
    </tr>
  );
}
