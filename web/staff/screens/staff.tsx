/**
 * Staff and roles (admins): everyone who has signed in, their roles and where each came from. Roles given in Heard
 * can be changed here; roles from the organisation's sign-in provider follow the provider.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { staffApi } from '../api-admin.ts';
import { committeesApi } from '../api-committees.ts';
import { ScreenHeading, TableRegion } from '../components.tsx';
import { useAction, useReturnFocus } from '../hooks.ts';
import { when } from '../format.ts';
import { useNotice } from '../notice.tsx';
import type { Committee, Me, StaffMember } from '../types.ts';
import { describeRole, GENERAL_ROLES, RoleChoices, toAssignments, type RoleChoice } from './role-choices.tsx';
import { Invitations } from './staff-invitations.tsx';

export function StaffScreen(props: { user: Me }) {
  const notice = useNotice();
  const [staff, setStaff] = useState<StaffMember[]>();
  const [committees, setCommittees] = useState<Committee[]>([]);
  const [editing, setEditing] = useState<string>();
  const load = async () => {
    try {
      const [people, all] = await Promise.all([staffApi.list(), committeesApi.list()]);
      setStaff(people.staff);
      setCommittees(all.committees);
    } catch (error) {
      notice.fail('The staff list could not be loaded.', error);
    }
  };
  useEffect(() => {
    void load();
  }, []);
  const person = staff?.find((member) => member.id === editing);

  return (
    <section class="pad">
      <ScreenHeading>Staff and roles</ScreenHeading>
      <p>Everyone who has signed in to Heard. Roles marked “from sign-in” come from your organisation's sign-in provider and are changed there.</p>
      {staff === undefined ? (
        <p>Loading…</p>
      ) : (
        <TableRegion label="Staff">
          <table>
            <caption class="visually-hidden">Staff and their roles</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Roles</th>
                <th scope="col">Last seen</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {staff.map((member) => (
                <StaffRow key={member.id} member={member} committees={committees} editing={editing === member.id} onEdit={() => setEditing(member.id)} />
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {person ? (
        <RolesForm
          key={person.id}
          member={person}
          self={person.id === props.user.id}
          committees={committees}
          onClose={() => setEditing(undefined)}
          onSaved={async () => {
            setEditing(undefined);
            await load();
          }}
        />
      ) : null}
      <Invitations committees={committees} />
    </section>
  );
}

function StaffRow(props: { member: StaffMember; committees: Committee[]; editing: boolean; onEdit: () => void }) {
  const { member } = props;
  const button = useReturnFocus(props.editing);
  return (
    <tr data-testid="staff-row">
      <th scope="row">
        {member.name}
        {member.disabled ? ' (switched off)' : ''}
      </th>
      <td>{member.email ?? ''}</td>
      <td>{member.roles.length ? member.roles.map((role) => describeRole(role, props.committees)).join('; ') : 'No role'}</td>
      <td>{member.lastSeenAt ? when(member.lastSeenAt) : 'Never'}</td>
      <td>
        <button type="button" ref={button} onClick={props.onEdit} aria-expanded={props.editing} aria-label={`Change roles: ${member.name}`}>
          Change roles
        </button>
      </td>
    </tr>
  );
}

function RolesForm(props: { member: StaffMember; self: boolean; committees: Committee[]; onClose: () => void; onSaved: () => Promise<void> }) {
  const { member, committees } = props;
  const { run } = useAction();
  const given = member.roles.filter((role) => role.source === 'app');
  const fromProvider = member.roles.filter((role) => role.source === 'identity_provider');
  const [choice, setChoice] = useState<RoleChoice>({
    general: GENERAL_ROLES.filter((role) => given.some((g) => g.role === role)),
    seats: given.filter((g) => g.role === 'committee_member' && g.committeeId !== null).map((g) => g.committeeId!),
  });
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  return (
    <form
      noValidate
      class="inline-form panel"
      aria-labelledby="roles-heading"
      onSubmit={async (event) => {
        event.preventDefault();
        const roles = toAssignments(choice);
        const outcome = await run(`The roles of ${member.name} were not changed.`, () => staffApi.setRoles(member.id, roles), () => `Saved the roles of ${member.name}.`);
        if (outcome.ok) await props.onSaved();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') props.onClose();
      }}
    >
      <h2 id="roles-heading" tabIndex={-1} ref={heading}>
        Roles of {member.name}
      </h2>
      {fromProvider.length ? <p>From the sign-in provider (not changed here): {fromProvider.map((role) => describeRole(role, committees)).join('; ')}.</p> : null}
      {props.self ? <p class="flag">These are your own roles: taking away your admin role here ends your access to this screen.</p> : null}
      <RoleChoices legend="Roles given in Heard" seatsLegend="Committee member of" committees={committees} value={choice} onChange={setChoice} />
      <div class="buttons">
        <button type="submit" class="primary">
          Save roles
        </button>
        <button type="button" onClick={props.onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
