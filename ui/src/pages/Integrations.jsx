// Integrations: list with their flow and open-error counts; create, rename, delete.
import { useState } from 'preact/hooks';
import { del, get, list, patch, post, replaceOps } from '../api.js';
import { Link } from '../router.jsx';
import { Field, Loading, Page, Problem, useAction, useLoad } from '../ui.jsx';

async function load() {
  const [integrations, flows] = await Promise.all([list('/v1/integrations'), list('/v1/flows')]);
  const errors = await Promise.all(integrations.map((i) => get(`/v1/integrations/${i._id}/errors`).catch(() => [])));
  return integrations.map((i, n) => ({
    ...i,
    flows: flows.filter((f) => f._integrationId === i._id).length,
    openErrors: (errors[n] || []).reduce((s, e) => s + (e.numError || 0), 0),
  })).concat([{ _id: 'standalone', name: 'Standalone flows', standalone: true,
    flows: flows.filter((f) => !f._integrationId).length }]);
}

export function Integrations() {
  const data = useLoad(load, []);
  const [name, setName] = useState('');
  const create = useAction();
  const submit = (e) => {
    e.preventDefault();
    create.run(async () => { await post('/v1/integrations', { name }); setName(''); data.reload(); });
  };
  return (
    <Page title="Integrations">
      <form class="inline-form" onSubmit={submit} aria-label="New integration">
        <Field label="New integration name" name="name" value={name} onInput={setName} error={create.error} required />
        <button type="submit" class="primary" disabled={create.busy}>Create integration</button>
      </form>
      <Problem error={create.error} />
      <Problem error={data.error} />
      {data.data === undefined ? <Loading /> : (
        <table class="list">
          <thead><tr><th>Name</th><th>Flows</th><th>Open errors</th><th><span class="sr-only">Actions</span></th></tr></thead>
          <tbody>{data.data.map((i) => <Row key={i._id} integration={i} reload={data.reload} />)}</tbody>
        </table>
      )}
    </Page>
  );
}

function Row({ integration: i, reload }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(i.name);
  const act = useAction();
  const rename = (e) => {
    e.preventDefault();
    act.run(async () => { await patch(`/v1/integrations/${i._id}`, replaceOps({ name })); setEditing(false); reload(); });
  };
  const remove = () => {
    if (!confirm(`Delete the integration "${i.name}"?`)) return;
    act.run(async () => { await del(`/v1/integrations/${i._id}`); reload(); });
  };
  return (
    <tr>
      <td data-label="Name">
        {editing ? (
          <form class="inline-form" onSubmit={rename}>
            <Field label="Name" name="name" value={name} onInput={setName} error={act.error} />
            <button type="submit">Save</button>
            <button type="button" onClick={() => setEditing(false)}>Cancel</button>
          </form>
        ) : <Link href={`/integrations/${i._id}`}>{i.name}</Link>}
        <Problem error={act.error} />
      </td>
      <td data-label="Flows">{i.flows}</td>
      <td data-label="Open errors">{i.standalone ? '' : i.openErrors}</td>
      <td class="row-actions">
        {i.standalone || editing ? null : <>
          <button type="button" onClick={() => setEditing(true)} aria-label={`Rename ${i.name}`}>Rename</button>
          <button type="button" class="danger" onClick={remove} aria-label={`Delete ${i.name}`}>Delete</button>
        </>}
      </td>
    </tr>
  );
}
