/** The development sign-in provider's demo staff, one per role. Kept apart so printing them does not load the provider. */
import type { StaffRoleName } from '../config.ts';

export type DemoAccount = { login: string; name: string; email: string; roles: StaffRoleName[] };

/** Type the login at the development sign-in page; any password is accepted. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { login: 'worker', name: 'Wren Parker', email: 'worker@heard.test', roles: ['participation_worker'] },
  { login: 'lead', name: 'Lee Adebayo', email: 'lead@heard.test', roles: ['safeguarding_lead', 'participation_worker'] },
  { login: 'committee', name: 'Chris Morgan', email: 'committee@heard.test', roles: ['committee_member'] },
  { login: 'admin', name: 'Ash Patel', email: 'admin@heard.test', roles: ['admin'] },
];
