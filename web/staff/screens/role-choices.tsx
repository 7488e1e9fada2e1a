/** The role and committee-seat checkboxes shared by "Change roles" and "Invite by email" on the Staff and roles screen. */
import { ROLE_LABELS } from '../roles.ts';
import type { Committee, Role, RoleAssignment, StaffRole } from '../types.ts';

export const GENERAL_ROLES: Role[] = ['participation_worker', 'safeguarding_lead', 'admin'];

export type RoleChoice = { general: Role[]; seats: number[] };

export function toAssignments(choice: RoleChoice): RoleAssignment[] {
  return [...choice.general.map((role) => ({ role })), ...choice.seats.map((committeeId) => ({ role: 'committee_member' as const, committeeId }))];
}

/** "Committee member: Executive", with "(from sign-in)" for roles the identity provider gives. */
export function describeRole(role: Pick<StaffRole, 'role' | 'committeeId'> & { source?: StaffRole['source'] }, committees: Committee[]): string {
  const committee = role.committeeId === null ? undefined : committees.find((c) => c.id === role.committeeId);
  const name = role.role === 'committee_member' && role.committeeId !== null ? `${ROLE_LABELS[role.role]}: ${committee?.title ?? `committee ${role.committeeId}`}` : ROLE_LABELS[role.role];
  return role.source === 'identity_provider' ? `${name} (from sign-in)` : name;
}

const toggle = <T,>(list: T[], value: T, on: boolean) => (on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value));

export function RoleChoices(props: { legend: string; seatsLegend: string; committees: Committee[]; value: RoleChoice; onChange: (value: RoleChoice) => void }) {
  const { general, seats } = props.value;
  return (
    <>
      <fieldset>
        <legend>{props.legend}</legend>
        {GENERAL_ROLES.map((role) => (
          <label class="check" key={role}>
            <input type="checkbox" checked={general.includes(role)} onChange={(event) => props.onChange({ general: toggle(general, role, event.currentTarget.checked), seats })} />{' '}
            {ROLE_LABELS[role]}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{props.seatsLegend}</legend>
        {props.committees.map((committee) => (
          <label class="check" key={committee.id}>
            <input type="checkbox" checked={seats.includes(committee.id)} onChange={(event) => props.onChange({ general, seats: toggle(seats, committee.id, event.currentTarget.checked) })} />{' '}
            {committee.title}
          </label>
        ))}
      </fieldset>
    </>
  );
}
