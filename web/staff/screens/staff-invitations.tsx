/**
 * Invite by email (admins): roles and committee seats given to someone who has not signed in yet, taken up at their
 * first sign-in with that email; and the invitations still waiting, each of which can be withdrawn.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { staffApi } from '../api-admin.ts';
import { Field, TableRegion } from '../components.tsx';
import { when } from '../format.ts';
import { useAction } from '../hooks.ts';
import { useNotice } from '../notice.tsx';
import type { Committee, Invitation } from '../types.ts';
import { describeRole, RoleChoices, toAssignments, type RoleChoice } from './role-choices.tsx';

const NONE: RoleChoice = { general: [], seats: [] };

export function Invitations(props: { committees: Committee[] }) {
  const notice = useNotice();
  const { run } = useAction();
  const [invitations, setInvitations] = useState<Invitation[]>();
  const [email, setEmail] = useState('');
  const [emailError, setEmailError] = useState<string>();
  const [choice, setChoice] = useState<RoleChoice>(NONE);
  const load = async () => {
    try {
      setInvitations((await staffApi.invitations()).invitations);
    } catch (error) {
      notice.fail('The invitations could not be loaded.', error);
    }
  };
  useEffect(() => {
    void load();
  }, []);

  return (
    <>
      <form
        noValidate
        class="inline-form panel"
        aria-labelledby="invite-heading"
        onSubmit={async (event) => {
          event.preventDefault();
          const roles = toAssignments(choice);
          const address = email.trim();
          if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) return setEmailError('Enter an email address, like name@example.org.');
          setEmailError(undefined);
          if (roles.length === 0) return notice.warn('Nobody was invited: choose at least one role or committee.');
          try {
            await staffApi.invite(address, roles);
            notice.ok(`Invited ${address.toLowerCase()}. They get these roles when they first sign in with that email.`);
            setEmail('');
            setChoice(NONE);
            await load();
          } catch (error) {
            notice.fail(`${address} was not invited.`, error);
            if (error instanceof ApiError) setEmailError(error.errors.find((problem) => problem.pointer === '/email')?.detail);
          }
        }}
      >
        <h2 id="invite-heading">Invite by email</h2>
        <p>Give roles to someone before they first sign in. Heard sends no email: tell them to sign in with this address.</p>
        <Field label="Email" type="email" value={email} onValue={setEmail} required maxLength={254} error={emailError} />
        <RoleChoices legend="Roles" seatsLegend="Committee seats" committees={props.committees} value={choice} onChange={setChoice} />
        <button type="submit" class="primary">
          Invite
        </button>
      </form>
      <h2>Waiting for a first sign-in</h2>
      {invitations === undefined ? (
        <p>Loading…</p>
      ) : invitations.length === 0 ? (
        <p>Nobody is waiting.</p>
      ) : (
        <TableRegion label="Invitations">
          <table>
            <caption class="visually-hidden">Roles given by email, waiting for a first sign-in</caption>
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Invited</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((invitation) => {
                const role = describeRole(invitation, props.committees);
                return (
                  <tr key={invitation.id} data-testid="invitation-row">
                    <th scope="row">{invitation.email}</th>
                    <td>{role}</td>
                    <td>{when(invitation.invitedAt)}</td>
                    <td>
                      <button
                        type="button"
                        aria-label={`Withdraw: ${role} for ${invitation.email}`}
                        onClick={async () => {
                          const outcome = await run('The invitation was not withdrawn.', () => staffApi.withdrawInvitation(invitation.id), () => `Withdrew ${role} for ${invitation.email}.`);
                          if (outcome.ok) await load();
                        }}
                      >
                        Withdraw
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableRegion>
      )}
    </>
  );
}
