// The flows of an integration (or the standalone flows): enabled toggle, schedule and next run, last job,
// open errors; Run, Clone, Download template; create a flow.
import { useState } from 'preact/hooks';
import { get, list, patch, post, replaceOps } from '../api.js';
import { Link, navigate } from '../router.jsx';
import { Field, Loading, Page, Problem, Status, useAction, useLoad, when } from '../ui.jsx';

async function load(id) {
  const standalone = id === 'standalone';
  const integration = standalone ? { name: 'Standalone flows' } : await get(`/v1/integrations/${id}`);
  const all = standalone ? (await list('/v1/flows')).filter((f) => !f._integrationId) : await list(`/v1/integrations/${id}/flows`);
  const flows = await Promise.all(all.map(async (f) => {
    const [latest, errors] = await Promise.all([
      get(`/v1/flows/${f._id}/jobs/latest`).catch(() => []),
      get(`/v1/flows/${f._id}/errors`).catch(() => ({ flowErrors: [] })),
    ]);
    return { ...f, job: (latest || [])[0], openErrors: (errors?.flowErrors || []).reduce((s, e) => s + e.numError, 0) };
  }));
  return { integration, flows };
}

export function IntegrationFlows({ id }) {
  const data = useLoad(() => load(id), [id], 5000);
  const [name, setName] = useState('');
  const create = useAction();
  const submit = (e) => {
    e.preventDefault();
    create.run(async () => {
      const body = { name, disabled: true, pageGenerators: [], pageProcessors: [] };
      if (id !== 'standalone') body._integrationId = id;
      const flow = await post('/v1/flows', body);
      navigate(`/flows/${flow._id}`);
    });
  };
  const title = data.data?.integration.name || 'Integration';
  return (
    <Page title={title} crumbs={<Link href="/integrations">Integrations</Link>}
      actions={id === 'standalone' ? null : <Link class="button" href={`/integrations/${id}/jobs`}>Jobs</Link>}>
      <form class="inline-form" onSubmit={submit} aria-label="New flow">
        <Field label="New flow name" name="name" value={name} onInput={setName} error={create.error} required />
        <button type="submit" class="primary" disabled={create.busy}>Create flow</button>
      </form>
      <Problem error={create.error} />
      <Problem error={data.error} />
      {data.data === undefined ? <Loading /> : data.data.flows.length === 0 ? <p class="muted">No flows yet.</p> : (
        <table class="list">
          <thead><tr><th>Flow</th><th>Enabled</th><th>Schedule</th><th>Last run</th><th>Open errors</th><th><span class="sr-only">Actions</span></th></tr></thead>
          <tbody>{data.data.flows.map((f) => <FlowRow key={f._id} flow={f} integrationId={id} reload={data.reload} />)}</tbody>
        </table>
      )}
    </Page>
  );
}

function FlowRow({ flow: f, integrationId, reload }) {
  const act = useAction();
  const [note, setNote] = useState(null);
  const toggle = () => act.run(async () => { await patch(`/v1/flows/${f._id}`, replaceOps({ disabled: !f.disabled })); reload(); });
  const run = () => act.run(async () => { const r = await post(`/v1/flows/${f._id}/run`); navigate(`/jobs/${r._jobId}`); });
  const clone = () => act.run(async () => {
    const deps = await get(`/v1/flows/${f._id}/dependencies`);
    const connectionMap = Object.fromEntries((deps.connections || []).map((c) => [c._id, c._id]));
    const body = { name: `Clone - ${f.name}`, connectionMap };
    if (integrationId !== 'standalone') body._integrationId = integrationId;
    await post(`/v1/flows/${f._id}/clone`, body);
    setNote(`Cloned as "Clone - ${f.name}".`);
    reload();
  });
  const template = () => act.run(async () => {
    const r = await get(`/v1/flows/${f._id}/template`);
    const a = document.createElement('a');
    a.href = r.signedURL; a.download = ''; document.body.appendChild(a); a.click(); a.remove();
  });
  return (
    <tr>
      <td data-label="Flow"><Link href={`/flows/${f._id}`}>{f.name}</Link>
        {note ? <p class="muted" role="status">{note}</p> : null}<Problem error={act.error} /></td>
      <td data-label="Enabled">
        <label class="switch"><input type="checkbox" checked={!f.disabled} onChange={toggle} disabled={act.busy} />
          <span>{f.disabled ? 'Disabled' : 'Enabled'}</span><span class="sr-only"> {f.name}</span></label>
      </td>
      <td data-label="Schedule">{f.schedule ? <><code>{f.schedule}</code><br /><small>next {when(f.nextRunAt)}</small></> : <span class="muted">on demand</span>}</td>
      <td data-label="Last run">{f.job ? <><Status status={f.job.status} /> <small>{when(f.job.endedAt || f.job.startedAt || f.job.createdAt)}</small></> : <Status />}</td>
      <td data-label="Open errors">{f.openErrors}</td>
      <td class="row-actions">
        <button type="button" class="primary" onClick={run} disabled={act.busy} aria-label={`Run ${f.name}`}>Run</button>
        <button type="button" onClick={clone} disabled={act.busy} aria-label={`Clone ${f.name}`}>Clone</button>
        <button type="button" onClick={template} disabled={act.busy} aria-label={`Download template of ${f.name}`}>Download template</button>
      </td>
    </tr>
  );
}
