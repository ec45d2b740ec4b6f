// API tokens: list, create (full access is the only scope the API offers), revoke.
import { useState } from 'preact/hooks';
import { del, list, post } from '../api.js';
import { Field, Loading, Page, Problem, useAction, useLoad, when } from '../ui.jsx';

export function Tokens() {
  const data = useLoad(() => list('/v1/accesstokens'), []);
  const [name, setName] = useState('');
  const [expires, setExpires] = useState('');
  const [created, setCreated] = useState(null);
  const act = useAction();
  const create = (e) => {
    e.preventDefault();
    act.run(async () => {
      const body = { name, scope: '*' };
      if (expires) body.expiresAt = new Date(expires).toISOString();
      const t = await post('/v1/accesstokens', body);
      setCreated(t); setName(''); setExpires(''); data.reload();
    });
  };
  const revoke = (t) => {
    if (!confirm(`Revoke the token "${t.name}"? Programs using it stop working.`)) return;
    act.run(async () => { await del(`/v1/accesstokens/${t._id}`); data.reload(); });
  };
  return (
    <Page title="API tokens">
      <form class="inline-form" onSubmit={create} aria-label="New API token">
        <Field label="Token name" name="name" value={name} onInput={setName} error={act.error} required />
        <Field label="Expires (optional)" name="expiresAt" type="datetime-local" value={expires} onInput={setExpires} error={act.error} />
        <button type="submit" class="primary" disabled={act.busy}>Create token</button>
      </form>
      <p class="muted">Scope: full access (the only scope offered for now).</p>
      {created ? <div class="note ok" role="status"><p>Token "{created.name}" created. Copy it now; it is not shown again:</p>
        <code class="secret">{created.token}</code></div> : null}
      <Problem error={act.error || data.error} />
      {data.data === undefined ? <Loading /> : (
        <table class="list">
          <thead><tr><th>Name</th><th>Created</th><th>Expires</th><th>State</th><th><span class="sr-only">Actions</span></th></tr></thead>
          <tbody>{data.data.map((t) => (
            <tr key={t._id}>
              <td data-label="Name">{t.name}</td>
              <td data-label="Created">{when(t.createdAt)}</td>
              <td data-label="Expires">{t.expiresAt ? when(t.expiresAt) : 'never'}</td>
              <td data-label="State">{t.revoked ? `revoked ${when(t.revokedAt)}` : 'active'}</td>
              <td>{t.revoked ? null : <button type="button" class="danger" onClick={() => revoke(t)} aria-label={`Revoke ${t.name}`}>Revoke</button>}</td>
            </tr>))}
          </tbody>
        </table>
      )}
    </Page>
  );
}
