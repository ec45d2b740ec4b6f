// The shell: sign-in with an API token, then navigation and the screen for the current path.
import { useEffect, useState } from 'preact/hooks';
import { api, signInWithPassword, signOut, signedIn as hasAuth, token, whenUnauthorized } from './api.js';
import { Link, match, navigate, useLocation } from './router.jsx';
import { Field, Problem, useAction } from './ui.jsx';
import { Integrations } from './pages/Integrations.jsx';
import { IntegrationFlows } from './pages/IntegrationFlows.jsx';
import { FlowPage } from './pages/Flow.jsx';
import { StepEditor } from './pages/StepEditor.jsx';
import { ErrorsPage } from './pages/Errors.jsx';
import { IntegrationJobs, JobsPage, JobPage } from './pages/Jobs.jsx';
import { Connections, ConnectionEdit } from './pages/Connections.jsx';
import { Scripts, ScriptEdit } from './pages/Scripts.jsx';
import { AuditPage } from './pages/Audit.jsx';
import { Tokens } from './pages/Tokens.jsx';

const NAV = [['/integrations', 'Integrations'], ['/connections', 'Connections'], ['/scripts', 'Scripts'],
  ['/audit', 'Audit'], ['/tokens', 'API tokens']];

const ROUTES = [
  ['/integrations', Integrations],
  ['/integrations/:id', IntegrationFlows],
  ['/integrations/:id/jobs', IntegrationJobs],
  ['/flows/:id', FlowPage],
  ['/flows/:id/jobs', JobsPage],
  ['/flows/:flowId/steps/:kind/:stepId', StepEditor],
  ['/flows/:flowId/errors/:stepId', ErrorsPage],
  ['/jobs/:id', JobPage],
  ['/connections', Connections],
  ['/connections/:id', ConnectionEdit],
  ['/scripts', Scripts],
  ['/scripts/:id', ScriptEdit],
  ['/audit', AuditPage],
  ['/tokens', Tokens],
];

export function App() {
  const [signedIn, setSignedIn] = useState(hasAuth());
  const { path, query } = useLocation();
  useEffect(() => whenUnauthorized(() => { token.clear(); setSignedIn(false); }), []);
  if (!signedIn) return <SignIn onDone={() => setSignedIn(true)} />;
  if (path === '/' || path === '') { navigate('/integrations', true); return null; }
  let screen = <NotFound />;
  for (const [pattern, Screen] of ROUTES) {
    const params = match(pattern, path);
    if (params) { screen = <Screen {...params} query={query} key={path} />; break; }
  }
  return (
    <div class="shell">
      <a class="skip" href="#main">Skip to content</a>
      <header class="top">
        <Link href="/integrations" class="brand">Tributary</Link>
        <nav aria-label="Main">
          <ul>
            {NAV.map(([href, text]) => (
              <li key={href}><Link href={href} aria-current={path.startsWith(href) ? 'page' : undefined}>{text}</Link></li>
            ))}
          </ul>
        </nav>
        <button type="button" class="link" onClick={() => signOut().then(() => setSignedIn(false))}>Sign out</button>
      </header>
      <main id="main">{screen}</main>
    </div>
  );
}

// Email and password first (people), an API token on request (scripts, first setup, admins).
function SignIn({ onDone }) {
  const [withToken, setWithToken] = useState(false);
  return (
    <main class="signin" id="main">
      <div class="card">
        <h1>Tributary</h1>
        {withToken ? <TokenSignIn onDone={onDone} /> : <PasswordSignIn onDone={onDone} />}
        <button type="button" class="link" onClick={() => setWithToken(!withToken)}>
          {withToken ? 'Sign in with email and password instead' : 'Sign in with an API token instead'}</button>
      </div>
    </main>
  );
}

function PasswordSignIn({ onDone }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction();
  const submit = (e) => {
    e.preventDefault();
    action.run(async () => {
      if (!email.trim() || !password) throw { errors: [{ message: 'Enter your email and password.' }] };
      await signInWithPassword(email.trim(), password);
      onDone();
    });
  };
  return (
    <form onSubmit={submit}>
      <p class="muted">Sign in with your email and password.</p>
      <Field label="Email" type="email" autocomplete="username" value={email} onInput={setEmail} autofocus />
      <Field label="Password" type="password" autocomplete="current-password" value={password} onInput={setPassword} />
      <Problem error={action.error} />
      <button type="submit" class="primary" disabled={action.busy}>Sign in</button>
    </form>
  );
}

function TokenSignIn({ onDone }) {
  const [value, setValue] = useState('');
  const action = useAction();
  const submit = (e) => {
    e.preventDefault();
    action.run(async () => {
      const t = value.trim();
      if (!t) throw { errors: [{ message: 'Enter an API token.' }] };
      try {
        await api('GET', '/v1/tokenInfo', undefined, t, true);
      } catch (err) {
        if (err.status === 401) throw { errors: [{ message: 'That API token was not accepted. Check it and try again.' }] };
        throw err;
      }
      token.set(t);
      onDone();
    });
  };
  return (
    <form onSubmit={submit}>
      <p class="muted">Sign in with an API token.</p>
      <Field label="API token" type="password" autocomplete="off" value={value} onInput={setValue} autofocus />
      <Problem error={action.error} />
      <button type="submit" class="primary" disabled={action.busy}>Sign in</button>
    </form>
  );
}

function NotFound() {
  return <section class="page"><h1>Not found</h1><p><Link href="/integrations">Go to Integrations</Link></p></section>;
}
