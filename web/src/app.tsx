// The shell: who is signed in, which hash route is showing, and the header around pages.
// A 401 from any call sends the person to #/login?next=<where they were> and back after.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError } from './api';
import { loginHash, parseRoute, type Route } from './router';
import { api, messageOf } from './session';
import type { User } from './types';
import { Login } from './pages/login';
import { Projects } from './pages/projects';
import { ProjectPage } from './pages/project';
import { Annotate } from './pages/annotate';
import { TasksPage } from './pages/tasks';
import { ReviewPage } from './pages/review';
import { AgreementPage } from './pages/agreement';
import { DashboardPage } from './pages/dashboard';
import { GoldPage } from './pages/gold';
import { AdjudicationPage } from './pages/adjudication';
import { RoutingPage } from './pages/routing';
import { DatasheetPage } from './pages/datasheet';
import { PayPage } from './pages/pay';
import { WellbeingPage } from './pages/wellbeing';
import { DiversityPage } from './pages/diversity';
import { DraftsPage } from './pages/drafts';
import { Join } from './pages/join';
import { Account } from './pages/account';
import { People } from './pages/people';
import { canManage } from './pages/projects';

function currentRoute(): Route {
  return parseRoute(window.location.hash);
}

// Pages a person without a session may see.
const isPublicHash = (hash: string) => hash.startsWith('#/login') || hash.startsWith('#/join');

function goToLogin() {
  if (!isPublicHash(window.location.hash)) {
    window.location.hash = loginHash(window.location.hash || '#/projects');
  }
}

export function App() {
  const [route, setRoute] = useState<Route>(currentRoute);
  // undefined: still asking the server who is signed in.
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [fatal, setFatal] = useState<string | null>(null);

  useEffect(() => {
    const onHash = () => setRoute(currentRoute());
    window.addEventListener('hashchange', onHash);
    api.onUnauthorized = () => {
      setUser(null);
      goToLogin();
    };
    api
      .me()
      .then(setUser)
      .catch((error: unknown) => {
        setUser(null);
        if (error instanceof ApiError && error.status === 401) goToLogin();
        else setFatal(messageOf(error));
      });
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const onLoggedIn = useCallback((signedIn: User, next: string) => {
    setUser(signedIn);
    window.location.hash = next;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setUser(null);
      window.location.hash = '#/login';
    }
  }, []);

  const onJoined = useCallback((joined: User) => {
    setUser(joined);
    window.location.hash = '#/projects';
  }, []);

  let page;
  if (route.name === 'login') {
    page = <Login next={route.next} onLoggedIn={onLoggedIn} />;
  } else if (route.name === 'join') {
    page = <Join token={route.token} onJoined={onJoined} />;
  } else if (fatal !== null) {
    page = (
      <p class="error" role="alert">
        The server could not be reached: {fatal}
      </p>
    );
  } else if (user === undefined) {
    page = <p class="muted">Loading…</p>;
  } else if (user === null) {
    page = <p class="muted">Signing in…</p>;
  } else if (route.name === 'projects') {
    page = <Projects user={user} />;
  } else if (route.name === 'project') {
    page = <ProjectPage id={route.id} user={user} />;
  } else if (route.name === 'account') {
    page = (
      <Account
        onPasswordChanged={() => {
          setUser(null);
          window.location.hash = '#/login';
        }}
      />
    );
  } else if (route.name === 'people' && canManage(user)) {
    page = <People user={user} />;
  } else if (route.name === 'tasks') {
    page = <TasksPage id={route.id} user={user} key={String(route.id)} />;
  } else if (route.name === 'review') {
    page = <ReviewPage id={route.id} user={user} key={String(route.id)} />;
  } else if (route.name === 'gold') {
    page = <GoldPage id={route.id} user={user} key={String(route.id)} />;
  } else if (route.name === 'adjudication') {
    page = <AdjudicationPage id={route.id} user={user} key={String(route.id)} />;
  } else if (route.name === 'agreement') {
    page = <AgreementPage id={route.id} user={user} key={String(route.id)} />;
  } else if (route.name === 'routing') {
    page = <RoutingPage id={route.id} user={user} key={String(route.id)} />;
  } else if (route.name === 'dashboard') {
    page = <DashboardPage id={route.id} user={user} key={String(route.id)} />;
  } else if (route.name === 'datasheet') {
    page = <DatasheetPage id={route.id} user={user} key={String(route.id)} />;
  } else if (route.name === 'pay') {
    page = <PayPage id={route.id} user={user} key={String(route.id)} />;
  } else if (route.name === 'wellbeing') {
    page = <WellbeingPage id={route.id} user={user} key={String(route.id)} />;
  } else if (route.name === 'diversity') {
    page = <DiversityPage id={route.id} user={user} key={String(route.id)} />;
  } else if (route.name === 'drafts') {
    page = <DraftsPage id={route.id} user={user} key={String(route.id)} />;
  } else if (route.name === 'annotate') {
    page = <Annotate id={route.id} key={String(route.id)} />;
  } else {
    page = (
      <section>
        <h1>Not found</h1>
        <p>
          Nothing lives at this address. <a href="#/projects">Go to the projects</a>.
        </p>
      </section>
    );
  }

  return (
    <>
      <header class="topbar">
        <a class="brand" href="#/projects">
          Chorus
        </a>
        {user ? (
          <nav aria-label="Account" class="account">
            <a href="#/projects">Projects</a>
            {canManage(user) ? <a href="#/people">People</a> : null}
            <a href="#/account" title={`${user.role}: your account, API tokens and password`}>
              {user.display_name || user.email}
            </a>
            <button type="button" class="link" onClick={logout}>
              Sign out
            </button>
          </nav>
        ) : null}
      </header>
      <main id="main">{page}</main>
    </>
  );
}
