/** The staff app: sign-in, then a navigation of the screens the signed-in staff member's roles allow. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, me } from './api.ts';
import { ScreenHeading } from './components.tsx';
import { NoticeProvider, NoticeRegion, useNotice } from './notice.tsx';
import { ROLE_LABELS, screensFor, type ScreenName } from './roles.ts';
import { href, useRoute } from './router.ts';
import { AgendaItemScreen } from './screens/agenda-item.tsx';
import { AuditScreen } from './screens/audit.tsx';
import { JobsScreen } from './screens/jobs.tsx';
import { CommitteesScreen } from './screens/committees.tsx';
import { GroupsScreen } from './screens/groups.tsx';
import { QueueScreen } from './screens/queue.tsx';
import { ReportScreen } from './screens/report.tsx';
import { ReportsScreen } from './screens/reports.tsx';
import { SafeguardingScreen } from './screens/safeguarding.tsx';
import { ScreeningReviewsScreen } from './screens/screening-reviews.tsx';
import { SignIn } from './screens/sign-in.tsx';
import { StaffScreen } from './screens/staff.tsx';
import { SurveysScreen } from './screens/surveys.tsx';
import type { Me } from './types.ts';

export function App() {
  const [user, setUser] = useState<Me | null>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    me().then(
      (result) => setUser(result ?? null),
      () => {
        setFailed(true);
        setUser(null);
      },
    );
  }, []);
  if (user === undefined) return <p class="pad">Loading…</p>;
  if (user === null) return <SignIn failed={failed} />;
  return (
    <NoticeProvider>
      <Shell user={user} />
    </NoticeProvider>
  );
}

function Shell(props: { user: Me }) {
  const { user } = props;
  const route = useRoute();
  const notice = useNotice();
  const allowed = screensFor(user);
  const screen: ScreenName | undefined = route.screen ?? allowed[0]?.name;
  const permitted = allowed.some((candidate) => candidate.name === screen);
  const first = useRef(true);

  // A new screen: clear the last screen's message and move focus to the new heading, as a page load would.
  useEffect(() => {
    const label = allowed.find((candidate) => candidate.name === screen)?.label;
    document.title = label ? `${label}: Heard staff` : 'Heard: staff';
    if (first.current) {
      first.current = false;
      return;
    }
    notice.clear();
    document.querySelector<HTMLElement>('[data-screen-heading]')?.focus();
  }, [screen, route.param]);

  return (
    <>
      <a class="skip" href="#main" onClick={(event) => (event.preventDefault(), document.getElementById('main')?.focus())}>
        Skip to content
      </a>
      <header class="bar">
        <span class="brand">Heard: staff</span>
        <span class="who" data-testid="who">
          {user.name} <span class="roles">({[...new Set(user.roles.map((role) => ROLE_LABELS[role]))].join(', ') || 'no role'})</span>
        </span>
        <form method="post" action="/auth/logout">
          <input type="hidden" name="csrf" value={api.csrf()} />
          <button type="submit" class="on-dark">
            Sign out
          </button>
        </form>
      </header>
      {allowed.length > 0 ? (
        <nav aria-label="Screens" class="nav">
          <ul>
            {allowed.map((candidate) => (
              <li key={candidate.name}>
                <a href={href(candidate.name)} aria-current={candidate.name === screen ? 'page' : undefined}>
                  {candidate.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <main id="main" tabIndex={-1}>
        <NoticeRegion />
        {!screen ? (
          <section class="pad">
            <ScreenHeading>Nothing to show yet</ScreenHeading>
            <p>Your account has no role in Heard yet. Ask an admin to give you one, then sign in again.</p>
          </section>
        ) : !permitted ? (
          <section class="pad">
            <ScreenHeading>Not for your role</ScreenHeading>
            <p>This screen is not part of your role. Choose one of the screens above.</p>
          </section>
        ) : (
          <Screen name={screen} param={route.param} user={user} />
        )}
      </main>
    </>
  );
}

function Screen(props: { name: ScreenName; param: string | undefined; user: Me }) {
  switch (props.name) {
    case 'queue':
      return <QueueScreen user={props.user} param={props.param} />;
    case 'safeguarding':
      return <SafeguardingScreen user={props.user} param={props.param} />;
    case 'screening':
      return <ScreeningReviewsScreen />;
    case 'committees':
      if (props.param?.startsWith('item/')) {
        const id = props.param.slice('item/'.length);
        return <AgendaItemScreen key={id} id={id} user={props.user} />;
      }
      return <CommitteesScreen user={props.user} />;
    case 'groups':
      return <GroupsScreen />;
    case 'surveys':
      return <SurveysScreen param={props.param} user={props.user} />;
    case 'reports':
      return props.param ? <ReportScreen key={props.param} id={props.param} user={props.user} /> : <ReportsScreen user={props.user} />;
    case 'audit':
      return <AuditScreen />;
    case 'staff':
      return <StaffScreen user={props.user} />;
    case 'jobs':
      return <JobsScreen />;
  }
}
