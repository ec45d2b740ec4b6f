// Connections: list with online/offline; a form for HTTP and RDBMS connections; "Test connection".
import { useState } from 'preact/hooks';
import { get, list, post, put } from '../api.js';
import { CodeEditor } from '../CodeEditor.jsx';
import { Link, navigate } from '../router.jsx';
import { Field, Loading, Page, Problem, Select, useAction, useLoad } from '../ui.jsx';

export function Connections() {
  const data = useLoad(() => list('/v1/connections'), []);
  return (
    <Page title="Connections" actions={<Link class="button primary" href="/connections/new">New connection</Link>}>
      <Problem error={data.error} />
      {data.data === undefined ? <Loading /> : data.data.length === 0 ? <p class="muted">No connections yet.</p> : (
        <table class="list">
          <thead><tr><th>Name</th><th>Type</th><th>State</th></tr></thead>
          <tbody>{data.data.map((c) => (
            <tr key={c._id}>
              <td data-label="Name"><Link href={`/connections/${c._id}`}>{c.name}</Link></td>
              <td data-label="Type">{c.type}{c.rdbms?.type ? ` (${c.rdbms.type})` : ''}</td>
              <td data-label="State"><span class={`status ${c.offline ? 'failed' : 'completed'}`}>{c.offline ? 'offline' : 'online'}</span></td>
            </tr>))}
          </tbody>
        </table>
      )}
    </Page>
  );
}

const at = (o, p) => p.split('.').reduce((v, k) => (v == null ? undefined : v[k]), o);
function setAt(doc, path, value) {
  const out = structuredClone(doc);
  const keys = path.split('.');
  let o = out;
  keys.slice(0, -1).forEach((k) => { o[k] = o[k] && typeof o[k] === 'object' ? o[k] : {}; o = o[k]; });
  if (value === '' || value === undefined) delete o[keys.at(-1)]; else o[keys.at(-1)] = value;
  return out;
}

export function ConnectionEdit({ id }) {
  const isNew = id === 'new';
  const data = useLoad(() => (isNew ? Promise.resolve({ type: 'http', name: '', http: { baseURI: '' } }) : get(`/v1/connections/${id}`)), [id]);
  if (!data.data) return <Page title="Connection"><Problem error={data.error} /><Loading /></Page>;
  return <ConnectionForm initial={data.data} isNew={isNew} />;
}

function ConnectionForm({ initial, isNew }) {
  const [doc, setDoc] = useState(initial);
  const [advanced, setAdvanced] = useState(false);
  const [text, setText] = useState('');
  const [ping, setPing] = useState(null);
  const act = useAction();
  const f = (path, label, extra = {}) => (
    <Field label={label} name={path} value={at(doc, path) ?? ''} error={act.error}
      onInput={(v) => setDoc(setAt(doc, path, extra.type === 'number' && v !== '' ? Number(v) : v))} {...extra} />);
  const setType = (type) => setDoc(type === 'rdbms'
    ? { ...doc, type, http: undefined, rdbms: doc.rdbms || { type: 'postgresql' } }
    : { ...doc, type, rdbms: undefined, http: doc.http || { baseURI: '' } });
  const save = () => act.run(async () => {
    const body = advanced ? JSON.parse(text) : doc;
    const saved = isNew ? await post('/v1/connections', body) : await put(`/v1/connections/${doc._id}`, body);
    setDoc(saved);
    if (isNew) navigate(`/connections/${saved._id}`, true);
    return saved;
  });
  const test = () => act.run(async () => {
    setPing(null);
    const r = await get(`/v1/connections/${doc._id}/ping`);
    setPing(r.code === 200 ? { ok: true, text: 'Connection test succeeded: the connection is online.' }
      : { ok: false, text: `Connection test failed: ${(r.errors || []).map((e) => e.message).join(' ')}` });
  });
  const auth = at(doc, 'http.auth.type') || '';
  return (
    <Page title={isNew ? 'New connection' : `Connection: ${initial.name}`} crumbs={<Link href="/connections">Connections</Link>}>
      {/* The JSON editor stays outside the form: see StepEditor. */}
      <div class="card editor">
      <form class="editor" id="connection-form" onSubmit={(e) => { e.preventDefault(); save(); }}>
        <Select label="Type" value={doc.type} onChange={setType} name="type"
          options={[['http', 'HTTP'], ['rdbms', 'RDBMS (PostgreSQL, MySQL, MariaDB)']]} />
        {f('name', 'Name', { required: true })}
        {doc.type === 'rdbms' ? <>
          <Select label="Database" value={at(doc, 'rdbms.type') || 'postgresql'} onChange={(v) => setDoc(setAt(doc, 'rdbms.type', v))}
            options={[['postgresql', 'PostgreSQL'], ['mysql', 'MySQL'], ['mariadb', 'MariaDB'], ['mssql', 'SQL Server']]} />
          <div class="grid2">{f('rdbms.host', 'Host')}{f('rdbms.port', 'Port', { type: 'number' })}</div>
          {f('rdbms.database', 'Database name')}
          <div class="grid2">{f('rdbms.user', 'User')}{f('rdbms.password', 'Password', { type: 'password', autocomplete: 'new-password' })}</div>
        </> : <>
          {f('http.baseURI', 'Base URI', { type: 'url', placeholder: 'https://api.example.com' })}
          <Select label="Authentication" value={auth} onChange={(v) => setDoc(setAt(doc, 'http.auth', v ? { type: v } : undefined))}
            options={[['', 'None'], ['basic', 'Basic (user and password)'], ['token', 'Token']]} />
          {auth === 'basic' ? <div class="grid2">{f('http.auth.basic.username', 'User name')}
            {f('http.auth.basic.password', 'Password', { type: 'password', autocomplete: 'new-password' })}</div> : null}
          {auth === 'token' ? f('http.auth.token.token', 'Token', { type: 'password', autocomplete: 'new-password' }) : null}
        </>}
      </form>
        <details onToggle={(e) => { setAdvanced(e.currentTarget.open); setText(JSON.stringify(doc, null, 2)); }}>
          <summary>Edit as JSON</summary>
          {advanced ? <CodeEditor label="JSON" value={text} onChange={setText} messages={act.error?.errors || []} /> : null}
        </details>
        <Problem error={act.error} />
        {ping ? <p role="status" class={ping.ok ? 'note ok' : 'note bad'}>{ping.text}</p> : null}
        <div class="actions">
          <button type="submit" form="connection-form" class="primary" disabled={act.busy}>Save</button>
          <button type="button" onClick={test} disabled={act.busy || !doc._id} title={doc._id ? '' : 'Save the connection first'}>Test connection</button>
        </div>
      </div>
    </Page>
  );
}
